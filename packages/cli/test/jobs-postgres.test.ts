// `lumix submit|worker|jobs|result` on a throw-away PostgreSQL server (this package's vitest
// globalSetup): the queue and the results table live in one database. Every saved result is
// re-checked independently: its values are put back into the problem read from the file
// (objective recomputed, every bound and row range checked). Faults: kill -9 of a worker process
// in the middle of a solve and in the middle of the save's transaction, and two saves of one job
// racing on the UNIQUE job id.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readLp, readMps } from '@lumix/core/io';
import type { StandardForm } from '@lumix/core';
import { openJobQueue, withPostgres, type JobResult } from '@lumix/jobs';
import { fixturePath, newPostgresDatabase, spawnProcessGroup, testPostgres, waitUntil, type ProcessGroup } from '@lumix/test-fixtures';
import { ensureResultsTable, saveResult, type ResultFields } from '../src/job-commands.js';
import { runCli } from '../src/index.js';

const CLI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(CLI_DIR, 'bin', 'lumix.mjs');
const AFIRO = fixturePath('netlib/afiro.mps');
const AFIRO_OPTIMUM = -464.75314286;
// Chvátal's example with integer columns: the optimum is x = 2, z = 1, objective 13.
const MIP_LP = `Maximize
 obj: 5 x + 4 y + 3 z
Subject To
 c1: 2 x + 3 y + z <= 5
 c2: 4 x + y + 2 z <= 11
 c3: 3 x + 4 y + 2 z <= 8
General
 x y z
End
`;
const INFEASIBLE_LP = `Minimize
 obj: x
Subject To
 c1: x >= 3
Bounds
 x <= 1
End
`;
const server = testPostgres();
const dir = mkdtempSync(join(tmpdir(), 'lumix-cli-jobs-'));
const MIP_FILE = join(dir, 'chvatal.lp');
const INFEASIBLE_FILE = join(dir, 'infeasible.lp');
writeFileSync(MIP_FILE, MIP_LP);
writeFileSync(INFEASIBLE_FILE, INFEASIBLE_LP);

async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env: { ...env }, cwd: dir });
  return { code, out, err };
}

/** A result's values put back into the problem: the objective recomputed, the largest bound or row violation. */
function recheck(problem: StandardForm, values: Record<string, number>): { objective: number; violation: number } {
  const x = new Float64Array(problem.numCols);
  for (let j = 0; j < problem.numCols; j++) {
    const v = values[problem.colName(j)];
    expect(v, `value of column ${problem.colName(j)}`).toBeTypeOf('number');
    x[j] = v!;
  }
  let objective = problem.objectiveOffset;
  let violation = 0;
  for (let j = 0; j < problem.numCols; j++) {
    objective += problem.colCost[j]! * x[j]!;
    violation = Math.max(violation, problem.colLower[j]! - x[j]!, x[j]! - problem.colUpper[j]!);
    if (problem.colIntegral[j] === 1) violation = Math.max(violation, Math.abs(x[j]! - Math.round(x[j]!)));
  }
  for (let i = 0; i < problem.numRows; i++) {
    let a = 0;
    for (let k = problem.rowStart[i]!; k < problem.rowStart[i + 1]!; k++) a += problem.value[k]! * x[problem.colIndex[k]!]!;
    violation = Math.max(violation, problem.rowLower[i]! - a, a - problem.rowUpper[i]!);
  }
  return { objective, violation };
}

interface ListedJob {
  id: string;
  state: string;
  file: string;
  retries: number;
  status: string | null;
  objective: number | null;
  error: string | null;
}

async function listed(db: string): Promise<ListedJob[]> {
  const r = await cli(['jobs', '--queue', db, '--json']);
  expect(r.code, r.err.join('\n')).toBe(0);
  return JSON.parse(r.out[0]!) as ListedJob[];
}

async function resultRows(db: string): Promise<{ job_id: string; id: string }[]> {
  return withPostgres(db, (c) => c.query<{ job_id: string; id: string }>('SELECT job_id, id FROM lumix_results ORDER BY id'));
}

/** `lumix worker` processes (node and its tsx child in one process group), their output collected. */
const started: ProcessGroup[] = [];

function spawnWorker(db: string, env: Record<string, string> = {}): ProcessGroup {
  const w = spawnProcessGroup(process.execPath, [BIN, 'worker', '--queue', db, '--check-every', '1'], { cwd: dir, env: { ...process.env, ...env } });
  started.push(w);
  return w;
}

afterAll(() => {
  for (const w of started) w.kill9();
});

const until = <T>(what: string, probe: () => Promise<T | undefined>, seconds = 120): Promise<T> => waitUntil(what, probe, seconds, 250);

describe('job commands: bad input needs no server', () => {
  it('cli-jobs/queue-must-be-postgres: a SQLite path or a missing --queue exits 2 with the fix', async () => {
    const sqlite = await cli(['submit', AFIRO, '--queue', join(dir, 'plans.db')]);
    expect(sqlite.code).toBe(2);
    expect(sqlite.err.join('\n')).toMatch(/--queue must be a PostgreSQL URL .*plans\.db.*lumix solve/);
    const missing = await cli(['worker']);
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toContain('needs --queue postgres://');
    const flag = await cli(['jobs', '--queue', 'postgres://x/y', '--concurrency', '2']);
    expect(flag.code).toBe(2);
    expect(flag.err.join('\n')).toContain("Option --concurrency does not apply to 'lumix jobs'");
  });

  it('cli-jobs/unreachable-server: exit 1 and a message that names the server, not a stack', async () => {
    // Port 1 on the loopback: nothing listens there.
    const r = await cli(['jobs', '--queue', 'postgres://lumix:secret@127.0.0.1:1/nowhere']);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/Cannot reach the PostgreSQL server of postgres:\/\/lumix:\*\*\*@127\.0\.0\.1:1\/nowhere \(ECONNREFUSED\)/);
  });
});

if ('skip' in server) {
  console.warn(`[cli jobs-postgres] skipped: ${server.skip}`);
  describe.skip(`lumix job commands on PostgreSQL (${server.skip})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  const newDb = (): Promise<string> => newPostgresDatabase(server.url, 'lumix_cli');

  describe('lumix submit / worker / jobs / result on PostgreSQL', () => {
    it('cli-jobs/end-to-end: three files queued, solved by one worker, listed done, results re-checked', { timeout: 120_000 }, async () => {
      const db = await newDb();
      const submitted: string[] = [];
      for (const args of [[AFIRO, '--solver', 'highs'], [MIP_FILE, '--solver', 'glpk'], [INFEASIBLE_FILE]]) {
        const r = await cli(['submit', ...args, '--queue', db]);
        expect(r.code, r.err.join('\n')).toBe(0);
        expect(r.out).toHaveLength(1);
        submitted.push(r.out[0]!);
      }
      expect((await listed(db)).map((j) => [j.id, j.state])).toEqual(submitted.map((id) => [id, 'queued']));
      const pending = await cli(['result', submitted[0]!, '--queue', db]);
      expect(pending.code).toBe(5);
      expect(pending.err.join('\n')).toContain('is queued; it has no result yet');

      const work = await cli(['worker', '--queue', db, '--exit-when-idle', '--concurrency', '2']);
      expect(work.code, work.err.join('\n')).toBe(0);
      expect(work.out.at(-1)).toBe('lumix worker stops: 3 job(s) handled.');

      const jobs = await listed(db);
      expect(jobs.map((j) => [j.state, j.status, j.retries])).toEqual([
        ['done', 'optimal', 0],
        ['done', 'optimal', 0],
        ['done', 'infeasible', 0],
      ]);
      expect(jobs[0]!.objective).toBeCloseTo(AFIRO_OPTIMUM, 6);
      expect(jobs[1]!.objective).toBe(13);

      const afiro = await cli(['result', submitted[0]!, '--queue', db, '--json']);
      expect(afiro.code).toBe(0);
      const a = JSON.parse(afiro.out[0]!) as { status: string; objective: number; solver: string; values: Record<string, number>; duals: Record<string, number> | null };
      expect(a.solver).toBe('highs');
      const afiroCheck = recheck(readMps(readFileSync(AFIRO, 'utf8')), a.values);
      expect(afiroCheck.objective).toBeCloseTo(a.objective, 6);
      expect(afiroCheck.violation).toBeLessThan(1e-7);
      expect(a.duals === null ? 0 : Object.keys(a.duals).length).toBe(27);

      const mip = await cli(['result', submitted[1]!, '--queue', db, '--json']);
      const m = JSON.parse(mip.out[0]!) as { objective: number; solver: string; values: Record<string, number> };
      expect(m.solver).toBe('glpk');
      const mipCheck = recheck(readLp(MIP_LP), m.values);
      expect(mipCheck.objective).toBe(13);
      expect(mipCheck.violation).toBeLessThan(1e-9);

      const infeasible = await cli(['result', submitted[2]!, '--queue', db]);
      expect(infeasible.code).toBe(3);
      expect(infeasible.out.join('\n')).toMatch(/^status {4}infeasible$/m);
      expect((await resultRows(db)).map((r) => r.job_id).sort()).toEqual([...submitted].sort());
    });

    it('cli-jobs/result-out: .json and .sol written, rewritten for the same job, a foreign file left alone', { timeout: 90_000 }, async () => {
      const db = await newDb();
      const [id, other] = [(await cli(['submit', MIP_FILE, '--queue', db])).out[0]!, (await cli(['submit', MIP_FILE, '--queue', db])).out[0]!];
      expect((await cli(['worker', '--queue', db, '--exit-when-idle'])).code).toBe(0);
      const json = await cli(['result', id, '--queue', db, '--out', 'r.json']);
      expect(json.code, json.err.join('\n')).toBe(0);
      const written = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { lumixJob: string; objective: number; values: Record<string, number> };
      expect(written.lumixJob).toBe(id);
      expect(recheck(readLp(MIP_LP), written.values).objective).toBe(written.objective);
      expect((await cli(['result', id, '--queue', db, '--out', 'r.json'])).code).toBe(0);

      expect((await cli(['result', id, '--queue', db, '--out', 'r.sol'])).code).toBe(0);
      const sol = readFileSync(join(dir, 'r.sol'), 'utf8').split('\n');
      expect(sol[0]).toBe(`# lumix result of job ${id}`);
      expect(sol).toContain('# Objective value = 13');
      expect(sol).toContain('x 2');

      // The other job's result may not replace this job's file, nor may any result replace a user's file.
      const clash = await cli(['result', other, '--queue', db, '--out', 'r.json']);
      expect(clash.code).toBe(2);
      expect(clash.err.join('\n')).toContain(`it holds job ${id}`);
      writeFileSync(join(dir, 'mine.json'), '{"keep":true}\n');
      const foreign = await cli(['result', id, '--queue', db, '--out', 'mine.json']);
      expect(foreign.code).toBe(2);
      expect(foreign.err.join('\n')).toContain('is not a result file written by lumix result');
      expect(readFileSync(join(dir, 'mine.json'), 'utf8')).toBe('{"keep":true}\n');
      expect(existsSync(join(dir, 'r.txt'))).toBe(false);
      expect((await cli(['result', id, '--queue', db, '--out', 'r.txt'])).code).toBe(2);
      expect((await cli(['result', '00000000-0000-0000-0000-000000000000', '--queue', db])).code).toBe(2);
    });

    it('cli-jobs/bad-files: a file that is not MPS is refused at submit with its line; nothing is queued', async () => {
      const db = await newDb();
      const bad = join(dir, 'not-really.mps');
      writeFileSync(bad, 'hello, this is not an MPS file\nat all\n');
      const r = await cli(['submit', bad, '--queue', db]);
      expect(r.code).toBe(2);
      expect(r.err.join('\n')).toMatch(/not-really\.mps:1/);
      const txt = await cli(['submit', join(dir, 'model.txt'), '--queue', db]);
      expect(txt.code).toBe(2);
      expect(txt.err.join('\n')).toContain('unknown extension');
      const solver = await cli(['submit', MIP_FILE, '--queue', db, '--solver', 'cplex']);
      expect(solver.code).toBe(2);
      expect(await listed(db)).toEqual([]);
    });

    it('cli-jobs/two-saves-race-on-one-job: exactly one row, the other reports the first (reused)', { timeout: 60_000 }, async () => {
      const db = await newDb();
      const id = (await cli(['submit', MIP_FILE, '--queue', db])).out[0]!;
      const queue = await openJobQueue<object>(db, { name: 'lumix-cli-solve' }, 'worker');
      try {
        await queue.transaction(ensureResultsTable);
        const fields = (worker: string): ResultFields => ({
          file: 'chvatal.lp',
          status: 'optimal',
          objective: 13,
          solver: 'highs',
          values: { x: 2, y: 0, z: 1 },
          duals: null,
          solveMs: 1,
          startedAt: new Date(),
          finishedAt: new Date(),
          worker,
        });
        let outcomes: JobResult[] = [];
        await queue.work(
          async (job) => {
            // Both attempts hold the job; the first waits inside its transaction, so the second's INSERT meets an uncommitted key.
            outcomes = await Promise.all([saveResult(queue, job, fields('first'), 500), saveResult(queue, job, fields('second'))]);
            return outcomes[0]!;
          },
          { maxJobs: 1, exitWhenIdle: true },
        );
        expect(outcomes).toHaveLength(2);
        const rows = await resultRows(db);
        expect(rows).toHaveLength(1);
        expect(rows[0]!.job_id).toBe(id);
        const saved = Number(rows[0]!.id);
        const reused = outcomes.filter((o) => 'reused' in o && o.reused === true);
        expect(reused).toHaveLength(1);
        expect(outcomes.map((o) => ('runId' in o ? o.runId : null))).toEqual([saved, saved]);
      } finally {
        await queue.close();
      }
    });

    for (const at of ['solve', 'save'] as const) {
      it(`cli-jobs/kill-9-in-${at}: another worker retries the job, exactly one result`, { timeout: 240_000 }, async () => {
        const db = await newDb();
        const id = (await cli(['submit', AFIRO, '--queue', db, '--job-timeout', '20'])).out[0]!;
        const victim = spawnWorker(db, { LUMIX_WORKER_PAUSE: `${at}:60000` });
        // In the solve: the job is taken. In the save: solved, the row inserted, the transaction open.
        await until(`the worker to reach the ${at}`, async () => (victim.output().includes(at === 'solve' ? `job ${id}: taken` : '; saving') ? true : undefined));
        await new Promise((r) => setTimeout(r, 500));
        expect((await listed(db)).find((j) => j.id === id)?.state).toBe('running');
        victim.kill9();
        await victim.exited;
        // Nothing committed by the dead worker.
        const none = await withPostgres(db, async (c) => {
          const [t] = await c.query<{ t: string | null }>("SELECT to_regclass('lumix_results') AS t");
          return t?.t === null ? [] : c.query('SELECT id FROM lumix_results');
        });
        expect(none).toEqual([]);

        const w2 = spawnWorker(db);
        const w3 = spawnWorker(db);
        const job = await until('the job to be done', async () => {
          const j = (await listed(db)).find((x) => x.id === id);
          return j?.state === 'done' ? j : undefined;
        });
        w2.stop();
        w3.stop();
        expect(await w2.exited, w2.output()).toBe(0);
        expect(await w3.exited, w3.output()).toBe(0);
        expect(job.retries).toBe(1);
        expect(job.objective).toBeCloseTo(AFIRO_OPTIMUM, 6);
        expect((await resultRows(db)).map((r) => r.job_id)).toEqual([id]);
        expect([w2, w3].filter((w) => w.output().includes(`job ${id}: taken`))).toHaveLength(1);
      });
    }
  });
}
