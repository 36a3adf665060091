import { LumixError, RUN_ID_COLUMN, SOLVE_RUNS_SPEC, SOLVE_RUNS_TABLE, assertSqlIdentifier, isLumixError, type OrderBy, type RunFilter, type RunInfo, type SaveRunOptions, type SolveRunRecord, type SqlRow } from '@lumix/core';
import { insertRowsInTransaction } from './insert-batches.js';
import { tableExists } from './schema-inspection.js';
import type { SqlConnection } from './sql-connection.js';
import { sqlLoadTable } from './sql-reads.js';
import { rowToSolveRun, runInfoToRow } from './sql-row.js';
import { quoteId } from './sql-statements.js';
import { sqlCreateTables, sqlCreateTablesInTransaction } from './table-creation.js';

/** Adapter-building helper: creates `solve_runs` on `conn` when missing (see `OrmAdapter.ensureRunTable`). */
export function sqlEnsureRunTable(conn: SqlConnection): Promise<void> {
  return sqlCreateTables(conn, [SOLVE_RUNS_SPEC]);
}

/**
 * Adapter-building helper: saves a run and its solution rows in ONE transaction of `conn` and
 * returns the saved run (see `OrmAdapter.saveRun`). `options.rows(runId)` maps the new run's id
 * to solution rows per table, and every row gets the run id column (default `run_id`) set.
 * Earlier runs are kept. Creates `solve_runs` when missing.
 *
 * @throws LumixError `PERSISTENCE_FAILED` when anything fails (a constraint, a bad value, a missing
 *   table or column, the mapper throwing); nothing is written and `cause` is the underlying error
 *   (`DATA_ERROR` naming the table and row, `SCHEMA_ERROR`, `INVALID_NUMBER`, ...).
 */
export async function sqlSaveRun(conn: SqlConnection, solution: { readonly run: RunInfo }, options: SaveRunOptions = {}): Promise<SolveRunRecord> {
  const info = solution?.run;
  if (info === undefined || info === null) {
    throw new LumixError('INVALID_ARGUMENT', 'saveRun: the first argument must be a Solution or { run: RunInfo }; it has no run.', {});
  }
  const runIdColumn = options.runIdColumn ?? RUN_ID_COLUMN;
  assertSqlIdentifier(runIdColumn, 'run id column');
  const label = options.label ?? null;
  const runRow = runInfoToRow(info, label);
  try {
    return await conn.transaction(async (tx) => {
      await sqlCreateTablesInTransaction(tx, [SOLVE_RUNS_SPEC]);
      const cols = Object.keys(runRow);
      const runId = await tx.run(
        `INSERT INTO ${quoteId(SOLVE_RUNS_TABLE)} (${cols.map(quoteId).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        cols.map((c) => runRow[c] ?? null),
      );
      const tables = options.rows === undefined ? {} : await options.rows(runId);
      for (const [table, rows] of Object.entries(tables)) {
        await insertRowsInTransaction(tx, table, rows, { column: runIdColumn, value: runId });
      }
      return { ...info, id: runId, label, objective: runRow['objective'] as number | null, options: JSON.parse(runRow['options_json'] as string) as Record<string, unknown> };
    });
  } catch (e) {
    conn.forgetSchema(SOLVE_RUNS_TABLE);
    const where = isLumixError(e) && typeof e.details['table'] === 'string' ? ` (table ${e.details['table']})` : '';
    throw new LumixError(
      'PERSISTENCE_FAILED',
      `Saving the run of model ${info.modelName} failed${where}; nothing was written. ${e instanceof Error ? e.message : String(e)}`,
      { cause: e, details: isLumixError(e) ? { ...e.details, causeCode: e.code } : {} },
    );
  }
}

function runWhere(filter: RunFilter): { sql: string; params: string[] } {
  const conds: string[] = [];
  const params: string[] = [];
  if (filter.modelName !== undefined) {
    conds.push('model_name = ?');
    params.push(filter.modelName);
  }
  if (filter.label !== undefined) {
    conds.push('label = ?');
    params.push(filter.label);
  }
  return { sql: conds.length > 0 ? ` WHERE ${conds.join(' AND ')}` : '', params };
}

/** Adapter-building helper: every saved run matching `filter`, oldest first; `[]` when `solve_runs` does not exist yet. */
export async function sqlListRuns(conn: SqlConnection, filter: RunFilter = {}): Promise<SolveRunRecord[]> {
  if (!(await tableExists(conn, SOLVE_RUNS_TABLE))) return [];
  const w = runWhere(filter);
  const rows = await conn.all<SqlRow>(`SELECT * FROM ${quoteId(SOLVE_RUNS_TABLE)}${w.sql} ORDER BY id ASC`, w.params);
  return rows.map(rowToSolveRun);
}

/** Adapter-building helper: the latest saved run (highest id) matching `filter`, or `null`. */
export async function sqlLatestRun(conn: SqlConnection, filter: RunFilter = {}): Promise<SolveRunRecord | null> {
  if (!(await tableExists(conn, SOLVE_RUNS_TABLE))) return null;
  const w = runWhere(filter);
  const rows = await conn.all<SqlRow>(`SELECT * FROM ${quoteId(SOLVE_RUNS_TABLE)}${w.sql} ORDER BY id DESC LIMIT 1`, w.params);
  return rows[0] === undefined ? null : rowToSolveRun(rows[0]);
}

/**
 * Adapter-building helper: run `id`, or `null` when there is none.
 *
 * @throws LumixError `INVALID_ARGUMENT` when `id` is not an integer.
 */
export async function sqlGetRun(conn: SqlConnection, id: number): Promise<SolveRunRecord | null> {
  if (!Number.isInteger(id)) {
    throw new LumixError('INVALID_ARGUMENT', `getRun: id ${String(id)} must be an integer.`, { details: { id } });
  }
  if (!(await tableExists(conn, SOLVE_RUNS_TABLE))) return null;
  const rows = await conn.all<SqlRow>(`SELECT * FROM ${quoteId(SOLVE_RUNS_TABLE)} WHERE id = ?`, [id]);
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
export function sqlReadRunRows<T extends object = SqlRow>(conn: SqlConnection, table: string, runId: number, options: ReadRunRowsOptions = {}): Promise<T[]> {
  const col = options.runIdColumn ?? RUN_ID_COLUMN;
  return sqlLoadTable<T>(conn, table, options.orderBy === undefined ? { where: { [col]: runId } } : { where: { [col]: runId }, orderBy: options.orderBy });
}
