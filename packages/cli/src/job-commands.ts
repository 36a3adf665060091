import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LumixError, isLumixError, type SolveOptions, type SolveResult, type StandardForm } from '@lumix/core';
import type { ObjectiveRhsConvention } from '@lumix/core/io';
import {
  createWarmSolvers,
  isUniqueViolation,
  listJobs,
  openJobQueue,
  safeUrl,
  untilSignal,
  withPostgres,
  workerPause,
  type Job,
  type JobQueue,
  type JobResult,
  type JobStatus,
  type TransactionClient,
} from '@lumix/jobs';
import { chooseSolverName } from '@lumix/solver-runtime';
import { EXIT_CODES, exitCodeForStatus } from './exit-codes.js';
import { parseProblemText, readProblemText, type ProblemFileFormat } from './problem-file.js';

/** The pg-boss queue of the CLI's solve jobs. */
const QUEUE = 'lumix-cli-solve';
/** The table the CLI's workers save results into, one row per job (`job_id` UNIQUE: exactly one result per job). */
const RESULTS = 'lumix_results';
// Solver backends are resolved from the CLI's own folder (HiGHS is its dependency; GLPK an optional peer beside it).
const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));

/** What a CLI solve job carries: the problem text itself (a path means nothing on another machine) and the solve flags. */
interface CliJobData {
  /** The file name as the user typed it, for messages and listings. */
  readonly file: string;
  readonly format: ProblemFileFormat;
  readonly text: string;
  readonly objectiveRhs?: ObjectiveRhsConvention;
  readonly solver?: string;
  readonly timeLimit?: number;
  readonly mipGap?: number;
}

/** Where the job commands print, and the environment they read. */
interface JobIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

const notPostgres = (url: string): string =>
  `--queue must be a PostgreSQL URL (postgres://user@host/db): the queue and the results live in that database, not in '${url}'. ` +
  'A SQLite file cannot hold a queue; solve the file directly with lumix solve.';

/** `--queue`, checked, from the flag or `LUMIX_QUEUE`. */
export function queueUrl(given: string | undefined, command: string, env: Readonly<Record<string, string | undefined>>): string {
  const url = given ?? (env['LUMIX_QUEUE'] === '' ? undefined : env['LUMIX_QUEUE']);
  if (url === undefined) {
    throw new LumixError('INVALID_ARGUMENT', `'lumix ${command}' needs --queue postgres://user@host/db (or the LUMIX_QUEUE variable): the PostgreSQL database that holds the queue.`);
  }
  if (!/^postgres(?:ql)?:\/\//i.test(url)) throw new LumixError('INVALID_ARGUMENT', notPostgres(url), { details: { queue: url } });
  return url;
}

/** Arguments of {@link submitJob}. */
export interface SubmitJobArgs {
  readonly queue: string;
  /** The file as typed, and its path. */
  readonly file: string;
  readonly path: string;
  readonly objectiveRhs?: ObjectiveRhsConvention;
  readonly solver?: string;
  readonly timeLimit?: number;
  readonly mipGap?: number;
  /** Seconds a worker may hold the job before it is taken for dead. Default `timeLimit × 1.25 + 60`, else 900. */
  readonly jobTimeout?: number;
}

/**
 * `lumix submit`: reads and parses the file (a file that is not LP/MPS is refused here, not in a
 * worker), then queues its text with the solve flags; prints the job id.
 */
export async function submitJob(args: SubmitJobArgs, io: JobIo): Promise<number> {
  const { format, text } = readProblemText(args.path, args.file);
  const problem = parseProblemText(text, format, args.file, args.objectiveRhs === undefined ? {} : { objectiveRhs: args.objectiveRhs });
  // An unknown solver name is refused now (where it is installed is the worker's business).
  if (args.solver !== undefined) chooseSolverName(args.solver, { env: io.env, cwd: io.cwd });
  const data: CliJobData = {
    file: args.file,
    format,
    text,
    ...(args.objectiveRhs === undefined ? {} : { objectiveRhs: args.objectiveRhs }),
    ...(args.solver === undefined ? {} : { solver: args.solver }),
    ...(args.timeLimit === undefined ? {} : { timeLimit: args.timeLimit }),
    ...(args.mipGap === undefined ? {} : { mipGap: args.mipGap }),
  };
  const queue = await openJobQueue<CliJobData>(args.queue, { name: QUEUE, notPostgres });
  try {
    const id = await queue.submit(data, args.jobTimeout ?? (args.timeLimit === undefined ? 900 : args.timeLimit * 1.25 + 60));
    io.stdout(id);
    io.stderr(`lumix: queued ${args.file} (${String(problem.numRows)} rows, ${String(problem.numCols)} columns) as job ${id}; a worker solves it: lumix worker --queue ${safeUrl(args.queue)}`);
    return EXIT_CODES.ok;
  } finally {
    await queue.close();
  }
}

/** Arguments of {@link runWorker}. */
export interface WorkerArgs {
  readonly queue: string;
  /** Jobs solved at the same time, and the size of each warm solver pool. Default 1. */
  readonly concurrency?: number;
  readonly maxJobs?: number;
  readonly exitWhenIdle?: boolean;
  /** Seconds between two looks for jobs whose worker died. Default 10. */
  readonly checkEvery?: number;
}

/** A saved result as the results table holds it. */
interface ResultRow {
  id: string | number;
  job_id: string;
  file: string;
  status: string;
  objective: number | null;
  solver: string;
  values_json: Record<string, number> | null;
  duals_json: Record<string, number> | null;
  solve_ms: number;
  started_at: Date;
  finished_at: Date;
  worker: string;
}

/** Creates the results table when missing (once per worker, never inside a save's transaction). */
export async function ensureResultsTable(client: TransactionClient): Promise<void> {
  const [exists] = await client.query<{ t: string | null }>(`SELECT to_regclass('${RESULTS}') AS t`);
  if (exists?.t !== null && exists?.t !== undefined) return;
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${RESULTS} (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job_id text NOT NULL UNIQUE,
        file text NOT NULL,
        status text NOT NULL,
        objective double precision,
        solver text NOT NULL,
        values_json json,
        duals_json json,
        solve_ms double precision NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        worker text NOT NULL
      )`,
    );
  } catch (e) {
    // Another worker created it at the same moment.
    const [again] = await client.query<{ t: string | null }>(`SELECT to_regclass('${RESULTS}') AS t`);
    if (again?.t === null || again?.t === undefined) throw e;
  }
}

async function resultOf(client: TransactionClient, jobId: string): Promise<ResultRow | undefined> {
  const [exists] = await client.query<{ t: string | null }>(`SELECT to_regclass('${RESULTS}') AS t`);
  if (exists?.t === null || exists?.t === undefined) return undefined;
  const [row] = await client.query<ResultRow>(`SELECT * FROM ${RESULTS} WHERE job_id = $1`, [jobId]);
  return row;
}

/** Values by name, in column (or row) order; JSON keeps the order. */
function byName(values: Float64Array | null, n: number, name: (i: number) => string): Record<string, number> | null {
  if (values === null) return null;
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) out[name(i)] = values[i]!;
  return out;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** One result as a worker saves it. */
export interface ResultFields {
  readonly file: string;
  readonly status: string;
  readonly objective: number | null;
  readonly solver: string;
  readonly values: Record<string, number> | null;
  readonly duals: Record<string, number> | null;
  readonly solveMs: number;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly worker: string;
}

/**
 * Saves the result of `job` in ONE transaction: the row (UNIQUE job_id), then, inside the same
 * transaction, a check that the job is still this attempt's. Of two attempts saving one job only
 * one commits: the other's INSERT waits for the first's commit and fails with a unique violation,
 * and it reports the first's row (`reused`). `pauseMs`: fault injection, a wait after the INSERT.
 */
export async function saveResult(queue: JobQueue<object>, job: Job<unknown>, r: ResultFields, pauseMs = 0): Promise<JobResult> {
  try {
    const id = await queue.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string | number }>(
        `INSERT INTO ${RESULTS} (job_id, file, status, objective, solver, values_json, duals_json, solve_ms, started_at, finished_at, worker)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [job.id, r.file, r.status, r.objective, r.solver, r.values === null ? null : JSON.stringify(r.values), r.duals === null ? null : JSON.stringify(r.duals), r.solveMs, r.startedAt, r.finishedAt, r.worker],
      );
      if (pauseMs > 0) await new Promise<void>((done) => setTimeout(done, pauseMs));
      // Cheap early-out for an attempt taken for dead; the UNIQUE job_id is what guarantees one result.
      const now = await queue.job(job.id);
      if (now?.state !== 'running' || now.retryCount !== job.retryCount) {
        throw new LumixError('INVALID_STATE', `Job ${job.id} outlived its job timeout and was queued again; this attempt saves nothing. Submit it with a longer --job-timeout.`);
      }
      return Number(row!.id);
    });
    return { runId: id };
  } catch (e) {
    if (isUniqueViolation(e)) {
      const other = await queue.transaction((c) => resultOf(c, job.id));
      if (other !== undefined) return { runId: Number(other.id), reused: true };
    }
    throw e;
  }
}

/**
 * `lumix worker`: takes solve jobs from the queue, parses each problem, solves it on a warm pool
 * and saves the result in ONE transaction into `lumix_results` (UNIQUE on the job id: a second
 * save of the job, by an attempt that outlived its job timeout or raced another, fails there and
 * the job completes with the first result). A job whose result is already saved (its worker died
 * after the commit) is done without solving. Runs until SIGINT/SIGTERM, `--max-jobs` or (with
 * `--exit-when-idle`) an empty queue; returns the exit code.
 */
export async function runWorker(args: WorkerArgs, io: JobIo): Promise<number> {
  const pause = workerPause(io.env);
  const size = args.concurrency ?? 1;
  const queue = await openJobQueue<CliJobData>(args.queue, { name: QUEUE, notPostgres, ...(args.checkEvery === undefined ? {} : { maintenanceIntervalSeconds: args.checkEvery }) }, 'worker');
  const solvers = createWarmSolvers({ size, cwd: io.cwd, backendsFrom: CLI_DIR, env: io.env, ...(pause === undefined ? {} : { pause }) });
  const me = `${hostname()}:${String(process.pid)}`;
  try {
    await queue.transaction(ensureResultsTable);
    const existing = (id: string): Promise<ResultRow | undefined> => queue.transaction((c) => resultOf(c, id));
    const handle = async (job: Job<CliJobData>): Promise<JobResult> => {
      const tag = `[${job.id.slice(0, 8)}]`;
      const saved = await existing(job.id);
      if (saved !== undefined) return { runId: Number(saved.id), reused: true };
      const d = job.data;
      let problem: StandardForm;
      try {
        problem = parseProblemText(d.text, d.format, d.file, d.objectiveRhs === undefined ? {} : { objectiveRhs: d.objectiveRhs });
      } catch (e) {
        // Bad data fails the same way on every attempt: no retry.
        return { failed: message(e) };
      }
      let chosen: Awaited<ReturnType<typeof solvers.get>>;
      try {
        chosen = await solvers.get(d.solver);
      } catch (e) {
        if (isLumixError(e) && (e.code === 'SOLVER_NOT_INSTALLED' || e.code === 'INVALID_ARGUMENT')) return { failed: `${message(e)} (on worker ${me})` };
        throw e;
      }
      const options: SolveOptions = { ...(d.timeLimit === undefined ? {} : { timeLimit: d.timeLimit }), ...(d.mipGap === undefined ? {} : { mipGap: d.mipGap }) };
      const startedAt = new Date();
      const result: SolveResult = await chosen.solver.solve(problem, options);
      const finishedAt = new Date();
      if (result.status === 'error') {
        throw new LumixError('SOLVER_FAILED', `${result.solver} failed on ${d.file}: ${result.message ?? 'no message'}`);
      }
      io.stdout(`${tag} ${d.file}: ${result.status}, objective ${result.objective === null ? '-' : String(result.objective)}, ${result.solver} (${chosen.reason}) in ${result.stats.solveMs.toFixed(1)} ms; saving`);
      const values = byName(result.hasSolution ? result.colValues : null, problem.numCols, (j) => problem.colName(j));
      const duals = byName(result.rowDuals, problem.numRows, (i) => problem.rowName(i));
      return saveResult(queue, job, {
        file: d.file,
        status: result.status,
        objective: result.objective,
        solver: result.solver,
        values,
        duals,
        solveMs: result.stats.solveMs,
        startedAt,
        finishedAt,
        worker: me,
      }, pause?.at === 'save' ? pause.ms : 0);
    };
    const work = (signal?: AbortSignal): Promise<number> =>
      queue.work(handle, {
        concurrency: size,
        ...(args.maxJobs === undefined ? {} : { maxJobs: args.maxJobs }),
        ...(args.exitWhenIdle === undefined ? {} : { exitWhenIdle: args.exitWhenIdle }),
        ...(signal === undefined ? {} : { signal }),
        log: (line) => io.stdout(line.replace(/done, run #/, 'done, result #')),
      });
    io.stdout(`lumix worker ${me} on ${safeUrl(args.queue)}: taking jobs from ${QUEUE}, ${String(size)} at a time.`);
    const handled = await untilSignal(work);
    io.stdout(`lumix worker stops: ${String(handled)} job(s) handled.`);
    return EXIT_CODES.ok;
  } finally {
    await solvers.close();
    await queue.close();
  }
}

const time = (d: Date | null): string => (d === null ? '-' : d.toISOString().replace('T', ' ').slice(0, 19));

/** `lumix jobs`: every job of the queue with its lifecycle and, when done, the status and objective saved. */
export async function listCliJobs(args: { readonly queue: string; readonly json?: boolean }, io: JobIo): Promise<number> {
  // Without each job's problem text: a listing needs the file name, not megabytes of MPS.
  const jobs: JobStatus<Omit<CliJobData, 'text'>>[] = await listJobs<Omit<CliJobData, 'text'>>(args.queue, QUEUE, { notPostgres, dataWithout: ['text'] });
  const results = await withPostgres(args.queue, async (c) => {
    const [exists] = await c.query<{ t: string | null }>(`SELECT to_regclass('${RESULTS}') AS t`);
    if (exists?.t === null || exists?.t === undefined) return new Map<string, { status: string; objective: number | null }>();
    const rows = await c.query<{ job_id: string; status: string; objective: number | null }>(`SELECT job_id, status, objective FROM ${RESULTS}`);
    return new Map(rows.map((r) => [r.job_id, r]));
  });
  const listed = jobs.map((j) => ({
    id: j.id,
    state: j.state,
    file: j.data.file,
    solver: j.data.solver ?? null,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
    retries: j.retryCount,
    status: results.get(j.id)?.status ?? null,
    objective: results.get(j.id)?.objective ?? null,
    error: j.error,
  }));
  if (args.json === true) {
    io.stdout(JSON.stringify(listed));
    return EXIT_CODES.ok;
  }
  if (listed.length === 0) {
    io.stdout(`No jobs in ${safeUrl(args.queue)}. Queue one with: lumix submit FILE --queue ${safeUrl(args.queue)}`);
    return EXIT_CODES.ok;
  }
  const header = ['JOB', 'STATE', 'FILE', 'CREATED', 'FINISHED', 'RETRIES', 'STATUS', 'OBJECTIVE', 'ERROR'];
  const rows = listed.map((j) => [j.id, j.state, j.file, time(j.createdAt), time(j.finishedAt), String(j.retries), j.status ?? '', j.objective === null ? '' : String(j.objective), j.error ?? '']);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  for (const r of [header, ...rows]) io.stdout(r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
  return EXIT_CODES.ok;
}

/** What `lumix result --out FILE.json` writes (and `--json` prints). */
interface ResultJson {
  readonly lumixJob: string;
  readonly file: string;
  readonly status: string;
  readonly objective: number | null;
  readonly solver: string;
  readonly solveMs: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly worker: string;
  readonly values: Record<string, number> | null;
  readonly duals: Record<string, number> | null;
}

const SOL_MARK = '# lumix result of job ';

/** The job a file written by `lumix result --out` belongs to, or `undefined` for any other file. */
function ownerOf(path: string): string | undefined {
  let head: string;
  try {
    head = readFileSync(path, 'utf8').slice(0, 4096);
  } catch {
    return undefined;
  }
  if (head.startsWith(SOL_MARK)) return head.slice(SOL_MARK.length).split('\n')[0]!.trim();
  const m = /^\{"lumixJob":"([^"]+)"/.exec(head);
  return m?.[1];
}

/**
 * `lumix result JOB`: prints the result a worker saved for the job, or writes it to `--out`
 * (`.json`: everything; `.sol`: the objective and one `name value` line per column). An existing
 * file is replaced only when an earlier `lumix result` of the same job wrote it. Exit code: that of
 * the solve's status (as `lumix solve`), 5 when the job has no result yet, 1 when it failed.
 */
export async function showResult(args: { readonly queue: string; readonly job: string; readonly out?: string; readonly outPath?: string; readonly json?: boolean }, io: JobIo): Promise<number> {
  const row = await withPostgres(args.queue, (c) => resultOf(c, args.job), { notPostgres });
  if (row === undefined) {
    const job = (await listJobs<Omit<CliJobData, 'text'>>(args.queue, QUEUE, { notPostgres, dataWithout: ['text'] })).find((j) => j.id === args.job);
    if (job === undefined) {
      throw new LumixError('INVALID_ARGUMENT', `No job ${args.job} in ${safeUrl(args.queue)}; list the jobs with lumix jobs --queue ${safeUrl(args.queue)}.`, { details: { job: args.job } });
    }
    if (job.state === 'failed') {
      io.stderr(`lumix: job ${args.job} (${job.data.file}) failed: ${job.error ?? 'no reason recorded'}`);
      return EXIT_CODES.internal;
    }
    io.stderr(`lumix: job ${args.job} (${job.data.file}) is ${job.state}${job.retryCount > 0 ? ` (retry ${String(job.retryCount)})` : ''}; it has no result yet. Is a worker running? lumix worker --queue ${safeUrl(args.queue)}`);
    return EXIT_CODES.pending;
  }
  const result: ResultJson = {
    lumixJob: row.job_id,
    file: row.file,
    status: row.status,
    objective: row.objective,
    solver: row.solver,
    solveMs: row.solve_ms,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at.toISOString(),
    worker: row.worker,
    values: row.values_json,
    duals: row.duals_json,
  };
  if (args.out !== undefined && args.outPath !== undefined) {
    writeResultFile(result, args.out, args.outPath);
    io.stdout(`wrote ${args.out}: job ${row.job_id}, ${row.status}, objective ${row.objective === null ? '-' : String(row.objective)}`);
  } else if (args.json === true) {
    io.stdout(JSON.stringify(result));
  } else {
    io.stdout(`job       ${row.job_id}`);
    io.stdout(`file      ${row.file}`);
    io.stdout(`status    ${row.status}`);
    io.stdout(`objective ${row.objective === null ? '-' : String(row.objective)}`);
    io.stdout(`solver    ${row.solver} on ${row.worker}, ${(row.solve_ms / 1000).toFixed(3)} s, finished ${time(row.finished_at)}`);
    if (row.values_json !== null) {
      const names = Object.keys(row.values_json);
      const width = Math.max(6, ...names.map((n) => n.length));
      io.stdout('');
      io.stdout(`${'column'.padEnd(width)}  value`);
      for (const n of names) io.stdout(`${n.padEnd(width)}  ${String(row.values_json[n])}`);
    }
  }
  return exitCodeForStatus(row.status as SolveResult['status']);
}

function writeResultFile(result: ResultJson, shown: string, path: string): void {
  const lower = shown.toLowerCase();
  if (!lower.endsWith('.json') && !lower.endsWith('.sol')) {
    throw new LumixError('INVALID_ARGUMENT', `--out '${shown}' must end in .json (the whole result) or .sol (objective and column values).`, { details: { file: shown } });
  }
  if (existsSync(path)) {
    const owner = ownerOf(path);
    if (owner !== result.lumixJob) {
      throw new LumixError(
        'INVALID_ARGUMENT',
        `--out '${shown}' exists and is not ${owner === undefined ? 'a result file written by lumix result' : `the result of job ${result.lumixJob} (it holds job ${owner})`}; ` +
          'it is left as it is. Choose another name, or remove the file first.',
        { details: { file: shown } },
      );
    }
  }
  const text = lower.endsWith('.json')
    ? `${JSON.stringify(result)}\n`
    : [
        `${SOL_MARK}${result.lumixJob}`,
        `# file ${result.file}, status ${result.status}, solver ${result.solver}`,
        `# Objective value = ${result.objective === null ? '-' : String(result.objective)}`,
        ...Object.entries(result.values ?? {}).map(([n, v]) => `${n} ${String(v)}`),
        '',
      ].join('\n');
  const staged = join(dirname(path), `.${basename(path)}.${String(process.pid)}.tmp`);
  try {
    writeFileSync(staged, text, { flag: 'wx' });
    renameSync(staged, path);
  } catch (e) {
    throw new LumixError('INVALID_ARGUMENT', `Cannot write '${shown}': ${message(e)}.`, { cause: e, details: { file: shown } });
  }
}
