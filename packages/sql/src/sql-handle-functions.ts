import type { IndexSource, QuerySourceOptions, RunFilter, RunInfo, SaveRunOptions, SolveRunRecord, SqlRow, SqlValue, TableSourceOptions, TableSpec } from '@lumix/core';
import { sqlInsertRows } from './insert-batches.js';
import { sqlLoadTable, sqlQuery, sqlQuerySource, sqlTableSource } from './sql-reads.js';
import type { SqlSession } from './sql-session.js';
import { sqlEnsureRunTable, sqlGetRun, sqlLatestRun, sqlListRuns, sqlReadRunRows, sqlSaveRun, type ReadRunRowsOptions } from './solve-run-store.js';
import { sqlCreateTables } from './table-creation.js';
import { sqlCheckWritable } from './write-check.js';

/**
 * An adapter's operations as plain functions taking its driver handle first (a sqlite3
 * `Database`, a Sequelize instance): `fromTable(db, 'products')`. Semantics as `OrmAdapter`.
 */
export interface SqlHandleFunctions<H> {
  /**
   * Loads a table's rows (plain objects) with one SELECT: the filter, order and projection are
   * pushed into the SQL, values are bound. Numeric columns are checked for non-numbers and
   * non-finite values.
   * @throws LumixError `SCHEMA_ERROR` naming a missing table or column, `DATA_ERROR` naming a bad row.
   */
  loadTable<T extends object = SqlRow>(handle: H, table: string, options?: TableSourceOptions): Promise<T[]>;
  /**
   * An index source over a table: `fromTable(handle, 'products', { where: { active: 1 }, orderBy: 'name' })`.
   * Nothing runs until the model is built; each build runs one SELECT. Rows are plain objects with
   * the table's column names. Default order: the primary key.
   */
  fromTable<T extends object = SqlRow>(handle: H, table: string, options?: TableSourceOptions): IndexSource<T>;
  /**
   * Runs a parameterized read query (SELECT/WITH/VALUES/EXPLAIN or a reading PRAGMA; positional
   * `?` placeholders, bound as parameters) and returns its rows. It runs on a second, read-only
   * connection to the database (opened on first use, closed with the handle's adapter), so it can
   * neither write nor change the handle's connection; it sees committed data.
   * @throws LumixError `INVALID_ARGUMENT` when the parameters do not match the placeholders or the
   *   statement would write or change a setting, `SCHEMA_ERROR` naming a missing table or column,
   *   `SOURCE_FAILED` for other SQL errors.
   */
  query<T extends object = SqlRow>(handle: H, sql: string, params?: readonly SqlValue[], options?: QuerySourceOptions): Promise<T[]>;
  /**
   * An index source over a parameterized SQL query: `fromQuery(handle, 'SELECT * FROM rooms WHERE capacity >= ?', [30])`.
   * Each build runs the query once. Use `options.numeric` to have result columns checked for
   * non-finite values.
   */
  fromQuery<T extends object = SqlRow>(handle: H, sql: string, params?: readonly SqlValue[], options?: QuerySourceOptions): IndexSource<T>;
  /** The user tables of the database (not views, not the database's own), sorted by name. */
  listTables(handle: H): Promise<string[]>;
  /**
   * Whether a table or view named `table` exists (names match as the database matches them).
   * @throws LumixError `INVALID_NAME` for a malformed name.
   */
  tableExists(handle: H, table: string): Promise<boolean>;
  /**
   * Creates the tables of `specs` that do not exist yet, parents first, in one transaction, with
   * their foreign keys, unique constraints and indexes. Idempotent: an existing table is kept as
   * it is, but it must have every declared column (otherwise migrate it; see the README).
   * @throws LumixError `SCHEMA_ERROR` naming a referenced table that does not exist or an existing
   *   table that lacks a column; `INVALID_NAME` for a malformed identifier.
   */
  createTables(handle: H, specs: readonly TableSpec[]): Promise<void>;
  /**
   * Inserts rows into a table in one transaction with multi-row INSERTs; returns how many.
   * Missing keys are bound as NULL. On any failure nothing is written.
   * @throws LumixError `SCHEMA_ERROR` naming an unknown table or column, `INVALID_NUMBER` /
   *   `DATA_ERROR` naming the row of a bad value or a violated constraint (foreign key, unique, not null).
   */
  insertRows(handle: H, table: string, rows: Iterable<object>): Promise<number>;
  /** Creates the `solve_runs` table if it does not exist. */
  ensureRunTable(handle: H): Promise<void>;
  /**
   * Saves a run and its solution rows in ONE transaction and returns the saved run. `solution` is
   * a `Solution` (or anything with `run: RunInfo`); `options.rows(runId)` maps the new run's id to
   * solution rows per table (`{ production_plan: [...] }`), and every row gets `run_id` set.
   * Earlier runs are kept. Creates `solve_runs` when missing.
   * @throws LumixError `PERSISTENCE_FAILED` when anything fails; nothing is written and `cause` is
   *   the underlying error (`DATA_ERROR` naming the table and row, `SCHEMA_ERROR`, `INVALID_NUMBER`, ...).
   */
  saveRun(handle: H, solution: { readonly run: RunInfo }, options?: SaveRunOptions): Promise<SolveRunRecord>;
  /** Every saved run matching `filter`, oldest first; `[]` when `solve_runs` does not exist yet. */
  listRuns(handle: H, filter?: RunFilter): Promise<SolveRunRecord[]>;
  /** The latest saved run (highest id) matching `filter`, or `null`. */
  latestRun(handle: H, filter?: RunFilter): Promise<SolveRunRecord | null>;
  /** Run `id`, or `null` when there is none. */
  getRun(handle: H, id: number): Promise<SolveRunRecord | null>;
  /** The rows of `table` saved with run `runId`. */
  readRunRows<T extends object = SqlRow>(handle: H, table: string, runId: number, options?: ReadRunRowsOptions): Promise<T[]>;
  /**
   * Checks now that the database can be written (locked, read-only, full, not a database), leaving
   * nothing behind: call it before a long solve whose result will be saved.
   * @throws LumixError `PERSISTENCE_FAILED` with `details.kind` and `details.file`.
   */
  checkWritable(handle: H): Promise<void>;
}

/**
 * Adapter-building helper: the layer's operations as an adapter's handle-first functions, each
 * running over the session `connect(handle)` returns.
 */
export function sqlHandleFunctions<H>(connect: (handle: H) => SqlSession): SqlHandleFunctions<H> {
  return {
    loadTable: (h, table, options) => sqlLoadTable(connect(h), table, options),
    fromTable: (h, table, options) => sqlTableSource(connect(h), table, options),
    query: (h, sql, params, options) => sqlQuery(connect(h), sql, params, options),
    fromQuery: (h, sql, params, options) => sqlQuerySource(connect(h), sql, params, options),
    listTables: (h) => connect(h).listTables(),
    tableExists: (h, table) => connect(h).tableExists(table),
    createTables: (h, specs) => sqlCreateTables(connect(h), specs),
    insertRows: (h, table, rows) => sqlInsertRows(connect(h), table, rows),
    ensureRunTable: (h) => sqlEnsureRunTable(connect(h)),
    saveRun: (h, solution, options) => sqlSaveRun(connect(h), solution, options),
    listRuns: (h, filter) => sqlListRuns(connect(h), filter),
    latestRun: (h, filter) => sqlLatestRun(connect(h), filter),
    getRun: (h, id) => sqlGetRun(connect(h), id),
    readRunRows: (h, table, runId, options) => sqlReadRunRows(connect(h), table, runId, options),
    checkWritable: (h) => sqlCheckWritable(connect(h)),
  };
}
