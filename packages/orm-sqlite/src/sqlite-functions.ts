// The adapter's operations as plain functions taking the connection first; the logic is core's
// (see `sqlOrmAdapter`), run over `sqliteConnection(db)`.
import type { Database } from 'sqlite3';
import {
  LumixError,
  isIndexSource,
  lookupFromSource,
  sqlCreateTables,
  sqlEnsureRunTable,
  sqlGetRun,
  sqlInsertRows,
  sqlLatestRun,
  sqlListRuns,
  sqlLoadTable,
  sqlQuery,
  sqlQuerySource,
  sqlReadRunRows,
  sqlSaveRun,
  sqlTableLookup,
  sqlTableSource,
  type IndexSource,
  type Lookup,
  type LookupKeySpec,
  type LookupValueSpec,
  type QuerySourceOptions,
  type ReadRunRowsOptions,
  type RunFilter,
  type RunInfo,
  type SaveRunOptions,
  type SolveRunRecord,
  type SqlRow,
  type SqlValue,
  type TableSourceOptions,
  type TableSpec,
} from '@lumix/core';
import { sqliteConnection } from './sqlite-connection.js';

/**
 * Loads a table's rows (plain objects) with one SELECT: the filter, order and projection are
 * pushed into the SQL, values are bound. Numeric columns are checked for non-numbers and
 * non-finite values.
 *
 * @throws LumixError `SCHEMA_ERROR` naming a missing table or column, `DATA_ERROR` naming a bad row.
 */
export function loadTable<T extends object = SqlRow>(db: Database, table: string, options: TableSourceOptions = {}): Promise<T[]> {
  return sqlLoadTable<T>(sqliteConnection(db), table, options);
}

/**
 * An index source over a table: `fromTable(db, 'products', { where: { active: 1 }, orderBy: 'name' })`.
 * Nothing runs until the model is built; each build runs one SELECT. Rows are plain objects with
 * the table's column names. Default order: the primary key.
 */
export function fromTable<T extends object = SqlRow>(db: Database, table: string, options: TableSourceOptions = {}): IndexSource<T> {
  return sqlTableSource<T>(sqliteConnection(db), table, options);
}

/**
 * Runs a parameterized read query (SELECT/WITH/VALUES/EXPLAIN or a reading PRAGMA; positional `?` placeholders) and returns its rows.
 *
 * @throws LumixError `INVALID_ARGUMENT` when the parameters do not match the placeholders,
 *   `SCHEMA_ERROR` naming a missing table or column, `SOURCE_FAILED` for other SQL errors.
 */
export function query<T extends object = SqlRow>(db: Database, sql: string, params: readonly SqlValue[] = [], options: QuerySourceOptions = {}): Promise<T[]> {
  return sqlQuery<T>(sqliteConnection(db), sql, params, options);
}

/**
 * An index source over a parameterized SQL query: `fromQuery(db, 'SELECT * FROM rooms WHERE capacity >= ?', [30])`.
 * Each build runs the query once. Use `options.numeric` to have result columns checked for
 * non-finite values.
 */
export function fromQuery<T extends object = SqlRow>(db: Database, sql: string, params: readonly SqlValue[] = [], options: QuerySourceOptions = {}): IndexSource<T> {
  return sqlQuerySource<T>(sqliteConnection(db), sql, params, options);
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
  return sqlTableLookup(sqliteConnection(first as Database), a as string, b as LookupKeySpec<R>, c, options);
}

/**
 * Creates the tables of `specs` that do not exist yet, parents first, in one transaction, with
 * their foreign keys, unique constraints and indexes. Idempotent: an existing table is kept as it
 * is, but it must have every declared column (otherwise migrate it; see the README).
 *
 * @throws LumixError `SCHEMA_ERROR` naming a referenced table that does not exist or an existing
 *   table that lacks a column; `INVALID_NAME` for a malformed identifier.
 */
export function createTables(db: Database, specs: readonly TableSpec[]): Promise<void> {
  return sqlCreateTables(sqliteConnection(db), specs);
}

/**
 * Inserts rows into a table in one transaction with prepared multi-row INSERTs; returns how many.
 * Missing keys are bound as NULL. On any failure nothing is written.
 *
 * @throws LumixError `SCHEMA_ERROR` naming an unknown table or column, `INVALID_NUMBER` /
 *   `DATA_ERROR` naming the row of a bad value or a violated constraint (foreign key, unique, not null).
 */
export function insertRows(db: Database, table: string, rows: Iterable<object>): Promise<number> {
  return sqlInsertRows(sqliteConnection(db), table, rows);
}

/** Creates the `solve_runs` table if it does not exist. */
export function ensureRunTable(db: Database): Promise<void> {
  return sqlEnsureRunTable(sqliteConnection(db));
}

/**
 * Saves a run and its solution rows in ONE transaction and returns the saved run. `solution` is a
 * `Solution` (or anything with `run: RunInfo`); `options.rows(runId)` maps the new run's id to
 * solution rows per table (`{ production_plan: [...] }`), and every row gets `run_id` set. Earlier
 * runs are kept. Creates `solve_runs` when missing.
 *
 * @throws LumixError `PERSISTENCE_FAILED` when anything fails; nothing is written and `cause` is
 *   the underlying error (`DATA_ERROR` naming the table and row, `SCHEMA_ERROR`, `INVALID_NUMBER`, ...).
 */
export function saveRun(db: Database, solution: { readonly run: RunInfo }, options: SaveRunOptions = {}): Promise<SolveRunRecord> {
  return sqlSaveRun(sqliteConnection(db), solution, options);
}

/** Every saved run matching `filter`, oldest first; `[]` when `solve_runs` does not exist yet. */
export function listRuns(db: Database, filter: RunFilter = {}): Promise<SolveRunRecord[]> {
  return sqlListRuns(sqliteConnection(db), filter);
}

/** The latest saved run (highest id) matching `filter`, or `null`. */
export function latestRun(db: Database, filter: RunFilter = {}): Promise<SolveRunRecord | null> {
  return sqlLatestRun(sqliteConnection(db), filter);
}

/** Run `id`, or `null` when there is none. */
export function getRun(db: Database, id: number): Promise<SolveRunRecord | null> {
  return sqlGetRun(sqliteConnection(db), id);
}

/** The rows of `table` saved with run `runId`. */
export function readRunRows<T extends object = SqlRow>(db: Database, table: string, runId: number, options: ReadRunRowsOptions = {}): Promise<T[]> {
  return sqlReadRunRows<T>(sqliteConnection(db), table, runId, options);
}
