// @lumix/jobs on a throw-away PostgreSQL server (this package's vitest globalSetup): the job
// lifecycle, retries, one-transaction saves with a unique job key, URL errors, the signal stop and
// the warm solver pools.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isLumixError, createStandardForm } from '@lumix/core';
import { newPostgresDatabase, testPostgres } from '@lumix/test-fixtures';
import { createWarmSolvers, isUniqueViolation, listJobs, openJobQueue, safeUrl, untilSignal, withPostgres, workerPause } from '../src/index.js';

const server = testPostgres();
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

const codeOf = (e: unknown): string | undefined => (isLumixError(e) ? e.code : undefined);

describe('jobs without a server', () => {
  it('jobs/url-must-be-postgres: a file path is refused with the caller\'s message', async () => {
    const e = await listJobs('plans.db', 'q', { notPostgres: (u) => `not a queue: ${u}` }).catch((x: unknown) => x);
    expect(codeOf(e)).toBe('INVALID_ARGUMENT');
    expect((e as Error).message).toBe('not a queue: plans.db');
    const generic = await openJobQueue('sqlite:plans.db', { name: 'q' }).catch((x: unknown) => x);
    expect((generic as Error).message).toContain('A job queue lives in a PostgreSQL database');
  });

  it('jobs/unreachable-server: SOURCE_FAILED naming the server without its password', async () => {
    const e = await openJobQueue('postgres://u:pw@127.0.0.1:1/db', { name: 'q' }).catch((x: unknown) => x);
    expect(codeOf(e)).toBe('SOURCE_FAILED');
    expect((e as Error).message).toContain('postgres://u:***@127.0.0.1:1/db');
    expect((e as Error).message).not.toContain('pw');
    expect(safeUrl('postgresql://a:b@h/d')).toBe('postgresql://a:***@h/d');
  });

  it('jobs/until-signal: SIGTERM aborts the signal, and the handlers are removed afterwards', async () => {
    const before = process.listenerCount('SIGTERM');
    const aborted = await untilSignal(async (signal) => {
      process.emit('SIGTERM', 'SIGTERM');
      // A second one (a wrapper passing on its group's signal) is harmless.
      process.emit('SIGTERM', 'SIGTERM');
      return signal.aborted;
    });
    expect(aborted).toBe(true);
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('jobs/worker-pause: parsed, or refused with what it must be', () => {
    expect(workerPause({})).toBeUndefined();
    expect(workerPause({ LUMIX_WORKER_PAUSE: 'save:250' })).toEqual({ at: 'save', ms: 250 });
    expect(() => workerPause({ LUMIX_WORKER_PAUSE: 'later' })).toThrow(/solve:MS or save:MS/);
  });

  it('jobs/warm-solvers: a pool solves a MIP to its optimum; an unknown solver name is refused', { timeout: 60_000 }, async () => {
    // HiGHS is a devDependency of this package: the pool resolves it from here.
    const solvers = createWarmSolvers({ size: 1, cwd: PACKAGE_DIR, env: {} });
    try {
      // max 5x + 4y + 3z, 2x+3y+z <= 5, 4x+y+2z <= 11, 3x+4y+2z <= 8, integers: optimum 13 at (2, 0, 1).
      const problem = createStandardForm({
        sense: 'max',
        columns: [{ name: 'x', cost: 5, integer: true }, { name: 'y', cost: 4, integer: true }, { name: 'z', cost: 3, integer: true }],
        rows: [
          { ub: 5, terms: [[0, 2], [1, 3], [2, 1]] },
          { ub: 11, terms: [[0, 4], [1, 1], [2, 2]] },
          { ub: 8, terms: [[0, 3], [1, 4], [2, 2]] },
        ],
      });
      const { solver, reason } = await solvers.get('highs');
      expect(reason).toContain('warm pool of 1');
      const r = await solver.solve(problem);
      expect(r.status).toBe('optimal');
      expect(r.objective).toBe(13);
      expect(Array.from(r.colValues ?? [])).toEqual([2, 0, 1]);
      expect(codeOf(await solvers.get('cplex').catch((x: unknown) => x))).toBe('INVALID_ARGUMENT');
    } finally {
      await solvers.close();
    }
  });
});

if ('skip' in server) {
  console.warn(`[jobs] PostgreSQL tests skipped: ${server.skip}`);
  describe.skip(`jobs on PostgreSQL (${server.skip})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describe('a job queue in PostgreSQL', () => {
    it('jobs/list-without-queue: an empty list, and the database is left as it was', async () => {
      const db = await newPostgresDatabase(server.url, 'lumix_jobs');
      expect(await listJobs(db, 'nothing')).toEqual([]);
      const [schema] = await withPostgres(db, (c) => c.query<{ s: string | null }>("SELECT to_regnamespace('pgboss')::text AS s"));
      expect(schema?.s).toBeNull();
    });

    it('jobs/lifecycle: queued, then done with its row id, failed without retry, or retried after a throw', { timeout: 60_000 }, async () => {
      const db = await newPostgresDatabase(server.url, 'lumix_jobs');
      const queue = await openJobQueue<{ n: number }>(db, { name: 'lumix-test', retryLimit: 1 }, 'worker');
      try {
        const ids = [await queue.submit({ n: 1 }), await queue.submit({ n: 2 }), await queue.submit({ n: 3 })];
        expect((await queue.jobs()).map((j) => [j.id, j.state, j.data.n])).toEqual(ids.map((id, i) => [id, 'queued', i + 1]));
        const seen: string[] = [];
        const handled = await queue.work(
          async (job) => {
            seen.push(`${String(job.data.n)}/${String(job.retryCount)}`);
            if (job.data.n === 2) return { failed: 'no plan exists' };
            if (job.data.n === 3 && job.retryCount === 0) throw new Error('worker lost its database connection');
            return { runId: 100 + job.data.n };
          },
          { exitWhenIdle: true },
        );
        expect(handled).toBe(4);
        expect(seen).toEqual(['1/0', '2/0', '3/0', '3/1']);
        const jobs = await listJobs<{ n: number }>(db, 'lumix-test');
        expect(jobs.map((j) => [j.state, j.runId, j.error, j.retryCount])).toEqual([
          ['done', 101, null, 0],
          ['failed', null, 'no plan exists', 0],
          ['done', 103, null, 1],
        ]);
        expect((await queue.job(ids[0]!))?.finishedAt).toBeInstanceOf(Date);
        // A listing can leave a bulky key of the data out.
        expect((await listJobs(db, 'lumix-test', { dataWithout: ['n'] })).map((j) => j.data)).toEqual([{}, {}, {}]);
        expect(codeOf(await listJobs(db, 'lumix-test', { dataWithout: ["n'; DROP TABLE x; --"] }).catch((x: unknown) => x))).toBe('INVALID_ARGUMENT');
        expect(await queue.job('00000000-0000-0000-0000-000000000000')).toBeNull();
      } finally {
        await queue.close();
      }
    });

    it('jobs/transaction: commits, rolls back on a throw, and a repeated job key is a unique violation that commits nothing', async () => {
      const db = await newPostgresDatabase(server.url, 'lumix_jobs');
      const queue = await openJobQueue<object>(db, { name: 'lumix-test' });
      try {
        await queue.transaction((c) => c.query('CREATE TABLE saved (job_id text PRIMARY KEY, note text NOT NULL)'));
        await queue.transaction((c) => c.query("INSERT INTO saved VALUES ('a', 'first')"));
        const thrown = await queue
          .transaction(async (c) => {
            await c.query("INSERT INTO saved VALUES ('b', 'rolled back')");
            throw new Error('the check failed');
          })
          .catch((e: unknown) => e);
        expect((thrown as Error).message).toBe('the check failed');
        const repeated = await queue
          .transaction(async (c) => {
            await c.query("INSERT INTO saved VALUES ('c', 'rolled back too')");
            await c.query("INSERT INTO saved VALUES ('a', 'second')");
          })
          .catch((e: unknown) => e);
        expect(isUniqueViolation(repeated)).toBe(true);
        expect(isUniqueViolation(thrown)).toBe(false);
        expect(await withPostgres(db, (c) => c.query('SELECT job_id, note FROM saved ORDER BY job_id'))).toEqual([{ job_id: 'a', note: 'first' }]);
      } finally {
        await queue.close();
      }
    });
  });
}
