import { displayDatabase, formatMoney, formatNumber, formatTable, isDatabaseUrl, listSolveJobs, withOutputs, type CliOutput } from '@lumix/app-kit';
import type { SolveRunRecord } from '@lumix/core';
import { openProductionDb } from '../db/open-production-db.js';
import { assertProductionSchema, type OrmName } from '../db/production-db.js';
import { PROGRAM } from '../cli-spec.js';
import { productionDatabase } from './command-outputs.js';

/** Arguments of {@link runsCommand}. */
export interface RunsArgs {
  readonly db: string;
  readonly dbShown: string;
  readonly orm: OrmName;
}

/** `runs`: lists every saved run, oldest first. */
export async function runsCommand(args: RunsArgs, out: CliOutput): Promise<SolveRunRecord[]> {
  return withOutputs({ database: productionDatabase(args.db, args.dbShown, 'read') }, () => listRuns(args, out));
}

async function listRuns(args: RunsArgs, out: CliOutput): Promise<SolveRunRecord[]> {
  const db = await openProductionDb(args.db, args.orm);
  try {
    await assertProductionSchema(db.adapter, displayDatabase(args.db), PROGRAM);
    const runs = await db.adapter.listRuns();
    if (isDatabaseUrl(args.db)) await printSolveJobs(args.db, out);
    if (runs.length === 0) {
      out.out(`${args.db} has no saved runs yet. Solve with: ${PROGRAM} solve --db ${args.dbShown}`);
      return runs;
    }
    out.out(
      formatTable(
        [
          { header: 'Run', align: 'right' },
          { header: 'Started (UTC)' },
          { header: 'Solver' },
          { header: 'Label' },
          { header: 'Status' },
          { header: 'Profit', align: 'right' },
          { header: 'Vars', align: 'right' },
          { header: 'Rows', align: 'right' },
          { header: 'Build ms', align: 'right' },
          { header: 'Solve ms', align: 'right' },
        ],
        runs.map((r) => [
          String(r.id),
          r.startedAt.toISOString().replace('T', ' ').slice(0, 19),
          r.solver,
          r.label ?? '',
          r.status,
          r.objective === null ? '—' : formatMoney(r.objective),
          String(r.numVariables),
          String(r.numConstraints),
          formatNumber(r.buildMs, 1),
          formatNumber(r.solveMs, 1),
        ]),
        { title: `SOLVE RUNS in ${displayDatabase(args.db)}` },
      ),
    );
    return runs;
  } finally {
    await db.close();
  }
}

/** The solve jobs of the queue in a PostgreSQL database (`submit`, `worker`): their lifecycle and the run each saved. */
async function printSolveJobs(db: string, out: CliOutput): Promise<void> {
  const jobs = await listSolveJobs(db, 'production');
  if (jobs.length === 0) return;
  const time = (d: Date | null): string => (d === null ? '' : d.toISOString().replace('T', ' ').slice(0, 19));
  out.out(
    formatTable(
      [
        { header: 'Job' },
        { header: 'State' },
        { header: 'Queued (UTC)' },
        { header: 'Finished (UTC)' },
        { header: 'Retries', align: 'right' },
        { header: 'Run', align: 'right' },
        { header: 'Error' },
      ],
      jobs.map((j) => [j.id, j.state, time(j.createdAt), time(j.finishedAt), String(j.retryCount), j.runId === null ? '' : String(j.runId), j.error ?? '']),
      { title: `SOLVE JOBS in ${displayDatabase(db)}` },
    ),
  );
  out.out('');
}
