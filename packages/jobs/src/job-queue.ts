import { LumixError } from '@lumix/core';
import PgBoss from 'pg-boss';
import pg from 'pg';

/**
 * Jobs on a queue: pg-boss on the user's own PostgreSQL database (its tables live in the `pgboss`
 * schema beside the user's tables, so a queue needs no other server). A job is taken by one
 * worker at a time (pg-boss fetches with `FOR UPDATE SKIP LOCKED`); a worker that dies (kill -9)
 * leaves its job `active` until the job's expiry, after which pg-boss's maintenance puts it back
 * in the queue for another worker (up to `retryLimit` times).
 *
 * Exactly one result per job is the saver's part: it writes its result in one transaction
 * together with a row keyed by the job id under a UNIQUE (or PRIMARY KEY) constraint, so a second
 * save of the same job fails inside its transaction and commits nothing; the worker then reports
 * the result the other attempt saved (see {@link JobQueue.transaction} and {@link isUniqueViolation}).
 */

/** Where a job is in its life: waiting (also waiting for a retry), taken by a worker, saved a result, or given up. */
export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** Options of {@link openJobQueue}. */
export interface JobQueueOptions {
  /** The queue's name in pg-boss, e.g. `lumix-solve-production`. Letters, digits, `-` and `_` only. */
  readonly name: string;
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
export interface Job<T> {
  readonly id: string;
  readonly data: T;
  /** 0 the first time the job is taken, 1 for its first retry, and so on. */
  readonly retryCount: number;
}

/**
 * What a handler reports: the id of the row it saved (or found saved by another attempt,
 * `reused`), or a failure that another attempt would repeat (no plan exists, bad data): such a
 * job is not retried. A handler that throws (or whose worker dies) gets the job retried.
 */
export type JobResult = { readonly runId: number; readonly reused?: boolean } | { readonly failed: string };

/** One job as a listing shows it. */
export interface JobStatus<T = Record<string, unknown>> {
  readonly id: string;
  readonly state: JobState;
  readonly data: T;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** Attempts so far beyond the first. */
  readonly retryCount: number;
  /** The id of the row (run, result) the job saved, when done. */
  readonly runId: number | null;
  /** Why it failed, when failed. */
  readonly error: string | null;
}

/** Options of {@link JobQueue.work}. */
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

/** A client of the `query` function {@link JobQueue.transaction} hands over: one connection inside BEGIN … COMMIT. */
export interface TransactionClient {
  /** Runs one statement (`$1`, `$2` … placeholders) and returns its rows. */
  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

/** A queue of jobs in a PostgreSQL database. */
export interface JobQueue<T extends object> {
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
  work(handler: (job: Job<T>) => Promise<JobResult>, options?: WorkOptions): Promise<number>;
  /** One job, or `null` when no job has that id. */
  job(id: string): Promise<JobStatus<T> | null>;
  /** Every job of the queue, oldest first (pg-boss's defaults: a finished job is archived after 12 hours and deleted after 7 days). */
  jobs(): Promise<JobStatus<T>[]>;
  /**
   * Runs `fn` inside one transaction on the queue's database (its own connection, BEGIN …
   * COMMIT; ROLLBACK when `fn` throws, the error passed on). Where a worker saves a job's result:
   * with a row keyed by the job id under a UNIQUE constraint, a second save of the job fails here
   * with a unique violation ({@link isUniqueViolation}) and commits nothing.
   */
  transaction<R>(fn: (client: TransactionClient) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/** True for a PostgreSQL URL (`postgres://…`, `postgresql://…`), where a queue can live. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/**
 * True for PostgreSQL's unique violation (SQLSTATE 23505) thrown by a statement of
 * {@link JobQueue.transaction}: the key (a job id) is already saved, by this job's other attempt.
 */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

/** Options of {@link openJobQueue} and {@link listJobs} about the URL: what to say when it is not PostgreSQL. */
export interface QueueUrlCheck {
  /** The message of the `INVALID_ARGUMENT` error for a URL that is not PostgreSQL's (it gets the URL). Default: a generic one. */
  readonly notPostgres?: (url: string) => string;
}

const notPostgres = (url: string, check: QueueUrlCheck): LumixError =>
  new LumixError(
    'INVALID_ARGUMENT',
    check.notPostgres?.(url) ?? `A job queue lives in a PostgreSQL database, not in ${url}. Give a postgres://user@host/db URL.`,
    { details: { url } },
  );

/**
 * What went wrong reaching the queue's database, in words: an unreachable server, a wrong
 * password, a missing database. Other errors are passed on.
 */
function connectionError(e: unknown, url: string): unknown {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  const shown = safeUrl(url);
  const unreachable = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN';
  // pg's own words (no code) for a connection that a server or the network dropped, or that timed out.
  if (unreachable || (code === undefined && /Connection terminated|timeout expired/i.test(message(e)))) {
    return new LumixError('SOURCE_FAILED', `Cannot reach the PostgreSQL server of ${shown} (${unreachable ? String(code) : message(e)}). Start it, or fix the host and port of the URL.`, {
      cause: e,
      details: { url: shown, kind: 'cannot-open' },
    });
  }
  if (code === '3D000' || code === '28P01' || code === '28000') {
    return new LumixError('SOURCE_FAILED', `PostgreSQL refused ${shown}: ${message(e)}. Fix the database name, user or password in the URL.`, { cause: e, details: { url: shown, kind: 'cannot-open' } });
  }
  return e;
}

/**
 * Runs `fn` with one connection to the PostgreSQL database `url` (no transaction; each statement
 * commits on its own), then closes it: reading a job's saved result, creating a results table.
 *
 * @throws LumixError `INVALID_ARGUMENT` when `url` is not a PostgreSQL URL; `SOURCE_FAILED` when
 *   the server cannot be reached or refuses the URL; and what `fn` throws.
 */
export async function withPostgres<R>(url: string, fn: (client: TransactionClient) => Promise<R>, check: QueueUrlCheck = {}): Promise<R> {
  if (!isPostgresUrl(url)) throw notPostgres(url, check);
  const client = new pg.Client({ connectionString: url, ...CONNECT_TIMEOUT });
  // A connection the server drops is reported by the next statement; the event must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw connectionError(e, url);
  }
  try {
    return await fn({ query: async <T extends object>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, [...params])).rows as T[] });
  } finally {
    await client.end();
  }
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

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

function stateOf(row: JobRow): JobState {
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

function statusOf<T>(row: JobRow): JobStatus<T> {
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

/** pg's connect timeout for every connection (an unroutable host fails after it instead of hanging). */
const CONNECT_TIMEOUT = { connectionTimeoutMillis: 15_000 };

const JOB_COLUMNS = 'id, state, data, output, retry_count, created_on, started_on, completed_on';

/** The job columns with `data` minus these top-level keys (a listing need not carry a job's bulky payload). */
function jobColumns(dataWithout: readonly string[] | undefined): string {
  if (dataWithout === undefined || dataWithout.length === 0) return JOB_COLUMNS;
  const keys = dataWithout.map((k) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new LumixError('INVALID_ARGUMENT', `dataWithout: '${k}' is not a plain key name (letters, digits, _).`, { details: { key: k } });
    return `'${k}'`;
  });
  return JOB_COLUMNS.replace('data,', `data - ARRAY[${keys.join(', ')}]::text[] AS data,`);
}

/** Options of {@link listJobs}. */
export interface ListJobsOptions extends QueueUrlCheck {
  /** Top-level keys of each job's data to leave out (a problem's text, say). Default: none. */
  readonly dataWithout?: readonly string[];
}

/**
 * Every job of the queue `name` in the PostgreSQL database `url`, oldest first, without changing
 * the database: an empty list when no queue was ever opened there (pg-boss's schema is absent).
 *
 * @throws LumixError `INVALID_ARGUMENT` when `url` is not a PostgreSQL URL; `SOURCE_FAILED` when
 *   the server cannot be reached or refuses the URL.
 */
export async function listJobs<T = Record<string, unknown>>(url: string, name: string, check: ListJobsOptions = {}): Promise<JobStatus<T>[]> {
  if (!isPostgresUrl(url)) throw notPostgres(url, check);
  const boss = new PgBoss({ connectionString: url, max: 1, supervise: false, schedule: false, migrate: false, ...CONNECT_TIMEOUT });
  boss.on('error', () => undefined);
  try {
    await boss.start();
  } catch (e) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    if (message(e).includes('not installed')) return [];
    throw connectionError(e, url);
  }
  try {
    const { rows } = await boss.getDb().executeSql(
      `SELECT * FROM (SELECT ${jobColumns(check.dataWithout)} FROM pgboss.job WHERE name = $1 UNION ALL SELECT ${jobColumns(check.dataWithout)} FROM pgboss.archive WHERE name = $1) j ORDER BY created_on, id`,
      [name],
    );
    return (rows as JobRow[]).map((r) => statusOf<T>(r));
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/**
 * Opens the job queue `options.name` in the PostgreSQL database `url` (pg-boss installs its
 * schema there on first use, and the queue is created when missing). `role` `'worker'` also runs
 * pg-boss's maintenance (the expiry of jobs whose worker died); `'client'` only submits and lists.
 *
 * @throws LumixError `INVALID_ARGUMENT` when `url` is not a PostgreSQL URL; `SOURCE_FAILED` when
 *   the server cannot be reached or refuses the URL.
 */
export async function openJobQueue<T extends object>(url: string, options: JobQueueOptions & QueueUrlCheck, role: 'client' | 'worker' = 'client'): Promise<JobQueue<T>> {
  if (!isPostgresUrl(url)) throw notPostgres(url, options);
  const name = options.name;
  const expireInSeconds = options.expireInSeconds ?? 900;
  const retryLimit = options.retryLimit ?? 2;
  const boss = new PgBoss({
    connectionString: url,
    ...CONNECT_TIMEOUT,
    max: 4,
    supervise: role === 'worker',
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 10,
  });
  const errors: unknown[] = [];
  boss.on('error', (e) => errors.push(e));
  try {
    await boss.start();
  } catch (e) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw connectionError(e, url);
  }
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

  // Transactions get their own small pool, opened on first use (pg-boss's pool is not exposed).
  let txPool: pg.Pool | undefined;

  const work = async (handler: (job: Job<T>) => Promise<JobResult>, o: WorkOptions = {}): Promise<number> => {
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
        let result: JobResult;
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
    async transaction(fn) {
      if (txPool === undefined) {
        txPool = new pg.Pool({ connectionString: url, max: 2, ...CONNECT_TIMEOUT });
        txPool.on('error', () => undefined);
      }
      const client = await txPool.connect();
      try {
        await client.query('BEGIN');
        try {
          const result = await fn({
            query: async <R extends object>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, [...params])).rows as R[],
          });
          await client.query('COMMIT');
          return result;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw e;
        }
      } finally {
        client.release();
      }
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
      await txPool?.end();
    },
  };
}
