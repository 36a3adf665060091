import type { ForeignKeyInfo, SchemaIntrospector } from '../../dialect.js';
import type { SqlDriver } from '../../driver.js';
import { makeTableInfo, type ColumnInfo, type TableInfo } from '../../table-info.js';

/** True for the types a model may use as coefficients or bounds: integers, floats, numeric; not booleans or dates. */
function isNumericType(type: string): boolean {
  return /^(SMALLINT|INTEGER|BIGINT|REAL|DOUBLE PRECISION|NUMERIC|DECIMAL)\b/.test(type);
}

interface Relation {
  readonly oid: number;
  readonly name: string;
  readonly kind: 'table' | 'view';
}

/**
 * A table or view of the current schema by name: the exact name first, else the one name that
 * matches case-insensitively, so that `products` finds a table created as `"Products"` as SQLite
 * would (PostgreSQL folds unquoted names to lower case and keeps quoted ones as written).
 */
async function relation(driver: SqlDriver, name: string): Promise<Relation | undefined> {
  const rows = await driver.all<{ oid: number | string; name: string; relkind: string }>(
    `SELECT c.oid::int8 AS oid, c.relname AS name, c.relkind AS relkind
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND lower(c.relname) = lower($1)
      ORDER BY (c.relname = $1) DESC, c.relname LIMIT 2`,
    [name],
  );
  const [first, second] = rows;
  if (first === undefined) return undefined;
  // Two names differing only in case, neither written as asked: no way to tell which is meant.
  if (first.name !== name && second !== undefined) return undefined;
  return { oid: Number(first.oid), name: first.name, kind: first.relkind === 'v' || first.relkind === 'm' ? 'view' : 'table' };
}

/**
 * PostgreSQL's schema introspector: `pg_catalog` (`pg_class`, `pg_attribute`, `pg_index`,
 * `pg_constraint`) for a relation's columns, key and foreign keys in the current schema,
 * `information_schema.tables` for the user tables. Names are bound as parameters.
 */
export const postgresIntrospector: SchemaIntrospector = {
  async table(driver, name): Promise<TableInfo | null> {
    const rel = await relation(driver, name);
    if (rel === undefined) return null;
    const rows = await driver.all<{ name: string; type: string; notnull: boolean; pk: number | string }>(
      `SELECT a.attname AS name, upper(format_type(a.atttypid, a.atttypmod)) AS type, a.attnotnull AS notnull,
              COALESCE((SELECT k.ord FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) WHERE k.attnum = a.attnum), 0) AS pk
         FROM pg_catalog.pg_attribute a
         LEFT JOIN pg_catalog.pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
        WHERE a.attrelid = $1::int8::oid AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum`,
      [rel.oid],
    );
    const columns: ColumnInfo[] = rows.map((r) => ({ name: r.name, type: r.type, notNull: r.notnull === true, pk: Number(r.pk), numeric: isNumericType(r.type) }));
    return makeTableInfo(rel.name, rel.kind, columns);
  },
  async tableExists(driver, name) {
    return (await relation(driver, name)) !== undefined;
  },
  async listTables(driver) {
    const rows = await driver.all<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE "C"`,
    );
    return rows.map((r) => r.name);
  },
  async foreignKeys(driver, table): Promise<ForeignKeyInfo[]> {
    const rel = await relation(driver, table);
    if (rel === undefined) return [];
    const rows = await driver.all<{ conname: string; parent: string; col: string; parent_col: string }>(
      `SELECT con.conname, pc.relname AS parent, a.attname AS col, pa.attname AS parent_col
         FROM pg_catalog.pg_constraint con
         JOIN pg_catalog.pg_class pc ON pc.oid = con.confrelid
         CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, pattnum, ord)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
         JOIN pg_catalog.pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.pattnum
        WHERE con.contype = 'f' AND con.conrelid = $1::int8::oid
        ORDER BY con.conname, k.ord`,
      [rel.oid],
    );
    const byName = new Map<string, { columns: string[]; parentTable: string; parentColumns: (string | null)[] }>();
    for (const r of rows) {
      let fk = byName.get(r.conname);
      if (fk === undefined) {
        fk = { columns: [], parentTable: r.parent, parentColumns: [] };
        byName.set(r.conname, fk);
      }
      fk.columns.push(r.col);
      fk.parentColumns.push(r.parent_col);
    }
    return [...byName.values()];
  },
};
