import { isLumixError, type OrmAdapter, type SqlRow, type TableSpec } from '@lumix/core';

/**
 * Exactly one run per solve job, atomically: the run is saved in one transaction together with a
 * row of `solve_run_jobs` whose primary key is the job id. A second save of the same job (a worker
 * taken for dead that still finishes, or two attempts racing) fails inside its own transaction with
 * a unique violation and commits nothing; the worker then reports the run the first one saved.
 * The table is added to an existing database (SQLite or PostgreSQL) the first time a worker
 * takes a job there; `solve_runs` itself is unchanged.
 */
export const SOLVE_RUN_JOBS_TABLE = 'solve_run_jobs';

const SOLVE_RUN_JOBS_SPEC: TableSpec = {
  name: SOLVE_RUN_JOBS_TABLE,
  columns: {
    job_id: { type: 'text', primaryKey: true },
    run_id: { type: 'integer', references: 'solve_runs', onDelete: 'cascade' },
  },
};

/**
 * Creates `solve_runs` and `solve_run_jobs` in the app's database when missing (outside any save,
 * so that a save's transaction runs no DDL). Two workers creating them at once is harmless.
 */
export async function ensureJobRunTable(adapter: OrmAdapter): Promise<void> {
  if (await adapter.tableExists(SOLVE_RUN_JOBS_TABLE)) return;
  await adapter.ensureRunTable();
  try {
    await adapter.createTables([SOLVE_RUN_JOBS_SPEC]);
  } catch (e) {
    // Another worker created it at the same moment (PostgreSQL can report that as a duplicate type).
    if (!(await adapter.tableExists(SOLVE_RUN_JOBS_TABLE))) throw e;
  }
}

/** The rows a job's save writes in its transaction (every adapter sets their `run_id`): the job's key. */
export function jobRunRows(jobId: string): { readonly [SOLVE_RUN_JOBS_TABLE]: readonly SqlRow[] } {
  return { [SOLVE_RUN_JOBS_TABLE]: [{ job_id: jobId }] };
}

/** The run saved by job `jobId`, or `null` (none yet, or no `solve_run_jobs` table). */
export async function runOfJob(adapter: OrmAdapter, jobId: string): Promise<number | null> {
  if (!(await adapter.tableExists(SOLVE_RUN_JOBS_TABLE))) return null;
  const rows = await adapter.query<{ run_id: number | string }>(`SELECT run_id FROM ${SOLVE_RUN_JOBS_TABLE} WHERE job_id = ?`, [jobId]);
  return rows[0] === undefined ? null : Number(rows[0].run_id);
}

/**
 * True when a save failed because its job's `solve_run_jobs` row is already stored: another
 * attempt of the job saved its run first (the error, or one of its causes, is the adapter's
 * unique violation on that table).
 */
export function isJobRunConflict(e: unknown): boolean {
  for (let c: unknown = e, depth = 0; c !== undefined && c !== null && depth < 6; c = (c as { cause?: unknown }).cause, depth++) {
    if (!isLumixError(c) || c.details['table'] !== SOLVE_RUN_JOBS_TABLE) continue;
    // The driver's kind, or the SQL layer's diagnosis of the failed INSERT (the columns of the repeated key).
    const columns = c.details['columns'];
    if (c.details['kind'] === 'unique-violation' || (Array.isArray(columns) && columns.includes('job_id'))) return true;
  }
  return false;
}
