import { listJobs, openJobQueue, type Job, type JobQueue, type JobResult, type JobState, type JobStatus, type WorkOptions as JobWorkOptions } from '@lumix/jobs';

/**
 * The apps' solve jobs: `@lumix/jobs` (pg-boss on the app's own PostgreSQL database) with one
 * queue per app, `lumix-solve-<app>`. Exactly one run per job: the run is saved in one
 * transaction with a `solve_run_jobs` row keyed by the job id (see `job-runs.ts`), so a second
 * save of the job fails with a unique violation and the worker reports the run the other saved.
 */

/** Where a job is in its life: waiting (also waiting for a retry), taken by a worker, saved a run, or given up. */
export type SolveJobState = JobState;
/** A job as its handler sees it. */
export type SolveJob<T> = Job<T>;
/** What a handler reports: the run it saved (or found saved, `reused`), or a failure that is not retried. */
export type SolveJobResult = JobResult;
/** One job as `runs` lists it. */
export type SolveJobStatus<T = Record<string, unknown>> = JobStatus<T>;
/** Options of {@link SolveQueue.work}. */
export type WorkOptions = JobWorkOptions;
/** The queue of one app's solve jobs. */
export type SolveQueue<T extends object> = JobQueue<T>;

/** Options of {@link openSolveQueue}. */
export interface SolveQueueOptions {
  /** The app's name: the queue is `lumix-solve-<app>`. Letters, digits and `-` only. */
  readonly app: string;
  /**
   * Seconds a worker may hold a job before it is considered dead and the job goes back to the
   * queue, for jobs submitted without their own. Default 900. Set when the queue is created.
   */
  readonly expireInSeconds?: number;
  /** How many times a job whose worker died or threw is queued again. Default 2. */
  readonly retryLimit?: number;
  /** Seconds between two checks for expired jobs (only in workers). Default 10. */
  readonly maintenanceIntervalSeconds?: number;
  /** Seconds an idle worker waits before it asks the queue again. Default 1. */
  readonly pollingIntervalSeconds?: number;
}

/** The label a job's run is saved with, so that `runs` shows which job saved it. */
export function jobRunLabel(jobId: string): string {
  return `job=${jobId}`;
}

const notPostgres = (url: string): string =>
  `Solve jobs need a PostgreSQL database (the queue lives in it), not ${url}. ` +
  'Pass --db postgres://user@host/db or set DATABASE_URL; with a SQLite file, use solve instead.';

/**
 * Every solve job of an app in the PostgreSQL database `url`, oldest first, without changing the
 * database: an empty list when no queue was ever opened there.
 *
 * @throws LumixError `INVALID_ARGUMENT` when `url` is not a PostgreSQL URL.
 */
export function listSolveJobs<T = Record<string, unknown>>(url: string, app: string): Promise<SolveJobStatus<T>[]> {
  return listJobs<T>(url, `lumix-solve-${app}`, { notPostgres });
}

/**
 * Opens the solve-job queue of an app in the PostgreSQL database `url` (pg-boss installs its
 * schema there on first use). `role` `'worker'` also runs pg-boss's maintenance (the expiry of jobs
 * whose worker died); `'client'` only submits and lists.
 *
 * @throws LumixError `INVALID_ARGUMENT` when `url` is not a PostgreSQL URL.
 */
export function openSolveQueue<T extends object>(url: string, options: SolveQueueOptions, role: 'client' | 'worker' = 'client'): Promise<SolveQueue<T>> {
  const { app, ...rest } = options;
  return openJobQueue<T>(url, { name: `lumix-solve-${app}`, notPostgres, ...rest }, role);
}
