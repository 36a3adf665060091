import { createStandardForm } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { expectCloseArray, expectFeasiblePoint } from '../expect-solution.js';
import { memberOf } from './member-of.js';
import { smallKnapsack } from './problems.js';

// x + y <= 10, x and y in [0, 8]. Maximising x + y first (10) and then minimising x gives
// x = 2, y = 8; minimising x first (0) and then maximising x + y gives x = 0, y = 8. Allowing
// x + y to give up 1 (absolute) before minimising x gives x = 1, y = 8.
const box = () =>
  createStandardForm({ name: 'lex-box', columns: [{ name: 'x', ub: 8, cost: 5 }, { name: 'y', ub: 8 }], rows: [{ ub: 10, terms: [['x', 1], ['y', 1]] }] });
const TOTAL = { name: 'total', sense: 'max', coefficients: [1, 1] } as const;
const FEW_X = { name: 'few-x', sense: 'min', coefficients: [1, 0], offset: 3 } as const;

/** Several objectives in priority order (`solveLexicographic`). */
export const LEXICOGRAPHIC_CASES: readonly ConformanceCase[] = [
  {
    area: 'multi-objective',
    name: 'priority-order-and-tolerance',
    needs: ['multiObjective'],
    async run(solver) {
      const lex = memberOf(solver, 'solveLexicographic');
      const p = box();
      const a = await lex(p, [TOTAL, FEW_X]);
      expect(a.status).toBe('optimal');
      expectCloseArray(a.colValues, [2, 8], 'total first');
      expectCloseArray(a.objectiveValues, [10, 5], 'objective values (offset 3 included)');
      expect(a.objective).toBeCloseTo(10, 9);
      const b = await lex(p, [FEW_X, TOTAL]);
      expectCloseArray(b.colValues, [0, 8], 'few-x first');
      expectCloseArray(b.objectiveValues, [3, 8], 'objective values');
      const c = await lex(p, [{ ...TOTAL, absoluteTolerance: 1 }, FEW_X]);
      expectCloseArray(c.colValues, [1, 8], 'total may give up 1');
    },
  },
  {
    area: 'multi-objective',
    name: 'mip-goals',
    needs: ['multiObjective', 'integer'],
    async run(solver) {
      // Knapsack (values 10, 13, 7, 8; weights 5, 7, 4, 3; capacity 14), its own objective
      // ignored: most value (28, items 1-3 only), then fewest items (3); with 7 of value to give,
      // the pairs {0, 1} (23) and {1, 3} (21) qualify, so 2 items.
      const p = smallKnapsack();
      const count = { sense: 'min', coefficients: [1, 1, 1, 1] } as const;
      const value = { sense: 'max', coefficients: [10, 13, 7, 8] } as const;
      const r = await memberOf(solver, 'solveLexicographic')(p, [value, count]);
      expect(r.status).toBe('optimal');
      // The first objective is the knapsack's own, so the reported objective is checkable as is.
      expectFeasiblePoint(p, r);
      expectCloseArray(r.objectiveValues, [28, 3], 'value, count');
      const loose = await memberOf(solver, 'solveLexicographic')(p, [{ ...value, absoluteTolerance: 7 }, count]);
      expect(loose.objectiveValues![1]).toBeCloseTo(2, 9);
      expect(loose.objectiveValues![0]).toBeGreaterThanOrEqual(21 - 1e-9);
    },
  },
];
