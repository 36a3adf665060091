import { EXIT_CODES, createWorkerSolvers, jobRunLabel, openSolveQueue, workerPause, type CliOutput, type SolveJobResult, type SolveQueue } from '@lumix/app-kit';
import { LumixError } from '@lumix/core';
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
  /** Stops taking jobs (Ctrl-C). */
  readonly signal?: AbortSignal;
}

/** Opens the production queue of `db` (a PostgreSQL URL). */
function openProductionQueue(db: string, role: 'client' | 'worker' = 'client', checkEvery?: number): Promise<SolveQueue<ProductionJobData>> {
  return openSolveQueue<ProductionJobData>(db, { app: 'production', ...(checkEvery === undefined ? {} : { maintenanceIntervalSeconds: checkEvery }) }, role);
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
    const id = await queue.submit(data, args.jobTimeout ?? (args.timeLimit === undefined ? 900 : args.timeLimit * 1.25 + 60));
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
  const queue = await openProductionQueue(args.db, 'worker', args.checkEvery);
  const solvers = createWorkerSolvers({ size: args.concurrency ?? 1, cwd: args.cwd ?? process.cwd(), ...(pause === undefined ? {} : { pause }) });
  try {
    out.out(`Worker on ${args.dbShown}: taking jobs from ${queue.name}, ${String(args.concurrency ?? 1)} at a time.`);
    const handled = await queue.work(
      async (job): Promise<SolveJobResult> => {
        const saved = await runOfJob(args.db, job.data.orm, job.id);
        if (saved !== null) return { runId: saved, reused: true };
        const errors: string[] = [];
        const tag = (t: string): string => t.split('\n').map((l) => `[${job.id.slice(0, 8)}] ${l}`).join('\n');
        const prefixed: CliOutput = { out: (t) => out.out(tag(t)), err: (t) => {
            errors.push(t);
            out.err(tag(t));
          },
        };
        // Inside the save's transaction: a job that expired meanwhile (this worker was taken for dead
        // and the job queued again) is not saved here, so that the retry's run is the only one.
        const stillOurs = async (): Promise<void> => {
          const now = await queue.job(job.id);
          if (now?.state !== 'running' || now.retryCount !== job.retryCount) {
            throw new LumixError('INVALID_STATE', `Job ${job.id} outlived its job timeout and was queued again; this attempt saves nothing. Submit with a longer --job-timeout.`);
          }
        };
        const outcome = await solveCommand(
          {
            db: args.db,
            dbShown: args.dbShown,
            orm: job.data.orm,
            chosenSolver: await solvers.get(job.data.solver),
            runLabel: jobRunLabel(job.id),
            ...(job.data.timeLimit === undefined ? {} : { timeLimit: job.data.timeLimit }),
            duringSave: async () => {
              if (pause?.at === 'save') await new Promise<void>((r) => setTimeout(r, pause.ms));
              await stillOurs();
            },
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
