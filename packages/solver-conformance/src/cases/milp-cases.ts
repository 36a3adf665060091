import { createStandardForm } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { expectOptimal } from '../expect-solution.js';
import { seededRandom } from '@lumix/core/testing';
import { smallKnapsack } from './problems.js';

/** Best value of a 0/1 knapsack by enumerating every subset: the independent optimum. */
function knapsackByEnumeration(values: readonly number[], weights: readonly number[], capacity: number): number {
  let best = 0;
  for (let mask = 0; mask < 1 << values.length; mask++) {
    let v = 0;
    let w = 0;
    for (let j = 0; j < values.length; j++) {
      if ((mask >> j) & 1) {
        v += values[j]!;
        w += weights[j]!;
      }
    }
    if (w <= capacity && v > best) best = v;
  }
  return best;
}

/** Cheapest assignment by enumerating every permutation. */
function assignmentByEnumeration(cost: readonly (readonly number[])[]): number {
  const n = cost.length;
  let best = Number.POSITIVE_INFINITY;
  const used = new Array<boolean>(n).fill(false);
  const walk = (i: number, acc: number): void => {
    if (i === n) {
      best = Math.min(best, acc);
      return;
    }
    for (let j = 0; j < n; j++) {
      if (!used[j]) {
        used[j] = true;
        walk(i + 1, acc + cost[i]![j]!);
        used[j] = false;
      }
    }
  };
  walk(0, 0);
  return best;
}

/** Mixed-integer programs with hand-computed (or enumerated) optima. */
export const MILP_CASES: readonly ConformanceCase[] = [
  {
    area: 'milp',
    name: 'knapsack',
    needs: ['integer'],
    async run(solver) {
      // Capacity 14: items 1, 2, 3 (weights 7 + 4 + 3, values 13 + 7 + 8).
      const small = smallKnapsack();
      expectOptimal(small, await solver.solve(small), 28, [0, 1, 1, 1]);
      // 14 items, optimum by enumerating all 16384 subsets.
      const rnd = seededRandom(7);
      const values = Array.from({ length: 14 }, () => 5 + Math.floor(rnd() * 40));
      const weights = Array.from({ length: 14 }, () => 3 + Math.floor(rnd() * 30));
      const capacity = Math.floor(weights.reduce((a, b) => a + b, 0) / 3);
      const p = createStandardForm({
        name: 'knapsack-14',
        sense: 'max',
        columns: values.map((v) => ({ ub: 1, cost: v, integer: true })),
        rows: [{ ub: capacity, terms: weights.map((w, j) => [j, w] as [number, number]) }],
      });
      expectOptimal(p, await solver.solve(p, { mipGap: 0 }), knapsackByEnumeration(values, weights, capacity));
    },
  },
  {
    area: 'milp',
    name: 'assignment',
    needs: ['integer'],
    async run(solver) {
      const cost = [
        [9, 2, 7, 8],
        [6, 4, 3, 7],
        [5, 8, 1, 8],
        [7, 6, 9, 4],
      ];
      // By hand: 0→1 (2), 1→0 (6), 2→2 (1), 3→3 (4) = 13.
      expect(assignmentByEnumeration(cost)).toBe(13);
      const n = cost.length;
      const rows = [];
      for (let i = 0; i < n; i++) rows.push({ name: `worker${i}`, lb: 1, ub: 1, terms: cost.map((_, j) => [i * n + j, 1] as [number, number]) });
      for (let j = 0; j < n; j++) rows.push({ name: `task${j}`, lb: 1, ub: 1, terms: cost.map((_, i) => [i * n + j, 1] as [number, number]) });
      const p = createStandardForm({
        name: 'assignment-4',
        columns: cost.flatMap((row, i) => row.map((c, j) => ({ name: `a${i}_${j}`, ub: 1, cost: c, integer: true }))),
        rows,
      });
      const r = await solver.solve(p);
      expectOptimal(p, r, 13, [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    },
  },
  {
    area: 'milp',
    name: 'integer-bounds',
    needs: ['integer'],
    async run(solver) {
      // x in [2, 7], y in [-3, 4] integers, 2x + 3y <= 12.5: max x + y = 6 (x = 7, y = -1 or x = 6, y = 0).
      const p = createStandardForm({
        name: 'integer-bounds',
        sense: 'max',
        columns: [
          { lb: 2, ub: 7, cost: 1, integer: true },
          { lb: -3, ub: 4, cost: 1, integer: true },
        ],
        rows: [{ ub: 12.5, terms: [[0, 2], [1, 3]] }],
      });
      expectOptimal(p, await solver.solve(p), 6);
    },
  },
  {
    area: 'milp',
    name: 'negative-integer-bounds',
    needs: ['integer'],
    async run(solver) {
      // x, y in [-10, -1] integers, x + y >= -7.5: min x + 2y puts y as low as it goes, y = -6, x = -1.
      const p = createStandardForm({
        name: 'negative-integers',
        columns: [
          { lb: -10, ub: -1, cost: 1, integer: true },
          { lb: -10, ub: -1, cost: 2, integer: true },
        ],
        rows: [{ lb: -7.5, terms: [[0, 1], [1, 1]] }],
      });
      expectOptimal(p, await solver.solve(p), -13, [-1, -6]);
    },
  },
  {
    area: 'milp',
    name: 'mixed-integer',
    needs: ['integer'],
    async run(solver) {
      // x integer <= 2.7, y continuous, x + y <= 4.5: max 3x + 2y at x = 2, y = 2.5 (the relaxation gives 11.7).
      const p = createStandardForm({
        name: 'mixed',
        sense: 'max',
        columns: [
          { cost: 3, integer: true },
          { cost: 2 },
        ],
        rows: [
          { ub: 4.5, terms: [[0, 1], [1, 1]] },
          { ub: 2.7, terms: [[0, 1]] },
        ],
      });
      expectOptimal(p, await solver.solve(p), 11, [2, 2.5]);
    },
  },
];
