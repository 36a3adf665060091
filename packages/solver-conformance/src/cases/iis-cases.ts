import { createStandardForm, type Iis, type Solver, type StandardForm, type StandardFormSpec } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { memberOf } from './member-of.js';
import { productionProblem } from './problems.js';

// cover: x + y >= 10 cannot hold with capX: x <= 3 and capY: y <= 4; loose: x + 2y <= 100 and
// spare: x - y <= 50 take no part. The only IIS is {cover, capX, capY}: dropping any one of the
// three leaves a feasible system (x + y >= 10 with one variable unbounded above).
const COLUMNS = [
  { name: 'x', cost: 1 },
  { name: 'y', cost: 1 },
];
const ROWS: StandardFormSpec['rows'] = [
  { name: 'loose', ub: 100, terms: [['x', 1], ['y', 2]] },
  { name: 'cover', lb: 10, terms: [['x', 1], ['y', 1]] },
  { name: 'capX', ub: 3, terms: [['x', 1]] },
  { name: 'spare', ub: 50, terms: [['x', 1], ['y', -1]] },
  { name: 'capY', ub: 4, terms: [['y', 1]] },
];

/**
 * The subsystem an IIS names, as a feasibility problem of its own (no objective, so feasible
 * means optimal): its rows (minus `drop`), its columns' bounds, and every other column free.
 */
function subsystem(iis: Iis, drop = -1): StandardForm {
  const members = new Set(iis.cols);
  return createStandardForm({
    name: drop < 0 ? 'iis' : `iis-without-${ROWS[drop]!.name}`,
    columns: COLUMNS.map((c, j) => (members.has(j) ? { name: c.name } : { name: c.name, lb: Number.NEGATIVE_INFINITY, ub: Number.POSITIVE_INFINITY })),
    rows: Array.from(iis.rows).filter((i) => i !== drop).map((i) => ROWS[i]!),
  });
}

/** The IIS is infeasible on its own and each member row dropped makes it feasible, by solves. */
async function expectIrreducible(solver: Solver, iis: Iis): Promise<void> {
  expect(Array.from(iis.rows).sort(), 'IIS rows').toEqual([1, 2, 4]);
  expect(iis.rowBounds.length).toBe(iis.rows.length);
  expect(iis.colBounds.length).toBe(iis.cols.length);
  const bounds = new Map(Array.from(iis.rows, (i, k) => [ROWS[i]!.name, iis.rowBounds[k]]));
  expect(Object.fromEntries(bounds)).toEqual({ cover: 'lower', capX: 'upper', capY: 'upper' });
  expect((await solver.solve(subsystem(iis))).status, 'the IIS alone').toBe('infeasible');
  for (const drop of iis.rows) {
    const rest = subsystem(iis, drop);
    expect((await solver.solve(rest)).status, rest.name).toBe('optimal');
  }
}

/** Irreducible infeasible subsystems (`computeIis`, and a session's `computeIis()`). */
export const IIS_CASES: readonly ConformanceCase[] = [
  {
    area: 'iis',
    name: 'infeasible-lp-gives-an-irreducible-subsystem',
    needs: ['iis'],
    async run(solver) {
      const p = createStandardForm({ name: 'iis-lp', columns: COLUMNS, rows: ROWS });
      expect((await solver.solve(p)).status).toBe('infeasible');
      await expectIrreducible(solver, await memberOf(solver, 'computeIis')(p));
    },
  },
  {
    area: 'iis',
    name: 'feasible-problem-gives-none',
    needs: ['iis'],
    async run(solver) {
      const iis = await memberOf(solver, 'computeIis')(productionProblem());
      expect(iis.rows.length + iis.cols.length).toBe(0);
    },
  },
  {
    area: 'iis',
    name: 'session-after-a-change',
    needs: ['iis', 'sessions'],
    async run(solver) {
      // Feasible as opened (capY <= 40); capY back to 4 makes it the infeasible system above.
      const rows = ROWS.map((r) => (r.name === 'capY' ? { ...r, ub: 40 } : r));
      using session = await memberOf(solver, 'open')(createStandardForm({ name: 'iis-session', columns: COLUMNS, rows }));
      expect((await session.solve()).status).toBe('optimal');
      expect((await session.computeIis!()).rows.length).toBe(0);
      session.setRowBounds(4, Number.NEGATIVE_INFINITY, 4);
      expect((await session.solve()).status).toBe('infeasible');
      await expectIrreducible(solver, await session.computeIis!());
    },
  },
];
