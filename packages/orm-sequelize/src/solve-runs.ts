import type { Sequelize } from 'sequelize';
import {
  LumixError,
  RUN_ID_COLUMN,
  SOLVE_RUNS_SPEC,
  SOLVE_RUNS_TABLE,
  assertSqlIdentifier,
  isLumixError,
  rowToSolveRun,
  runInfoToRow,
  type OrderBy,
  type RunFilter,
  type RunInfo,
  type SaveRunOptions,
  type SolveRunRecord,
  type SqlRow,
} from '@lumix/core';
import { createTables, createTablesInTransaction } from './create-tables.js';
import { loadTable } from './from-table.js';
import { insertRowsInTransaction } from './insert-rows.js';
import { invalidateSchema, tableExists } from './schema-info.js';
import { execute, quoteId, select } from './sql-query.js';
import { withTransaction } from './transaction.js';

/** Creates the `solve_runs` table (see `SOLVE_RUNS_SPEC`) if it does not exist. */
export function ensureRunTable(seq: Sequelize): Promise<void> {
  return createTables(seq, [SOLVE_RUNS_SPEC]);
}

/**
 * Saves a run and its solution rows in ONE Sequelize transaction and returns the saved run.
 * `solution` is a `Solution` (or anything with `run: RunInfo`); `options.rows(runId)` maps the new
 * run's id to solution rows per table (`{ production_plan: [...] }`), and every row gets `run_id`
 * set. Earlier runs are kept. Creates `solve_runs` when missing.
 *
 * @throws LumixError `PERSISTENCE_FAILED` when anything fails (a constraint, a bad value, a missing
 *   table or column, the mapper throwing); nothing is written and `cause` is the underlying error
 *   (`DATA_ERROR` naming the table and row, `SCHEMA_ERROR`, `INVALID_NUMBER`, ...).
 */
export async function saveRun(seq: Sequelize, solution: { readonly run: RunInfo }, options: SaveRunOptions = {}): Promise<SolveRunRecord> {
  const info = solution?.run;
  if (info === undefined || info === null) {
    throw new LumixError('INVALID_ARGUMENT', 'saveRun: the first argument must be a Solution or { run: RunInfo }; it has no run.', {});
  }
  const runIdColumn = options.runIdColumn ?? RUN_ID_COLUMN;
  assertSqlIdentifier(runIdColumn, 'run id column');
  const label = options.label ?? null;
  const runRow = runInfoToRow(info, label);
  try {
    return await withTransaction(seq, async (t) => {
      await createTablesInTransaction(seq, [SOLVE_RUNS_SPEC], t);
      const cols = Object.keys(runRow);
      const runId = await execute(
        seq,
        `INSERT INTO ${quoteId(SOLVE_RUNS_TABLE)} (${cols.map(quoteId).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        cols.map((c) => runRow[c] ?? null),
        { transaction: t },
      );
      const tables = options.rows === undefined ? {} : await options.rows(runId);
      for (const [table, rows] of Object.entries(tables)) {
        await insertRowsInTransaction(seq, t, table, rows, { column: runIdColumn, value: runId });
      }
      return { ...info, id: runId, label, objective: runRow['objective'] as number | null, options: JSON.parse(runRow['options_json'] as string) as Record<string, unknown> };
    });
  } catch (e) {
    invalidateSchema(seq, SOLVE_RUNS_TABLE);
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

/** Every saved run matching `filter`, oldest first; `[]` when `solve_runs` does not exist yet. */
export async function listRuns(seq: Sequelize, filter: RunFilter = {}): Promise<SolveRunRecord[]> {
  if (!(await tableExists(seq, SOLVE_RUNS_TABLE))) return [];
  const w = runWhere(filter);
  const rows = await select<SqlRow>(seq, `SELECT * FROM ${quoteId(SOLVE_RUNS_TABLE)}${w.sql} ORDER BY id ASC`, w.params);
  return rows.map(rowToSolveRun);
}

/** The latest saved run (highest id) matching `filter`, or `null`. */
export async function latestRun(seq: Sequelize, filter: RunFilter = {}): Promise<SolveRunRecord | null> {
  if (!(await tableExists(seq, SOLVE_RUNS_TABLE))) return null;
  const w = runWhere(filter);
  const rows = await select<SqlRow>(seq, `SELECT * FROM ${quoteId(SOLVE_RUNS_TABLE)}${w.sql} ORDER BY id DESC LIMIT 1`, w.params);
  return rows[0] === undefined ? null : rowToSolveRun(rows[0]);
}

/** Run `id`, or `null` when there is none. */
export async function getRun(seq: Sequelize, id: number): Promise<SolveRunRecord | null> {
  if (!Number.isInteger(id)) {
    throw new LumixError('INVALID_ARGUMENT', `getRun: id ${String(id)} must be an integer.`, { details: { id } });
  }
  if (!(await tableExists(seq, SOLVE_RUNS_TABLE))) return null;
  const rows = await select<SqlRow>(seq, `SELECT * FROM ${quoteId(SOLVE_RUNS_TABLE)} WHERE id = ?`, [id]);
  return rows[0] === undefined ? null : rowToSolveRun(rows[0]);
}

/** Options of {@link readRunRows}. */
export interface ReadRunRowsOptions {
  /** Sort order. Default: the primary key (insertion order). */
  readonly orderBy?: OrderBy;
  /** Name of the run id column. Default `run_id`. */
  readonly runIdColumn?: string;
}

/** The rows of `table` saved with run `runId`. */
export function readRunRows<T extends object = SqlRow>(seq: Sequelize, table: string, runId: number, options: ReadRunRowsOptions = {}): Promise<T[]> {
  const col = options.runIdColumn ?? RUN_ID_COLUMN;
  return loadTable<T>(seq, table, options.orderBy === undefined ? { where: { [col]: runId } } : { where: { [col]: runId }, orderBy: options.orderBy });
}
