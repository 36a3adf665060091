import { LumixError } from '@lumix/core';
import { createWarmSolvers, untilSignal, workerPause } from '@lumix/jobs';
import type { SolverName } from '@lumix/solver-runtime';
import { fileURLToPath } from 'node:url';
import type { ChosenAppSolver } from './choose-solver.js';
import { displayDatabase } from './database-location.js';
import { isJobRunConflict, jobRunRows } from './job-runs.js';
import type { CliOutput } from './run-cli.js';
import { jobRunLabel, openSolveQueue, type SolveJob, type SolveJobResult } from './solve-queue.js';

// Backends are resolved from app-kit's own folder, which depends on both (the app's folder need not).
const APP_KIT_DIR = fileURLToPath(new URL('..', import.meta.url));

/** What a queue worker's app does with one job: the pieces of its `solve` that {@link serveSolveJobs} hands over. */
export interface SolveJobHooks<T> {
  /**
   * The run a job saved earlier (its key in `solve_run_jobs`, see `runOfJob`), or `null`; adds
   * that table to the database when missing (`ensureJobRunTable`), before any save.
   */
  findRun(jobId: string, data: T): Promise<number | null>;
  /**
   * Runs the app's solve for the job with this solver, saving the run with `runLabel` appended to
   * its label and, inside the save's transaction, adding the rows `duringSave` returns (the job's
   * key: a second save of the job fails there with a unique violation); returns the run saved, or
   * the exit code when no run was saved (what it printed to `out.err` becomes the job's reason).
   */
  solve(
    job: SolveJob<T>,
    with_: {
      readonly chosenSolver: ChosenAppSolver;
      readonly runLabel: string;
      readonly duringSave: () => Promise<Readonly<Record<string, readonly object[]>>>;
      readonly out: CliOutput;
    },
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
 * saved (its first worker died after the commit) is done without a second run. The save writes the
 * job's key (`solve_run_jobs`, primary key the job id) in its transaction, so of two attempts that
 * both reach the save only one commits; the other fails with a unique violation, and the job is
 * done with the run the first saved (`reused`). Inside the save the job must also still be this
 * worker's (one that outlived its job timeout, and so was taken for dead, saves nothing). A solve
 * that ends without a run fails the job without retry; an error or a dead worker gets it retried.
 * Returns how many jobs were handled.
 */
export async function serveSolveJobs<T extends object>(options: ServeSolveJobsOptions<T>, hooks: SolveJobHooks<T>, out: CliOutput): Promise<number> {
  const pause = workerPause(process.env);
  const size = options.concurrency ?? 1;
  const queue = await openSolveQueue<T>(options.db, { app: options.app, ...(options.checkEvery === undefined ? {} : { maintenanceIntervalSeconds: options.checkEvery }) }, 'worker');
  const solvers = createWarmSolvers({ size, cwd: options.cwd, backendsFrom: APP_KIT_DIR, ...(pause === undefined ? {} : { pause }) });
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
        const duringSave = async (): Promise<Readonly<Record<string, readonly object[]>>> => {
          if (pause?.at === 'save') await new Promise<void>((r) => setTimeout(r, pause.ms));
          const now = await queue.job(job.id);
          if (now?.state !== 'running' || now.retryCount !== job.retryCount) {
            throw new LumixError('INVALID_STATE', `Job ${job.id} outlived its job timeout and was queued again; this attempt saves nothing. Submit it with a longer --job-timeout.`);
          }
          return jobRunRows(job.id);
        };
        // Another attempt of this job committed its run first: this save failed on the job's key.
        const savedByOther = async (): Promise<SolveJobResult | undefined> => {
          const other = await hooks.findRun(job.id, job.data);
          return other === null ? undefined : { runId: other, reused: true };
        };
        let outcome: { readonly runId?: number; readonly exitCode: number };
        try {
          outcome = await hooks.solve(job, { chosenSolver: await solvers.get(options.solverOf(job.data)), runLabel: jobRunLabel(job.id), duringSave, out: jobOut });
        } catch (e) {
          if (isJobRunConflict(e)) {
            const reused = await savedByOther();
            if (reused !== undefined) return reused;
          }
          throw e;
        }
        if (outcome.runId !== undefined) return { runId: outcome.runId };
        // An app that reports a failed save as an exit code: the failure may be the job's key.
        if (errors.some((t) => isJobRunConflictText(t))) {
          const reused = await savedByOther();
          if (reused !== undefined) return reused;
        }
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
export function serveSolveJobsUntilSignal<T extends object>(options: Omit<ServeSolveJobsOptions<T>, 'signal'>, hooks: SolveJobHooks<T>, out: CliOutput): Promise<number> {
  return untilSignal((signal) => serveSolveJobs({ ...options, signal }, hooks, out));
}

/** A message an app printed for a failed save whose cause is the job's key already stored. */
function isJobRunConflictText(text: string): boolean {
  return text.includes('solve_run_jobs') && /unique|repeats a value/i.test(text);
}
