import { LumixError, assertSqlIdentifier } from '@lumix/core';
import type { SqlConnection } from './sql-connection.js';

/** A column as `PRAGMA table_info` describes it. */
export interface ColumnInfo {
  readonly name: string;
  /** Declared type, upper case (`INTEGER`, `REAL`, `TEXT`, `DATETIME`, ...). */
  readonly type: string;
  readonly notNull: boolean;
  /** Position in the primary key (1-based), 0 when not part of it. */
  readonly pk: number;
  /** Holds numbers by declaration (INTEGER/REAL/NUMERIC affinity, not dates or booleans). */
  readonly numeric: boolean;
}

/** What an adapter knows about a table or view. */
export interface TableInfo {
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly columns: readonly ColumnInfo[];
  /** Primary key columns in key order; empty for views and tables without one. */
  readonly primaryKey: readonly string[];
  /** Looks a column up by name, case-insensitively (as SQLite does). */
  column(name: string): ColumnInfo | undefined;
}

/** How an adapter's users create and migrate tables, quoted in schema messages. */
export interface SchemaHints {
  /** E.g. `createTables`, or `createTables or sequelize.sync()`. */
  readonly create: string;
  /** E.g. `ALTER TABLE ... ADD COLUMN, see the README`. */
  readonly migrate: string;
}

/** Adapter-building helper: true for declared types that hold numbers a model may use as coefficients or bounds. */
export function isNumericType(type: string): boolean {
  const t = type.toUpperCase();
  return /INT|REAL|FLOA|DOUB|NUM|DEC/.test(t) && !/DATE|TIME|BOOL/.test(t);
}

/**
 * Adapter-building helper: reads a table's or view's columns from `sqlite_master` and
 * `pragma_table_info(?)` (the name bound as a parameter), uncached.
 *
 * @throws LumixError `INVALID_NAME` for a malformed name, `SCHEMA_ERROR` naming a missing table.
 */
export async function readTableInfo(conn: Pick<SqlConnection, 'all' | 'hints'>, table: string): Promise<TableInfo> {
  assertSqlIdentifier(table, 'table');
  const master = await conn.all<{ name: string; type: 'table' | 'view' }>(
    "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE",
    [table],
  );
  const entry = master[0];
  if (entry === undefined) {
    throw new LumixError('SCHEMA_ERROR', `Table ${table} does not exist; create it first (${conn.hints.create}) or fix the name.`, { details: { table } });
  }
  const rows = await conn.all<{ name: string; type: string; notnull: number; pk: number }>('SELECT name, type, "notnull", pk FROM pragma_table_info(?)', [entry.name]);
  const columns: ColumnInfo[] = rows.map((r) => ({
    name: r.name,
    type: (r.type ?? '').toUpperCase(),
    notNull: r.notnull === 1,
    pk: r.pk,
    numeric: isNumericType(r.type ?? ''),
  }));
  const lower = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
  return {
    name: entry.name,
    kind: entry.type,
    columns,
    primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    column: (name) => lower.get(name.toLowerCase()),
  };
}

/**
 * Adapter-building helper: {@link readTableInfo} results cached per driver handle (a `Database`,
 * a Sequelize instance) and table name, case-insensitively. Forget a table after DDL.
 */
export class SchemaCache {
  readonly #byHandle = new WeakMap<object, Map<string, TableInfo>>();

  /**
   * The cached info of `table` on `handle`, read through `conn` when missing. With `store`
   * `false` (inside a transaction that may still roll back) what is read is not kept.
   */
  async tableInfo(handle: object, conn: Pick<SqlConnection, 'all' | 'hints'>, table: string, store = true): Promise<TableInfo> {
    assertSqlIdentifier(table, 'table');
    let byName = this.#byHandle.get(handle);
    if (byName === undefined) {
      byName = new Map();
      this.#byHandle.set(handle, byName);
    }
    const hit = byName.get(table.toLowerCase());
    if (hit !== undefined) return hit;
    const info = await readTableInfo(conn, table);
    if (store) byName.set(table.toLowerCase(), info);
    return info;
  }

  /** Forgets what is known about one table of `handle`, or all of them. */
  forget(handle: object, table?: string): void {
    if (table === undefined) this.#byHandle.delete(handle);
    else this.#byHandle.get(handle)?.delete(table.toLowerCase());
  }
}

/**
 * Adapter-building helper: the column `name` of `info`, validated.
 *
 * @throws LumixError `INVALID_NAME` for a malformed name, `SCHEMA_ERROR` naming a column the table lacks.
 */
export function requireColumn(info: TableInfo, name: string, role = 'column'): ColumnInfo {
  assertSqlIdentifier(name, `${role} of ${info.name}`);
  const col = info.column(name);
  if (col === undefined) {
    throw new LumixError(
      'SCHEMA_ERROR',
      `Table ${info.name} has no column ${name} (used as ${role}); its columns are ${info.columns.map((c) => c.name).join(', ')}.`,
      { details: { table: info.name, column: name } },
    );
  }
  return col;
}

/** Adapter-building helper: whether a table or view named `table` exists (case-insensitively); never throws on a missing one. */
export async function tableExists(conn: Pick<SqlConnection, 'all'>, table: string): Promise<boolean> {
  const rows = await conn.all("SELECT 1 AS x FROM sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE", [table]);
  return rows.length > 0;
}
