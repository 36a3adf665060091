import { EXIT_CODES, createWorkerSolvers, jobRunLabel, openSolveQueue, workerPause, type CliOutput, type SolveJobResult, type SolveQueue } from '@lumix/app-kit';
import type { SolverName } from '@lumix/solver-runtime';
import { openProductionDb } from '../db/open-production-db.js';
import { assertProductionSchema, type OrmName } from '../db/production-db.js';
import { PROGRAM } from '../cli-spec.js';
import { solveCommand } from './solve-command.js';

/** What a production solve job carries: the `solve` flags that make sense on another machine. */
export interface ProductionJobData {
  readonly orm: OrmName;
  readonly solver?: SolverName;
  readonly timeLimit?: number;
}

/** Arguments of {@link submitCommand}. */
export interface SubmitArgs extends ProductionJobData {
  /** The PostgreSQL URL of the production database; the queue lives in it. */
  readonly db: string;
  readonly dbShown: string;
}

/** Arguments of {@link workerCommand}. */
export interface WorkerArgs {
  readonly db: string;
  readonly dbShown: string;
  /** Jobs solved at the same time, and the size of the warm solver pool. Default 1. */
  readonly concurrency?: number;
  /** Stop after this many jobs. Default: no limit. */
  readonly maxJobs?: number;
  /** Stop when no job is waiting. Default false. */
  readonly exitWhenIdle?: boolean;
  /** Seconds after which a job whose worker died is queued again. Default 900. */
  readonly jobTimeout?: number;
  /** The folder the solver pools resolve backends (and the config file) from. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Stops taking jobs (Ctrl-C). */
  readonly signal?: AbortSignal;
}

/** The queue options both commands share: the app's queue, and how soon a dead worker's job returns. */
function queueOptions(jobTimeout: number | undefined): { app: string; expireInSeconds: number; maintenanceIntervalSeconds: number } {
  const expireInSeconds = Math.max(1, Math.ceil(jobTimeout ?? 900));
  return { app: 'production', expireInSeconds, maintenanceIntervalSeconds: Math.min(10, Math.max(1, Math.floor(expireInSeconds / 2))) };
}

/** Opens the production queue of `db` (a PostgreSQL URL), for `runs` and the tests. */
export function openProductionQueue(db: string, role: 'client' | 'worker' = 'client', jobTimeout?: number): Promise<SolveQueue<ProductionJobData>> {
  return openSolveQueue<ProductionJobData>(db, queueOptions(jobTimeout), role);
}

/**
 * `submit`: checks that the database has the production tables, then queues a solve job in the
 * same PostgreSQL database for a `worker` to take; prints the job's id. `runs` shows its state.
 */
export async function submitCommand(args: SubmitArgs, out: CliOutput): Promise<string> {
  const queue = await openProductionQueue(args.db);
  try {
    const db = await openProductionDb(args.db, args.orm);
    try {
      await assertProductionSchema(db.adapter, args.dbShown, PROGRAM);
    } finally {
      await db.close();
    }
    const data: ProductionJobData = {
      orm: args.orm,
      ...(args.solver === undefined ? {} : { solver: args.solver }),
      ...(args.timeLimit === undefined ? {} : { timeLimit: args.timeLimit }),
    };
    const id = await queue.submit(data);
    out.out(`Queued solve job ${id}. A worker solves it: ${PROGRAM} worker --db ${args.dbShown}; see its state with: ${PROGRAM} runs --db ${args.dbShown}`);
    return id;
  } finally {
    await queue.close();
  }
}

/** The id of the run a job saved, or `null` (a worker killed after the commit leaves one behind). */
async function runOfJob(db: string, orm: OrmName, jobId: string): Promise<number | null> {
  const opened = await openProductionDb(db, orm);
  try {
    const label = jobRunLabel(jobId);
    const run = (await opened.adapter.listRuns()).find((r) => (r.label ?? '').split(' ').includes(label));
    return run === undefined ? null : run.id;
  } finally {
    await opened.close();
  }
}

/**
 * `worker`: takes solve jobs from the queue in the PostgreSQL database, builds each model from
 * the database through the job's adapter, solves it on a warm solver pool and saves the run in one
 * transaction, labelled with the job (`job=<id>`). A job whose run is already saved (its first
 * worker died after the commit) is marked done without a second run. A job that cannot give a
 * plan (infeasible data, no plan in time) fails without retry; an error or a dead worker gets it
 * retried (twice) by any worker.
 */
export async function workerCommand(args: WorkerArgs, out: CliOutput): Promise<number> {
  const pause = workerPause();
  const queue = await openProductionQueue(args.db, 'worker', args.jobTimeout);
  const solvers = createWorkerSolvers({ size: args.concurrency ?? 1, cwd: args.cwd ?? process.cwd(), ...(pause === undefined ? {} : { pause }) });
  try {
    out.out(`Worker on ${args.dbShown}: taking jobs from ${queue.name}, ${String(args.concurrency ?? 1)} at a time.`);
    const handled = await queue.work(
      async (job): Promise<SolveJobResult> => {
        const saved = await runOfJob(args.db, job.data.orm, job.id);
        if (saved !== null) return { runId: saved, reused: true };
        const errors: string[] = [];
        const prefixed: CliOutput = { out: (t) => out.out(`[${job.id.slice(0, 8)}] ${t}`), err: (t) => (errors.push(t), out.err(`[${job.id.slice(0, 8)}] ${t}`)) };
        const outcome = await solveCommand(
          {
            db: args.db,
            dbShown: args.dbShown,
            orm: job.data.orm,
            chosenSolver: await solvers.get(job.data.solver),
            runLabel: jobRunLabel(job.id),
            ...(job.data.timeLimit === undefined ? {} : { timeLimit: job.data.timeLimit }),
            ...(pause?.at === 'save' ? { duringSave: () => new Promise<void>((r) => setTimeout(r, pause.ms)) } : {}),
          },
          prefixed,
        );
        if (outcome.exitCode === EXIT_CODES.ok && outcome.runId !== undefined) return { runId: outcome.runId };
        return { failed: errors.join(' ') || `solve ended with exit code ${String(outcome.exitCode)}` };
      },
      {
        concurrency: args.concurrency ?? 1,
        ...(args.maxJobs === undefined ? {} : { maxJobs: args.maxJobs }),
        ...(args.exitWhenIdle === undefined ? {} : { exitWhenIdle: args.exitWhenIdle }),
        ...(args.signal === undefined ? {} : { signal: args.signal }),
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
