// Goldens of goal programming through the public API on the LumiX production tutorial (steps 3
// and 4, data in test-fixtures/tutorial; expected values from lumix-apps.md, computed there with
// scipy/HiGHS): weighted mode reproduces LumiX's numbers, lexicographic mode its intended
// semantics, with HiGHS (native multi-objective, warm session, rebuilt levels) and GLPK.
import type { Solution, Solver } from '@lumix/core';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import { describe, expect, it } from 'vitest';
import { productionStep3, productionStep4 } from './helpers/goal-models.js';

const highs = createHighsSolver();
const glpk = createGlpkSolver();
const SOLVERS: [string, Solver][] = [
  ['highs', highs],
  ['glpk', glpk],
];
const METHODS: ['highs' | 'glpk', 'native' | 'session' | 'rebuild'][] = [
  ['highs', 'native'],
  ['highs', 'session'],
  ['highs', 'rebuild'],
  ['glpk', 'rebuild'],
];
const solverOf = (name: 'highs' | 'glpk'): Solver => (name === 'highs' ? highs : glpk);

function timing(label: string, sol: Solution): void {
  console.log(`[goals golden] ${label}: build ${sol.stats.buildMs.toFixed(1)} ms, solve ${sol.stats.solveMs.toFixed(1)} ms`);
}

/** satisfied/total per priority, as 'P1 1/4' strings. */
function satisfaction(sol: Solution): string[] {
  return sol.goals.priorities.map((p) => `P${p.priority} ${p.satisfied}/${p.total}`);
}

describe('goals: production step 3 (customer orders as goals)', () => {
  const shortfalls: Record<number, number> = { 1: 12.142857142857, 2: 20, 3: 0, 4: 7.142857142857, 5: 0, 6: 10, 7: 2.142857142857, 8: 0, 9: 8 };

  it.each(SOLVERS)('weighted (LumiX scales 1e5/1e4/1e3) gives 4,058,000, x = (50, 0, 20/7), P1 1/4, P2 1/3, P3 1/2 with %s', async (name, solver) => {
    const { m, make, orders } = productionStep3();
    const sol = await m.solve({ solver, goals: { mode: 'weighted' } });
    timing(`production step 3 weighted, ${name}`, sol);
    expect(sol.status).toBe('optimal');
    expect(sol.goals.weightedObjective).toBeCloseTo(4_058_000, 2);
    expect(sol.goals.penalty).toBeCloseTo(4_058_000, 2);
    expect(sol.value(make, 1)).toBeCloseTo(50, 6);
    expect(sol.value(make, 2)).toBeCloseTo(0, 6);
    expect(sol.value(make, 3)).toBeCloseTo(20 / 7, 6);
    expect(satisfaction(sol)).toEqual(['P1 1/4', 'P2 1/3', 'P3 1/2']);
    // The model's own objective is the profit at this point, never the penalty.
    expect(sol.objective).toBeCloseTo(2821.428571, 4);
    for (const [id, s] of Object.entries(shortfalls)) {
      const row = sol.goals.row(orders, Number(id));
      expect(row.shortfall).toBeCloseTo(s, 6);
      expect(row.deviation).toBeCloseTo(s, 6);
      // The achieved value is the order's product as the solution gives it, not a deviation column.
      expect(row.achieved).toBeCloseTo(sol.value(make, row.item.product_id), 9);
      expect(row.satisfied).toBe(s === 0);
    }
  });

  it('weighted with objectiveWeight 1 minimises penalty − profit: 4,055,178.57 (what the LumiX README describes), same plan', async () => {
    const { m, make } = productionStep3();
    const sol = await m.solve({ solver: highs, goals: { mode: 'weighted', objectiveWeight: 1 } });
    expect(sol.goals.weightedObjective).toBeCloseTo(4_055_178.57, 1);
    expect(sol.goals.penalty).toBeCloseTo(4_058_000, 2);
    expect(sol.objective).toBeCloseTo(2821.428571, 4);
    expect(sol.value(make, 3)).toBeCloseTo(20 / 7, 6);
  });

  it.each(METHODS)('lexicographic (priorities, then profit) gives profit 2,821.43 and the same plan with %s / %s', async (name, method) => {
    const { m, make } = productionStep3();
    const sol = await m.solve({ solver: solverOf(name), goals: { method } });
    timing(`production step 3 lexicographic, ${name} ${method}`, sol);
    expect(sol.status).toBe('optimal');
    expect(sol.goals.method).toBe(method);
    expect(sol.objective).toBeCloseTo(2821.428571, 4);
    // Each level may give up 1e-6 (the default level tolerance) for the next ones.
    expect(sol.value(make, 1)).toBeCloseTo(50, 5);
    expect(sol.value(make, 3)).toBeCloseTo(20 / 7, 5);
    expect(satisfaction(sol)).toEqual(['P1 1/4', 'P2 1/3', 'P3 1/2']);
    expect(sol.goals.levels.map((l) => l.name)).toEqual(['priority 1', 'priority 2', 'priority 3', 'objective']);
    const optima = sol.goals.levels.map((l) => l.optimum!);
    expect(optima[0]).toBeCloseTo(39.285714, 5);
    expect(optima[1]).toBeCloseTo(12.142857, 5);
    expect(optima[2]).toBeCloseTo(8, 5);
    expect(optima[3]).toBeCloseTo(2821.428571, 4);
    // Each level's total equals the report's weighted deviation of its priority.
    for (const p of sol.goals.priorities) expect(sol.goals.levels[p.priority - 1]!.value).toBeCloseTo(p.weightedDeviation, 6);
    if (method === 'native') expect(sol.goals.levels[0]!.solveMs).toBeNull();
    else for (const l of sol.goals.levels) expect(l.solveMs).toBeGreaterThanOrEqual(0);
  });
});

describe('goals: production step 4 (multi-period MIP, orders as goals)', () => {
  it.each(SOLVERS)('weighted gives 2,241,777.78 with P1 5/6, P2 3/5, P3 1/4 with %s', async (name, solver) => {
    const { m } = productionStep4();
    const sol = await m.solve({ solver, mipGap: 0, goals: { mode: 'weighted' } });
    timing(`production step 4 weighted, ${name}`, sol);
    expect(sol.status).toBe('optimal');
    expect(sol.goals.weightedObjective).toBeCloseTo(2_241_777.78, 1);
    expect(sol.goals.penalty).toBeCloseTo(2_241_777.78, 1);
    expect(satisfaction(sol)).toEqual(['P1 5/6', 'P2 3/5', 'P3 1/4']);
    expect(sol.goals.priorities.map((p) => p.deviation)).toEqual([expect.closeTo(14, 5), expect.closeTo(75, 5), expect.closeTo(91.777778, 5)]);
  });

  it.each(METHODS)('lexicographic gives net 35,560.17 with %s / %s', async (name, method) => {
    const { m } = productionStep4();
    const sol = await m.solve({ solver: solverOf(name), mipGap: 0, goals: { method } });
    timing(`production step 4 lexicographic, ${name} ${method}`, sol);
    expect(sol.status).toBe('optimal');
    expect(sol.objective).toBeCloseTo(35_560.17, 1);
    // Each level may give up 1e-6 (the default level tolerance) for the next ones.
    expect(sol.goals.priorities.map((p) => p.deviation)).toEqual([expect.closeTo(14, 4), expect.closeTo(75, 4), expect.closeTo(91.777778, 4)]);
    expect(satisfaction(sol)).toEqual(['P1 5/6', 'P2 3/5', 'P3 1/4']);
  });

  it('a MIP start over the model columns (the profit-only plan) is taken by HiGHS and refused by GLPK, which does not claim it', async () => {
    const plain = await productionStep4(false).m.solve({ solver: highs, mipGap: 0 });
    // Same columns: the goal model only adds the order rows.
    const start = plain.result.colValues!;
    const sol = await productionStep4().m.solve({ solver: highs, mipGap: 0, mipStart: start, goals: { mode: 'weighted' } });
    expect(sol.goals.weightedObjective).toBeCloseTo(2_241_777.78, 1);
    await expect(productionStep4().m.solve({ solver: glpk, mipStart: start, goals: { mode: 'weighted' } })).rejects.toMatchObject({ code: 'UNSUPPORTED_FEATURE' });
  });

  it.each(SOLVERS)('profit only (no goals) gives net 51,000 with %s', async (name, solver) => {
    const { m } = productionStep4(false);
    const sol = await m.solve({ solver, mipGap: 0 });
    timing(`production step 4 profit only, ${name}`, sol);
    expect(sol.status).toBe('optimal');
    expect(sol.objective).toBeCloseTo(51_000, 2);
  });
});
