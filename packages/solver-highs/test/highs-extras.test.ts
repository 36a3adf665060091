import { describe, expect, it } from 'vitest';
import { checkFeasibility, createStandardForm, isLumixError, type StandardForm } from '@lumix/core';
import { createHighsSolver } from '../src/index.js';
import { changed, plantedMarketSplit, productionLp } from './problems.js';

const solver = createHighsSolver();
const WOOD = 2;
const CHAIR = 0;
const DESK = 2;

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
    expect(() => session.ranging()).toThrow(expect.objectContaining({ code: 'NO_SOLUTION' }));
    await session.solve();
    expect(session.ranging().rowBound.upper[WOOD]).toBeCloseTo(883.125, 9);
    session.setRowBounds(WOOD, -Infinity, 400);
    expect(() => session.ranging()).toThrow(expect.objectContaining({ code: 'NO_SOLUTION' }));
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
    const iis = await solver.iis(p);
    expect(Array.from(iis.rows)).toEqual([0, 1, 2]);
    expect(iis.rowBounds).toEqual(['lower', 'upper', 'upper']);
    // Irreducible: without any one member row the rest is feasible.
    for (const drop of iis.rows) {
      const rest = createStandardForm({ columns, rows: rows.filter((_, i) => i !== drop) });
      expect((await solver.solve(rest)).status).toBe('optimal');
    }
  });

  it('iis/feasible-problem-gives-none', async () => {
    const iis = await solver.iis(productionLp());
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

  it('mip-start/wrong-length-rejected', async () => {
    const { problem } = plantedMarketSplit(4, 1);
    await expect(solver.solve(problem, { mipStart: [1, 0] })).rejects.toSatisfy((e) => isLumixError(e, 'INVALID_ARGUMENT') && /30 columns/.test((e as Error).message));
  });
});
