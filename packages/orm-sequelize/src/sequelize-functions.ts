// The adapter's operations as plain functions taking the Sequelize instance first; the logic is
// core's (see `sqlOrmAdapter`), run over `sequelizeConnection(seq)`.
import type { Sequelize, Transaction } from 'sequelize';
import {
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
  sqlTableSource,
  type IndexSource,
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
import { sequelizeConnection } from './sequelize-connection.js';

/**
 * Loads a table's rows (plain objects) with one SELECT through Sequelize (inside `transaction`
 * when given): the filter, order and projection are pushed into the SQL, values are bound.
 * Numeric columns are checked for non-numbers and non-finite values.
 *
 * @throws LumixError `SCHEMA_ERROR` naming a missing table or column, `DATA_ERROR` naming a bad row.
 */
export function loadTable<T extends object = SqlRow>(seq: Sequelize, table: string, options: TableSourceOptions = {}, transaction?: Transaction): Promise<T[]> {
  return sqlLoadTable<T>(sequelizeConnection(seq, transaction), table, options);
}

/**
 * An index source over a table: `fromTable(sequelize, 'products', { where: { active: 1 }, orderBy: 'name' })`.
 * Nothing runs until the model is built; each build runs one SELECT. Rows are plain objects with
 * the table's column names. Default order: the primary key.
 */
export function fromTable<T extends object = SqlRow>(seq: Sequelize, table: string, options: TableSourceOptions = {}): IndexSource<T> {
  return sqlTableSource<T>(sequelizeConnection(seq), table, options);
}

/**
 * Runs a parameterized read query (SELECT/WITH/VALUES/EXPLAIN or a reading PRAGMA; positional `?`
 * placeholders, sent as bind parameters) and returns its rows.
 *
 * @throws LumixError `INVALID_ARGUMENT` when the parameters do not match the placeholders,
 *   `SCHEMA_ERROR` naming a missing table or column, `SOURCE_FAILED` for other SQL errors.
 */
export function query<T extends object = SqlRow>(seq: Sequelize, sql: string, params: readonly SqlValue[] = [], options: QuerySourceOptions = {}): Promise<T[]> {
  return sqlQuery<T>(sequelizeConnection(seq), sql, params, options);
}

/**
 * An index source over a parameterized SQL query: `fromQuery(sequelize, 'SELECT * FROM rooms WHERE capacity >= ?', [30])`.
 * Each build runs the query once. Use `options.numeric` to have result columns checked for
 * non-finite values.
 */
export function fromQuery<T extends object = SqlRow>(seq: Sequelize, sql: string, params: readonly SqlValue[] = [], options: QuerySourceOptions = {}): IndexSource<T> {
  return sqlQuerySource<T>(sequelizeConnection(seq), sql, params, options);
}

/**
 * Creates the tables of `specs` that do not exist yet, parents first, in one transaction, with
 * their foreign keys, unique constraints and indexes (through `queryInterface.createTable`, i.e.
 * `CREATE TABLE IF NOT EXISTS`). Idempotent; an existing table must have every declared column.
 * For tables declared as Sequelize models use `sequelize.sync()` instead.
 *
 * @throws LumixError `SCHEMA_ERROR` naming a referenced table that does not exist or an existing
 *   table that lacks a column; `INVALID_NAME` for a malformed identifier.
 */
export function createTables(seq: Sequelize, specs: readonly TableSpec[]): Promise<void> {
  return sqlCreateTables(sequelizeConnection(seq), specs);
}

/**
 * Inserts rows into a table in one transaction with multi-row INSERTs of bind parameters; returns
 * how many. Missing keys are bound as NULL. On any failure nothing is written.
 *
 * @throws LumixError `SCHEMA_ERROR` naming an unknown table or column, `INVALID_NUMBER` /
 *   `DATA_ERROR` naming the row of a bad value or a violated constraint (foreign key, unique, not null).
 */
export function insertRows(seq: Sequelize, table: string, rows: Iterable<object>): Promise<number> {
  return sqlInsertRows(sequelizeConnection(seq), table, rows);
}

/** Creates the `solve_runs` table if it does not exist. */
export function ensureRunTable(seq: Sequelize): Promise<void> {
  return sqlEnsureRunTable(sequelizeConnection(seq));
}

/**
 * Saves a run and its solution rows in ONE Sequelize transaction and returns the saved run.
 * `solution` is a `Solution` (or anything with `run: RunInfo`); `options.rows(runId)` maps the new
 * run's id to solution rows per table (`{ production_plan: [...] }`), and every row gets `run_id`
 * set. Earlier runs are kept. Creates `solve_runs` when missing.
 *
 * @throws LumixError `PERSISTENCE_FAILED` when anything fails; nothing is written and `cause` is
 *   the underlying error (`DATA_ERROR` naming the table and row, `SCHEMA_ERROR`, `INVALID_NUMBER`, ...).
 */
export function saveRun(seq: Sequelize, solution: { readonly run: RunInfo }, options: SaveRunOptions = {}): Promise<SolveRunRecord> {
  return sqlSaveRun(sequelizeConnection(seq), solution, options);
}

/** Every saved run matching `filter`, oldest first; `[]` when `solve_runs` does not exist yet. */
export function listRuns(seq: Sequelize, filter: RunFilter = {}): Promise<SolveRunRecord[]> {
  return sqlListRuns(sequelizeConnection(seq), filter);
}

/** The latest saved run (highest id) matching `filter`, or `null`. */
export function latestRun(seq: Sequelize, filter: RunFilter = {}): Promise<SolveRunRecord | null> {
  return sqlLatestRun(sequelizeConnection(seq), filter);
}

/** Run `id`, or `null` when there is none. */
export function getRun(seq: Sequelize, id: number): Promise<SolveRunRecord | null> {
  return sqlGetRun(sequelizeConnection(seq), id);
}

/** The rows of `table` saved with run `runId`. */
export function readRunRows<T extends object = SqlRow>(seq: Sequelize, table: string, runId: number, options: ReadRunRowsOptions = {}): Promise<T[]> {
  return sqlReadRunRows<T>(sequelizeConnection(seq), table, runId, options);
}
