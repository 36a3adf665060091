import { describe, expect, it } from 'vitest';
import { BASIS_STATUS, checkFeasibility, createStandardForm, isLumixError, type StandardForm } from '@lumix/core';
import * as highsPackage from 'highs';
import { HIGHS_CAPABILITIES, createHighsSolver, loadHighs } from '../src/index.js';
import { knapsack, marketSplit, productionLp } from './problems.js';

const solver = createHighsSolver();

/** A dense 20x8 LP with an optimum inside the box. */
function smallLp() {
  return createStandardForm({
    sense: 'max',
    columns: Array.from({ length: 20 }, (_, j) => ({ ub: 1, cost: (j % 13) + 1 })),
    rows: Array.from({ length: 8 }, (_, i) => ({ ub: 12, terms: Array.from({ length: 20 }, (_, j) => [j, ((i * 7 + j * 3) % 11) + 1] as const) })),
  });
}
const TOL = 1e-9;

describe('highs quirks', () => {
  it('duals/production-max-sign-convention', async () => {
    const r = await solver.solve(productionLp('max'));
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(2735.714285714286, 9);
    const wood = 2;
    expect(r.rowDuals![wood]).toBeCloseTo(200 / 35, 9); // one more board foot earns 5.71
    for (const slack of [0, 1, 3, 4]) expect(Math.abs(r.rowDuals![slack]!)).toBeLessThan(TOL);
    expect(r.reducedCosts![0]).toBeCloseTo(45 - (8 * 200) / 35, 9); // -0.714: forcing a chair more costs
    expect(r.reducedCosts![1]).toBeCloseTo(120 - (25 * 200) / 35, 9);
    expect(Math.abs(r.reducedCosts![2]!)).toBeLessThan(TOL);
    expect(Array.from(r.colValues!)).toEqual([10, 5, expect.closeTo(59 / 7, 9)]);
    expect(r.rowActivities![wood]).toBeCloseTo(500, 9);
  });

  it('duals/production-min-sign-convention', async () => {
    const r = await solver.solve(productionLp('min'));
    expect(r.objective).toBeCloseTo(-2735.714285714286, 9);
    expect(r.rowDuals![2]).toBeCloseTo(-200 / 35, 9); // more wood lowers the (negated) minimum
    expect(r.reducedCosts![0]).toBeCloseTo(-45 + (8 * 200) / 35, 9);
  });

  it('duals/min-with-ge-row-and-binding-le-row', async () => {
    // min 2x + 3y  s.t.  cover: x + y >= 4,  cap: x <= 3.  Optimum x=3, y=1, objective 9;
    // y basic gives dual(cover) = 3; x basic: 2 = 3 + dual(cap) so dual(cap) = -1.
    const p = createStandardForm({
      columns: [{ name: 'x', cost: 2 }, { name: 'y', cost: 3 }],
      rows: [
        { name: 'cover', lb: 4, terms: [['x', 1], ['y', 1]] },
        { name: 'cap', ub: 3, terms: [['x', 1]] },
      ],
    });
    const r = await solver.solve(p);
    expect(r.objective).toBeCloseTo(9, 9);
    expect(r.rowDuals![0]).toBeCloseTo(3, 9);
    expect(r.rowDuals![1]).toBeCloseTo(-1, 9);
    // reduced cost = c - A'y for every column
    expect(r.reducedCosts![0]).toBeCloseTo(2 - 3 - -1, 9);
    expect(r.reducedCosts![1]).toBeCloseTo(3 - 3, 9);
  });

  it('mip/time-limit-without-incumbent-has-no-solution', async () => {
    const r = await solver.solve(marketSplit(4), { timeLimit: 0.2 });
    expect(r.status).toBe('time-limit');
    expect(r.hasSolution).toBe(false);
    expect(r.objective).toBeNull();
    expect(r.colValues).toBeNull(); // never HiGHS' zeros presented as a point
    expect(r.message).toMatch(/no feasible point/);
  });

  it('mip/limit-with-incumbent-returns-a-feasible-point', async () => {
    const p = knapsack(5, 30, 2);
    const r = await solver.solve(p, { raw: { mip_max_improving_sols: 1 } });
    expect(r.status).toBe('iteration-limit');
    expect(r.hasSolution).toBe(true);
    const check = checkFeasibility(p, r.colValues!);
    expect(check.feasible).toBe(true);
    expect(r.objective).toBeCloseTo(check.objective, 6);
    expect(r.rowDuals).toBeNull();
    expect(r.stats.gap).toBeGreaterThan(0);
    expect(r.stats.bestBound).toBeGreaterThan(r.objective!);
  });

  it('memory/300-solves-keep-wasm-memory-flat', async () => {
    const highs = await loadHighs();
    const lp = smallLp();
    for (let k = 0; k < 10; k++) await solver.solve(lp);
    const before = highs.memoryBytes;
    for (let k = 0; k < 300; k++) {
      const r = await solver.solve(lp);
      if (r.status !== 'optimal') throw new Error(`solve ${k}: ${r.status}`);
    }
    expect(highs.memoryBytes).toBe(before);
  });

  it('memory/undisposed-models-grow-memory (the leak the backend avoids)', async () => {
    // A private runtime, so the shared one is not poisoned: the same model, 300 times, never disposed.
    const loader = (highsPackage as unknown as { default: () => Promise<Awaited<ReturnType<typeof loadHighs>>> }).default;
    const highs = await loader();
    const before = highs.memoryBytes;
    const lp = smallLp();
    const { toModelData } = await import('../src/highs-run.js');
    for (let k = 0; k < 300; k++) {
      const m = highs.createModel(toModelData(highs, lp));
      m.options.set('output_flag', false);
      m.run();
    }
    expect(highs.memoryBytes).toBeGreaterThan(before);
  });

  it('limits/declared-limits-are-highs-own-load-options', async () => {
    // The numbers HIGHS_CAPABILITIES declares are HiGHS' option defaults, read from the Wasm build.
    const highs = await loadHighs();
    const m = highs.createModel();
    try {
      expect(m.options.describe('infinite_bound').default).toBe(HIGHS_CAPABILITIES.largestFiniteBound);
      expect(m.options.describe('infinite_cost').default).toBe(HIGHS_CAPABILITIES.largestCost);
      expect(m.options.describe('large_matrix_value').default).toBe(HIGHS_CAPABILITIES.largestCoefficient);
    } finally {
      m.dispose();
    }
    // What HiGHS does at the limits, without core in between: a bound of 1e20 is infinite (the LP
    // is unbounded), one just below is finite; a coefficient of 1e15 makes passModel fail.
    const { toModelData } = await import('../src/highs-run.js');
    const statusOf = (p: StandardForm): number =>
      highs.withModel(toModelData(highs, p), (model) => {
        model.options.set('output_flag', false);
        return model.run().modelStatus;
      });
    const upTo = (ub: number) => createStandardForm({ sense: 'max', columns: [{ ub, cost: 1 }], rows: [] });
    const withCoefficient = (a: number) => createStandardForm({ sense: 'max', columns: [{ ub: 10, cost: 1 }], rows: [{ ub: a, terms: [[0, a]] }] });
    expect(statusOf(upTo(1e20))).toBe(highs.constants.modelStatus.unbounded);
    expect(statusOf(upTo(1e20 * (1 - 1e-9)))).toBe(highs.constants.modelStatus.optimal);
    expect(() => statusOf(withCoefficient(1e15))).toThrow(/passModel/);
    expect(statusOf(withCoefficient(1e15 * (1 - 1e-9)))).toBe(highs.constants.modelStatus.optimal);
  });

  it('limits/front-door-refuses-what-highs-would-misread', async () => {
    // Through the backend: ub 1e25 used to come back 'unbounded', cost -1e20 'optimal' with
    // objective -Infinity, coefficient 1e16 SOLVER_FAILED from passModel.
    const asks = [
      createStandardForm({ sense: 'max', columns: [{ name: 'x', ub: 1e25, cost: 3 }], rows: [] }),
      createStandardForm({ columns: [{ name: 'x', ub: 10, cost: -1e20 }], rows: [] }),
      createStandardForm({ sense: 'max', columns: [{ name: 'x', ub: 10, cost: 1 }], rows: [{ name: 'r', ub: 1e16, terms: [['x', 1e16]] }] }),
    ];
    for (const p of asks) {
      const e = await solver.solve(p).catch((x: unknown) => x);
      expect(isLumixError(e, 'INVALID_NUMBER'), String(e)).toBe(true);
      expect((e as Error).message).toMatch(/'x'|x /);
    }
    // Sessions check their changes against the same limits.
    using session = await solver.open(productionLp());
    expect(() => session.setColBounds(0, 0, 1e20)).toThrow(/largestFiniteBound/);
    expect(() => session.setRowBounds(0, -1e21, 5)).toThrow(/largestFiniteBound/);
    expect(() => session.setColCost(0, 1e20)).toThrow(/largestCost/);
  });

  it('options/threads-above-one-rejected', async () => {
    const p = productionLp();
    await expect(solver.solve(p, { threads: 4 })).rejects.toSatisfy((e) => isLumixError(e, 'UNSUPPORTED_FEATURE') && /threads/.test((e as Error).message));
    await expect(solver.solve(p, { raw: { threads: 2 } })).rejects.toSatisfy((e) => isLumixError(e, 'UNSUPPORTED_FEATURE'));
    const ok = await solver.solve(p, { threads: 1 });
    expect(ok.status).toBe('optimal');
  });

  it('options/unknown-raw-option-rejected-by-name', async () => {
    await expect(solver.solve(productionLp(), { raw: { no_such_option: 1 } })).rejects.toSatisfy(
      (e) => isLumixError(e, 'INVALID_ARGUMENT') && /no_such_option/.test((e as Error).message),
    );
  });

  it('options/log-callback-gets-lines-only-when-asked', async () => {
    const lines: string[] = [];
    await solver.solve(productionLp(), { log: (l) => lines.push(l) });
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.some((l) => /3 cols/.test(l))).toBe(true);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('options/presolve-off-and-iteration-limit', async () => {
    const p = knapsack(10, 40, 5);
    const relax = createStandardForm({
      sense: 'max',
      columns: Array.from({ length: p.numCols }, (_, j) => ({ ub: 1, cost: p.colCost[j]! })),
      rows: Array.from({ length: p.numRows }, (_, i) => ({
        ub: p.rowUpper[i]!,
        terms: Array.from({ length: p.rowStart[i + 1]! - p.rowStart[i]! }, (_, k) => [p.colIndex[p.rowStart[i]! + k]!, p.value[p.rowStart[i]! + k]!] as const),
      })),
    });
    const full = await solver.solve(relax, { presolve: false });
    expect(full.status).toBe('optimal');
    expect(full.stats.iterations).toBeGreaterThan(1);
    const cut = await solver.solve(relax, { presolve: false, iterationLimit: 1 });
    expect(cut.status).toBe('iteration-limit');
  });

  it('options/defaults-of-the-instance-apply', async () => {
    const s = createHighsSolver({ defaults: { timeLimit: 0.2 } });
    const r = await s.solve(marketSplit(4));
    expect(r.status).toBe('time-limit');
  });

  it('lp/basis-returned', async () => {
    const r = await solver.solve(productionLp());
    expect(r.basis).not.toBeNull();
    // HiGHS' codes are core's BASIS_STATUS codes, passed through unchanged.
    const { lower, basic } = BASIS_STATUS;
    expect(Array.from(r.basis!.colStatus)).toEqual([lower, lower, basic]); // chair, table at lower; desk basic
    expect(r.basis!.rowStatus[2]).not.toBe(basic); // wood binds
  });

  it('lp/empty-model-and-infeasible-empty-row', async () => {
    const empty = await solver.solve(createStandardForm({ objectiveOffset: 3, columns: [], rows: [] }));
    expect(empty.status).toBe('optimal');
    expect(empty.objective).toBe(3);
    const bad = await solver.solve(createStandardForm({ columns: [], rows: [{ lb: 1, terms: [] }] }));
    expect(bad.status).toBe('infeasible');
    expect(bad.hasSolution).toBe(false);
  });

  it('mip/stats-report-nodes-and-converted-bigints', async () => {
    const r = await solver.solve(knapsack(3, 20, 2), { mipGap: 0 });
    expect(r.status).toBe('optimal');
    expect(typeof r.stats.nodes).toBe('number');
    expect(r.stats.gap).toBe(0);
    expect(() => JSON.stringify(r.stats)).not.toThrow();
  });
});
