import { createStandardForm } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { expectCloseArray, expectOptimal } from '../expect-solution.js';
import { minCostProblem, productionProblem } from './problems.js';

const INF = Number.POSITIVE_INFINITY;

/** Continuous LPs with hand-computed optima. */
export const LP_CASES: readonly ConformanceCase[] = [
  {
    area: 'lp',
    name: 'min',
    async run(solver) {
      // x + y >= 10, x <= 4: the cheaper x is used up to 4, y covers the rest: 2·4 + 3·6.
      const p = minCostProblem();
      expectOptimal(p, await solver.solve(p), 26, [4, 6]);
    },
  },
  {
    area: 'lp',
    name: 'max',
    async run(solver) {
      // x1, x2 at their lower bounds, x3 takes the rest of the wood: (500 - 80 - 125) / 35.
      const p = productionProblem();
      expectOptimal(p, await solver.solve(p), 2735.714285714286, [10, 5, 295 / 35]);
    },
  },
  {
    area: 'lp',
    name: 'free-columns',
    async run(solver) {
      // x, y free: min x + y with x + y >= -4 and x - y = 2 gives x = -1, y = -3.
      const p = createStandardForm({
        name: 'free-columns',
        columns: [
          { lb: -INF, cost: 1 },
          { lb: -INF, cost: 1 },
        ],
        rows: [
          { lb: -4, terms: [[0, 1], [1, 1]] },
          { lb: 2, ub: 2, terms: [[0, 1], [1, -1]] },
        ],
      });
      expectOptimal(p, await solver.solve(p), -4, [-1, -3]);
    },
  },
  {
    area: 'lp',
    name: 'fixed-columns',
    async run(solver) {
      // x fixed at 3: max x + 2y with x + y <= 8, y <= 10 gives y = 5.
      const p = createStandardForm({
        name: 'fixed-columns',
        sense: 'max',
        columns: [
          { lb: 3, ub: 3, cost: 1 },
          { ub: 10, cost: 2 },
        ],
        rows: [{ ub: 8, terms: [[0, 1], [1, 1]] }],
      });
      expectOptimal(p, await solver.solve(p), 13, [3, 5]);
    },
  },
  {
    area: 'lp',
    name: 'negative-bounds',
    async run(solver) {
      // x in [-5, -1], y in [-3, 2], x + 2y <= -2: max x + y at x = -1, y = -0.5.
      const p = createStandardForm({
        name: 'negative-bounds',
        sense: 'max',
        columns: [
          { lb: -5, ub: -1, cost: 1 },
          { lb: -3, ub: 2, cost: 1 },
        ],
        rows: [{ ub: -2, terms: [[0, 1], [1, 2]] }],
      });
      expectOptimal(p, await solver.solve(p), -1.5, [-1, -0.5]);
    },
  },
  {
    area: 'lp',
    name: 'infinite-bounds',
    async run(solver) {
      // x in (-inf, 4], y in [0, 3], z in [-2, inf): min x - z, x + y >= 1, z - y <= 2.
      // x = 1 - y and z = 2 + y make the objective -1 - 2y: y = 3, x = -2, z = 5.
      const p = createStandardForm({
        name: 'infinite-bounds',
        columns: [
          { lb: -INF, ub: 4, cost: 1 },
          { lb: 0, ub: 3 },
          { lb: -2, ub: INF, cost: -1 },
        ],
        rows: [
          { lb: 1, terms: [[0, 1], [1, 1]] },
          { ub: 2, terms: [[2, 1], [1, -1]] },
        ],
      });
      expectOptimal(p, await solver.solve(p), -7, [-2, 3, 5]);
    },
  },
  {
    area: 'lp',
    name: 'ranged-rows',
    async run(solver) {
      // 1 <= x - y <= 2, x + y <= 10. max 3x + y: upper side active, x = 6, y = 4.
      const spec = {
        columns: [{ cost: 3 }, { cost: 1 }],
        rows: [
          { lb: 1, ub: 2, terms: [[0, 1], [1, -1]] as Array<[number, number]> },
          { ub: 10, terms: [[0, 1], [1, 1]] as Array<[number, number]> },
        ],
      };
      const pMax = createStandardForm({ name: 'ranged-max', sense: 'max', ...spec });
      expectOptimal(pMax, await solver.solve(pMax), 22, [6, 4]);
      // min 3x + y: lower side active, x = 1, y = 0.
      const pMin = createStandardForm({ name: 'ranged-min', sense: 'min', ...spec });
      expectOptimal(pMin, await solver.solve(pMin), 3, [1, 0]);
    },
  },
  {
    area: 'lp',
    name: 'equality-rows',
    async run(solver) {
      // x + y + z = 6, x - y = 0, z >= 1: cost 3x + 3z = 18 - 3x, so x = y = 2.5, z = 1.
      const p = createStandardForm({
        name: 'equality-rows',
        columns: [{ cost: 1 }, { cost: 2 }, { lb: 1, cost: 3 }],
        rows: [
          { lb: 6, ub: 6, terms: [[0, 1], [1, 1], [2, 1]] },
          { lb: 0, ub: 0, terms: [[0, 1], [1, -1]] },
        ],
      });
      expectOptimal(p, await solver.solve(p), 10.5, [2.5, 2.5, 1]);
    },
  },
  {
    area: 'lp',
    name: 'objective-constant',
    async run(solver) {
      // min x + 10 with x >= 2 (a row): 12.
      const pMin = createStandardForm({
        name: 'constant-min',
        objectiveOffset: 10,
        columns: [{ cost: 1 }],
        rows: [{ lb: 2, terms: [[0, 1]] }],
      });
      expectOptimal(pMin, await solver.solve(pMin), 12, [2]);
      // max x - 7.5 with x <= 3: -4.5.
      const pMax = createStandardForm({
        name: 'constant-max',
        sense: 'max',
        objectiveOffset: -7.5,
        columns: [{ cost: 1 }],
        rows: [{ ub: 3, terms: [[0, 1]] }],
      });
      expectOptimal(pMax, await solver.solve(pMax), -4.5, [3]);
    },
  },
  {
    area: 'lp',
    name: 'empty-model',
    async run(solver) {
      // No rows, no columns: optimal, and the objective is the constant.
      const p = createStandardForm({ name: 'empty', objectiveOffset: 4, columns: [], rows: [] });
      const r = await solver.solve(p);
      expectOptimal(p, r, 4);
      expect(r.colValues!.length).toBe(0);
    },
  },
  {
    area: 'lp',
    name: 'no-rows',
    async run(solver) {
      // Only bounds: min x + y, x in [1, 5], y in [-2, 3]; z appears nowhere.
      const p = createStandardForm({
        name: 'no-rows',
        columns: [{ lb: 1, ub: 5, cost: 1 }, { lb: -2, ub: 3, cost: 1 }, { lb: 0.5, ub: 2 }],
        rows: [],
      });
      const r = await solver.solve(p);
      expectOptimal(p, r, -1, [1, -2]);
    },
  },
  {
    area: 'lp',
    name: 'no-columns',
    async run(solver) {
      // Rows without columns have activity 0: feasible when 0 is in their range.
      const p = createStandardForm({
        name: 'no-columns',
        objectiveOffset: -3,
        columns: [],
        rows: [
          { lb: -1, ub: 1, terms: [] },
          { ub: 0, terms: [] },
        ],
      });
      expectOptimal(p, await solver.solve(p), -3);
    },
  },
  {
    area: 'lp',
    name: 'result-shape',
    async run(solver) {
      // Row activities are A·x; the solver names itself; the time is measured.
      const p = minCostProblem();
      const r = await solver.solve(p);
      expect(r.solver).toBe(solver.name);
      expect(r.stats.solveMs).toBeGreaterThanOrEqual(0);
      if (r.rowActivities !== null) expectCloseArray(r.rowActivities, [10, 4], 'rowActivities');
      if (!solver.capabilities.reducedCosts) expect(r.reducedCosts).toBeNull();
      if (!solver.capabilities.rowDuals) expect(r.rowDuals).toBeNull();
    },
  },
];
