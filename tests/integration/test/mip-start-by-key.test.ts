// model.solve({ start }) with real solvers: HiGHS takes a MIP start by family and key (complete,
// partial, or a previous solution) and a solve limited so that it finds nothing by itself
// (no branching, no heuristics) returns at least the start's point; GLPK, which does not claim
// mipStart, refuses it.
import { Model, checkFeasibility, isLumixError } from '@lumix/core';
import { seededRandom } from '@lumix/core/testing';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import { describe, expect, it } from 'vitest';

/** A 60-item, 5-constraint 0/1 knapsack (optimum 1915), too hard for HiGHS' root alone. */
function knapsack() {
  const rnd = seededRandom(7);
  const items = Array.from({ length: 60 }, (_, i) => ({ id: i, w: 10 + Math.floor(rnd() * 90), v: 10 + Math.floor(rnd() * 90) }));
  const dims = [0, 1, 2, 3, 4];
  const weight = items.map(() => dims.map(() => 10 + Math.floor(rnd() * 90)));
  const m = new Model('knapsack');
  const take = m.binary('take', items);
  m.constraints('cap', dims, (k) => take.sum((it) => weight[it.id]![k]!).le(1200));
  m.maximize(() => take.sum((it) => it.v));
  // A greedy feasible point: by value per total weight, while every capacity holds.
  const used = dims.map(() => 0);
  const chosen = new Set<number>();
  for (const it of [...items].sort((a, b) => b.v / sumOf(weight[b.id]!) - a.v / sumOf(weight[a.id]!))) {
    if (dims.every((k) => used[k]! + weight[it.id]![k]! <= 1200)) {
      for (const k of dims) used[k]! += weight[it.id]![k]!;
      chosen.add(it.id);
    }
  }
  const greedy = items.filter((it) => chosen.has(it.id)).reduce((s, it) => s + it.v, 0);
  return { m, take, items, chosen, greedy };
}

const sumOf = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);
/** No branching and no heuristics: HiGHS stops after the root with what it was given. */
const LIMITED = { mip_max_nodes: 0, mip_heuristic_effort: 0 };

describe('MIP start by family and key (HiGHS)', () => {
  const highs = createHighsSolver();

  it('the limited solve finds no point by itself', async () => {
    const { m } = knapsack();
    const sol = await m.solve({ solver: highs, raw: LIMITED });
    expect(sol.hasSolution).toBe(false);
  });

  it('a complete start by [family, key, value] comes back as at least that point', async () => {
    const { m, take, items, chosen, greedy } = knapsack();
    const sol = await m.solve({ solver: highs, raw: LIMITED, start: items.map((it) => [take, it.id, chosen.has(it.id) ? 1 : 0] as const) });
    expect(sol.hasSolution).toBe(true);
    expect(sol.objective!).toBeGreaterThanOrEqual(greedy - 1e-6);
    expect(checkFeasibility(sol.compiled.problem, sol.result.colValues!).feasible).toBe(true);
  });

  it('a partial start (only the chosen items, the rest open) is completed by HiGHS', async () => {
    const { m, take, chosen, greedy } = knapsack();
    const sol = await m.solve({ solver: highs, raw: LIMITED, start: [...chosen].map((id) => [take.get(id), 1] as const) });
    expect(sol.hasSolution).toBe(true);
    expect(sol.objective!).toBeGreaterThanOrEqual(greedy - 1e-6);
    for (const id of chosen) expect(sol.value(take, id)).toBeCloseTo(1, 6);
    expect(checkFeasibility(sol.compiled.problem, sol.result.colValues!).feasible).toBe(true);
  });

  it('a previous solution (of a rebuilt model) is a start: the limited solve returns the optimum', async () => {
    const first = knapsack();
    const best = await first.m.solve({ solver: highs });
    expect(best.status).toBe('optimal');
    expect(best.objective!).toBeCloseTo(1915, 6);
    const again = knapsack();
    const sol = await again.m.solve({ solver: highs, raw: LIMITED, start: best });
    expect(sol.hasSolution).toBe(true);
    expect(sol.objective!).toBeCloseTo(1915, 6);
  });

  it('GLPK does not claim mipStart and refuses a start', async () => {
    const { m, take } = knapsack();
    const e = await m.solve({ solver: createGlpkSolver(), start: [[take, 0, 1]] }).catch((x: unknown) => x);
    expect(isLumixError(e, 'UNSUPPORTED_FEATURE'), String(e)).toBe(true);
  });
});
