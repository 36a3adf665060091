// packages/core/README.md, sections "Modelling helpers" and "MIP start, progress and cancel":
// the examples run as written (with both solvers for the first), and their results re-checked
// by evaluating the model's functions at the solver's point.
import { Model, abs, checkFeasibility, indicator, max, piecewise, type Solver } from '@lumix/core';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import { describe, expect, it } from 'vitest';

function readmeModel() {
  // --- README: Modelling helpers -------------------------------------------------------------
  const products = [{ id: 'chair', target: 40, cap: 100 }, { id: 'table', target: 25, cap: 60 }];
  const m = new Model('plan');
  const make = m.continuous('make', products, { ub: (p) => p.cap });
  const open = m.binary('open', products);
  // |make − target| per product
  const gap = abs(m, 'gap', products, (p) => make.get(p).minus(p.target));
  // a closed line makes nothing (big-M from make's upper bound)
  indicator(m, 'closed', products, (p) => ({ when: open.get(p), is: 0, enforce: make.get(p).le(0) }));
  // a cost with economies of scale, through breakpoints [x, y]
  const cost = piecewise(m, 'cost', products, (p) => ({ x: make.get(p), points: [[0, 0], [20, 200], [p.cap, 520]] }));
  // the largest batch, once
  const peak = max(m, 'peak', () => products.map((p) => make.get(p)));
  m.minimize(() => gap.sum().times(12).plus(cost.sum()).plus(open.sum(() => 50)).plus(peak.times(2)));
  // -------------------------------------------------------------------------------------------
  return { m, products, make, open, gap, cost, peak };
}

/** The piecewise cost of the README, evaluated directly. */
function f(x: number, cap: number): number {
  return x <= 20 ? 10 * x : 200 + ((520 - 200) * (x - 20)) / (cap - 20);
}

describe('README: modelling helpers', () => {
  const results: number[] = [];
  it.each([createHighsSolver(), createGlpkSolver()].map((s) => [s.name, s] as [string, Solver]))('solves with %s, every helper equal to its function at the point', async (_n, solver) => {
    const { m, products, make, open, gap, cost, peak } = readmeModel();
    const sol = await m.solve({ solver });
    expect(sol.status).toBe('optimal');
    let objective = 0;
    let top = Number.NEGATIVE_INFINITY;
    for (const p of products) {
      const x = sol.value(make, p.id);
      const o = Math.round(sol.value(open, p.id));
      if (o === 0) expect(x).toBeCloseTo(0, 6);
      expect(sol.value(gap, p.id)).toBeCloseTo(Math.abs(x - p.target), 6);
      expect(sol.value(cost, p.id)).toBeCloseTo(f(x, p.cap), 6);
      objective += 12 * Math.abs(x - p.target) + f(x, p.cap) + 50 * o;
      top = Math.max(top, x);
    }
    expect(sol.value(peak)).toBeCloseTo(top, 6);
    objective += 2 * top;
    expect(sol.objective!).toBeCloseTo(objective, 6);
    results.push(sol.objective!);
    if (results.length === 2) expect(results[0]!).toBeCloseTo(results[1]!, 6);
  });
});

describe('README: MIP start, progress and cancel', () => {
  it('runs as written with HiGHS', async () => {
    const { m, open } = readmeModel();
    // --- README: MIP start, progress and cancel ----------------------------------------------
    const solver = createHighsSolver();
    const first = await m.solve({ solver, timeLimit: 10 });
    await m.solve({ solver, start: [[open, 'chair', 1], [open.get('table'), 0]] });
    await m.solve({ solver, start: first });
    const ac = new AbortController();
    const quick = await m.solve({
      solver,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.kind === 'incumbent') ac.abort();
      },
    });
    // -----------------------------------------------------------------------------------------
    expect(first.status).toBe('optimal');
    expect(['interrupted', 'optimal']).toContain(quick.status);
    expect(quick.hasSolution).toBe(true);
    expect(checkFeasibility(quick.compiled.problem, quick.result.colValues!).feasible).toBe(true);
    expect(quick.objective!).toBeGreaterThanOrEqual(first.objective! - 1e-6);
    expect(quick.run.options).toMatchObject({ signal: true });
  });
});
