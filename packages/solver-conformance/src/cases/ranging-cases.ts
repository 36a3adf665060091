import type { Ranging } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { expectCloseArray, expectOptimal } from '../expect-solution.js';
import { memberOf } from './member-of.js';
import { productionProblem } from './problems.js';

// The production LP: max 45x1 + 120x2 + 200x3, wood 8x1 + 25x2 + 35x3 <= 500, x1 in [10, 100],
// x2 in [5, 50], x3 in [3, 30]. At the optimum x1 and x2 sit at their lower bounds, x3 is basic
// at (500 - 80 - 125)/35 and wood binds with dual y = c3/35. By hand:
// - cost of x3 (basic): the basis stays optimal while x1's and x2's reduced costs stay <= 0,
//   45 - 8·c3/35 <= 0 and 120 - 25·c3/35 <= 0, so c3 >= 45·35/8 = 196.875 (168 for x2 is
//   looser); no upper end: [196.875, Infinity).
// - cost of x1 (at its lower bound): until its reduced cost reaches 0, c1 <= 8·200/35 = 320/7;
//   x2 likewise c2 <= 25·200/35 = 1000/7; no lower end.
// - wood's bound: x3 = (b - 80 - 125)/35 must stay in [3, 30], so b in [310, 1255]; the objective
//   there is 450 + 600 + 200·3 = 1650 and 450 + 600 + 200·30 = 7050.
const OPTIMUM = 2735.714285714286;

function expectHandRanges(r: Ranging): void {
  expectCloseArray(r.cost.lower.subarray(2), [196.875], 'cost.lower of x3');
  expect(r.cost.upper[2], 'cost.upper of x3').toBe(Number.POSITIVE_INFINITY);
  expectCloseArray(r.cost.upper.subarray(0, 2), [320 / 7, 1000 / 7], 'cost.upper of x1, x2');
  expect(Array.from(r.cost.lower.subarray(0, 2)), 'cost.lower of x1, x2').toEqual([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  expectCloseArray(r.rowBound.lower, [310], 'rowBound.lower of wood');
  expectCloseArray(r.rowBound.upper, [1255], 'rowBound.upper of wood');
  expectCloseArray(r.rowBound.objectiveAtLower, [1650], 'objective at wood = 310');
  expectCloseArray(r.rowBound.objectiveAtUpper, [7050], 'objective at wood = 1255');
}

/** LP sensitivity ranging (`ranging: true`, and a session's `ranging()`), against hand-computed ranges. */
export const RANGING_CASES: readonly ConformanceCase[] = [
  {
    area: 'ranging',
    name: 'cost-and-rhs-ranges-by-hand',
    needs: ['ranging'],
    async run(solver) {
      const p = productionProblem();
      const r = await solver.solve(p, { ranging: true });
      expectOptimal(p, r, OPTIMUM);
      expect(r.ranging, 'ranging asked for').toBeTruthy();
      expectHandRanges(r.ranging!);
      // Not asked: none.
      expect((await solver.solve(p)).ranging ?? null).toBeNull();
    },
  },
  {
    area: 'ranging',
    name: 'session-ranging-of-the-last-solve',
    needs: ['ranging', 'sessions'],
    async run(solver) {
      using session = await memberOf(solver, 'open')(productionProblem());
      expectOptimal(session.problem, await session.solve(), OPTIMUM);
      expectHandRanges(await session.ranging!());
    },
  },
];
