// Progress reports and cancellation of MIP solves, on mas74 (MIPLIB 3; HiGHS needs minutes for
// it): on the main thread the signal is aborted from onProgress (the only code that runs while
// the WebAssembly solve blocks the thread); in a worker from a timer, and a hard limit keeps the
// last incumbent the worker reported. Every returned point is re-checked with checkFeasibility.
import { checkFeasibility, isLumixError, type SolveProgress, type StandardForm } from '@lumix/core';
import { readMps } from '@lumix/core/io';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import { createWorkerSolver } from '@lumix/solver-runtime';
import { readFixture } from '@lumix/test-fixtures';
import { describe, expect, it } from 'vitest';

const MAS74_OPTIMUM = 11801.1857;
const mas74 = (): StandardForm => readMps(readFixture('miplib/mas74.mps'));

/** Checks the reports of a minimisation: incumbents never get worse, bounds never above them. */
function checkReports(reports: readonly SolveProgress[], numCols: number): void {
  let last = Number.POSITIVE_INFINITY;
  for (const r of reports) {
    if (r.kind === 'incumbent') {
      expect(r.point?.length).toBe(numCols);
      expect(r.incumbent!).toBeLessThanOrEqual(last + 1e-6);
      last = r.incumbent!;
    }
    if (r.incumbent !== null && r.bound !== null) expect(r.bound).toBeLessThanOrEqual(r.incumbent + 1e-6);
    expect(r.nodes).toBeGreaterThanOrEqual(0);
  }
}

describe('progress and cancel, HiGHS on the main thread', () => {
  const highs = createHighsSolver();

  it('aborting from onProgress at the first incumbent returns interrupted with that feasible point', async () => {
    const p = mas74();
    const ac = new AbortController();
    const reports: SolveProgress[] = [];
    const r = await highs.solve(p, {
      signal: ac.signal,
      onProgress: (x) => {
        reports.push(x);
        if (x.kind === 'incumbent') ac.abort();
      },
    });
    expect(r.status).toBe('interrupted');
    expect(r.hasSolution).toBe(true);
    const first = reports.find((x) => x.kind === 'incumbent')!;
    expect(first).toBeDefined();
    const check = checkFeasibility(p, r.colValues!);
    expect(check.feasible, JSON.stringify(check)).toBe(true);
    expect(r.objective!).toBeCloseTo(check.objective, 6);
    // The point returned is the incumbent reported (or one HiGHS found before it saw the abort).
    expect(r.objective!).toBeLessThanOrEqual(first.incumbent! + 1e-6);
    expect(r.objective!).toBeGreaterThanOrEqual(MAS74_OPTIMUM - 1e-3);
    checkReports(reports, p.numCols);
  }, 60_000);

  it('periodic reports carry incumbent, bound, gap and nodes; stopping on a gap works', async () => {
    const p = mas74();
    const ac = new AbortController();
    const reports: SolveProgress[] = [];
    const r = await highs.solve(p, {
      signal: ac.signal,
      onProgress: (x) => {
        reports.push(x);
        if (x.kind === 'progress' && x.gap !== null && x.gap < 0.5 && x.nodes > 0) ac.abort();
      },
    });
    expect(r.status).toBe('interrupted');
    const periodic = reports.filter((x) => x.kind === 'progress');
    expect(periodic.length).toBeGreaterThan(0);
    const last = periodic.at(-1)!;
    expect(last.gap!).toBeLessThan(0.5);
    expect(last.bound!).toBeLessThanOrEqual(MAS74_OPTIMUM + 1e-3);
    expect(checkFeasibility(p, r.colValues!).feasible).toBe(true);
    checkReports(reports, p.numCols);
  }, 60_000);

  it('a signal aborted before the call stops at the first checkpoint; an onProgress that throws stops the solve and rethrows', async () => {
    const p = mas74();
    const r = await highs.solve(p, { signal: AbortSignal.abort() });
    expect(r.status).toBe('interrupted');
    if (r.hasSolution) expect(checkFeasibility(p, r.colValues!).feasible).toBe(true);
    const boom = new Error('stop here');
    await expect(highs.solve(p, { onProgress: () => { throw boom; } })).rejects.toBe(boom);
  }, 60_000);

  it('GLPK claims neither: onProgress and signal are refused before it runs', async () => {
    const glpk = createGlpkSolver();
    for (const o of [{ onProgress: () => {} }, { signal: new AbortController().signal }]) {
      const e = await glpk.solve(mas74(), o).catch((x: unknown) => x);
      expect(isLumixError(e, 'UNSUPPORTED_FEATURE'), String(e)).toBe(true);
    }
  });
});

describe('progress and cancel, HiGHS in a worker', () => {
  it('a timer aborts the solve after the first incumbent: interrupted with a feasible point; progress crosses the thread', async () => {
    const s = await createWorkerSolver({ solver: 'highs' });
    const p = mas74();
    const ac = new AbortController();
    const reports: SolveProgress[] = [];
    const r = await s.solve(p, {
      signal: ac.signal,
      onProgress: (x) => {
        reports.push(x);
        // A timer, not the callback itself: this thread's event loop runs while the worker solves.
        if (x.kind === 'incumbent') setTimeout(() => ac.abort(), 200);
      },
    });
    expect(r.status).toBe('interrupted');
    expect(r.hasSolution).toBe(true);
    expect(checkFeasibility(p, r.colValues!).feasible).toBe(true);
    expect(reports.some((x) => x.kind === 'progress')).toBe(true);
    checkReports(reports, p.numCols);
  }, 60_000);

  it('a plain { aborted } object works as the signal too (polled by the worker solver)', async () => {
    const s = await createWorkerSolver({ solver: 'highs' });
    const p = mas74();
    const signal = { aborted: false };
    const r = await s.solve(p, {
      signal,
      onProgress: (x) => {
        if (x.kind === 'incumbent') setTimeout(() => (signal.aborted = true), 100);
      },
    });
    expect(r.status).toBe('interrupted');
    expect(r.hasSolution).toBe(true);
    expect(checkFeasibility(p, r.colValues!).feasible).toBe(true);
  }, 60_000);

  it('the hard time limit keeps the last incumbent the worker reported', async () => {
    const s = await createWorkerSolver({ solver: 'highs', hardTimeLimit: 4 });
    const p = mas74();
    const r = await s.solve(p); // no timeLimit: HiGHS would run for minutes
    expect(r.status).toBe('time-limit');
    expect(r.hasSolution).toBe(true);
    expect(r.message).toMatch(/last incumbent/);
    const check = checkFeasibility(p, r.colValues!);
    expect(check.feasible).toBe(true);
    expect(r.objective!).toBeCloseTo(check.objective, 6);
  }, 60_000);

  it('GLPK in a worker is cancelled by terminating the worker (it reports no incumbents)', async () => {
    const s = await createWorkerSolver({ solver: 'glpk' });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 1000);
    const r = await s.solve(mas74(), { signal: ac.signal });
    expect(r.status).toBe('interrupted');
    expect(r.hasSolution).toBe(false);
    expect(r.message).toMatch(/signal aborted/);
  }, 60_000);
});
