import type { ForeignKeyInfo, SchemaIntrospector } from '../../dialect.js';
import type { SqlDriver } from '../../driver.js';
import { makeTableInfo, type ColumnInfo, type TableInfo } from '../../table-info.js';

/**
 * True for declared types that hold numbers a model may use as coefficients or bounds: SQLite's
 * INTEGER/REAL/NUMERIC affinities (any type naming INT, REAL, FLOA, DOUB, NUM or DEC), but not
 * dates or booleans, which SQLite also stores as numbers.
 */
function isNumericType(type: string): boolean {
  const t = type.toUpperCase();
  return /INT|REAL|FLOA|DOUB|NUM|DEC/.test(t) && !/DATE|TIME|BOOL/.test(t);
}

/** The schema entry of a table or view, matched case-insensitively as SQLite matches names. */
async function masterEntry(driver: SqlDriver, name: string): Promise<{ name: string; type: 'table' | 'view' } | undefined> {
  const rows = await driver.all<{ name: string; type: 'table' | 'view' }>(
    "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE",
    [name],
  );
  return rows[0];
}

/**
 * SQLite's schema introspector: `sqlite_master` for tables and views, the table-valued pragmas
 * `pragma_table_info(?)` and `pragma_foreign_key_list(?)` (the name bound as a parameter) for
 * columns and foreign keys.
 */
export const sqliteIntrospector: SchemaIntrospector = {
  async table(driver, name): Promise<TableInfo | null> {
    const entry = await masterEntry(driver, name);
    if (entry === undefined) return null;
    const rows = await driver.all<{ name: string; type: string | null; notnull: number; pk: number }>('SELECT name, type, "notnull", pk FROM pragma_table_info(?)', [
      entry.name,
    ]);
    const columns: ColumnInfo[] = rows.map((r) => ({
      name: r.name,
      type: (r.type ?? '').toUpperCase(),
      notNull: r.notnull === 1,
      pk: r.pk,
      numeric: isNumericType(r.type ?? ''),
    }));
    return makeTableInfo(entry.name, entry.type, columns);
  },
  async tableExists(driver, name) {
    return (await masterEntry(driver, name)) !== undefined;
  },
  async listTables(driver) {
    const rows = await driver.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    return rows.map((r) => r.name);
  },
  async foreignKeys(driver, table): Promise<ForeignKeyInfo[]> {
    const rows = await driver.all<{ id: number; seq: number; table: string; from: string; to: string | null }>(
      'SELECT id, seq, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq',
      [table],
    );
    const byId = new Map<number, { columns: string[]; parentTable: string; parentColumns: (string | null)[] }>();
    for (const r of rows) {
      let fk = byId.get(r.id);
      if (fk === undefined) {
        fk = { columns: [], parentTable: r.table, parentColumns: [] };
        byId.set(r.id, fk);
      }
      fk.columns.push(r.from);
      fk.parentColumns.push(r.to);
    }
    return [...byId.values()];
  },
};
