import { isLumixError } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { expectOptimal } from '../expect-solution.js';
import { smallKnapsack } from './problems.js';

/** MIP starts (`mipStart`): accepted, and never change the optimum. */
export const MIP_START_CASES: readonly ConformanceCase[] = [
  {
    area: 'mip-start',
    name: 'accepted-and-the-optimum-unchanged',
    needs: ['integer', 'mipStart'],
    async run(solver) {
      // Knapsack (values 10, 13, 7, 8; weights 5, 7, 4, 3; capacity 14), optimum 28 at items 1-3.
      const p = smallKnapsack();
      const starts: Array<[string, number[]]> = [
        ['the optimum', [0, 1, 1, 1]],
        ['a worse feasible point (23)', [1, 1, 0, 0]],
        ['an infeasible point (weight 19)', [1, 1, 1, 1]],
        ['a fractional point', [0.5, 0.5, 0.5, 0.5]],
      ];
      for (const [what, start] of starts) {
        const r = await solver.solve(p, { mipStart: start });
        expect(r.status, `start at ${what}`).toBe('optimal');
        expectOptimal(p, r, 28, [0, 1, 1, 1]);
      }
      // Also as a Float64Array, the form a previous solution comes in.
      expectOptimal(p, await solver.solve(p, { mipStart: Float64Array.of(0, 1, 1, 1) }), 28);
      // A partial start: NaN leaves a column open; the backend completes it or drops it.
      expectOptimal(p, await solver.solve(p, { mipStart: [Number.NaN, 1, 1, Number.NaN] }), 28, [0, 1, 1, 1]);
    },
  },
  {
    area: 'mip-start',
    name: 'wrong-length-infinite-or-all-open-rejected',
    needs: ['integer', 'mipStart'],
    async run(solver) {
      const p = smallKnapsack();
      for (const bad of [[1, 0], [0, 1, 1, Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY, 0, 0, 0], [Number.NaN, Number.NaN, Number.NaN, Number.NaN]]) {
        const e = await solver.solve(p, { mipStart: bad }).catch((x: unknown) => x);
        expect(isLumixError(e, 'INVALID_ARGUMENT'), `${JSON.stringify(bad)} gave ${String(e)}`).toBe(true);
      }
    },
  },
];
