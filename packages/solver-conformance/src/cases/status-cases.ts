import { checkFeasibility, createStandardForm, type SolveResult, type StandardForm } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { expectFeasiblePoint, expectNoPoint } from '../expect-solution.js';
import { marketSplit } from '../market-split.js';

/** A result stopped at a limit: consistent about its point, and never zeros posing as a solution. */
function expectLimitResult(p: StandardForm, r: SolveResult): void {
  expect(r.status, `${p.name}: status (${r.message ?? ''})`).toBe('time-limit');
  if (r.hasSolution) {
    expectFeasiblePoint(p, r);
  } else {
    expect(r.colValues).toBeNull();
    expect(r.objective).toBeNull();
  }
}

/** Infeasible, unbounded and stopped solves: results, never exceptions. */
export const STATUS_CASES: readonly ConformanceCase[] = [
  {
    area: 'status',
    name: 'infeasible-lp',
    async run(solver) {
      // x + y >= 5 and x + y <= 3.
      const p = createStandardForm({
        name: 'infeasible-lp',
        columns: [{ cost: 1 }, { cost: 1 }],
        rows: [
          { lb: 5, terms: [[0, 1], [1, 1]] },
          { ub: 3, terms: [[0, 1], [1, 1]] },
        ],
      });
      expectNoPoint(await solver.solve(p), 'infeasible');
      if (solver.capabilities.presolveToggle) expectNoPoint(await solver.solve(p, { presolve: false }), 'infeasible');
    },
  },
  {
    area: 'status',
    name: 'infeasible-bounds-lp',
    async run(solver) {
      // x in [0, 1], y in [0, 1], x + y = 3.
      const p = createStandardForm({
        name: 'infeasible-bounds-lp',
        columns: [{ ub: 1, cost: 1 }, { ub: 1 }],
        rows: [{ lb: 3, ub: 3, terms: [[0, 1], [1, 1]] }],
      });
      expectNoPoint(await solver.solve(p), 'infeasible');
    },
  },
  {
    area: 'status',
    name: 'unbounded-lp',
    async run(solver) {
      // max x with x - y <= 3, x, y >= 0: x = 3 + y grows without end.
      const p = createStandardForm({
        name: 'unbounded-lp',
        sense: 'max',
        columns: [{ cost: 1 }, {}],
        rows: [{ ub: 3, terms: [[0, 1], [1, -1]] }],
      });
      expectNoPoint(await solver.solve(p), 'unbounded');
      if (solver.capabilities.presolveToggle) expectNoPoint(await solver.solve(p, { presolve: false }), 'unbounded');
      // min of a free column with no rows.
      const free = createStandardForm({ name: 'unbounded-free', columns: [{ lb: Number.NEGATIVE_INFINITY, cost: 1 }], rows: [] });
      expectNoPoint(await solver.solve(free), 'unbounded');
    },
  },
  {
    area: 'status',
    name: 'infeasible-mip',
    needs: ['integer'],
    async run(solver) {
      // 2x = 3 with x integer: the relaxation is feasible, no integer point is.
      const parity = createStandardForm({
        name: 'infeasible-mip-parity',
        columns: [{ ub: 10, cost: 1, integer: true }],
        rows: [{ lb: 3, ub: 3, terms: [[0, 2]] }],
      });
      expectNoPoint(await solver.solve(parity), 'infeasible');
      // An infeasible relaxation: x + y >= 5, x + y <= 3, integers.
      const relaxation = createStandardForm({
        name: 'infeasible-mip-relaxation',
        columns: [
          { cost: 1, integer: true },
          { cost: 1, integer: true },
        ],
        rows: [
          { lb: 5, terms: [[0, 1], [1, 1]] },
          { ub: 3, terms: [[0, 1], [1, 1]] },
        ],
      });
      expectNoPoint(await solver.solve(relaxation), 'infeasible');
    },
  },
  {
    area: 'status',
    name: 'unbounded-mip',
    needs: ['integer'],
    async run(solver) {
      // max x with x - y <= 3 over the integers: unbounded (x = 3 + y).
      const p = createStandardForm({
        name: 'unbounded-mip',
        sense: 'max',
        columns: [
          { cost: 1, integer: true },
          { integer: true },
        ],
        rows: [{ ub: 3, terms: [[0, 1], [1, -1]] }],
      });
      expectNoPoint(await solver.solve(p), 'unbounded', 'infeasible-or-unbounded');
    },
  },
  {
    area: 'status',
    name: 'time-limit-mip',
    needs: ['integer', 'timeLimit'],
    timeout: 30_000,
    async run(solver) {
      // Market split 6 × 50 with slacks: every point is feasible and the LP bound is 0, so the
      // solve runs into its limit; the incumbent, if any, must be a real feasible point.
      const p = marketSplit({ rows: 6, columns: 50, seed: 1 });
      const r = await solver.solve(p, { timeLimit: 1 });
      expectLimitResult(p, r);
    },
  },
  {
    area: 'status',
    name: 'time-limit-without-incumbent',
    needs: ['integer', 'timeLimit'],
    timeout: 30_000,
    async run(solver) {
      // Pure feasibility market split 8 × 70 stopped after 0.3 s: no point is known, so none is
      // returned (HiGHS alone would report all zeros here; zeros violate every row).
      const p = marketSplit({ rows: 8, columns: 70, seed: 3, withSlacks: false });
      const zeros = checkFeasibility(p, new Float64Array(p.numCols));
      expect(zeros.feasible).toBe(false);
      const r = await solver.solve(p, { timeLimit: 0.3 });
      expectLimitResult(p, r);
    },
  },
];
