import { LumixError, RUN_ID_COLUMN, SOLVE_RUNS_SPEC, SOLVE_RUNS_TABLE, assertSqlIdentifier, isLumixError, type OrderBy, type RunFilter, type RunInfo, type SaveRunOptions, type SolveRunRecord, type SqlRow } from '@lumix/core';
import type { WhereTerm } from './dialect.js';
import { insertRowsInTransaction } from './insert-batches.js';
import { sqlLoadTable } from './sql-reads.js';
import { rowToSolveRun, runInfoToRow } from './sql-row.js';
import type { SqlSession } from './sql-session.js';
import { sqlCreateTables, sqlCreateTablesInTransaction } from './table-creation.js';

/** Adapter-building helper: creates `solve_runs` on `session` when missing (see `OrmAdapter.ensureRunTable`). */
export function sqlEnsureRunTable(session: SqlSession): Promise<void> {
  return sqlCreateTables(session, [SOLVE_RUNS_SPEC]);
}

/**
 * Adapter-building helper: saves a run and its solution rows in ONE transaction of `session` and
 * returns the saved run (see `OrmAdapter.saveRun`). `options.rows(runId)` maps the new run's id
 * to solution rows per table, and every row gets the run id column (default `run_id`) set.
 * Earlier runs are kept. Creates `solve_runs` when missing.
 *
 * @throws LumixError `PERSISTENCE_FAILED` when anything fails (a constraint, a bad value, a missing
 *   table or column, the mapper throwing); nothing is written and `cause` is the underlying error
 *   (`DATA_ERROR` naming the table and row, `SCHEMA_ERROR`, `INVALID_NUMBER`, ...).
 */
export async function sqlSaveRun(session: SqlSession, solution: { readonly run: RunInfo }, options: SaveRunOptions = {}): Promise<SolveRunRecord> {
  const info = solution?.run;
  if (info === undefined || info === null) {
    throw new LumixError('INVALID_ARGUMENT', 'saveRun: the first argument must be a Solution or { run: RunInfo }; it has no run.', {});
  }
  const runIdColumn = options.runIdColumn ?? RUN_ID_COLUMN;
  assertSqlIdentifier(runIdColumn, 'run id column');
  const label = options.label ?? null;
  const runRow = runInfoToRow(info, label);
  try {
    return await session.transaction(async (tx) => {
      await sqlCreateTablesInTransaction(tx, [SOLVE_RUNS_SPEC]);
      const runId = await insertRun(tx, runRow);
      const tables = options.rows === undefined ? {} : await options.rows(runId);
      for (const [table, rows] of Object.entries(tables)) {
        await insertRowsInTransaction(tx, table, rows, { column: runIdColumn, value: runId });
      }
      return { ...info, id: runId, label, objective: runRow['objective'] as number | null, options: JSON.parse(runRow['options_json'] as string) as Record<string, unknown> };
    });
  } catch (e) {
    session.forgetSchema(SOLVE_RUNS_TABLE);
    const where = isLumixError(e) && typeof e.details['table'] === 'string' ? ` (table ${e.details['table']})` : '';
    throw new LumixError(
      'PERSISTENCE_FAILED',
      `Saving the run of model ${info.modelName} failed${where}; nothing was written. ${e instanceof Error ? e.message : String(e)}`,
      { cause: e, details: isLumixError(e) ? { ...e.details, causeCode: e.code } : {} },
    );
  }
}

/** Inserts the `solve_runs` row and returns its id, the way the dialect reports a new key. */
async function insertRun(tx: SqlSession, runRow: Record<string, string | number | null>): Promise<number> {
  const cols = Object.keys(runRow);
  const params = cols.map((c) => runRow[c] ?? null);
  const insert = tx.dialect.compiler.insertReturningId(SOLVE_RUNS_TABLE, cols, 'id');
  let id: unknown;
  try {
    id = insert.idFrom === 'returned-row' ? (await tx.driver.all<Record<string, unknown>>(insert.sql, params))[0]?.['id'] : (await tx.driver.run(insert.sql, params)).lastInsertId;
  } catch (e) {
    throw tx.error(e, 'PERSISTENCE_FAILED', `Inserting into ${SOLVE_RUNS_TABLE}`, { table: SOLVE_RUNS_TABLE });
  }
  if (typeof id !== 'number' && typeof id !== 'bigint' && typeof id !== 'string') {
    throw new LumixError('PERSISTENCE_FAILED', `The ${tx.dialect.name} driver did not report the id of the new ${SOLVE_RUNS_TABLE} row.`, {});
  }
  return Number(id);
}

/** The `solve_runs` SELECT of a filter, newest or oldest first. */
function runSelect(session: SqlSession, filter: RunFilter, direction: 'ASC' | 'DESC', limit?: number): { sql: string; params: string[] } {
  const where: WhereTerm[] = [];
  const params: string[] = [];
  if (filter.modelName !== undefined) {
    where.push({ op: 'eq', column: 'model_name' });
    params.push(filter.modelName);
  }
  if (filter.label !== undefined) {
    where.push({ op: 'eq', column: 'label' });
    params.push(filter.label);
  }
  const sql = session.dialect.compiler.select({
    table: SOLVE_RUNS_TABLE,
    columns: null,
    where,
    orderBy: [{ column: 'id', direction }],
    ...(limit === undefined ? {} : { limit }),
  });
  return { sql, params };
}

/** Adapter-building helper: every saved run matching `filter`, oldest first; `[]` when `solve_runs` does not exist yet. */
export async function sqlListRuns(session: SqlSession, filter: RunFilter = {}): Promise<SolveRunRecord[]> {
  if (!(await session.tableExists(SOLVE_RUNS_TABLE))) return [];
  const q = runSelect(session, filter, 'ASC');
  const rows = await session.driver.all<SqlRow>(q.sql, q.params);
  return rows.map(rowToSolveRun);
}

/** Adapter-building helper: the latest saved run (highest id) matching `filter`, or `null`. */
export async function sqlLatestRun(session: SqlSession, filter: RunFilter = {}): Promise<SolveRunRecord | null> {
  if (!(await session.tableExists(SOLVE_RUNS_TABLE))) return null;
  const q = runSelect(session, filter, 'DESC', 1);
  const rows = await session.driver.all<SqlRow>(q.sql, q.params);
  return rows[0] === undefined ? null : rowToSolveRun(rows[0]);
}

/**
 * Adapter-building helper: run `id`, or `null` when there is none.
 *
 * @throws LumixError `INVALID_ARGUMENT` when `id` is not an integer.
 */
export async function sqlGetRun(session: SqlSession, id: number): Promise<SolveRunRecord | null> {
  if (!Number.isInteger(id)) {
    throw new LumixError('INVALID_ARGUMENT', `getRun: id ${String(id)} must be an integer.`, { details: { id } });
  }
  if (!(await session.tableExists(SOLVE_RUNS_TABLE))) return null;
  const sql = session.dialect.compiler.select({ table: SOLVE_RUNS_TABLE, columns: null, where: [{ op: 'eq', column: 'id' }], orderBy: [] });
  const rows = await session.driver.all<SqlRow>(sql, [id]);
  return rows[0] === undefined ? null : rowToSolveRun(rows[0]);
}

/** Options of an adapter's `readRunRows`. */
export interface ReadRunRowsOptions {
  /** Sort order. Default: the primary key (insertion order). */
  readonly orderBy?: OrderBy;
  /** Name of the run id column. Default `run_id`. */
  readonly runIdColumn?: string;
}

/** Adapter-building helper: the rows of `table` saved with run `runId` (see `OrmAdapter.readRunRows`). */
export function sqlReadRunRows<T extends object = SqlRow>(session: SqlSession, table: string, runId: number, options: ReadRunRowsOptions = {}): Promise<T[]> {
  const col = options.runIdColumn ?? RUN_ID_COLUMN;
  return sqlLoadTable<T>(session, table, options.orderBy === undefined ? { where: { [col]: runId } } : { where: { [col]: runId }, orderBy: options.orderBy });
}
