// Atomic job ownership: a queue worker saves its run in one transaction together with the job's
// key (solve_run_jobs, primary key job_id). Two saves of one job racing (a worker taken for dead
// that still finishes, and the retry) leave exactly one run: the second fails inside its own
// transaction with a unique violation that app-kit recognises (isJobRunConflict), and the job's
// run is the first one's (runOfJob), which the worker reports as reused. On SQLite (two
// connections to one file) and on PostgreSQL (this package's throw-away server). The databases
// are seeded without the table, as existing databases are: ensureJobRunTable adds it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput, ensureJobRunTable, isJobRunConflict, jobRunRows, runOfJob, SOLVE_RUN_JOBS_TABLE } from '@lumix/app-kit';
import type { RunInfo } from '@lumix/core';
import { newPostgresDatabase, testPostgres } from '@lumix/test-fixtures';
import { seedDatabase } from '../src/commands/seed-command.js';
import { openProductionDb } from '../src/db/open-production-db.js';
import type { OrmName } from '../src/db/production-db.js';

const server = testPostgres();

function runInfo(solver: string): { run: RunInfo } {
  const now = new Date();
  return {
    run: {
      modelName: 'production',
      solver,
      status: 'optimal',
      objective: 12_500,
      startedAt: now,
      finishedAt: now,
      buildMs: 1,
      solveMs: 1,
      numVariables: 3,
      numConstraints: 5,
      numNonzeros: 12,
      options: {},
    },
  };
}

async function race(db: string, orm: OrmName): Promise<void> {
  await seedDatabase({ db, orm }, createBufferedOutput());
  const first = await openProductionDb(db, orm);
  const second = await openProductionDb(db, orm);
  try {
    expect(await first.adapter.tableExists(SOLVE_RUN_JOBS_TABLE)).toBe(false);
    await Promise.all([ensureJobRunTable(first.adapter), ensureJobRunTable(second.adapter)]);
    expect(await first.adapter.tableExists(SOLVE_RUN_JOBS_TABLE)).toBe(true);
    const jobId = '9f0c2a4e-0d7b-4c53-9a52-6f1f3e0b7c11';
    expect(await runOfJob(first.adapter, jobId)).toBeNull();
    // The first save holds its transaction open a moment, so that the second one's meets the job's key uncommitted or just committed.
    const outcomes = await Promise.allSettled([
      first.adapter.saveRun(runInfo('first'), {
        label: `job=${jobId}`,
        rows: async () => {
          await new Promise((r) => setTimeout(r, 300));
          return jobRunRows(jobId);
        },
      }),
      (async () => {
        await new Promise((r) => setTimeout(r, 50));
        return second.adapter.saveRun(runInfo('second'), { label: `job=${jobId}`, rows: async () => jobRunRows(jobId) });
      })(),
    ]);
    const saved = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(saved).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(isJobRunConflict(refused[0]!.reason), String(refused[0]!.reason)).toBe(true);
    const runId = saved[0]!.value.id;
    // What the losing worker reports: the run the job already has.
    expect(await runOfJob(second.adapter, jobId)).toBe(runId);
    const runs = await first.adapter.listRuns();
    expect(runs.map((r) => [r.id, r.label])).toEqual([[runId, `job=${jobId}`]]);
    // A failure that is not the job's key is not taken for one.
    const other = await first.adapter.saveRun(runInfo('x'), { rows: async () => ({ no_such_table: [{ a: 1 }] }) }).catch((e: unknown) => e);
    expect(isJobRunConflict(other)).toBe(false);
  } finally {
    await first.close();
    await second.close();
  }
}

describe('one run per solve job, by the job key in the save transaction', () => {
  it('job-runs/race-sqlite: two connections save one job, exactly one run, the other is a conflict', { timeout: 60_000 }, async () => {
    await race(join(mkdtempSync(join(tmpdir(), 'lumix-job-race-')), 'production.db'), 'sqlite');
  });

  if ('skip' in server) {
    console.warn(`[job-run-race] PostgreSQL case skipped: ${server.skip}`);
    it.skip(`job-runs/race-postgres (${server.skip})`, () => undefined);
  } else {
    it('job-runs/race-postgres: two connections save one job, exactly one run, the other is a conflict', { timeout: 60_000 }, async () => {
      await race(await newPostgresDatabase(server.url, 'lumix_job_race'), 'sequelize');
    });
  }
});
