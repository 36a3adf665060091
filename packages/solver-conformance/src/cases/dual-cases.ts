import { createStandardForm } from '@lumix/core';
import type { ConformanceCase } from '../conformance-case.js';
import { expectCloseArray, expectOptimal } from '../expect-solution.js';
import { minCostProblem, productionProblem } from './problems.js';

// Every problem here has a unique, non-degenerate optimum, so its duals are unique too and
// every backend must return the same ones. Convention (core's SolveResult): the dual of a row is
// the change of the optimal objective per unit increase of its active bound.

const rangedSpec = {
  columns: [{ cost: 3 }, { cost: 1 }],
  rows: [
    { lb: 1, ub: 2, terms: [[0, 1], [1, -1]] as Array<[number, number]> },
    { ub: 10, terms: [[0, 1], [1, 1]] as Array<[number, number]> },
  ],
};

/** Row duals with hand-computed values, in core's sign convention. */
export const DUAL_CASES: readonly ConformanceCase[] = [
  {
    area: 'duals',
    name: 'max-le-row',
    needs: ['rowDuals'],
    async run(solver) {
      // One more unit of wood buys 1/35 of x3, worth 200: 200/35 = 5.714285...
      const p = productionProblem();
      const r = await solver.solve(p);
      expectOptimal(p, r, 2735.714285714286);
      expectCloseArray(r.rowDuals, [200 / 35], 'rowDuals');
    },
  },
  {
    area: 'duals',
    name: 'min-ge-and-le-rows',
    needs: ['rowDuals'],
    async run(solver) {
      // Raising demand (>= 10) costs one more y: +3. Raising x's cap (<= 4) swaps a y for an x: -1.
      const p = minCostProblem();
      const r = await solver.solve(p);
      expectOptimal(p, r, 26);
      expectCloseArray(r.rowDuals, [3, -1], 'rowDuals');
    },
  },
  {
    area: 'duals',
    name: 'max-ge-row',
    needs: ['rowDuals'],
    async run(solver) {
      // max -x - y with x + y >= 2: raising the 2 lowers the objective, dual -1.
      const p = createStandardForm({
        name: 'max-ge',
        sense: 'max',
        columns: [{ cost: -1 }, { cost: -1, ub: 5 }],
        rows: [{ lb: 2, terms: [[0, 1], [1, 1]] }],
      });
      const r = await solver.solve(p);
      expectOptimal(p, r, -2);
      expectCloseArray(r.rowDuals, [-1], 'rowDuals');
    },
  },
  {
    area: 'duals',
    name: 'equality-row',
    needs: ['rowDuals'],
    async run(solver) {
      // min x + 2y, x + y = 4, x <= 3: x = 3, y = 1. Raising 4 adds a y (+2); raising 3 swaps y for x (-1).
      const p = createStandardForm({
        name: 'dual-equality',
        columns: [{ cost: 1 }, { cost: 2 }],
        rows: [
          { lb: 4, ub: 4, terms: [[0, 1], [1, 1]] },
          { ub: 3, terms: [[0, 1]] },
        ],
      });
      const r = await solver.solve(p);
      expectOptimal(p, r, 5, [3, 1]);
      expectCloseArray(r.rowDuals, [2, -1], 'rowDuals');
    },
  },
  {
    area: 'duals',
    name: 'ranged-row',
    needs: ['rowDuals'],
    async run(solver) {
      // max 3x + y, 1 <= x - y <= 2, x + y <= 10: x = 6, y = 4; duals 1 (upper side) and 2.
      const pMax = createStandardForm({ name: 'dual-ranged-max', sense: 'max', ...rangedSpec });
      const rMax = await solver.solve(pMax);
      expectOptimal(pMax, rMax, 22);
      expectCloseArray(rMax.rowDuals, [1, 2], 'rowDuals (max)');
      // min 3x + y: x = 1, y = 0 on the lower side; raising it to 2 costs 3 more; row 2 is slack.
      const pMin = createStandardForm({ name: 'dual-ranged-min', sense: 'min', ...rangedSpec });
      const rMin = await solver.solve(pMin);
      expectOptimal(pMin, rMin, 3);
      expectCloseArray(rMin.rowDuals, [3, 0], 'rowDuals (min)');
    },
  },
];

/** Reduced costs (c - Aᵀy) with hand-computed values. */
export const REDUCED_COST_CASES: readonly ConformanceCase[] = [
  {
    area: 'reduced-costs',
    name: 'max-at-bounds',
    needs: ['reducedCosts'],
    async run(solver) {
      // 45 - 8·200/35, 120 - 25·200/35, 200 - 35·200/35: the two columns at their lower bounds
      // would lose objective if raised.
      const p = productionProblem();
      const r = await solver.solve(p);
      expectOptimal(p, r, 2735.714285714286);
      expectCloseArray(r.reducedCosts, [45 - 1600 / 35, 120 - 5000 / 35, 0], 'reducedCosts');
    },
  },
  {
    area: 'reduced-costs',
    name: 'min-nonbasic',
    needs: ['reducedCosts'],
    async run(solver) {
      // z costs 4 where the demand row's dual is 3: reduced cost 1; x and y are basic (0).
      const p = minCostProblem(true);
      const r = await solver.solve(p);
      expectOptimal(p, r, 26, [4, 6, 0]);
      expectCloseArray(r.reducedCosts, [0, 0, 1], 'reducedCosts');
    },
  },
  {
    area: 'reduced-costs',
    name: 'ranged-min',
    needs: ['reducedCosts'],
    async run(solver) {
      // min 3x + y at x = 1, y = 0 with row duals (3, 0): y's reduced cost is 1 - (-1)·3 = 4.
      const p = createStandardForm({ name: 'rc-ranged-min', sense: 'min', ...rangedSpec });
      const r = await solver.solve(p);
      expectOptimal(p, r, 3);
      expectCloseArray(r.reducedCosts, [0, 4], 'reducedCosts');
    },
  },
];
