import { formatTable, isDatabaseUrl, listSolveJobs, withOutputs } from '@lumix/app-kit';
import type { OrmKind } from '../db/open-adapter.js';
import type { CommandContext } from './command-context.js';
import { schoolDatabase } from './command-outputs.js';
import { openExistingSchoolDb } from './open-existing.js';

/** Options of {@link runsCommand}. */
export interface RunsCommandOptions {
  readonly db: string;
  readonly dbFlag: string;
  /** The database path as the user typed it (for messages). */
  readonly dbName: string;
  readonly orm: OrmKind;
}

/** `runs`: lists the saved runs, oldest first, with their solver, status, size, times and number of assignments. */
export async function runsCommand(ctx: CommandContext, o: RunsCommandOptions): Promise<number> {
  return withOutputs({ database: schoolDatabase(ctx, o, 'read') }, () => listRuns(ctx, o));
}

async function listRuns(ctx: CommandContext, o: RunsCommandOptions): Promise<number> {
  const db = await openExistingSchoolDb(ctx, o);
  try {
    const runs = await db.adapter.listRuns();
    if (isDatabaseUrl(o.db)) await printSolveJobs(ctx, o.db);
    if (runs.length === 0) {
      ctx.out.out(`${o.dbName} has no saved runs yet. Make one with: ${ctx.program} solve${o.dbFlag}`);
      return 0;
    }
    const counts = await db.adapter.query<{ run_id: number; n: number }>('SELECT run_id, COUNT(*) AS n FROM schedule_assignments GROUP BY run_id');
    const byRun = new Map(counts.map((c) => [Number(c.run_id), Number(c.n)]));
    ctx.out.out(
      formatTable(
        [
          { header: 'run', align: 'right' },
          { header: 'started (UTC)' },
          { header: 'solver' },
          { header: 'status' },
          { header: 'assignments', align: 'right' },
          { header: 'variables', align: 'right' },
          { header: 'constraints', align: 'right' },
          { header: 'build ms', align: 'right' },
          { header: 'solve ms', align: 'right' },
          { header: 'label' },
        ],
        runs.map((r) => [
          String(r.id),
          r.startedAt.toISOString().replace('T', ' ').slice(0, 19),
          r.solver,
          r.status,
          String(byRun.get(r.id) ?? 0),
          String(r.numVariables),
          String(r.numConstraints),
          String(Math.round(r.buildMs)),
          String(Math.round(r.solveMs)),
          r.label ?? '',
        ]),
      ),
    );
    ctx.out.out('');
    ctx.out.out(`Show one with: ${ctx.program} show${o.dbFlag} --run N`);
    return 0;
  } finally {
    await db.close();
  }
}

/** The solve jobs of the queue in a PostgreSQL database (`submit`, `worker`): their lifecycle and the run each saved. */
async function printSolveJobs(ctx: CommandContext, db: string): Promise<void> {
  const jobs = await listSolveJobs(db, 'timetabling');
  if (jobs.length === 0) return;
  const time = (d: Date | null): string => (d === null ? '' : d.toISOString().replace('T', ' ').slice(0, 19));
  ctx.out.out(
    formatTable(
      [{ header: 'Job' }, { header: 'State' }, { header: 'Queued (UTC)' }, { header: 'Finished (UTC)' }, { header: 'Retries', align: 'right' }, { header: 'Run', align: 'right' }, { header: 'Error' }],
      jobs.map((j) => [j.id, j.state, time(j.createdAt), time(j.finishedAt), String(j.retryCount), j.runId === null ? '' : String(j.runId), j.error ?? '']),
      { title: 'SOLVE JOBS' },
    ),
  );
  ctx.out.out('');
}
