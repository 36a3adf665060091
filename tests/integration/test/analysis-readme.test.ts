// packages/core/README.md, section "Analysis", run as written (with HiGHS, and the scenario runs
// saved through @lumix/orm-sqlite); the numbers in the README's comments are asserted here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model, openAnalysis } from '@lumix/core';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'lumix-analysis-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// --- README: the model ---------------------------------------------------------------------
interface Product {
  readonly id: string;
  readonly profit: number;
  readonly wood: number;
  readonly hours: number;
}
const products: Product[] = [
  { id: 'chair', profit: 45, wood: 8, hours: 1 },
  { id: 'table', profit: 120, wood: 25, hours: 3 },
  { id: 'desk', profit: 200, wood: 35, hours: 4 },
];
const weeks = [
  { id: 1, wood: 500, hours: 120 },
  { id: 2, wood: 400, hours: 120 },
];

function plan(items: Product[], minDesks = 0): Model {
  const m = new Model('plan');
  const make = m.continuous('make', { product: items, week: weeks }, { ub: 20 });
  m.constraints('wood', weeks, (w) => make.sum({ week: w }, (it) => it.product.wood).le(w.wood));
  m.constraints('hours', weeks, (w) => make.sum({ week: w }, (it) => it.product.hours).le(w.hours));
  m.constraint('desks', make.sum((it) => (it.product.id === 'desk' ? 1 : 0)).ge(minDesks));
  m.maximize(() => make.sum((it) => it.product.profit));
  return m;
}
// -------------------------------------------------------------------------------------------

it('readme/analysis: what-if, sweep, bottlenecks, changes and reset', async () => {
  const a = await openAnalysis(plan(products), { solver: createHighsSolver() });
  expect(a.path).toBe('warm');
  // Desks earn most per board foot (200/35): wood binds in both weeks, hours do not.
  expect(a.baseline.objective).toBeCloseTo(5142.8571, 4);

  const w = await a.whatIf({ rhs: 'wood', key: 1, by: 100 });
  expect(w.objective).toBeCloseTo(5714.2857, 4);
  expect(w.delta).toBeCloseTo(571.4286, 4);
  expect(w.deltaPct).toBeCloseTo(11.1111, 4);
  expect(w.changedDecisions.map((d) => [d.family, d.key, d.before, d.after])).toEqual([
    ['make', ['desk', 1], expect.closeTo(14.2857, 4), expect.closeTo(17.1429, 4)],
  ]);

  const points = await a.sweep({ rhs: 'wood', key: 2 }, [300, 400, 500]);
  expect(points.map((p) => p.objective)).toEqual([expect.closeTo(4571.4286, 4), expect.closeTo(5142.8571, 4), expect.closeTo(5714.2857, 4)]);

  const ranked = await a.bottlenecks('wood', 10);
  expect(ranked.map((e) => [e.key, e.rate])).toEqual([
    [1, expect.closeTo(5.7143, 4)],
    [2, expect.closeTo(5.7143, 4)],
  ]);

  a.apply({ cost: 'make', key: ['desk', 1], scale: 0.9 }, { rhs: 'hours', scale: 0.5 });
  expect((await a.solve()).objective).toBeCloseTo(4934.2857, 4);
  a.reset();
  expect((await a.solve()).objective).toBeCloseTo(5142.8571, 4);
  a.dispose();
});

it('readme/analysis: scenarios compared and saved as runs', async () => {
  const db = await openSqliteAdapter(join(dir, 'plan.db'));
  using a = await openAnalysis(plan(products), { solver: createHighsSolver() });
  const cmp = await a.scenarios(
    [
      { name: 'wood -20%', changes: [{ rhs: 'wood', scale: 0.8 }] },
      { name: 'overtime', changes: [{ rhs: 'hours', key: 2, by: 40 }] },
      { name: 'prices +10%', model: () => plan(products.map((p) => ({ ...p, profit: p.profit * 1.1 }))) },
    ],
    { metrics: { woodUsed: (s) => s.activity('wood', 1) + s.activity('wood', 2) } },
  );
  expect(cmp.scenarios.map((s) => [s.name, s.path, s.objective, s.deltaPct, s.metrics['woodUsed']])).toEqual([
    ['wood -20%', 'warm', expect.closeTo(4114.2857, 4), expect.closeTo(-20, 6), expect.closeTo(720, 6)],
    ['overtime', 'warm', expect.closeTo(5142.8571, 4), expect.closeTo(0, 6), expect.closeTo(900, 6)],
    ['prices +10%', 'model', expect.closeTo(5657.1429, 4), expect.closeTo(10, 6), expect.closeTo(900, 6)],
  ]);
  for (const s of cmp.scenarios) await db.saveRun(s.solution, { label: s.name });
  const runs = await db.listRuns({ label: 'wood -20%' });
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ label: 'wood -20%', modelName: 'plan', status: 'optimal', objective: expect.closeTo(4114.2857, 4) });
  expect(runs[0]!.options).toMatchObject({ analysis: { scenario: 'wood -20%', path: 'warm' } });
  expect((await db.listRuns()).map((r) => r.label)).toEqual(['wood -20%', 'overtime', 'prices +10%']);
  await db.close();
});

it('readme/analysis: sensitivity by family and key', async () => {
  using a = await openAnalysis(plan(products), { solver: createHighsSolver() });
  const s = await a.sensitivity();
  expect(s.row('wood', 1)).toMatchObject({ binding: true, activity: expect.closeTo(500, 6), dual: expect.closeTo(5.7143, 4) });
  expect(s.row('wood', 1).rhsRange).toMatchObject({
    lower: expect.closeTo(0, 6),
    upper: expect.closeTo(700, 6),
    objectiveAtUpper: expect.closeTo(6285.7143, 4),
  });
  expect(s.row('hours', 1)).toMatchObject({ binding: false, dual: 0, slack: expect.closeTo(62.8571, 4) });
  expect(s.bottlenecks.map((r) => r.name)).toEqual(['wood[1]', 'wood[2]']);
  expect(s.column('make', ['chair', 1])).toMatchObject({ value: 0, reducedCost: expect.closeTo(-0.7143, 4) });
  expect(s.column('make', ['desk', 1]).costRange).toMatchObject({ lower: expect.closeTo(196.875, 6), upper: Infinity });
});

it('readme/analysis: infeasibility explained, with HiGHS (IIS) and GLPK (elastic filter)', async () => {
  for (const solver of [createHighsSolver(), createGlpkSolver()]) {
    using a = await openAnalysis(plan(products, 40), { solver });
    expect(a.baseline.status).toBe('infeasible');
    const e = await a.explain();
    expect(e.method).toBe(solver.name === 'highs' ? 'iis' : 'elastic');
    // 40 desks: at most 20 in week 1 (its bound) and 400/35 in week 2 (wood).
    expect(e.rows.map((r) => [r.name, r.bound])).toEqual([
      ['wood[2]', 'upper'],
      ['desks', 'lower'],
    ]);
    expect(e.columns.filter((c) => c.bound !== 'free').map((c) => [c.name, c.bound])).toEqual([
      ['make[chair,2]', 'lower'],
      ['make[table,2]', 'lower'],
      ['make[desk,1]', 'upper'],
    ]);
    expect(e.relaxation!.rows.map((r) => [r.name, r.side, r.to])).toEqual([['desks', 'lower', expect.closeTo(25.7143, 4)]]);
    expect(e.message).toContain('lower desks by 14.2857');
  }
});
