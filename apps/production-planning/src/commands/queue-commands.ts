import { ensureJobRunTable, openSolveQueue, runOfJob, serveSolveJobs, serveSolveJobsUntilSignal, type CliOutput, type SolveJobHooks } from '@lumix/app-kit';
import type { SolverName } from '@lumix/solver-runtime';
import { openProductionDb } from '../db/open-production-db.js';
import { assertProductionSchema, type OrmName } from '../db/production-db.js';
import { PROGRAM } from '../cli-spec.js';
import { solveCommand } from './solve-command.js';

/** What a production solve job carries: the `solve` flags that make sense on another machine. */
interface ProductionJobData {
  readonly orm: OrmName;
  readonly solver?: SolverName;
  readonly timeLimit?: number;
}

/** Arguments of {@link submitCommand}. */
export interface SubmitArgs extends ProductionJobData {
  /** The PostgreSQL URL of the production database; the queue lives in it. */
  readonly db: string;
  readonly dbShown: string;
  /**
   * Seconds a worker may hold the job (solve and save) before it is considered dead and the job is
   * queued again for another worker. Default: `timeLimit × 1.25 + 60`, else 900.
   */
  readonly jobTimeout?: number;
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
  /** Seconds between two looks for jobs whose worker died (they are queued again). Default 10. */
  readonly checkEvery?: number;
  /** The folder the solver pools resolve backends (and the config file) from. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Stops taking jobs. */
  readonly signal?: AbortSignal;
  /** Stop taking jobs on SIGINT or SIGTERM (the command line). Default false. */
  readonly untilSignal?: boolean;
}

/**
 * `submit`: checks that the database has the production tables, then queues a solve job in the
 * same PostgreSQL database for a `worker` to take; prints the job's id. `runs` shows its state.
 */
export async function submitCommand(args: SubmitArgs, out: CliOutput): Promise<string> {
  const queue = await openSolveQueue<ProductionJobData>(args.db, { app: 'production' });
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
    const id = await queue.submit(data, args.jobTimeout ?? (args.timeLimit === undefined ? 900 : args.timeLimit * 1.25 + 60));
    out.out(`Queued solve job ${id}. A worker solves it: ${PROGRAM} worker --db ${args.dbShown}; see its state with: ${PROGRAM} runs --db ${args.dbShown}`);
    return id;
  } finally {
    await queue.close();
  }
}

/**
 * The id of the run a job saved (its key in `solve_run_jobs`), or `null`; adds that table to the
 * database when missing. A worker killed after the commit leaves a run behind.
 */
async function savedRunOfJob(db: string, orm: OrmName, jobId: string): Promise<number | null> {
  const opened = await openProductionDb(db, orm);
  try {
    await ensureJobRunTable(opened.adapter);
    return await runOfJob(opened.adapter, jobId);
  } finally {
    await opened.close();
  }
}

/**
 * `worker`: takes solve jobs from the queue in the PostgreSQL database, builds each model from
 * the database through the job's adapter, solves it on a warm solver pool and saves the run in one
 * transaction, labelled with the job (`job=<id>`): app-kit's `serveSolveJobs` with this app's
 * `solve`. A job whose run is already saved (its first worker died after the commit) is marked done
 * without a second run. A job that cannot give a plan (infeasible data, no plan in time) fails
 * without retry; an error or a dead worker gets it retried (twice) by any worker.
 */
export function workerCommand(args: WorkerArgs, out: CliOutput): Promise<number> {
  const options = {
    db: args.db,
    app: 'production',
    concurrency: args.concurrency ?? 1,
    cwd: args.cwd ?? process.cwd(),
    solverOf: (data: ProductionJobData) => data.solver,
    oneAtATime: (data: ProductionJobData) => data.orm === 'sequelize',
    ...(args.maxJobs === undefined ? {} : { maxJobs: args.maxJobs }),
    ...(args.exitWhenIdle === undefined ? {} : { exitWhenIdle: args.exitWhenIdle }),
    ...(args.checkEvery === undefined ? {} : { checkEvery: args.checkEvery }),
  };
  const hooks: SolveJobHooks<ProductionJobData> = {
    findRun: (jobId, data) => savedRunOfJob(args.db, data.orm, jobId),
    solve: (job, w) =>
      solveCommand(
        {
          db: args.db,
          dbShown: args.dbShown,
          orm: job.data.orm,
          chosenSolver: w.chosenSolver,
          runLabel: w.runLabel,
          duringSave: w.duringSave,
          ...(job.data.timeLimit === undefined ? {} : { timeLimit: job.data.timeLimit }),
        },
        w.out,
      ),
  };
  return args.untilSignal === true ? serveSolveJobsUntilSignal(options, hooks, out) : serveSolveJobs({ ...options, ...(args.signal === undefined ? {} : { signal: args.signal }) }, hooks, out);
}
