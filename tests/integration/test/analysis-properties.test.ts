// Properties of the analysis on random LPs (fast-check, fixed seeds, shrunk counterexamples on
// failure), with HiGHS (warm, in a session) and GLPK (rebuild):
// - every what-if equals a fresh build-and-solve of the model declared over the changed data;
// - ranging (HiGHS) agrees with re-solves inside the reported ranges;
// - explain() returns a set that is infeasible and irreducible, through the IIS and the elastic path.
import {
  createStandardForm,
  openAnalysis,
  type ExplainedMember,
  type InfeasibilityExplanation,
  type Solver,
  type StandardForm,
  type WhatIfResult,
} from '@lumix/core';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeColumn, lpArb, lpModel, shiftRhs, type LpData } from './support/random-lp.js';

const highs = createHighsSolver();
const glpk = createGlpkSolver();

/** |a − b| within 1e-6 relative (to max(1, |b|)). */
function near(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
}

const editArb = fc.oneof(
  fc.record({ kind: fc.constant('rhs' as const), row: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('cost' as const), col: fc.nat(), cost: fc.integer({ min: -9, max: 9 }) }),
  fc.record({ kind: fc.constant('bounds' as const), col: fc.nat(), lb: fc.integer({ min: -5, max: 5 }), width: fc.integer({ min: 0, max: 8 }) }),
);

describe.each([
  ['highs', highs, 'warm'],
  ['glpk', glpk, 'rebuild'],
] as const)('what-if = fresh build-and-solve (%s)', (_name, solver, path) => {
  it('on random LPs, three what-ifs in a row on one analysis', async () => {
    await fc.assert(
      fc.asyncProperty(lpArb(), fc.array(editArb, { minLength: 3, maxLength: 3 }), async (data, edits) => {
        using a = await openAnalysis(lpModel(data), { solver });
        expect(a.path).toBe(path);
        const cold0 = await lpModel(data).solve({ solver: highs });
        expect(a.baseline.status).toBe(cold0.status);
        expect(near(a.baseline.objective, cold0.objective)).toBe(true);
        for (const e of edits) {
          let changed: LpData;
          let w: WhatIfResult;
          if (e.kind === 'rhs') {
            const row = data.rows[e.row % data.rows.length]!;
            changed = shiftRhs(data, row.id, e.by);
            w = await a.whatIf({ rhs: 'r', key: row.id, by: e.by });
          } else if (e.kind === 'cost') {
            const col = data.columns[e.col % data.columns.length]!;
            changed = changeColumn(data, col.id, { cost: e.cost });
            w = await a.whatIf({ cost: 'x', key: col.id, set: e.cost });
          } else {
            const col = data.columns[e.col % data.columns.length]!;
            changed = changeColumn(data, col.id, { lb: e.lb, ub: e.lb + e.width });
            w = await a.whatIf({ bounds: 'x', key: col.id, lb: e.lb, ub: e.lb + e.width });
          }
          const cold = await lpModel(changed).solve({ solver: highs });
          expect(w.status).toBe(cold.status);
          expect(near(w.objective, cold.objective)).toBe(true);
          if (w.objective !== null && a.baseline.objective !== null) expect(w.delta).toBeCloseTo(w.objective - a.baseline.objective, 9);
        }
        // Every what-if was undone: the analysis re-solves to the baseline.
        expect(near((await a.solve()).objective, a.baseline.objective)).toBe(true);
      }),
      { seed: 20261128, numRuns: 40 },
    );
  });
});

describe('ranging agrees with re-solves (highs)', () => {
  it('on random LPs: duals are slopes of the objective, and it is linear over the right-hand-side and cost ranges', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(lpArb(), fc.double({ min: 0.05, max: 0.95, noNaN: true }), async (data, t) => {
        using a = await openAnalysis(lpModel(data), { solver: highs });
        if (a.baseline.status !== 'optimal') return;
        const s = await a.sensitivity();
        expect(s.ranging).toBe(true);
        for (const r of s.rowsOf('r')) {
          const row = data.rows.find((d) => d.id === r.key)!;
          if (row.kind === 'range' || r.rhsRange === null) continue;
          const rhs = row.kind === 'ge' ? row.lb : row.ub;
          const f = async (v: number) => (await a.whatIf({ rhs: 'r', key: row.id, set: v })).objective;
          // The dual is a slope of the objective at the right-hand side: between the one-sided
          // finite differences (they differ only at a degenerate optimum).
          const h = 1e-3;
          const [up, down] = [await f(rhs + h), await f(rhs - h)];
          if (up !== null && down !== null) {
            const slopes = [(up - s.objective) / h, (s.objective - down) / h];
            expect(r.dual).toBeGreaterThanOrEqual(Math.min(...slopes) - 1e-5);
            expect(r.dual).toBeLessThanOrEqual(Math.max(...slopes) + 1e-5);
          }
          // Over the range the objective is linear, and at a finite end it is what the ranging says.
          const { lower, upper, objectiveAtLower, objectiveAtUpper } = r.rhsRange;
          expect(lower).toBeLessThanOrEqual(rhs + 1e-9);
          expect(upper).toBeGreaterThanOrEqual(rhs - 1e-9);
          const points: Array<[number, number | null]> = [[rhs, s.objective]];
          if (Number.isFinite(lower) && rhs - lower < 50) points.push([lower, objectiveAtLower], [lower, await f(lower)]);
          if (Number.isFinite(upper) && upper - rhs < 50) points.push([upper, objectiveAtUpper], [upper, await f(upper)]);
          const lo = Math.max(lower, rhs - 3);
          const hi = Math.min(upper, rhs + 3);
          if (hi > lo) points.push([lo + t * (hi - lo), await f(lo + t * (hi - lo))], [lo + (1 - t) * (hi - lo), await f(lo + (1 - t) * (hi - lo))]);
          for (const [, v] of points) expect(v).not.toBeNull();
          const far = points.reduce((b, p) => (Math.abs(p[0] - rhs) > Math.abs(b[0] - rhs) ? p : b));
          if (Math.abs(far[0] - rhs) < 1e-6) continue;
          const slope = (far[1]! - s.objective) / (far[0] - rhs);
          for (const [v, obj] of points) expect(near(obj, s.objective + slope * (v - rhs))).toBe(true);
          checked++;
        }
        for (const c of s.columnsOf('x')) {
          if (c.costRange === null) continue;
          const lo = Math.max(c.costRange.lower, c.cost - 5);
          const hi = Math.min(c.costRange.upper, c.cost + 5);
          if (!(hi > lo)) continue;
          const v = lo + t * (hi - lo);
          const w = await a.whatIf({ cost: 'x', key: c.key, set: v });
          // Inside the range the point stays optimal: only its own term moves.
          expect(near(w.objective, s.objective + (v - c.cost) * c.value)).toBe(true);
          checked++;
        }
      }),
      { seed: 424242, numRuns: 40 },
    );
    expect(checked).toBeGreaterThan(50);
  });
});

/**
 * The subsystem an explanation names: its rows with the bounds named, its variables with the
 * bounds named, every other variable free and every other row dropped.
 */
function subsystemOf(p: StandardForm, rows: readonly ExplainedMember[], cols: readonly ExplainedMember[]): StandardForm {
  const colBound = new Map(cols.map((c) => [c.index, c.bound]));
  return createStandardForm({
    columns: Array.from({ length: p.numCols }, (_, j) => {
      const b = colBound.get(j) ?? 'free';
      return { lb: b === 'lower' || b === 'boxed' ? p.colLower[j]! : -Infinity, ub: b === 'upper' || b === 'boxed' ? p.colUpper[j]! : Infinity };
    }),
    rows: rows.map((r) => {
      const terms: Array<[number, number]> = [];
      for (let k = p.rowStart[r.index]!; k < p.rowStart[r.index + 1]!; k++) terms.push([p.colIndex[k]!, p.value[k]!]);
      return {
        lb: r.bound === 'lower' || r.bound === 'boxed' ? r.lower : -Infinity,
        ub: r.bound === 'upper' || r.bound === 'boxed' ? r.upper : Infinity,
        terms,
      };
    }),
  });
}

async function isFeasible(p: StandardForm): Promise<boolean> {
  const r = await highs.solve(p);
  expect(['optimal', 'infeasible']).toContain(r.status);
  return r.status === 'optimal';
}

/** Infeasible, and dropping any one member (a row, or a variable's bounds) makes it feasible. */
async function checkIrreducible(p: StandardForm, e: InfeasibilityExplanation): Promise<void> {
  expect(e.infeasible).toBe(true);
  expect(e.rows.length).toBeGreaterThan(0);
  expect(await isFeasible(subsystemOf(p, e.rows, e.columns))).toBe(false);
  for (let k = 0; k < e.rows.length; k++) {
    expect(
      await isFeasible(
        subsystemOf(
          p,
          e.rows.filter((_, q) => q !== k),
          e.columns,
        ),
      ),
    ).toBe(true);
  }
  for (let k = 0; k < e.columns.length; k++) {
    if (e.columns[k]!.bound === 'free') continue;
    expect(
      await isFeasible(
        subsystemOf(
          p,
          e.rows,
          e.columns.filter((_, q) => q !== k),
        ),
      ),
    ).toBe(true);
  }
  // The relaxation makes the whole problem feasible.
  const relaxed = { ...p, rowLower: p.rowLower.slice(), rowUpper: p.rowUpper.slice() };
  for (const r of e.relaxation!.rows) (r.side === 'lower' ? relaxed.rowLower : relaxed.rowUpper)[r.index] = r.to + (r.side === 'lower' ? -1e-7 : 1e-7);
  expect(await isFeasible(relaxed)).toBe(true);
  expect(e.relaxation!.total).toBeCloseTo(
    e.relaxation!.rows.reduce((s, r) => s + r.by, 0),
    9,
  );
}

describe.each([
  ['highs iis', highs, 'iis'],
  ['highs elastic', highs, 'elastic'],
  ['glpk elastic (auto)', glpk, 'auto'],
] as const)('explain() on random infeasible LPs (%s)', (_name, solver: Solver, method) => {
  it('is infeasible and irreducible, with a relaxation that restores feasibility', async () => {
    let explained = 0;
    await fc.assert(
      fc.asyncProperty(lpArb({ minRows: 2 }), async (data) => {
        using a = await openAnalysis(lpModel(data), { solver });
        if (a.baseline.status !== 'infeasible') {
          const e = await a.explain({ method });
          expect(e).toMatchObject({ infeasible: false, rows: [], columns: [], method: 'none' });
          return;
        }
        const e = await a.explain({ method });
        expect(e.method).toBe(method === 'auto' ? 'elastic' : method);
        for (const r of e.rows) {
          expect(r.family).toBe('r');
          expect(data.rows.some((d) => d.id === r.key)).toBe(true);
        }
        await checkIrreducible(a.compiled.problem, e);
        explained++;
      }),
      { seed: 777, numRuns: 60 },
    );
    expect(explained).toBeGreaterThan(10);
  });
});

describe('explain() with a cancel signal in the analysis options', () => {
  it('takes the IIS path on HiGHS (the IIS search ignores the signal, which is for solves)', async () => {
    // x0 + x1 >= 3 with both in [0, 1] cannot hold; the cost row r2 is harmless.
    const data: LpData = {
      sense: 'min',
      columns: [
        { id: 0, lb: 0, ub: 1, cost: 1 },
        { id: 1, lb: 0, ub: 1, cost: 1 },
      ],
      rows: [
        { id: 'r1', coefs: [1, 1], kind: 'ge', lb: 3, ub: Infinity },
        { id: 'r2', coefs: [1, -1], kind: 'le', lb: -Infinity, ub: 5 },
      ],
    };
    const controller = new AbortController();
    using a = await openAnalysis(lpModel(data), { solver: highs, signal: controller.signal });
    expect(a.baseline.status).toBe('infeasible');
    const e = await a.explain({ method: 'iis' });
    expect(e.method).toBe('iis');
    expect(e.rows.map((r) => r.key)).toEqual(['r1']);
  });
});
