import { LumixError, type Solver, type StandardForm, type SolveOptions } from '@lumix/core';
import { chooseSolverName, createSolverPool, type SolverName, type SolverPool } from '@lumix/solver-runtime';
import { fileURLToPath } from 'node:url';
import type { ChosenAppSolver } from './choose-solver.js';
import { displayDatabase } from './database-location.js';
import type { CliOutput } from './run-cli.js';
import { jobRunLabel, openSolveQueue, type SolveJob, type SolveJobResult } from './solve-queue.js';

const APP_KIT_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Where a queue worker stops on purpose, to test that a killed worker's job is retried: `LUMIX_WORKER_PAUSE=solve:MS` or `save:MS`. */
interface WorkerPause {
  readonly at: 'solve' | 'save';
  readonly ms: number;
}

/**
 * Reads `LUMIX_WORKER_PAUSE` (`solve:MS`: wait MS milliseconds before the solve starts, the job
 * being taken; `save:MS`: wait inside the save's transaction): fault injection for the tests that
 * kill a worker in the middle of a job. `undefined` when unset.
 *
 * @throws LumixError `INVALID_ARGUMENT` for any other value.
 */
function workerPause(env: Readonly<Record<string, string | undefined>> = process.env): WorkerPause | undefined {
  const raw = env['LUMIX_WORKER_PAUSE'];
  if (raw === undefined || raw === '') return undefined;
  const m = /^(solve|save):(\d+)$/.exec(raw);
  if (m === null) {
    throw new LumixError('INVALID_ARGUMENT', `LUMIX_WORKER_PAUSE must be solve:MS or save:MS (milliseconds), not '${raw}'. Unset it outside tests.`, {
      details: { value: raw },
    });
  }
  return { at: m[1] as 'solve' | 'save', ms: Number(m[2]) };
}

/** The warm solver pools of one queue worker, one per solver name that its jobs ask for. */
interface WorkerSolvers {
  /** The pool of `name` (default: the worker's `LUMIX_SOLVER`, config file or HiGHS), started on first use. */
  get(name?: SolverName): Promise<ChosenAppSolver>;
  close(): Promise<void>;
}

/**
 * Warm solver pools for a queue worker: each keeps `size` workers with the backend loaded (see
 * `createSolverPool`), so a job does not pay for a cold solver. `cwd` is the user's folder, whose
 * `LUMIX_SOLVER`/config file choose the solver of a job that names none. With `pause.at === 'solve'` every
 * solve first waits `pause.ms` (fault injection, see {@link workerPause}).
 */
function createWorkerSolvers(options: { readonly size: number; readonly cwd: string; readonly pause?: WorkerPause }): WorkerSolvers {
  const pools = new Map<SolverName, SolverPool>();
  return {
    async get(name) {
      const chosen = chooseSolverName(name, { cwd: options.cwd });
      let pool = pools.get(chosen.name);
      if (pool === undefined) {
        // Backends are resolved from app-kit's own folder, which depends on both (the app's folder need not).
        pool = await createSolverPool({ solver: chosen.name, size: options.size, cwd: APP_KIT_DIR });
        pools.set(chosen.name, pool);
      }
      const warm = pool;
      const pause = options.pause;
      const solver: Solver =
        pause?.at === 'solve'
          ? {
              name: warm.name,
              capabilities: warm.capabilities,
              solve: async (problem: StandardForm, o?: SolveOptions) => {
                await new Promise((r) => setTimeout(r, pause.ms));
                return warm.solve(problem, o);
              },
            }
          : warm;
      return { solver, reason: `warm pool of ${String(options.size)}, ${chosen.origin === 'code' ? 'named by the job' : chosen.origin}` };
    },
    async close() {
      await Promise.all([...pools.values()].map((p) => p.close({ force: true })));
      pools.clear();
    },
  };
}

/** What a queue worker's app does with one job: the pieces of its `solve` that {@link serveSolveJobs} hands over. */
export interface SolveJobHooks<T> {
  /** The run a job saved earlier (found by its label, {@link jobRunLabel}), or `null`. */
  findRun(jobId: string, data: T): Promise<number | null>;
  /**
   * Runs the app's solve for the job with this solver, saving the run with `runLabel` appended to
   * its label and awaiting `duringSave` inside the save's transaction; returns the run saved, or
   * the exit code when no run was saved (what it printed to `out.err` becomes the job's reason).
   */
  solve(
    job: SolveJob<T>,
    with_: { readonly chosenSolver: ChosenAppSolver; readonly runLabel: string; readonly duringSave: () => Promise<void>; readonly out: CliOutput },
  ): Promise<{ readonly runId?: number; readonly exitCode: number }>;
}

/** Options of {@link serveSolveJobs}. */
export interface ServeSolveJobsOptions<T> {
  /** The PostgreSQL URL of the app's database; the queue lives in it. */
  readonly db: string;
  /** The app's queue name (see {@link openSolveQueue}). */
  readonly app: string;
  /** Jobs at the same time, and the size of each warm solver pool. Default 1. */
  readonly concurrency?: number;
  readonly maxJobs?: number;
  readonly exitWhenIdle?: boolean;
  /** Seconds between two looks for jobs whose worker died. Default 10. */
  readonly checkEvery?: number;
  /** The user's folder: its config file chooses the solver of a job that names none. */
  readonly cwd: string;
  readonly signal?: AbortSignal;
  /** The solver name a job asks for. */
  solverOf(data: T): SolverName | undefined;
  /**
   * True for a job that must not run beside another such job in this process. Sequelize jobs
   * are: sequelize-typescript binds each model class to one Sequelize instance per process, so a
   * second job's instance (and its close) pulls the first job's models away from it. Those jobs
   * run one at a time per worker process (start more worker processes for more); the others keep
   * `concurrency`. Default: none.
   */
  oneAtATime?(data: T): boolean;
}

/**
 * The `worker` command of an app: takes the app's solve jobs from the queue in its PostgreSQL
 * database and runs each through `hooks.solve` on a warm solver pool. A job whose run is already
 * saved (its first worker died after the commit) is done without a second run; inside the save's
 * transaction the job must still be this worker's (one that outlived its job timeout, and so was
 * taken for dead, saves nothing). A solve that ends without a run fails the job without retry;
 * an error or a dead worker gets it retried. Returns how many jobs were handled.
 */
export async function serveSolveJobs<T extends object>(options: ServeSolveJobsOptions<T>, hooks: SolveJobHooks<T>, out: CliOutput): Promise<number> {
  const pause = workerPause();
  const size = options.concurrency ?? 1;
  const queue = await openSolveQueue<T>(options.db, { app: options.app, ...(options.checkEvery === undefined ? {} : { maintenanceIntervalSeconds: options.checkEvery }) }, 'worker');
  const solvers = createWorkerSolvers({ size, cwd: options.cwd, ...(pause === undefined ? {} : { pause }) });
  // The tail of the chain of one-at-a-time jobs (see ServeSolveJobsOptions.oneAtATime).
  let exclusive: Promise<unknown> = Promise.resolve();
  const inTurn = <R>(data: T, run: () => Promise<R>): Promise<R> => {
    if (options.oneAtATime?.(data) !== true) return run();
    const turn = exclusive.then(run, run);
    exclusive = turn.catch(() => undefined);
    return turn;
  };
  try {
    out.out(`Worker on ${displayDatabase(options.db)}: taking jobs from ${queue.name}, ${String(size)} at a time.`);
    const handled = await queue.work(
      (job): Promise<SolveJobResult> => inTurn(job.data, async (): Promise<SolveJobResult> => {
        const saved = await hooks.findRun(job.id, job.data);
        if (saved !== null) return { runId: saved, reused: true };
        const errors: string[] = [];
        const tag = (t: string): string =>
          t
            .split('\n')
            .map((l) => `[${job.id.slice(0, 8)}] ${l}`)
            .join('\n');
        const jobOut: CliOutput = {
          out: (t) => out.out(tag(t)),
          err: (t) => {
            errors.push(t);
            out.err(tag(t));
          },
        };
        const duringSave = async (): Promise<void> => {
          if (pause?.at === 'save') await new Promise<void>((r) => setTimeout(r, pause.ms));
          const now = await queue.job(job.id);
          if (now?.state !== 'running' || now.retryCount !== job.retryCount) {
            throw new LumixError('INVALID_STATE', `Job ${job.id} outlived its job timeout and was queued again; this attempt saves nothing. Submit it with a longer --job-timeout.`);
          }
        };
        const outcome = await hooks.solve(job, { chosenSolver: await solvers.get(options.solverOf(job.data)), runLabel: jobRunLabel(job.id), duringSave, out: jobOut });
        if (outcome.runId !== undefined) return { runId: outcome.runId };
        return { failed: errors.join(' ') || `solve ended with exit code ${String(outcome.exitCode)}` };
      }),
      {
        concurrency: size,
        ...(options.maxJobs === undefined ? {} : { maxJobs: options.maxJobs }),
        ...(options.exitWhenIdle === undefined ? {} : { exitWhenIdle: options.exitWhenIdle }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        log: (line) => out.out(line),
      },
    );
    out.out(`Worker stops: ${String(handled)} job(s) handled.`);
    return handled;
  } finally {
    await solvers.close();
    await queue.close();
  }
}

/**
 * The `worker` command's process: {@link serveSolveJobs} until SIGINT or SIGTERM, after which
 * the jobs in hand are finished and the worker stops.
 */
export async function serveSolveJobsUntilSignal<T extends object>(options: Omit<ServeSolveJobsOptions<T>, 'signal'>, hooks: SolveJobHooks<T>, out: CliOutput): Promise<number> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await serveSolveJobs({ ...options, signal: stop.signal }, hooks, out);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
