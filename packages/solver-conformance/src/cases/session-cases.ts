import { isLumixError, type SolveResult, type StandardForm } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { expectOptimal, relativeError } from '../expect-solution.js';
import { memberOf } from './member-of.js';
import { productionProblem, smallKnapsack, withChange } from './problems.js';

const WOOD = 0;
const X1 = 0;
const X3 = 2;

/** A warm result equals a cold solve of the changed problem, and both the hand-computed optimum. */
async function expectSameAsCold(solver: Parameters<ConformanceCase['run']>[0], changed: StandardForm, warm: SolveResult, optimum: number): Promise<void> {
  expectOptimal(changed, warm, optimum);
  const cold = await solver.solve(changed);
  expectOptimal(changed, cold, optimum);
  expect(relativeError(warm.objective!, cold.objective!), `warm ${warm.objective} vs cold ${cold.objective}`).toBeLessThanOrEqual(1e-9);
}

/** Sessions (`open`): changes, then warm re-solves that agree with cold solves of the changed problem. */
export const SESSION_CASES: readonly ConformanceCase[] = [
  {
    area: 'sessions',
    name: 'rhs-cost-and-bound-changes-resolve-like-cold-solves',
    needs: ['sessions'],
    async run(solver) {
      // The production LP: max 45x1 + 120x2 + 200x3, wood 8x1 + 25x2 + 35x3 <= 500,
      // x1 in [10, 100], x2 in [5, 50], x3 in [3, 30]; optimum 2735.714... with x3 basic.
      const p = productionProblem();
      const session = await memberOf(solver, 'open')(p);
      try {
        expect(session.problem).toBe(p);
        expectOptimal(p, await session.solve(), 2735.714285714286);
        // Wood to 600: x3 = (600 - 80 - 125)/35 = 11.2857 <= 30, objective 450 + 600 + 200·395/35.
        session.setRowBounds(WOOD, Number.NEGATIVE_INFINITY, 600);
        const p1 = withChange(p, { row: [WOOD, Number.NEGATIVE_INFINITY, 600] });
        await expectSameAsCold(solver, p1, await session.solve(), 450 + 600 + (200 * 395) / 35);
        // x3's cost to 150: per board foot x1 earns 45/8 = 5.625 > x2 4.8 > x3 4.29, so x1 takes
        // the wood left at the others' lower bounds: x1 = (600 - 125 - 105)/8 = 46.25.
        session.setColCost(X3, 150);
        const p2 = withChange(p1, { cost: [X3, 150] });
        await expectSameAsCold(solver, p2, await session.solve(), 45 * 46.25 + 600 + 450);
        // x1 capped at 20: x2 takes the rest, 25·x2 = 600 - 160 - 105, x2 = 13.4.
        session.setColBounds(X1, 10, 20);
        const p3 = withChange(p2, { col: [X1, 10, 20] });
        await expectSameAsCold(solver, p3, await session.solve(), 45 * 20 + 120 * 13.4 + 150 * 3);
        // The opened problem is untouched: changes live in the session only.
        expect(p.rowUpper[WOOD]).toBe(500);
        expect(p.colCost[X3]).toBe(200);
      } finally {
        session.dispose();
      }
      expect(session.disposed).toBe(true);
      await expect(session.solve()).rejects.toSatisfy((e) => isLumixError(e, 'INVALID_STATE'));
    },
  },
  {
    area: 'sessions',
    name: 'mip-resolve-after-a-capacity-change',
    needs: ['sessions', 'integer'],
    async run(solver) {
      // Knapsack values 10, 13, 7, 8, weights 5, 7, 4, 3: capacity 14 gives 28 (items 1-3);
      // capacity 10 gives 21 (items 1 and 3, weight 10); back to 14 gives 28 again.
      const p = smallKnapsack();
      using session = await memberOf(solver, 'open')(p);
      expectOptimal(p, await session.solve(), 28);
      session.setRowBounds(0, Number.NEGATIVE_INFINITY, 10);
      await expectSameAsCold(solver, withChange(p, { row: [0, Number.NEGATIVE_INFINITY, 10] }), await session.solve(), 21);
      session.setRowBounds(0, Number.NEGATIVE_INFINITY, 14);
      expectOptimal(p, await session.solve(), 28);
    },
  },
  {
    area: 'sessions',
    name: 'bad-changes-are-typed-errors',
    needs: ['sessions'],
    async run(solver) {
      using session = await memberOf(solver, 'open')(productionProblem());
      expect(() => session.setColBounds(3, 0, 1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
      expect(() => session.setRowBounds(WOOD, 5, 4)).toThrow(expect.objectContaining({ code: 'INVALID_BOUNDS' }));
      expect(() => session.setColCost(X3, Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER' }));
      // Nothing was changed by the refused calls.
      expectOptimal(session.problem, await session.solve(), 2735.714285714286);
    },
  },
];
