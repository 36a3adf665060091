// The solver pool against a stand-in backend whose problem names choose what a solve does:
// results, order and per-job errors of solveMany, the concurrency limit, warm workers reused,
// abort (running and queued), the hard limit keeping an incumbent, crashes replacing a worker
// while the pool lives, the queue limit, the front door, and close.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createStandardForm, isLumixError, type SolveProgress, type StandardForm } from '@lumix/core';
import { createSolverPool, type SolverPool } from '../src/index.js';

const BACKEND = new URL('./worker-fixtures/pool-backend.ts', import.meta.url);

function problem(name = 'ok'): StandardForm {
  return createStandardForm({
    name,
    sense: 'max',
    objectiveOffset: 1.5,
    columns: [
      { name: 'a', lb: 2, ub: 4, cost: 3 },
      { name: 'b', lb: 0, ub: 1, cost: -1, integer: true },
    ],
    rows: [{ name: 'cap', ub: 10, terms: [['a', 2], ['b', 1]] }],
  });
}

interface Seen {
  threadId: number;
  solves: number;
  startedAt: number;
  endedAt: number;
  shared: boolean;
  col0: string;
  timeLimit: number | null;
  mipStart: number[] | null;
}

const seen = (message: string | undefined): Seen => JSON.parse(message!) as Seen;

const pools: SolverPool[] = [];
async function pool(size: number, extra: { hardTimeLimit?: number; maxQueue?: number; warmup?: boolean } = {}): Promise<SolverPool> {
  const p = await createSolverPool({ solver: { module: BACKEND }, size, ...extra });
  pools.push(p);
  return p;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close({ force: true })));
});

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the solve to fail');
}

describe('solver pool', () => {
  it('pool/solves-through-the-front-door-on-warm-workers', async () => {
    const s = await pool(2);
    expect(s.name).toBe('pool-fake');
    expect(s.size).toBe(2);
    expect(s.capabilities).toMatchObject({ worker: true, cancel: true, progress: true, sessions: false, iis: false });
    const p = problem();
    const r = await s.solve(p, { timeLimit: 5, mipStart: [3, 1] });
    expect(r.status).toBe('optimal');
    expect(Array.from(r.colValues!)).toEqual([2, 0]);
    expect(r.objective).toBe(1.5 + 6);
    const w = seen(r.message);
    // The problem arrived in shared memory, names as x{j}, the MIP start and the rest of the time limit.
    expect(w).toMatchObject({ shared: true, col0: 'x0', mipStart: [3, 1] });
    expect(w.timeLimit!).toBeGreaterThan(0);
    expect(w.timeLimit!).toBeLessThanOrEqual(5);
    // The warm-up ran first in that worker: this is its second solve at least.
    expect(w.solves).toBeGreaterThanOrEqual(2);
    // The caller's problem is copied, not moved.
    expect(p.colCost.length).toBe(2);
    // The front door checks before any worker sees the call.
    const e = await failure(s.solve(p, { mipStart: [1] }));
    expect(isLumixError(e, 'INVALID_ARGUMENT')).toBe(true);
    const unsupported = await failure(s.solve(p, { ranging: true }));
    expect(isLumixError(unsupported, 'UNSUPPORTED_FEATURE')).toBe(true);
  });

  it('pool/solve-many-keeps-order-and-reports-each-failure', async () => {
    const s = await pool(2);
    const jobs = [problem('spin:0.2'), { problem: problem('lumix-error') }, problem('ok'), { problem: problem('ok'), options: { mipStart: [1] } }, problem('spin:0.05')];
    const ended: number[] = [];
    const out = await s.solveMany(jobs, { onOutcome: (i) => ended.push(i) });
    expect(out.map((o) => o.ok)).toEqual([true, false, true, false, true]);
    expect(out[1]!.ok === false && isLumixError(out[1]!.error, 'UNSUPPORTED_FEATURE')).toBe(true);
    expect(out[3]!.ok === false && isLumixError(out[3]!.error, 'INVALID_ARGUMENT')).toBe(true);
    for (const i of [0, 2, 4]) expect(out[i]!.ok && out[i]!.result.objective).toBe(7.5);
    expect([...ended].sort()).toEqual([0, 1, 2, 3, 4]);
    // A LumixError from the backend leaves its worker in place.
    expect(s.stats().workersStarted).toBe(2);
  });

  it('pool/at-most-size-jobs-run-at-once-and-each-worker-is-reused', async () => {
    const s = await pool(2);
    const out = await s.solveMany(Array.from({ length: 6 }, () => problem('spin:0.15')), { concurrency: 6 });
    const runs = out.map((o) => (o.ok ? seen(o.result.message) : expect.fail(String(o.error))));
    // Overlap of the solves' own intervals, measured in the workers.
    let most = 0;
    for (const a of runs) most = Math.max(most, runs.filter((b) => b.startedAt <= a.startedAt && a.startedAt < b.endedAt).length);
    expect(most).toBeLessThanOrEqual(2);
    expect(new Set(runs.map((r) => r.threadId)).size).toBe(2);
    expect(s.stats().peakRunning).toBeLessThanOrEqual(2);
    expect(s.stats()).toMatchObject({ workers: 2, workersStarted: 2, running: 0, queued: 0 });
    // solveMany's own concurrency: one job of this call at a time never overlaps.
    const one = await s.solveMany(Array.from({ length: 3 }, () => problem('spin:0.1')), { concurrency: 1 });
    const r = one.map((o) => (o.ok ? seen(o.result.message) : expect.fail(String(o.error))));
    expect(r[1]!.startedAt).toBeGreaterThanOrEqual(r[0]!.endedAt);
    expect(r[2]!.startedAt).toBeGreaterThanOrEqual(r[1]!.endedAt);
  });

  it('pool/run-jobs-runs-size-at-a-time-in-order-and-stops-at-the-first-error', async () => {
    const s = await pool(2);
    let inFlight = 0;
    let most = 0;
    const job = (name: string) => async (): Promise<number> => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return (await s.solve(problem(name))).objective!;
      } finally {
        inFlight--;
      }
    };
    expect(await s.runJobs([job('spin:0.1'), job('ok'), job('spin:0.05'), job('ok'), job('ok')])).toEqual([7.5, 7.5, 7.5, 7.5, 7.5]);
    expect(most).toBe(2);
    const started: number[] = [];
    const e = await failure(
      s.runJobs([0, 1, 2, 3].map((i) => async () => {
        started.push(i);
        if (i === 0) throw new Error('job 0 failed');
        return (await s.solve(problem('spin:0.2'))).objective;
      })),
    );
    expect(e.message).toBe('job 0 failed');
    // Jobs 0 and 1 started together; after job 0 failed no further job started.
    expect(started).toEqual([0, 1]);
  });

  it('pool/a-problem-shared-by-jobs-is-packed-once', async () => {
    const s = await pool(1);
    const p = problem();
    const out = await s.solveMany([p, p, { problem: p, options: { timeLimit: 3 } }]);
    expect(out.every((o) => o.ok && o.result.objective === 7.5)).toBe(true);
  });

  it('abort/running-job-stops-with-its-incumbent-and-the-worker-stays', async () => {
    const s = await pool(1);
    const ac = new AbortController();
    const reports: SolveProgress[] = [];
    const r = await s.solve(problem('incumbent-then-spin:30'), {
      signal: ac.signal,
      onProgress: (x) => {
        reports.push(x);
        ac.abort();
      },
    });
    expect(r.status).toBe('interrupted');
    expect(r.message).toBe('stopped by the signal');
    expect(Array.from(r.colValues!)).toEqual([4, 1]);
    expect(reports.map((x) => x.kind)).toEqual(['incumbent']);
    // The backend stopped by itself: no worker was replaced.
    expect(s.stats().workersStarted).toBe(1);
  });

  it('abort/queued-job-ends-without-running-and-the-pool-goes-on', async () => {
    const s = await pool(1);
    const ac = new AbortController();
    const first = s.solve(problem('spin:0.5'));
    const queued = s.solve(problem('ok'), { signal: ac.signal });
    ac.abort();
    const q = await queued;
    expect(q.status).toBe('interrupted');
    expect(q.hasSolution).toBe(false);
    expect((await first).status).toBe('optimal');
    // Aborted before the call: nothing is queued at all.
    const before = new AbortController();
    before.abort();
    expect((await s.solve(problem(), { signal: before.signal })).status).toBe('interrupted');
    expect(s.stats().workersStarted).toBe(1);
  });

  it('limit/hard-limit-keeps-the-last-incumbent-and-replaces-the-worker', async () => {
    const s = await pool(1, { hardTimeLimit: 0.5 });
    const r = await s.solve(problem('incumbent-then-spin:60'));
    expect(r.status).toBe('time-limit');
    expect(r.hasSolution).toBe(true);
    expect(Array.from(r.colValues!)).toEqual([4, 1]);
    // Objective and activities recomputed from the point: 1.5 + 3·4 − 1·1, and 2·4 + 1.
    expect(r.objective).toBe(12.5);
    expect(Array.from(r.rowActivities!)).toEqual([9]);
    expect(r.message).toMatch(/hard time limit of 0.5 s.*last incumbent/);
    // A job stopped without an incumbent has no point.
    const none = await s.solve(problem('spin:60'));
    expect(none).toMatchObject({ status: 'time-limit', hasSolution: false, colValues: null });
    const after = await s.solve(problem());
    expect(after.status).toBe('optimal');
    // Each stopped job's worker was terminated and a fresh one started (it counts once ready).
    await vi.waitFor(() => expect(s.stats().workersStarted).toBe(3), { timeout: 30_000, interval: 50 });
  });

  for (const [mode, pattern] of [
    ['wasm-abort', /RuntimeError: Aborted\(OOM\)/],
    ['throw', /boom inside the backend/],
    ['exit', /exit/i],
    ['process-abort', /process\.abort\(\) is not supported in workers/],
    ['uncaught', /asynchronous boom/],
  ] as const) {
    it(`crash/${mode}-fails-the-job-replaces-the-worker-and-later-jobs-succeed`, async () => {
      const s = await pool(2);
      const out = await s.solveMany([problem('ok'), problem(mode), problem('ok'), problem('ok')]);
      const bad = out[1]!;
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(isLumixError(bad.error, 'SOLVER_FAILED')).toBe(true);
        expect(bad.error.message).toMatch(pattern);
      }
      expect(out.filter((o) => o.ok).length).toBe(3);
      const later = await s.solveMany([problem('ok'), problem('ok')]);
      expect(later.every((o) => o.ok && o.result.status === 'optimal')).toBe(true);
      // The crashed worker was replaced (a replacement counts once it is ready).
      await vi.waitFor(() => expect(s.stats()).toMatchObject({ workers: 2, workersStarted: 3 }), { timeout: 30_000, interval: 50 });
    });
  }

  it('pool/log-lines-and-a-throwing-callback', async () => {
    const s = await pool(1);
    const lines: string[] = [];
    await s.solve(problem('log'), { log: (l) => lines.push(l) });
    expect(lines).toEqual(['first line', 'second line']);
    const e = await failure(s.solve(problem('log'), { log: () => { throw new Error('callback failed'); } }));
    expect(e.message).toBe('callback failed');
    expect((await s.solve(problem())).status).toBe('optimal');
  });

  it('queue/a-full-queue-refuses-with-invalid-state', async () => {
    const s = await pool(1, { maxQueue: 1 });
    const running = s.solve(problem('spin:0.5'));
    // Once the first job runs in the worker, the next one waits in the queue.
    await vi.waitFor(() => expect(s.stats().running).toBe(1), { timeout: 30_000, interval: 10 });
    const waiting = s.solve(problem('ok'));
    const e = await failure(s.solve(problem('ok')));
    expect(isLumixError(e, 'INVALID_STATE')).toBe(true);
    expect(e.message).toMatch(/maxQueue/);
    expect((await running).status).toBe('optimal');
    expect((await waiting).status).toBe('optimal');
  });

  it('setup/bad-options-are-refused', async () => {
    await expect(createSolverPool({ solver: { module: BACKEND }, size: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(createSolverPool({ solver: { module: BACKEND }, hardTimeLimit: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(createSolverPool({ solver: 'nope' as 'highs' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const s = await pool(1);
    await expect(s.solveMany([problem()], { concurrency: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('setup/a-backend-that-cannot-start-in-a-worker-fails-the-pool', async () => {
    const e = await failure(createSolverPool({ solver: { module: BACKEND, options: { failInWorker: true } }, size: 1 }));
    expect(isLumixError(e, 'SOLVER_FAILED')).toBe(true);
    expect(e.message).toMatch(/could not start in a pool worker: cannot start in a worker/);
  });

  it('close/waits-for-running-jobs-then-refuses-new-ones', async () => {
    const s = await createSolverPool({ solver: { module: BACKEND }, size: 1 });
    const job = s.solve(problem('spin:0.3'));
    await new Promise((ok) => setTimeout(ok, 50));
    await s.close();
    expect((await job).status).toBe('optimal');
    expect(s.stats().workers).toBe(0);
    const e = await failure(s.solve(problem()));
    expect(isLumixError(e, 'INVALID_STATE')).toBe(true);
  });

  it('close/returns-the-memory-of-the-workers', async () => {
    const s = await createSolverPool({ solver: { module: BACKEND }, size: 1 });
    const before = process.memoryUsage().rss;
    expect((await s.solve(problem('memory:384'))).status).toBe('optimal');
    // A warm worker keeps what it holds between jobs...
    const held = (process.memoryUsage().rss - before) / 2 ** 20;
    expect(held).toBeGreaterThan(256);
    await s.close();
    // ...until the pool is closed and its workers end.
    await new Promise((ok) => setTimeout(ok, 200));
    expect((process.memoryUsage().rss - before) / 2 ** 20).toBeLessThan(128);
  });

  it('close/force-stops-running-jobs', async () => {
    const s = await createSolverPool({ solver: { module: BACKEND }, size: 1 });
    const job = s.solve(problem('spin:60'));
    await new Promise((ok) => setTimeout(ok, 300));
    await s.close({ force: true });
    const r = await job;
    expect(r.status).toBe('interrupted');
    expect(s.stats().workers).toBe(0);
  });
});
