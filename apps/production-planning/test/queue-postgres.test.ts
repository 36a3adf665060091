// Solve jobs on the pg-boss queue in the app's own PostgreSQL database (a throw-away server started
// by this package's vitest globalSetup): submit, the job lifecycle in `runs`, worker processes that
// share the queue, and kill -9 of a worker in the middle of a solve and in the middle of a save.
// Every saved run is re-checked against the data rows, independently of the model.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createBufferedOutput, listSolveJobs, type SolveJobStatus } from '@lumix/app-kit';
import { isLumixError } from '@lumix/core';
import { openSequelizeAdapter } from '@lumix/orm-sequelize';
import { newPostgresDatabase, readJsonFixture, spawnProcessGroup, testPostgres, waitUntil, type ProcessGroup } from '@lumix/test-fixtures';
import { submitCommand, workerCommand } from '../src/commands/queue-commands.js';
import { runsCommand } from '../src/commands/runs-command.js';
import { seedDatabase } from '../src/commands/seed-command.js';
import { checkSavedPlan } from '../src/model/check-saved-plan.js';
import { runProductionCli } from '../src/production-cli.js';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(APP_DIR, '..', '..', 'node_modules', '.bin', 'tsx');
const profit = readJsonFixture<{ expected: { objective_total_profit: number } }>('tutorial/production_step2.json').expected.objective_total_profit;
const server = testPostgres();

/** A worker process of the app (tsx and node in their own process group), its output collected. */
const started: ProcessGroup[] = [];

function spawnWorker(db: string, extraArgs: readonly string[], env: Record<string, string> = {}): ProcessGroup {
  const w = spawnProcessGroup(TSX, ['--conditions=@lumix/source', 'src/main.ts', 'worker', '--db', db, ...extraArgs], {
    cwd: APP_DIR,
    env: { ...process.env, INIT_CWD: APP_DIR, ...env },
  });
  started.push(w);
  return w;
}

afterAll(() => {
  for (const w of started) w.kill9();
});

const until = <T>(what: string, probe: () => Promise<T | undefined>, seconds = 90): Promise<T> => waitUntil(what, probe, seconds, 200);

const jobOf = async (db: string, id: string): Promise<SolveJobStatus | undefined> => (await listSolveJobs(db, 'production')).find((j) => j.id === id);

/** The runs saved in `db`, each re-checked against the data rows; the label of each. */
async function savedRuns(db: string): Promise<{ id: number; label: string; rows: number }[]> {
  const a = await openSequelizeAdapter(db);
  try {
    const runs = await a.listRuns();
    const result = [];
    for (const r of runs) {
      const check = await checkSavedPlan(a, r.id);
      expect(check.problems).toEqual([]);
      expect(Math.abs(check.recomputedObjective - profit)).toBeLessThan(1e-6 * profit);
      const [count] = await a.query<{ n: string | number }>(`SELECT COUNT(*) AS n FROM production_schedules WHERE run_id = ${String(r.id)}`);
      result.push({ id: r.id, label: r.label ?? '', rows: Number(count!.n) });
    }
    // No rows of a run that was never committed.
    const [orphans] = await a.query<{ n: string | number }>('SELECT COUNT(*) AS n FROM production_schedules WHERE run_id NOT IN (SELECT id FROM solve_runs)');
    expect(Number(orphans!.n)).toBe(0);
    return result;
  } finally {
    await a.close();
  }
}

async function seeded(): Promise<string> {
  const db = await newPostgresDatabase((server as { url: string }).url, 'lumix_production');
  await seedDatabase({ db, orm: 'sequelize' }, createBufferedOutput());
  return db;
}

if ('skip' in server) {
  console.warn(`[queue-postgres] skipped: ${server.skip}`);
  describe.skip(`solve jobs on PostgreSQL (${server.skip})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describe('solve jobs on a pg-boss queue in PostgreSQL', () => {
    it('queue/lifecycle: submit queues, runs shows queued then done with the run each job saved', { timeout: 120_000 }, async () => {
      const db = await seeded();
      const out = createBufferedOutput();
      const ids = [
        await submitCommand({ db, dbShown: db, orm: 'sequelize', solver: 'highs' }, out),
        await submitCommand({ db, dbShown: db, orm: 'sequelize', solver: 'glpk' }, out),
        await submitCommand({ db, dbShown: db, orm: 'sequelize' }, out),
      ];
      expect(new Set(ids).size).toBe(3);
      const runsOut = createBufferedOutput();
      expect(await runsCommand({ db, dbShown: db, orm: 'sequelize' }, runsOut)).toEqual([]);
      const before = await listSolveJobs(db, 'production');
      expect(before.map((j) => [j.id, j.state])).toEqual(ids.map((id) => [id, 'queued']));
      expect(runsOut.stdout.join('\n')).toContain('SOLVE JOBS');

      const workOut = createBufferedOutput();
      const handled = await workerCommand({ db, dbShown: db, exitWhenIdle: true, concurrency: 2, cwd: APP_DIR }, workOut);
      expect(handled, workOut.stdout.join('\n') + workOut.stderr.join('\n')).toBe(3);
      const after = await listSolveJobs(db, 'production');
      expect(after.map((j) => j.state)).toEqual(['done', 'done', 'done']);
      const runs = await savedRuns(db);
      expect(runs).toHaveLength(3);
      for (const j of after) {
        const run = runs.find((r) => r.id === j.runId);
        expect(run?.label.split(' ')).toContain(`job=${j.id}`);
        expect(run?.rows).toBe(3);
      }
      const shown = createBufferedOutput();
      await runsCommand({ db, dbShown: db, orm: 'sequelize' }, shown);
      expect(shown.stdout.join('\n')).toMatch(new RegExp(`${after[0]!.id}\\s+done`));
    });

    it('queue/infeasible-fails-without-retry and SQLite is refused with a typed error', async () => {
      // The tutorial data with a Desk minimum far beyond the wood there is: no plan exists.
      const data = readJsonFixture<{ products: { name: string; min_demand: number; max_demand: number }[] }>('tutorial/production_step2.json');
      for (const p of data.products) if (p.name === 'Desk') Object.assign(p, { min_demand: 1000, max_demand: 2000 });
      const file = join(mkdtempSync(join(tmpdir(), 'lumix-queue-')), 'infeasible.json');
      writeFileSync(file, JSON.stringify(data));
      const db = await newPostgresDatabase((server as { url: string }).url, 'lumix_production');
      await seedDatabase({ db, orm: 'sequelize', data: file }, createBufferedOutput());
      const id = await submitCommand({ db, dbShown: db, orm: 'sequelize' }, createBufferedOutput());
      expect(await workerCommand({ db, dbShown: db, exitWhenIdle: true, cwd: APP_DIR }, createBufferedOutput())).toBe(1);
      const job = await jobOf(db, id);
      expect(job?.state).toBe('failed');
      expect(job?.retryCount).toBe(0);
      expect(job?.error).toContain('infeasible');
      expect(await savedRuns(db)).toEqual([]);

      const refused = await runProductionCli(['submit', '--db', join(APP_DIR, 'never-created.db')], createBufferedOutput()).catch((e: unknown) => e);
      expect(isLumixError(refused) && refused.code === 'INVALID_ARGUMENT').toBe(true);
    });

    it('queue/max-jobs-holds-with-parallel-loops', { timeout: 120_000 }, async () => {
      const db = await seeded();
      for (let i = 0; i < 3; i++) await submitCommand({ db, dbShown: db, orm: 'sequelize', solver: 'highs' }, createBufferedOutput());
      expect(await workerCommand({ db, dbShown: db, maxJobs: 1, concurrency: 2, cwd: APP_DIR }, createBufferedOutput())).toBe(1);
      expect((await listSolveJobs(db, 'production')).map((j) => j.state).sort()).toEqual(['done', 'queued', 'queued']);
      expect(await savedRuns(db)).toHaveLength(1);
    });

    it('queue/two-workers-never-take-the-same-job', { timeout: 180_000 }, async () => {
      const db = await seeded();
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await submitCommand({ db, dbShown: db, orm: 'sequelize', solver: 'highs' }, createBufferedOutput()));
      const w1 = spawnWorker(db, ['--exit-when-idle']);
      const w2 = spawnWorker(db, ['--exit-when-idle']);
      expect(await w1.exited, w1.output()).toBe(0);
      expect(await w2.exited, w2.output()).toBe(0);
      const taken = (w: ProcessGroup): string[] => [...w.output().matchAll(/job ([0-9a-f-]{36}): taken/g)].map((m) => m[1]!);
      const all = [...taken(w1), ...taken(w2)];
      expect(all.sort(), `worker 1:\n${w1.output()}\nworker 2:\n${w2.output()}`).toEqual([...ids].sort());
      const jobs = await listSolveJobs(db, 'production');
      expect(jobs.every((j) => j.state === 'done' && j.retryCount === 0)).toBe(true);
      const runs = await savedRuns(db);
      expect(runs).toHaveLength(6);
      expect(new Set(jobs.map((j) => j.runId)).size).toBe(6);
    });

    for (const at of ['solve', 'save'] as const) {
      it(`queue/kill-9-in-${at}: another worker retries the job, exactly one run is saved`, { timeout: 180_000 }, async () => {
        const db = await seeded();
        const id = await submitCommand({ db, dbShown: db, orm: 'sequelize', solver: 'highs', jobTimeout: 20 }, createBufferedOutput());
        const victim = spawnWorker(db, ['--check-every', '1'], { LUMIX_WORKER_PAUSE: `${at}:60000` });
        // In the solve: the job is taken; in the save: the model was solved and the transaction is open.
        // The job timeout (20 s) leaves a loaded machine time to get there before the job expires.
        await until(`the worker to reach the ${at}`, async () => (victim.output().includes(at === 'solve' ? `job ${id}: taken` : 'Model:') ? true : undefined));
        await new Promise((r) => setTimeout(r, 500));
        expect((await jobOf(db, id))?.state).toBe('running');
        victim.kill9();
        await victim.exited;
        expect(await savedRuns(db)).toEqual([]);

        const w2 = spawnWorker(db, ['--check-every', '1']);
        const w3 = spawnWorker(db, ['--check-every', '1']);
        const job = await until('the job to be done', async () => {
          const j = await jobOf(db, id);
          return j?.state === 'done' ? j : undefined;
        });
        w2.stop();
        w3.stop();
        await Promise.all([w2.exited, w3.exited]);
        expect(job.retryCount).toBe(1);
        const runs = await savedRuns(db);
        expect(runs.map((r) => [r.id, r.label, r.rows])).toEqual([[job.runId, `orm=sequelize job=${id}`, 3]]);
        const takers = [w2, w3].filter((w) => w.output().includes(`job ${id}: taken`));
        expect(takers).toHaveLength(1);
      });
    }
  });
}
