// The adapter's operations as plain functions taking the connection first; the logic is
// @lumix/sql's, run over `sqliteSession(db)`.
import type { Database } from 'sqlite3';
import { LumixError, isIndexSource, type IndexSource, type Lookup, type LookupKeySpec, type LookupValueSpec, type SqlRow, type TableSourceOptions, type TableSpec } from '@lumix/core';
import { lookupFromSource, sqlHandleFunctions, sqlTableLookup, sqliteDialect } from '@lumix/sql';
import { sqliteSession } from './sqlite-driver.js';

/** See `SqlHandleFunctions` in `@lumix/sql`; `db` is the sqlite3 connection. */
export const {
  loadTable,
  fromTable,
  query,
  fromQuery,
  listTables,
  tableExists,
  createTables,
  insertRows,
  ensureRunTable,
  saveRun,
  listRuns,
  latestRun,
  getRun,
  readRunRows,
  checkWritable,
} = sqlHandleFunctions<Database>(sqliteSession);

/**
 * The SQL `createTables` runs for one spec: `CREATE TABLE IF NOT EXISTS` with its constraints, then
 * one `CREATE INDEX IF NOT EXISTS` per index (SQLite dialect of `@lumix/sql`).
 *
 * @throws LumixError `INVALID_NAME`, `INVALID_ARGUMENT`, `INVALID_NUMBER` or `SCHEMA_ERROR` for a bad spec.
 */
export function createTableSql(spec: TableSpec): string[] {
  return sqliteDialect.compiler.createTable(spec);
}

/**
 * A cached lookup loaded with ONE query: hours per product and machine,
 * `await lookup(db, 'recipes', ['product_id', 'machine_id'], 'hours')`, or with functions,
 * `lookup(db, 'recipes', (r) => [r.product_id, r.machine_id], (r) => r.hours)`. The first argument
 * may also be any index source (`lookup(fromQuery(db, sql, params), key, value)`).
 *
 * Key: 1–3 column names or a function; value: a column name (must hold finite numbers) or a function.
 * @throws LumixError `DUPLICATE_KEY` when two rows share a key, `DATA_ERROR` for a non-numeric value
 *   column or an empty key, `SCHEMA_ERROR` for a missing table or column.
 */
export async function lookup<V = number, R extends object = SqlRow>(
  db: Database,
  table: string,
  key: LookupKeySpec<R>,
  value: LookupValueSpec<R, V>,
  options?: TableSourceOptions,
): Promise<Lookup<V>>;
export async function lookup<V = number, R extends object = SqlRow>(source: IndexSource<R>, key: LookupKeySpec<R>, value: LookupValueSpec<R, V>): Promise<Lookup<V>>;
export async function lookup<V, R extends object>(
  first: Database | IndexSource<R>,
  a: string | LookupKeySpec<R>,
  b: LookupKeySpec<R> | LookupValueSpec<R, V>,
  c?: LookupValueSpec<R, V>,
  options: TableSourceOptions = {},
): Promise<Lookup<V>> {
  if (isIndexSource(first)) return lookupFromSource(first as IndexSource<R>, a as LookupKeySpec<R>, b as LookupValueSpec<R, V>);
  if (c === undefined) {
    throw new LumixError('INVALID_ARGUMENT', 'lookup(db, table, key, value): value is missing; give a column name or a function.', {});
  }
  return sqlTableLookup(sqliteSession(first as Database), a as string, b as LookupKeySpec<R>, c, options);
}
