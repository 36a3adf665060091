import { describe, expect, it } from 'vitest';
import { checkFeasibility, createStandardForm, isLumixError, type StandardForm } from '@lumix/core';
import { createHighsSolver } from '../src/index.js';
import { changed, plantedMarketSplit, productionLp } from './problems.js';

const solver = createHighsSolver();
const WOOD = 2;
const CHAIR = 0;
const DESK = 2;

/** A point rounded to 1e-9, with -0 as 0, for exact comparison. */
const pointOf = (x: Float64Array | null): number[] => Array.from(x!, (v) => Math.round(v * 1e9) / 1e9 + 0);

async function freshObjective(p: StandardForm): Promise<number> {
  const r = await solver.solve(p);
  expect(r.status).toBe('optimal');
  return r.objective!;
}

describe('highs extras', () => {
  it('session/changes-resolve-like-a-fresh-solve', async () => {
    const p = productionLp();
    using session = await solver.open(p);
    expect((await session.solve()).objective).toBeCloseTo(2735.714285714286, 9);

    session.setRowBounds(WOOD, -Infinity, 600);
    const more = await session.solve();
    expect(more.objective).toBeCloseTo(2735.714285714286 + (100 * 200) / 35, 8); // inside the rhs range: dual × 100
    const p1 = changed(p, { row: [WOOD, -Infinity, 600] });
    expect(more.objective).toBeCloseTo(await freshObjective(p1), 8);

    session.setColCost(DESK, 150); // below 196.875: the basis changes
    const cheaper = await session.solve();
    const p2 = changed(p1, { cost: [DESK, 150] });
    expect(cheaper.objective).toBeCloseTo(await freshObjective(p2), 8);
    expect(checkFeasibility(p2, cheaper.colValues!).feasible).toBe(true);

    session.setColBounds(CHAIR, 20, 100);
    const forced = await session.solve();
    const p3 = changed(p2, { col: [CHAIR, 20, 100] });
    expect(forced.objective).toBeCloseTo(await freshObjective(p3), 8);
    expect(forced.colValues![CHAIR]).toBeGreaterThanOrEqual(20 - 1e-9);
    // The opened problem itself is untouched.
    expect(p.rowUpper[WOOD]).toBe(500);
  });

  it('session/options-apply-to-one-solve-only', async () => {
    const session = await solver.open(productionLp());
    try {
      const cut = await session.solve({ presolve: false, iterationLimit: 0 });
      expect(cut.status).toBe('iteration-limit');
      const full = await session.solve();
      expect(full.status).toBe('optimal');
    } finally {
      session.dispose();
    }
  });

  it('session/defaults-layer-solver-then-session-then-solve', async () => {
    const strict = createHighsSolver({ defaults: { presolve: false, iterationLimit: 0 } });
    expect((await strict.solve(productionLp())).status).toBe('iteration-limit');
    using session = await strict.open(productionLp(), { iterationLimit: 100_000 });
    expect((await session.solve()).status).toBe('optimal');
    // An optimal model needs no iteration; more wood than its range (883.125) allows needs a basis change.
    session.setRowBounds(WOOD, -Infinity, 1000);
    expect((await session.solve({ iterationLimit: 0 })).status).toBe('iteration-limit');
    expect((await session.solve()).status).toBe('optimal');
  });

  it('session/disposed-session-refuses-work', async () => {
    const session = await solver.open(productionLp());
    session.dispose();
    session.dispose();
    expect(session.disposed).toBe(true);
    await expect(session.solve()).rejects.toSatisfy((e) => isLumixError(e, 'INVALID_STATE'));
  });

  it('session/bad-changes-are-typed-errors', async () => {
    using session = await solver.open(productionLp());
    expect(() => session.setColBounds(7, 0, 1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => session.setRowBounds(WOOD, 5, 4)).toThrow(expect.objectContaining({ code: 'INVALID_BOUNDS' }));
    expect(() => session.setColCost(DESK, Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER' }));
  });

  it('ranging/production-lp-by-hand', async () => {
    const r = await solver.solve(productionLp(), { ranging: true });
    const g = r.ranging!;
    // Wood: desk = (b - 205)/35 must stay in [3, 30] and metal 45 + 8·desk <= 200: b in [310, 883.125].
    expect(g.rowBound.lower[WOOD]).toBeCloseTo(310, 9);
    expect(g.rowBound.upper[WOOD]).toBeCloseTo(883.125, 9);
    // Desk stays basic while chair's and table's reduced costs stay <= 0: c_desk >= 45·35/8.
    expect(g.cost.lower[DESK]).toBeCloseTo(196.875, 9);
    expect(g.cost.upper[DESK]).toBe(Infinity);
    // Chair stays at its lower bound until its reduced cost reaches 0: c_chair <= 8·200/35.
    expect(g.cost.upper[CHAIR]).toBeCloseTo(320 / 7, 9);
    const noRanging = await solver.solve(productionLp());
    expect(noRanging.ranging).toBeNull();
  });

  it('ranging/session-needs-an-unchanged-optimal-lp', async () => {
    using session = await solver.open(productionLp());
    await expect(session.ranging()).rejects.toSatisfy((e) => isLumixError(e, 'NO_SOLUTION'));
    await session.solve();
    expect((await session.ranging()).rowBound.upper[WOOD]).toBeCloseTo(883.125, 9);
    session.setRowBounds(WOOD, -Infinity, 400);
    await expect(session.ranging()).rejects.toSatisfy((e) => isLumixError(e, 'NO_SOLUTION'));
  });

  it('iis/infeasible-lp-gives-an-irreducible-subsystem', async () => {
    // cover: x + y >= 10, capX: x <= 3, capY: y <= 4 conflict; loose: x + 2y <= 100 does not take part.
    const rows = [
      { name: 'cover', lb: 10, terms: [['x', 1], ['y', 1]] as [string, number][] },
      { name: 'capX', ub: 3, terms: [['x', 1]] as [string, number][] },
      { name: 'capY', ub: 4, terms: [['y', 1]] as [string, number][] },
      { name: 'loose', ub: 100, terms: [['x', 1], ['y', 2]] as [string, number][] },
    ];
    const columns = [{ name: 'x', cost: 1 }, { name: 'y', cost: 1 }];
    const p = createStandardForm({ columns, rows });
    expect((await solver.solve(p)).status).toBe('infeasible');
    const iis = await solver.computeIis(p);
    expect(Array.from(iis.rows)).toEqual([0, 1, 2]);
    expect(iis.rowBounds).toEqual(['lower', 'upper', 'upper']);
    // Irreducible: without any one member row the rest is feasible.
    for (const drop of iis.rows) {
      const rest = createStandardForm({ columns, rows: rows.filter((_, i) => i !== drop) });
      expect((await solver.solve(rest)).status).toBe('optimal');
    }
  });

  it('iis/feasible-problem-gives-none', async () => {
    const iis = await solver.computeIis(productionLp());
    expect(iis.rows.length + iis.cols.length).toBe(0);
  });

  it('mip-start/known-point-survives-a-short-limit', async () => {
    const { problem, point } = plantedMarketSplit(4, 1);
    const without = await solver.solve(problem, { timeLimit: 0.3 });
    expect(without.hasSolution).toBe(false);
    const withStart = await solver.solve(problem, { timeLimit: 0.3, mipStart: point });
    expect(withStart.hasSolution).toBe(true);
    expect(checkFeasibility(problem, withStart.colValues!).feasible).toBe(true);
    const startObjective = checkFeasibility(problem, point).objective;
    expect(withStart.objective!).toBeLessThanOrEqual(startObjective + 1e-9);
  });

  it('mip-start/kept-when-loading-uses-the-whole-limit', async () => {
    // 300 000 binaries take far more than 1 ms to load: HiGHS is not run, and the feasible start
    // is the point, as a run stopped at the limit would have kept it; an infeasible one is not.
    const n = 300_000;
    const problem = createStandardForm({ sense: 'max', columns: Array.from({ length: n }, () => ({ ub: 1, cost: 1, integer: true })), rows: [{ ub: 2, terms: [[0, 1], [1, 1], [2, 1]] }] });
    const start = new Float64Array(n);
    start[0] = 1;
    const r = await solver.solve(problem, { timeLimit: 0.001, mipStart: start });
    expect(r.status).toBe('time-limit');
    expect(r.hasSolution).toBe(true);
    expect(r.objective).toBe(1);
    expect(r.rowActivities![0]).toBe(1);
    expect(r.message).toMatch(/not run.*MIP start is the incumbent/);
    start.fill(1, 0, 3); // row 0 exceeded: 3 > 2
    const bad = await solver.solve(problem, { timeLimit: 0.001, mipStart: start });
    expect(bad.status).toBe('time-limit');
    expect(bad.hasSolution).toBe(false);
  });

  it('mip-start/wrong-length-rejected', async () => {
    const { problem } = plantedMarketSplit(4, 1);
    await expect(solver.solve(problem, { mipStart: [1, 0] })).rejects.toSatisfy((e) => isLumixError(e, 'INVALID_ARGUMENT') && /30 columns/.test((e as Error).message));
  });

  it('iis/session-after-a-change-and-raw-strategy', async () => {
    // Wood <= 200 cannot cover the minimum of 10 chairs, 5 tables and 3 desks (80 + 125 + 105 = 310).
    using session = await solver.open(productionLp());
    expect((await session.computeIis()).rows.length).toBe(0);
    session.setRowBounds(WOOD, -Infinity, 200);
    expect((await session.solve()).status).toBe('infeasible');
    const iis = await session.computeIis();
    expect(Array.from(iis.rows)).toEqual([WOOD]);
    expect(iis.rowBounds).toEqual(['upper']);
    expect(Array.from(iis.cols).sort()).toEqual([0, 1, 2]);
    expect(iis.colBounds).toEqual(['lower', 'lower', 'lower']);
    // The session still solves after the search: back to 500 gives the original optimum.
    session.setRowBounds(WOOD, -Infinity, 500);
    expect((await session.solve()).objective).toBeCloseTo(2735.714285714286, 9);
    // A raw iis_strategy is used as given (column priority finds the same one-row subsystem here).
    const byRaw = await solver.computeIis(changed(productionLp(), { row: [WOOD, -Infinity, 200] }), { raw: { iis_strategy: 14 } });
    expect(Array.from(byRaw.rows)).toEqual([WOOD]);
  });

  it('iis/no-columns-and-options-it-cannot-take', async () => {
    const bad = createStandardForm({ columns: [], rows: [{ name: 'r', lb: 1, terms: [] }] });
    expect(await solver.computeIis(bad)).toEqual({ rows: Int32Array.of(0), rowBounds: ['lower'], cols: new Int32Array(0), colBounds: [] });
    await expect(solver.computeIis(productionLp(), { ranging: true })).rejects.toSatisfy((e) => isLumixError(e, 'INVALID_ARGUMENT') && /ranging/.test((e as Error).message));
  });

  it('lexicographic/priority-order-decides', async () => {
    // x + y <= 10, x, y in [0, 8]. max x + y first (10), then min x: x = 2, y = 8.
    // Swapped, min x first (0), then max x + y with x = 0: y = 8.
    const p = createStandardForm({ name: 'lex', columns: [{ ub: 8, cost: 5 }, { ub: 8 }], rows: [{ ub: 10, terms: [[0, 1], [1, 1]] }] });
    const total = { name: 'total', sense: 'max', coefficients: [1, 1] } as const;
    const fewX = { name: 'few-x', sense: 'min', coefficients: [1, 0], offset: 3 } as const;
    const a = await solver.solveLexicographic(p, [total, fewX]);
    expect(a.status).toBe('optimal');
    expect(pointOf(a.colValues)).toEqual([2, 8]);
    expect(Array.from(a.objectiveValues!)).toEqual([10, 5]);
    expect(a.objective).toBe(10);
    expect(checkFeasibility(p, a.colValues!).feasible).toBe(true);
    const b = await solver.solveLexicographic(p, [fewX, total]);
    expect(pointOf(b.colValues)).toEqual([0, 8]);
    expect(Array.from(b.objectiveValues!)).toEqual([3, 8]);
    // The problem's own objective (cost 5 on x) took no part; a plain solve still uses it.
    expect((await solver.solve(p)).objective).toBe(0);
  });

  it('lexicographic/tolerances-let-an-objective-give-way', async () => {
    const p = createStandardForm({ name: 'lex', columns: [{ ub: 8 }, { ub: 8 }], rows: [{ ub: 10, terms: [[0, 1], [1, 1]] }] });
    const fewX = { sense: 'min', coefficients: [1, 0] } as const;
    const solveWith = async (tol: { absoluteTolerance?: number; relativeTolerance?: number }) =>
      pointOf((await solver.solveLexicographic(p, [{ sense: 'max', coefficients: [1, 1], ...tol }, fewX])).colValues);
    // x + y may drop from 10 to 9: x = 1. Relative 0.2 of 10 allows 2: x = 0 (y is capped at 8).
    expect(await solveWith({ absoluteTolerance: 1 })).toEqual([1, 8]);
    expect(await solveWith({ relativeTolerance: 0.2 })).toEqual([0, 8]);
    // Both given: the tighter one applies.
    expect(await solveWith({ absoluteTolerance: 1, relativeTolerance: 0.2 })).toEqual([1, 8]);
  });

  it('lexicographic/absolute-tolerance-alone-holds-an-optimum-of-zero', async () => {
    // min x (optimum 0) with only an absolute tolerance, then max y with y <= x: the first level
    // must keep x <= 3. A relative tolerance mapped to Infinity made HiGHS' bound Infinity·0 = NaN
    // and the level unbounded (x = y = 10). At an optimum of exactly 0 HiGHS' relative term is 0,
    // so the level gives up nothing (documented): x = y = 0.
    const p = createStandardForm({ name: 'lex0', columns: [{ ub: 10 }, { ub: 10 }], rows: [{ ub: 0, terms: [[0, -1], [1, 1]] }] });
    const r = await solver.solveLexicographic(p, [{ sense: 'min', coefficients: [1, 0], absoluteTolerance: 3 }, { sense: 'max', coefficients: [0, 1] }]);
    expect(r.status).toBe('optimal');
    expect(r.colValues![0]).toBeLessThanOrEqual(3 + 1e-9);
    expect(pointOf(r.colValues)).toEqual([0, 0]);
  });

  it('lexicographic/mip-goals-and-statuses', async () => {
    // Goal programming on a 0/1 knapsack (values 10, 13, 7, 8; weights 5, 7, 4, 3; capacity 14):
    // most value first — 28, only items 1, 2, 3 (weight 14) — then fewest items: still 3.
    const values = [10, 13, 7, 8];
    const weights = [5, 7, 4, 3];
    const p = createStandardForm({
      name: 'knapsack',
      columns: values.map(() => ({ ub: 1, integer: true })),
      rows: [{ ub: 14, terms: weights.map((w, j) => [j, w] as [number, number]) }],
    });
    const r = await solver.solveLexicographic(p, [
      { sense: 'max', coefficients: values },
      { sense: 'min', coefficients: [1, 1, 1, 1] },
    ]);
    expect(r.status).toBe('optimal');
    expect(Array.from(r.objectiveValues!)).toEqual([28, 3]);
    expect(r.rowDuals).toBeNull();
    // Value may drop by 7, to 21: the pairs {0, 1} (23, weight 12) and {1, 3} (21, weight 10)
    // qualify and no single item does (13 at most), so 2 items.
    const loose = await solver.solveLexicographic(p, [
      { sense: 'max', coefficients: values, absoluteTolerance: 7 },
      { sense: 'min', coefficients: [1, 1, 1, 1] },
    ]);
    expect(loose.objectiveValues![1]).toBe(2);
    expect(loose.objectiveValues![0]).toBeGreaterThanOrEqual(21);
    const infeasible = createStandardForm({ columns: [{ ub: 1, integer: true }], rows: [{ lb: 2, terms: [[0, 1]] }] });
    const none = await solver.solveLexicographic(infeasible, [{ sense: 'min', coefficients: [1] }]);
    expect(none.status).toBe('infeasible');
    expect(none.objectiveValues).toBeNull();
  });
});
