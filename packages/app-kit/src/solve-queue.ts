import { LumixError } from '@lumix/core';
import PgBoss from 'pg-boss';
import { isDatabaseUrl } from './database-location.js';

/**
 * Solve jobs on a queue: pg-boss on the app's own PostgreSQL database (its tables live in the
 * `pgboss` schema beside the app's tables, so a queue needs no other server). A job is taken by
 * one worker at a time (pg-boss fetches with `FOR UPDATE SKIP LOCKED`); a worker that dies
 * (kill -9) leaves its job `active` until the job's expiry, after which pg-boss's maintenance puts
 * it back in the queue for another worker (up to `retryLimit` times).
 *
 * Exactly one run per job is the app's part: it saves the run in one transaction with a label
 * that names the job ({@link jobRunLabel}), and before solving it looks for a run with that label
 * (a worker killed after its commit but before it marked the job done left one behind).
 */

/** Where a job is in its life: waiting (also waiting for a retry), taken by a worker, saved a run, or given up. */
export type SolveJobState = 'queued' | 'running' | 'done' | 'failed';

/** Options of {@link openSolveQueue}. */
export interface SolveQueueOptions {
  /** The app's name: the queue is `lumix-solve-<app>`. Letters, digits and `-` only. */
  readonly app: string;
  /**
   * Seconds a worker may hold a job before it is considered dead and the job goes back to the
   * queue, for jobs submitted without their own. Longer than any solve plus its save. Default 900
   * (15 minutes). Set when the queue is created (the first time it is opened).
   */
  readonly expireInSeconds?: number;
  /** How many times a job whose worker died or threw is queued again. Default 2. */
  readonly retryLimit?: number;
  /** Seconds between two checks for expired jobs (only in workers). Default 10. */
  readonly maintenanceIntervalSeconds?: number;
  /** Seconds an idle worker waits before it asks the queue again. Default 1. */
  readonly pollingIntervalSeconds?: number;
}

/** A job as its handler sees it. */
export interface SolveJob<T> {
  readonly id: string;
  readonly data: T;
  /** 0 the first time the job is taken, 1 for its first retry, and so on. */
  readonly retryCount: number;
}

/**
 * What a handler reports: the run it saved (or found saved by an earlier attempt), or a failure
 * that another attempt would repeat (no plan exists, bad data): such a job is not retried.
 * A handler that throws (or whose worker dies) gets the job retried.
 */
export type SolveJobResult = { readonly runId: number; readonly reused?: boolean } | { readonly failed: string };

/** One job as `runs` lists it. */
export interface SolveJobStatus<T = Record<string, unknown>> {
  readonly id: string;
  readonly state: SolveJobState;
  readonly data: T;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** Attempts so far beyond the first. */
  readonly retryCount: number;
  /** The run the job saved, when done. */
  readonly runId: number | null;
  /** Why it failed, when failed. */
  readonly error: string | null;
}

/** Options of {@link SolveQueue.work}. */
export interface WorkOptions {
  /** Jobs handled at the same time (each needs a solver worker). Default 1. */
  readonly concurrency?: number;
  /** Stop after this many jobs were handled (done or failed). Default: no limit. */
  readonly maxJobs?: number;
  /** Stop when the queue has no job ready to take. Default false: wait for jobs. */
  readonly exitWhenIdle?: boolean;
  /** Stops taking jobs; jobs already taken are finished first. */
  readonly signal?: AbortSignal;
  /** A line per event (job taken, done, failed), for the console. */
  readonly log?: (line: string) => void;
}

/** The queue of one app's solve jobs. */
export interface SolveQueue<T extends object> {
  /** The queue's name in pg-boss. */
  readonly name: string;
  /**
   * Queues a job; returns its id. `expireInSeconds`: how long a worker may hold it (solve and save)
   * before it is considered dead and the job is queued again; default the queue's.
   */
  submit(data: T, expireInSeconds?: number): Promise<string>;
  /**
   * Takes jobs and hands each to `handler`, until `maxJobs`, the queue is empty
   * (`exitWhenIdle`) or `signal` aborts; returns how many jobs were handled.
   */
  work(handler: (job: SolveJob<T>) => Promise<SolveJobResult>, options?: WorkOptions): Promise<number>;
  /** One job, or `null` when no job has that id. */
  job(id: string): Promise<SolveJobStatus<T> | null>;
  /** Every job of the queue, oldest first (pg-boss's defaults: a finished job is archived after 12 hours and deleted after 7 days). */
  jobs(): Promise<SolveJobStatus<T>[]>;
  close(): Promise<void>;
}

/** The label a job's run is saved with, so that a retried job finds a run an earlier attempt committed. */
export function jobRunLabel(jobId: string): string {
  return `job=${jobId}`;
}

const NOT_POSTGRES = (url: string): LumixError =>
  new LumixError(
    'INVALID_ARGUMENT',
    `Solve jobs need a PostgreSQL database (the queue lives in it), not ${url}. ` +
      'Pass --db postgres://user@host/db or set DATABASE_URL; with a SQLite file, use solve instead.',
    { details: { db: url } },
  );

interface JobRow {
  id: string;
  state: string;
  data: unknown;
  output: unknown;
  retry_count: number;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
}

function stateOf(row: JobRow): SolveJobState {
  const failedOutput = typeof row.output === 'object' && row.output !== null && 'failed' in row.output;
  switch (row.state) {
    case 'created':
    case 'retry':
      return 'queued';
    case 'active':
      return 'running';
    case 'completed':
      return failedOutput ? 'failed' : 'done';
    default:
      return 'failed';
  }
}

function statusOf<T>(row: JobRow): SolveJobStatus<T> {
  const output = (typeof row.output === 'object' && row.output !== null ? row.output : {}) as Record<string, unknown>;
  const error = typeof output['failed'] === 'string' ? output['failed'] : typeof output['message'] === 'string' ? output['message'] : null;
  return {
    id: row.id,
    state: stateOf(row),
    data: row.data as T,
    createdAt: row.created_on,
    startedAt: row.started_on,
    finishedAt: row.completed_on,
    retryCount: row.retry_count,
    runId: typeof output['runId'] === 'number' ? output['runId'] : null,
    error: stateOf(row) === 'failed' ? (error ?? row.state) : null,
  };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const JOB_COLUMNS = 'id, state, data, output, retry_count, created_on, started_on, completed_on';

/**
 * Every solve job of an app in the PostgreSQL database `url`, oldest first, without changing the
 * database: an empty list when no queue was ever opened there (pg-boss's schema is absent).
 *
 * @throws LumixError `INVALID_ARGUMENT` when `url` is not a PostgreSQL URL.
 */
export async function listSolveJobs<T = Record<string, unknown>>(url: string, app: string): Promise<SolveJobStatus<T>[]> {
  if (!isDatabaseUrl(url)) throw NOT_POSTGRES(url);
  const boss = new PgBoss({ connectionString: url, max: 1, supervise: false, schedule: false, migrate: false });
  boss.on('error', () => undefined);
  try {
    await boss.start();
  } catch (e) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    if (message(e).includes('not installed')) return [];
    throw e;
  }
  try {
    const { rows } = await boss.getDb().executeSql(
      `SELECT * FROM (SELECT ${JOB_COLUMNS} FROM pgboss.job WHERE name = $1 UNION ALL SELECT ${JOB_COLUMNS} FROM pgboss.archive WHERE name = $1) j ORDER BY created_on, id`,
      [`lumix-solve-${app}`],
    );
    return (rows as JobRow[]).map((r) => statusOf<T>(r));
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/**
 * Opens the solve-job queue of an app in the PostgreSQL database `url` (pg-boss installs its
 * schema there on first use). `role` `'worker'` also runs pg-boss's maintenance (the expiry of jobs
 * whose worker died); `'client'` only submits and lists.
 *
 * @throws LumixError `INVALID_ARGUMENT` when `url` is not a PostgreSQL URL.
 */
export async function openSolveQueue<T extends object>(url: string, options: SolveQueueOptions, role: 'client' | 'worker' = 'client'): Promise<SolveQueue<T>> {
  if (!isDatabaseUrl(url)) throw NOT_POSTGRES(url);
  const name = `lumix-solve-${options.app}`;
  const expireInSeconds = options.expireInSeconds ?? 900;
  const retryLimit = options.retryLimit ?? 2;
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    supervise: role === 'worker',
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 10,
  });
  const errors: unknown[] = [];
  boss.on('error', (e) => errors.push(e));
  await boss.start();
  if ((await boss.getQueue(name)) === null) {
    try {
      await boss.createQueue(name, { name, retryLimit, retryDelay: 0, expireInSeconds });
    } catch (e) {
      // Another process created it at the same time.
      if ((await boss.getQueue(name)) === null) throw e;
    }
  }
  const db = boss.getDb();
  const columns = JOB_COLUMNS;
  const pollMs = (options.pollingIntervalSeconds ?? 1) * 1000;

  const work = async (handler: (job: SolveJob<T>) => Promise<SolveJobResult>, o: WorkOptions = {}): Promise<number> => {
    let handled = 0;
    let taken = 0;
    const log = o.log ?? (() => undefined);
    const more = (): boolean => o.signal?.aborted !== true && (o.maxJobs === undefined || taken < o.maxJobs);
    const loop = async (): Promise<void> => {
      while (more()) {
        // Counted before the fetch, so that parallel loops never take more than maxJobs.
        taken++;
        const [job] = await boss.fetch<T>(name, { batchSize: 1, includeMetadata: true });
        if (job === undefined) {
          taken--;
          if (o.exitWhenIdle === true) return;
          await new Promise((r) => setTimeout(r, pollMs));
          continue;
        }
        log(`job ${job.id}: taken${job.retryCount > 0 ? ` (retry ${String(job.retryCount)})` : ''}`);
        let result: SolveJobResult;
        try {
          result = await handler({ id: job.id, data: job.data, retryCount: job.retryCount });
        } catch (e) {
          log(`job ${job.id}: error (${message(e)}); it will be retried while retries are left`);
          await boss.fail(name, job.id, { message: message(e) });
          handled++;
          continue;
        }
        await boss.complete(name, job.id, result);
        log('failed' in result ? `job ${job.id}: failed: ${result.failed}` : `job ${job.id}: done, run #${String(result.runId)}${result.reused === true ? ' (saved by an earlier attempt)' : ''}`);
        handled++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 1) }, () => loop()));
    return handled;
  };

  return {
    name,
    async submit(data, expireIn) {
      const id = await boss.send(name, data, expireIn === undefined ? {} : { expireInSeconds: Math.max(1, Math.ceil(expireIn)) });
      if (id === null) throw new LumixError('INVALID_STATE', `The queue ${name} refused the job.`);
      return id;
    },
    work,
    async job(id) {
      const { rows } = await db.executeSql(
        `SELECT ${columns} FROM pgboss.job WHERE name = $1 AND id = $2 UNION ALL SELECT ${columns} FROM pgboss.archive WHERE name = $1 AND id = $2`,
        [name, id],
      );
      const row = rows[0] as JobRow | undefined;
      return row === undefined ? null : statusOf<T>(row);
    },
    async jobs() {
      const { rows } = await db.executeSql(
        `SELECT * FROM (SELECT ${columns} FROM pgboss.job WHERE name = $1 UNION ALL SELECT ${columns} FROM pgboss.archive WHERE name = $1) j ORDER BY created_on, id`,
        [name],
      );
      return (rows as JobRow[]).map((r) => statusOf<T>(r));
    },
    async close() {
      await boss.stop({ graceful: false, wait: true });
    },
  };
}
