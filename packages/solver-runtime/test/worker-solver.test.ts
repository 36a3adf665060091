import { describe, expect, it } from 'vitest';
import { createStandardForm, isLumixError, type StandardForm } from '@lumix/core';
import { createWorkerSolver } from '../src/index.js';

const FAKE = new URL('./worker-fixtures/fake-backend.ts', import.meta.url);

function fake(options: Record<string, unknown> = {}, hardTimeLimit?: number) {
  return createWorkerSolver({ solver: { module: FAKE, options }, ...(hardTimeLimit === undefined ? {} : { hardTimeLimit }) });
}

function problem(): StandardForm {
  return createStandardForm({
    name: 'tiny',
    sense: 'max',
    objectiveOffset: 1.5,
    columns: [
      { name: 'a', lb: 2, ub: 4, cost: 3 },
      { name: 'b', lb: -Infinity, ub: 1, cost: -1, integer: true },
    ],
    rows: [{ name: 'cap', ub: 10, terms: [['a', 2], ['b', 1]] }],
  });
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the solve to fail');
}

describe('worker-solver', () => {
  it('worker/solves-and-returns-the-result', async () => {
    const s = await fake();
    expect(s.name).toBe('fake');
    expect(s.capabilities.worker).toBe(true);
    const p = problem();
    const r = await s.solve(p, { timeLimit: 5, raw: { k: 1 } });
    expect(r.status).toBe('optimal');
    expect(r.colValues).toBeInstanceOf(Float64Array);
    expect(Array.from(r.colValues!)).toEqual([2, 0]);
    expect(r.objective).toBe(1.5 + 6);
    expect(Array.from(r.rowActivities!)).toEqual([4]);
    const seen = JSON.parse(r.message!) as Record<string, unknown>;
    expect(seen).toMatchObject({ name: 'tiny', sense: 'max', col0: 'x0', integral: [0, 1], options: { raw: { k: 1 }, log: 'undefined' } });
    // The backend gets what is left of the limit once the worker runs (start-up counts too).
    const given = (seen['options'] as { timeLimit: number }).timeLimit;
    expect(given).toBeGreaterThan(0);
    expect(given).toBeLessThanOrEqual(5);
    // The caller's problem is copied, not moved: its arrays are still whole.
    expect(p.colCost.length).toBe(2);
    expect(p.value.length).toBe(2);
  });

  it('worker/one-shot-members-cross-and-sessions-do-not', async () => {
    const s = await fake({ extras: true });
    expect(s.capabilities).toMatchObject({ iis: true, multiObjective: true, mipStart: true, sessions: false, worker: true });
    const p = problem();
    // A MIP start crosses as numbers (here a plain array), checked first in this thread.
    const r = await s.solve(p, { mipStart: [3, 1] });
    expect(JSON.parse(r.message!)).toMatchObject({ options: { mipStart: [3, 1] } });
    await expect(s.solve(p, { mipStart: [3] })).rejects.toSatisfy((e) => isLumixError(e, 'INVALID_ARGUMENT'));
    // computeIis and solveLexicographic run in the worker, where the names are x{j}.
    const iis = await s.computeIis(p);
    expect(Array.from(iis.rows)).toEqual([0]);
    expect(iis.colBounds).toEqual(['x0']);
    const lex = await s.solveLexicographic(p, [{ sense: 'max', coefficients: [2, 0], offset: 1 }]);
    expect(Array.from(lex.objectiveValues!)).toEqual([5]);
    await expect(s.open(p)).rejects.toSatisfy((e) => isLumixError(e, 'UNSUPPORTED_FEATURE') && /sessions/.test((e as Error).message));
    // A backend without them: refused in this thread, before any worker starts.
    const plain = await fake({ mode: 'exit' });
    await expect(plain.computeIis(p)).rejects.toSatisfy((e) => isLumixError(e, 'UNSUPPORTED_FEATURE'));
    await expect(plain.solve(p, { mipStart: [3, 1] })).rejects.toSatisfy((e) => isLumixError(e, 'UNSUPPORTED_FEATURE'));
  });

  it('worker/log-lines-come-back', async () => {
    const s = await fake({ mode: 'log' });
    const lines: string[] = [];
    await s.solve(problem(), { log: (l) => lines.push(l) });
    expect(lines).toEqual(['first line', 'second line']);
  });

  it('crash/exception-becomes-solver-failed', async () => {
    const e = await failure((await fake({ mode: 'throw' })).solve(problem()));
    expect(isLumixError(e, 'SOLVER_FAILED')).toBe(true);
    expect(e.message).toContain('boom inside the backend');
    expect((e.cause as Error).message).toBe('boom inside the backend');
  });

  it('crash/wasm-abort-becomes-solver-failed-and-process-lives', async () => {
    const e = await failure((await fake({ mode: 'wasm-abort' })).solve(problem()));
    expect(isLumixError(e, 'SOLVER_FAILED')).toBe(true);
    expect(e.message).toMatch(/RuntimeError: Aborted\(OOM\)/);
    const again = await (await fake()).solve(problem());
    expect(again.status).toBe('optimal');
  });

  it('crash/lumix-error-keeps-its-code', async () => {
    const e = await failure((await fake({ mode: 'lumix-error' })).solve(problem()));
    expect(isLumixError(e, 'UNSUPPORTED_FEATURE')).toBe(true);
    expect((e as unknown as { details: unknown }).details).toEqual({ feature: 'x' });
  });

  it('crash/worker-exit-becomes-solver-failed', async () => {
    const e = await failure((await fake({ mode: 'exit' })).solve(problem()));
    expect(isLumixError(e, 'SOLVER_FAILED')).toBe(true);
    expect(e.message).toMatch(/exited with code 7/);
  });

  it('crash/uncaught-async-error-becomes-solver-failed', async () => {
    const e = await failure((await fake({ mode: 'uncaught' })).solve(problem()));
    expect(isLumixError(e, 'SOLVER_FAILED')).toBe(true);
    expect(e.message).toContain('asynchronous boom');
  });

  it('limit/hard-time-limit-terminates-the-worker', async () => {
    const s = await fake({ mode: 'spin', seconds: 20 }, 0.5);
    const r = await s.solve(problem());
    expect(r.status).toBe('time-limit');
    expect(r.hasSolution).toBe(false);
    expect(r.colValues).toBeNull();
    expect(r.message).toMatch(/worker was stopped/);
  });

  it('loop/event-loop-keeps-ticking-during-a-blocking-solve', async () => {
    const s = await fake({ mode: 'spin', seconds: 1 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    try {
      const r = await s.solve(problem());
      expect(r.status).toBe('optimal');
    } finally {
      clearInterval(timer);
    }
    // The same spin on this thread would let the timer fire at most once.
    expect(ticks).toBeGreaterThan(20);
  });

  it('memory/worker-memory-is-returned-when-it-ends', async () => {
    const s = await fake({ mode: 'memory', mib: 384 });
    const before = process.memoryUsage().rss;
    const r = await s.solve(problem());
    expect(r.status).toBe('optimal');
    await new Promise((ok) => setTimeout(ok, 200));
    const grown = (process.memoryUsage().rss - before) / 2 ** 20;
    // The worker filled 384 MiB; a worker kept alive would keep it resident.
    expect(grown).toBeLessThan(128);
  });

  it('setup/backend-must-declare-worker-capability', async () => {
    const e = await failure(fake({ worker: false }));
    expect(isLumixError(e, 'UNSUPPORTED_FEATURE')).toBe(true);
    expect(e.message).toContain('capabilities.worker');
  });

  it('setup/missing-package-names-the-package', async () => {
    const e = await failure(createWorkerSolver({ solver: { module: '@lumix/no-such-solver' } }));
    expect(isLumixError(e, 'SOLVER_NOT_INSTALLED')).toBe(true);
    expect(e.message).toContain('pnpm add @lumix/no-such-solver');
    const bad = await failure(createWorkerSolver({ solver: 'cplex' as 'highs' }));
    expect(isLumixError(bad, 'INVALID_ARGUMENT')).toBe(true);
  });

  it('setup/options-checked-before-a-worker-starts', async () => {
    const s = await fake({ mode: 'exit' });
    const e = await failure(s.solve(problem(), { timeLimit: -1 }));
    expect(isLumixError(e, 'INVALID_ARGUMENT')).toBe(true);
  });
});
