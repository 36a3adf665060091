// packages/solver-runtime/README.md, section "A warm solver pool": the example runs as written
// (its console.log lines captured) and prints the optima found by enumerating the 8 subsets.
import { Model } from '@lumix/core';
import { createSolverPool } from '@lumix/solver-runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('README: a warm solver pool', () => {
  it('the example prints the knapsack optima twice', async () => {
    const printed: unknown[] = [];
    vi.spyOn(console, 'log').mockImplementation((x: unknown) => printed.push(x));
    // --- README: A warm solver pool ----------------------------------------------------------
    const items = [
      { id: 'a', value: 5, weight: 3 },
      { id: 'b', value: 4, weight: 2 },
      { id: 'c', value: 3, weight: 2 },
    ];
    function knapsack(capacity: number): Model {
      const m = new Model(`knapsack-${capacity}`);
      const take = m.binary('take', items);
      m.constraint('weight', take.sum((i) => i.weight).le(capacity));
      m.maximize(() => take.sum((i) => i.value));
      return m;
    }

    const pool = await createSolverPool({ solver: 'highs' }); // one warm worker per core
    try {
      // A model solves on the pool as on any solver; several at once run side by side.
      const solutions = await Promise.all([3, 4, 7].map((cap) => knapsack(cap).solve({ solver: pool })));
      console.log(solutions.map((s) => s.objective)); // [ 5, 7, 12 ]
      // Independent problems in one call: outcomes in order, a failed job does not stop the others.
      const problems = await Promise.all([3, 4, 7].map(async (cap) => (await knapsack(cap).compile()).problem));
      const outcomes = await pool.solveMany(problems.map((problem) => ({ problem, options: { timeLimit: 30 } })));
      console.log(outcomes.map((o) => (o.ok ? o.result.objective : o.error.code))); // [ 5, 7, 12 ]
    } finally {
      await pool.close(); // stops the workers and returns their memory
    }
    // -------------------------------------------------------------------------------------------
    // The best subset of weight ≤ capacity, by enumeration.
    const best = (cap: number): number => {
      let top = 0;
      for (let mask = 0; mask < 8; mask++) {
        const pick = items.filter((_, k) => (mask >> k) & 1);
        if (pick.reduce((w, i) => w + i.weight, 0) <= cap) top = Math.max(top, pick.reduce((v, i) => v + i.value, 0));
      }
      return top;
    };
    const expected = [3, 4, 7].map(best);
    expect(expected).toEqual([5, 7, 12]);
    expect(printed).toEqual([expected, expected]);
    expect(pool.stats().workers).toBe(0);
  }, 120_000);
});
