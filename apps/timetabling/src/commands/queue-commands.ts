import { ensureJobRunTable, openSolveQueue, runOfJob, serveSolveJobsUntilSignal, type SolveJobHooks } from '@lumix/app-kit';
import type { SolverName } from '@lumix/solver-runtime';
import type { OrmKind } from '../db/open-adapter.js';
import { openSchoolDb } from '../db/school-db.js';
import type { CommandContext } from './command-context.js';
import { openExistingSchoolDb } from './open-existing.js';
import { solveCommand } from './solve-command.js';

/** What a timetabling solve job carries: the `solve` flags that make sense on another machine. */
interface TimetablingJobData {
  readonly orm: OrmKind;
  readonly solver?: SolverName;
  readonly timeLimit?: number;
}

/** Where the school database is (a PostgreSQL URL for the queue commands). */
interface Where {
  readonly db: string;
  readonly dbFlag: string;
  readonly dbName: string;
  readonly orm: OrmKind;
}

/** Options of {@link submitCommand}. */
export interface SubmitCommandOptions extends Where {
  readonly solver?: SolverName;
  readonly timeLimit?: number;
  /** Seconds a worker may hold the job before it is taken for dead. Default: `timeLimit × 1.25 + 60`, else 900. */
  readonly jobTimeout?: number;
}

/** Options of {@link workerCommand}. */
export interface WorkerCommandOptions {
  readonly db: string;
  readonly dbName: string;
  readonly dbFlag: string;
  readonly concurrency?: number;
  readonly maxJobs?: number;
  readonly exitWhenIdle?: boolean;
  readonly checkEvery?: number;
}

/**
 * `submit`: checks that the database holds a school, then queues a solve job in the same
 * PostgreSQL database for a `worker`; prints the job's id. `runs` shows its state.
 */
export async function submitCommand(ctx: CommandContext, o: SubmitCommandOptions): Promise<string> {
  const queue = await openSolveQueue<TimetablingJobData>(o.db, { app: 'timetabling' });
  try {
    await (await openExistingSchoolDb(ctx, o)).close();
    const data: TimetablingJobData = { orm: o.orm, ...(o.solver === undefined ? {} : { solver: o.solver }), ...(o.timeLimit === undefined ? {} : { timeLimit: o.timeLimit }) };
    const id = await queue.submit(data, o.jobTimeout ?? (o.timeLimit === undefined ? 900 : o.timeLimit * 1.25 + 60));
    ctx.out.out(`Queued solve job ${id}. A worker solves it: ${ctx.program} worker${o.dbFlag}; see its state with: ${ctx.program} runs${o.dbFlag}`);
    return id;
  } finally {
    await queue.close();
  }
}

/**
 * `worker`: takes timetabling solve jobs from the queue in the PostgreSQL database and runs each
 * as `solve` does (load through the job's adapter, build, solve on a warm pool, check, save in one
 * transaction labelled `job=<id>`), through app-kit's `serveSolveJobs`. Runs until SIGINT/SIGTERM,
 * `--max-jobs` or (with `--exit-when-idle`) an empty queue.
 */
export function workerCommand(ctx: CommandContext, o: WorkerCommandOptions): Promise<number> {
  const hooks: SolveJobHooks<TimetablingJobData> = {
    async findRun(jobId, data) {
      const db = await openSchoolDb(o.db, data.orm, o.dbName);
      try {
        await ensureJobRunTable(db.adapter);
        return await runOfJob(db.adapter, jobId);
      } finally {
        await db.close();
      }
    },
    async solve(job, w) {
      const exitCode = await solveCommand(
        { ...ctx, out: w.out },
        {
          db: o.db,
          dbFlag: o.dbFlag,
          dbName: o.dbName,
          orm: job.data.orm,
          chosenSolver: w.chosenSolver,
          runLabel: w.runLabel,
          duringSave: w.duringSave,
          ...(job.data.timeLimit === undefined ? {} : { timeLimit: job.data.timeLimit }),
        },
      );
      if (exitCode !== 0) return { exitCode };
      const runId = await hooks.findRun(job.id, job.data);
      return runId === null ? { exitCode } : { exitCode, runId };
    },
  };
  return serveSolveJobsUntilSignal(
    {
      db: o.db,
      app: 'timetabling',
      concurrency: o.concurrency ?? 1,
      cwd: ctx.cwd,
      solverOf: (data) => data.solver,
      oneAtATime: (data) => data.orm === 'sequelize',
      ...(o.maxJobs === undefined ? {} : { maxJobs: o.maxJobs }),
      ...(o.exitWhenIdle === undefined ? {} : { exitWhenIdle: o.exitWhenIdle }),
      ...(o.checkEvery === undefined ? {} : { checkEvery: o.checkEvery }),
    },
    hooks,
    ctx.out,
  );
}
