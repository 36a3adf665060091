// The analysis layer with core's mock solver: addressing by family and key, what the rebuild
// path hands the solver after changes, reset, and every refusal (a typed LumixError whose
// message says what to do). Answers against real solvers live in tests/integration.
import { describe, expect, it } from 'vitest';
import { Model, openAnalysis, type StandardForm } from '../src/index.js';
import { createMockSolver } from '../src/testing/index.js';
import { expectCode } from './helpers/expect-code.js';


const products = [
  { id: 'chair', profit: 45, wood: 8 },
  { id: 'table', profit: 120, wood: 25 },
];
const weeks = [
  { id: 1, wood: 500 },
  { id: 2, wood: 400 },
];

/** A small model: make[product, week] <= 40, wood[week] <= supply, a ranged row and a single constraint. */
function model(options: { integer?: boolean } = {}) {
  const m = new Model('analysis-unit');
  const make =
    options.integer === true
      ? m.integer('make', { product: products, week: weeks }, { ub: 40 })
      : m.continuous('make', { product: products, week: weeks }, { ub: 40 });
  m.constraints('wood', weeks, (w) => make.sum({ week: w }, (it) => it.product.wood).le(w.wood));
  m.constraints('mix', weeks, (w) => make.sum({ week: w }).between(1, 60));
  m.constraint('total', make.sum().ge(2));
  m.maximize(() => make.sum((it) => it.product.profit));
  return { m, make };
}

/** A mock that answers every solve with the zero point (values do not matter here) and records the problems. */
function mock(capabilities = {}) {
  return createMockSolver({
    capabilities,
    fallback: (p: StandardForm) => ({
      colValues: new Array(p.numCols).fill(0),
      rowDuals: new Array(p.numRows).fill(0),
      rowActivities: new Array(p.numRows).fill(0),
    }),
  });
}

describe('analysis/addressing', () => {
  it('analysis/rows-and-columns-by-family-and-key-or-item', async () => {
    const { m, make } = model();
    const a = await openAnalysis(m, { solver: mock() });
    const wood = m.constraintFamily('wood')!;
    expect(a.rowIndex('wood', 2)).toBe(1);
    expect(a.rowIndex(wood, weeks[1])).toBe(1);
    expect(a.rowIndex('mix', 1)).toBe(2);
    expect(a.rowIndex('total')).toBe(4);
    expect(a.columnIndex(make, ['table', 2])).toBe(3);
    expect(a.columnIndex('make', ['chair', 1])).toBe(0);
    expect(a.rowIndices('mix')).toEqual([2, 3]);
    expect(a.columnIndices('make')).toEqual([0, 1, 2, 3]);
    expect(a.compiled.row(a.rowIndex('wood', 2))).toMatchObject({ family: 'wood', key: 2 });
  });

  it('analysis/unknown-family-key-and-item-are-refused', async () => {
    const { m } = model();
    const a = await openAnalysis(m, { solver: mock() });
    await expectCode(() => a.rowIndex('nope', 1), 'UNKNOWN_KEY', "no constraint family 'nope'");
    await expectCode(() => a.rowIndex('wood', 9), 'UNKNOWN_KEY', "'wood' has no row for 9");
    await expectCode(() => a.rowIndex('total', 1), 'UNKNOWN_KEY', 'single constraint, give no key');
    await expectCode(() => a.columnIndex('make', ['sofa', 1]), 'UNKNOWN_KEY', "'make' has no variable");
    await expectCode(() => a.columnIndex('wood', 1), 'UNKNOWN_KEY', "no variable family 'wood'");
    const other = model();
    await expectCode(() => a.rowIndex(other.m.constraintFamily('wood')!, 1), 'UNKNOWN_KEY');
  });
});

describe('analysis/changes', () => {
  it('analysis/rebuild-path-hands-the-changed-problem-and-reset-restores-the-baseline', async () => {
    const { m, make } = model();
    const solver = mock();
    const a = await openAnalysis(m, { solver });
    expect(a.path).toBe('rebuild');
    const moved = a.apply(
      { rhs: 'wood', key: 1, by: 100 }, // <= row: its upper bound
      { rhs: 'total', set: 5 }, // >= row: its lower bound
      { rhs: 'mix', scale: 2 }, // ranged rows: both bounds
      { bounds: make, key: ['chair', 2], ub: 7 },
      { cost: 'make', where: (it: { product: { id: string } }) => it.product.id === 'table', scale: 0.5 },
    );
    expect(moved.map((c) => [c.family, c.key, c.after])).toEqual([
      ['wood', 1, [-Infinity, 600]],
      ['total', undefined, [5, Infinity]],
      ['mix', 1, [2, 120]],
      ['mix', 2, [2, 120]],
      ['make', ['chair', 2], [0, 7]],
      ['make', ['table', 1], [60]],
      ['make', ['table', 2], [60]],
    ]);
    const run = await a.solve();
    expect(run.path).toBe('rebuild');
    const p = solver.calls.at(-1)!.problem;
    expect(Array.from(p.rowUpper)).toEqual([600, 400, 120, 120, Infinity]);
    expect(Array.from(p.rowLower)).toEqual([-Infinity, -Infinity, 2, 2, 5]);
    expect(Array.from(p.colUpper)).toEqual([40, 7, 40, 40]); // columns are product-major: chair 1, chair 2, table 1, table 2
    expect(Array.from(p.colCost)).toEqual([45, 45, 60, 60]);
    // The solution speaks of the changed problem, by family and key.
    expect(run.solution.compiled.problem.rowUpper[0]).toBe(600);
    expect(run.solution.run.options['analysis']).toEqual({ path: 'rebuild', changes: 7 });
    a.reset();
    await a.solve();
    const q = solver.calls.at(-1)!.problem;
    expect(Array.from(q.rowUpper)).toEqual([500, 400, 60, 60, Infinity]);
    expect(Array.from(q.colCost)).toEqual([45, 45, 120, 120]);
    expect(Array.from(a.compiled.problem.rowUpper)).toEqual([500, 400, 60, 60, Infinity]);
  });

  it('analysis/bad-changes-are-refused-with-typed-errors', async () => {
    const { m } = model();
    const a = await openAnalysis(m, { solver: mock() });
    await expectCode(() => a.apply({ rhs: 'wood', key: 1, by: 1, scale: 2 }), 'INVALID_ARGUMENT', 'exactly one of set, by or scale');
    await expectCode(() => a.apply({ rhs: 'wood', key: 1 }), 'INVALID_ARGUMENT', 'exactly one of set, by or scale');
    await expectCode(() => a.apply({ rhs: 'mix', key: 1, set: 3 }), 'INVALID_ARGUMENT', 'ranged', 'rowBounds');
    await expectCode(() => a.apply({ rhs: 'wood', key: 1, set: Number.NaN }), 'INVALID_NUMBER', 'wood[1]');
    await expectCode(() => a.apply({ rowBounds: 'wood', key: 1, lb: 5, ub: 1 }), 'INVALID_BOUNDS', 'lower bound 5 is above upper bound 1');
    await expectCode(() => a.apply({ bounds: 'make', key: ['chair', 1], lb: 50 }), 'INVALID_BOUNDS', 'make[chair,1]');
    await expectCode(() => a.apply({ cost: 'make', key: ['chair', 1], set: Number.POSITIVE_INFINITY }), 'INVALID_NUMBER', 'costs must be finite');
    await expectCode(() => a.apply({ nothing: 'wood' } as never), 'INVALID_ARGUMENT', 'rhs, rowBounds, bounds or cost');
    await expectCode(() => a.bottlenecks('wood', 0), 'INVALID_ARGUMENT', 'non-zero step');
    a.reset();
    a.setRhs('wood', 1, 10);
    await expectCode(a.whatIf({ rhs: 'wood', key: 2, by: 1 }), 'INVALID_STATE', 'reset() first');
    await expectCode(a.scenarios([{ name: 's' }]), 'INVALID_STATE', 'reset() first');
    a.reset();
    await expectCode(a.scenarios([{ name: 's' }, { name: 's' }]), 'DUPLICATE_KEY', "named 's'");
    await expectCode(a.scenarios([{ name: 's', changes: [], model: () => m }]), 'INVALID_ARGUMENT', 'both changes and a model');
    a.dispose();
    await expectCode(a.solve(), 'INVALID_STATE', 'disposed');
  });

  it('analysis/open-needs-a-solver', async () => {
    const { m } = model();
    await expectCode(openAnalysis(m, {} as never), 'INVALID_ARGUMENT', 'needs { solver }');
  });
});

describe('analysis/sensitivity-and-explain-refusals', () => {
  it('analysis/sensitivity-of-a-mip-needs-fixIntegers', async () => {
    const { m } = model({ integer: true });
    const a = await openAnalysis(m, { solver: mock() });
    await expectCode(a.sensitivity(), 'INVALID_STATE', 'fixIntegers: true');
  });

  it('analysis/sensitivity-needs-a-solver-with-duals', async () => {
    const { m } = model();
    const a = await openAnalysis(m, { solver: mock({ rowDuals: false }) });
    await expectCode(a.sensitivity(), 'UNSUPPORTED_FEATURE', 'reports no duals');
  });

  it('analysis/sensitivity-computes-reduced-costs-from-duals-when-the-solver-gives-none', async () => {
    const { m } = model();
    const solver = createMockSolver({
      capabilities: { reducedCosts: false },
      fallback: (p: StandardForm) => ({ colValues: new Array(p.numCols).fill(0), rowDuals: [3, 0, 0, 0, 0] }),
    });
    const a = await openAnalysis(m, { solver });
    const s = await a.sensitivity();
    expect(s.reducedCostsFrom).toBe('duals');
    // d = c − Aᵀy: chair in week 1 has wood 8 in row wood[1] (dual 3): 45 − 24.
    expect(s.column('make', ['chair', 1]).reducedCost).toBe(21);
    expect(s.column('make', ['table', 2]).reducedCost).toBe(120);
    expect(s.row('wood', 1)).toMatchObject({ dual: 3, slack: 500, binding: false, rhsRange: null });
    expect(s.bottlenecks.map((r) => r.key)).toEqual([1]);
  });

  it('analysis/explain-by-iis-needs-the-iis-capability', async () => {
    const { m } = model();
    const a = await openAnalysis(m, { solver: mock() });
    await expectCode(a.explain({ method: 'iis' }), 'UNSUPPORTED_FEATURE', "method 'elastic'");
    await expectCode(a.explain({ method: 'other' as never }), 'INVALID_ARGUMENT', "'auto', 'iis' or 'elastic'");
    // The mock answers 'optimal': nothing to explain.
    expect(await a.explain()).toMatchObject({ infeasible: false, method: 'none', rows: [] });
  });
});
