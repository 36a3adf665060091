import { describe, expect, it } from 'vitest';
import { Model, indexSource, sum, } from '../src/index.js';
import { rowIndex, rowTerms, scriptedSolver } from './helpers/scripted-solver.js';
import { expectCode } from './helpers/expect-code.js';

const products = [
  { id: 1, name: 'Chair', profit: 45, minDemand: 10, maxDemand: 100 },
  { id: 2, name: 'Table', profit: 120, minDemand: 5, maxDemand: 50 },
  { id: 3, name: 'Desk', profit: 200, minDemand: 3, maxDemand: 30 },
];


describe('variables', () => {
  it('variables/continuous-over-array-with-per-item-bounds', async () => {
    const m = new Model('t');
    const make = m.continuous('make', products, { lb: (p) => p.minDemand, ub: (p) => p.maxDemand });
    const { problem } = await m.compile();
    expect(problem.numCols).toBe(3);
    expect(Array.from(problem.colLower)).toEqual([10, 5, 3]);
    expect(Array.from(problem.colUpper)).toEqual([100, 50, 30]);
    expect(problem.colName(1)).toBe('make[2]');
    expect(make.get(3).column).toBe(2);
    expect(make.of(products[0]!).column).toBe(0);
  });

  it('variables/types-and-default-bounds', async () => {
    const m = new Model();
    m.continuous('x', ['a', 'b']);
    m.integer('n', [1, 2, 3], { ub: 9 });
    m.binary('y', [{ id: 'p' }]);
    const { problem } = await m.compile();
    expect(Array.from(problem.colIntegral)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(Array.from(problem.colUpper)).toEqual([Infinity, Infinity, 9, 9, 9, 1]);
    expect(problem.colName(5)).toBe('y[p]');
  });

  it('variables/empty-source-gives-zero-variables', async () => {
    const m = new Model();
    const x = m.continuous('x', [] as { id: number }[]);
    m.constraint('c', x.sum().le(3));
    m.minimize(x.sum());
    const { problem } = await m.compile();
    expect(problem.numCols).toBe(0);
    expect(problem.numRows).toBe(1);
    expect(x.size).toBe(0);
  });

  it('variables/iterables-async-iterables-and-index-sources-load-once', async () => {
    let loads = 0;
    const src = indexSource('table products', async () => {
      loads++;
      return products;
    });
    async function* gen() {
      yield { id: 'a' };
      yield { id: 'b' };
    }
    const m = new Model();
    const a = m.continuous('a', src);
    const b = m.integer('b', src, { where: (p) => p.profit > 100 });
    const c = m.continuous('c', gen());
    const d = m.continuous('d', new Set([5, 6, 7]));
    m.constraints('per_product', src, (p) => a.get(p.id).plus(b.has(p.id) ? b.get(p.id) : 0).le(p.maxDemand));
    m.maximize(() => sum([a.sum(), b.sum(), c.sum(), d.sum()]));
    const { problem } = await m.compile();
    expect(loads).toBe(1);
    expect(problem.numCols).toBe(3 + 2 + 2 + 3);
    expect(problem.numRows).toBe(3);
    expect(rowTerms(problem, 2)).toEqual({ 'a[3]': 1, 'b[3]': 1 });
  });

  it('variables/async-family-used-before-build-says-how-to-fix', async () => {
    const m = new Model();
    const a = m.continuous('a', indexSource('q', async () => products));
    await expectCode(() => a.sum(), 'INVALID_STATE', 'constraint callbacks or objective functions');
  });

  it('variables/duplicate-key-names-family-and-key', async () => {
    const m = new Model();
    m.continuous('make', [{ id: 1 }, { id: 2 }, { id: 1 }]);
    await expectCode(m.compile(), 'DUPLICATE_KEY', "'make'", 'key 1');
  });

  it('variables/lower-above-upper-names-family-and-key', async () => {
    const m = new Model();
    m.continuous('make', products, { lb: (p) => (p.id === 2 ? 60 : 0), ub: (p) => p.maxDemand });
    await expectCode(m.compile(), 'INVALID_BOUNDS', 'make[2]', '60', '50');
  });

  it('variables/nan-bound-names-family-and-key', async () => {
    const m = new Model();
    m.continuous('make', products, { ub: (p) => (p.id === 3 ? Number.NaN : 1) });
    await expectCode(m.compile(), 'INVALID_NUMBER', 'make[3]');
  });

  it('variables/binary-bounds-outside-0-1-rejected', async () => {
    const m = new Model();
    m.binary('open', [1, 2], { ub: 2 });
    await expectCode(m.compile(), 'INVALID_BOUNDS', 'open[1]');
  });

  it('variables/item-without-id-needs-key-function', async () => {
    const m = new Model();
    m.continuous('x', [{ sku: 'a' }]);
    await expectCode(m.compile(), 'INVALID_ARGUMENT', 'key function');
    const m2 = new Model();
    const x = m2.continuous('x', [{ sku: 'a' }], { key: (r) => r.sku });
    expect(x.get('a').column).toBe(0);
  });

  it('variables/unknown-key-is-a-typed-error', async () => {
    const m = new Model();
    const x = m.continuous('x', products);
    await expectCode(() => x.get(99), 'UNKNOWN_KEY', "'x'", '99');
  });
});

describe('names', () => {
  it('names/empty-or-malformed-rejected', async () => {
    const m = new Model();
    await expectCode(() => m.continuous('', [1]), 'INVALID_NAME');
    await expectCode(() => m.continuous('x[1]', [1]), 'INVALID_NAME');
    await expectCode(() => m.constraints(' ', [1], () => null), 'INVALID_NAME');
  });

  it('names/clash-between-families-rejected', async () => {
    const m = new Model();
    m.continuous('x', [1]);
    await expectCode(() => m.binary('x', [2]), 'INVALID_NAME', "already has a family named 'x'");
    await expectCode(() => m.constraints('x', [1], () => null), 'INVALID_NAME');
  });
});

describe('expressions', () => {
  it('expr/duplicates-add-up-never-overwrite', async () => {
    const m = new Model();
    const x = m.continuous('x', [1, 2]);
    const e = x.get(1).plus(x.get(1).times(2)).plus(x.get(2)).minus(x.get(2));
    m.constraint('c', e.le(5));
    const { problem } = await m.compile();
    expect(rowTerms(problem, 0)).toEqual({ 'x[1]': 3 });
  });

  it('expr/constant-moves-to-the-bounds', async () => {
    const m = new Model();
    const x = m.continuous('x', [1]);
    m.constraint('le', x.get(1).plus(4).le(10));
    m.constraint('ge', x.get(1).times(2).minus(1).ge(x.get(1).plus(3)));
    m.constraint('rng', x.get(1).plus(1).between(2, 7));
    const { problem: p } = await m.compile();
    expect([p.rowLower[0], p.rowUpper[0]]).toEqual([-Infinity, 6]);
    expect(rowTerms(p, 1)).toEqual({ 'x[1]': 1 });
    expect([p.rowLower[1], p.rowUpper[1]]).toEqual([4, Infinity]);
    expect([p.rowLower[2], p.rowUpper[2]]).toEqual([1, 6]);
  });

  it('expr/filtered-sum-with-coefficients', async () => {
    const m = new Model();
    const make = m.continuous('make', products);
    m.constraint('big', make.sumWhere((p) => p.profit > 100, (p) => p.maxDemand).le(9));
    const { problem } = await m.compile();
    expect(rowTerms(problem, 0)).toEqual({ 'make[2]': 50, 'make[3]': 30 });
  });

  it('expr/changing-an-expression-later-leaves-its-constraints-alone', async () => {
    const m = new Model();
    const x = m.continuous('x', [1, 2]);
    const e = x.get(1).toExpr();
    m.constraint('a', e.le(3));
    e.add(x.get(2), 5);
    m.constraint('b', e.between(0, 9));
    e.add(x.get(1));
    const { problem } = await m.compile();
    expect(rowTerms(problem, 0)).toEqual({ 'x[1]': 1 });
    expect(rowTerms(problem, 1)).toEqual({ 'x[1]': 1, 'x[2]': 5 });
  });

  it('expr/scale-negate-add-in-place', () => {
    const m = new Model();
    const x = m.continuous('x', [1, 2]);
    const e = sum([x.get(1), x.get(2).times(3), 5]);
    const n = e.neg();
    expect(n.constant).toBe(-5);
    expect(e.constant).toBe(5);
    const acc = x.sum();
    acc.add(e, 2);
    expect(acc.evaluate([1, 10])).toBe(1 + 10 + 2 * (1 + 30 + 5));
    expect(n.times(2).evaluate([1, 1])).toBe(-18);
  });

  it('expr/variable-of-another-model-rejected', async () => {
    const m1 = new Model('a');
    const m2 = new Model('b');
    const x = m1.continuous('x', [1]);
    const y = m2.continuous('y', [1]);
    await expectCode(() => x.get(1).plus(y.get(1)), 'FOREIGN_VARIABLE');
    m2.constraint('c', x.get(1).le(1));
    await expectCode(m2.compile(), 'FOREIGN_VARIABLE');
    const m3 = new Model('c');
    m3.continuous('z', [1]);
    m3.minimize(x.sum());
    await expectCode(m3.compile(), 'FOREIGN_VARIABLE');
  });
});

describe('constraints', () => {
  it('constraints/one-row-per-item-with-keys-and-skips', async () => {
    const m = new Model();
    const make = m.continuous('make', products);
    m.constraints('min_demand', products, (p) => (p.minDemand > 4 ? make.of(p).ge(p.minDemand) : null));
    const { problem, row } = await m.compile();
    expect(problem.numRows).toBe(2);
    expect(problem.rowName(1)).toBe('min_demand[2]');
    expect(row(1)).toMatchObject({ family: 'min_demand', key: 2, item: products[1] });
  });

  it('constraints/nan-coefficient-names-family-and-key', async () => {
    const m = new Model();
    const make = m.continuous('make', products);
    const machines = [{ id: 'cut', hours: 80 }];
    m.constraints('machine_hours', machines, (mc) => make.sum((p) => (p.id === 2 ? Number.NaN : 1)).le(mc.hours));
    await expectCode(m.compile(), 'INVALID_NUMBER', 'make[2]', 'machine_hours[cut]');
  });

  it('constraints/nan-rhs-names-the-row', async () => {
    const m = new Model();
    const make = m.continuous('make', products);
    m.constraints('cap', products, (p) => make.of(p).le(p.id === 1 ? Number.NaN : 1));
    await expectCode(m.compile(), 'INVALID_NUMBER', 'cap[1]');
  });

  it('constraints/infinite-objective-coefficient-names-the-column', async () => {
    const m = new Model();
    const make = m.continuous('make', products);
    m.maximize(make.sum((p) => (p.id === 3 ? Infinity : 1)));
    await expectCode(m.compile(), 'INVALID_NUMBER', 'make[3]');
  });

  it('constraints/duplicate-row-key-rejected', async () => {
    const m = new Model();
    const x = m.continuous('x', [1]);
    m.constraints('c', [{ id: 1 }, { id: 1 }], () => x.sum().le(1));
    await expectCode(m.compile(), 'DUPLICATE_KEY', "'c'");
  });

  it('constraints/callback-must-return-a-constraint', async () => {
    const m = new Model();
    m.continuous('x', [1]);
    m.constraints('c', [1], () => true as never);
    await expectCode(m.compile(), 'INVALID_ARGUMENT', 'expected a Constraint');
  });

  it('constraints/errors-inside-callbacks-name-the-row', async () => {
    const m = new Model();
    const x = m.continuous('x', [1]);
    m.constraints('c', [{ id: 7 }], () => x.get(42).le(1));
    await expectCode(m.compile(), 'UNKNOWN_KEY', "Constraint family 'c', row 7", '42');
  });
});

describe('objective', () => {
  it('objective/max-with-constant', async () => {
    const m = new Model();
    const make = m.continuous('make', products);
    m.maximize(make.sum((p) => p.profit).plus(7).plus(make.get(1)));
    const { problem } = await m.compile();
    expect(problem.sense).toBe('max');
    expect(problem.objectiveOffset).toBe(7);
    expect(Array.from(problem.colCost)).toEqual([46, 120, 200]);
  });
});

describe('products', () => {
  const lectures = [
    { id: 1, teacherId: 'T1', classId: 'A', size: 25 },
    { id: 2, teacherId: 'T1', classId: 'B', size: 28 },
    { id: 3, teacherId: 'T2', classId: 'A', size: 25 },
  ];
  const slots = [{ id: 10 }, { id: 11 }];
  const rooms = [
    { id: 'R1', capacity: 30 },
    { id: 'R2', capacity: 26 },
    { id: 'Lab', capacity: 0 },
  ];

  function build() {
    const m = new Model('tt');
    const assign = m.binary('assign', { lecture: lectures, slot: slots, room: rooms }, {
      filter: { room: (r) => r.capacity > 0 },
      where: ({ lecture, room }) => lecture.size <= room.capacity,
    });
    return { m, assign };
  }

  it('product/dimension-and-cross-filters', async () => {
    const { m, assign } = build();
    // lecture 2 (28) fits R1 only; lectures 1, 3 fit R1 and R2; Lab filtered out.
    expect(assign.size).toBe((1 + 2 + 2) * 2);
    expect(assign.has([2, 10, 'R2'])).toBe(false);
    expect(assign.get([1, 11, 'R2']).name).toBe('assign[1,11,R2]');
    expect(assign.get({ lecture: lectures[0], slot: slots[1], room: rooms[1] }).name).toBe('assign[1,11,R2]');
    const { problem } = await m.compile();
    expect(problem.numCols).toBe(10);
  });

  it('product/selective-sums-equal-a-brute-force-filter', async () => {
    const { m, assign } = build();
    for (const l of lectures) m.constraints(`once_${l.id}`, [l], () => assign.sum({ lecture: l }).eq(1));
    m.constraints('room_slot', slots.flatMap((s) => rooms.map((r) => ({ id: `${s.id}-${r.id}`, s, r }))), ({ s, r }) =>
      assign.sum({ slot: s.id, room: r }).le(1),
    );
    const { problem: p } = await m.compile();
    const brute = (pred: (k: (string | number)[]) => boolean) =>
      assign
        .keys()
        .filter((k) => pred(k as (string | number)[]))
        .map((k) => `assign[${(k as unknown[]).join(',')}]`)
        .sort();
    for (const l of lectures) expect(Object.keys(rowTerms(p, rowIndex(p, `once_${l.id}[${l.id}]`))).sort()).toEqual(brute((k) => k[0] === l.id));
    for (const s of slots)
      for (const r of rooms) {
        const terms = Object.keys(rowTerms(p, rowIndex(p, `room_slot[${s.id}-${r.id}]`))).sort();
        expect(terms).toEqual(brute((k) => k[1] === s.id && k[2] === r.id));
      }
  });

  it('product/selective-sum-touches-only-selected-items', () => {
    const { assign } = build();
    let calls = 0;
    const e = assign.sum({ lecture: 2 }, () => {
      calls++;
      return 2;
    });
    expect(calls).toBe(2);
    expect(e.length).toBe(2);
    expect(assign.sum({ lecture: 99 }).length).toBe(0);
  });

  it('product/unknown-dimension-rejected', async () => {
    const { assign } = build();
    await expectCode(() => assign.sum({ teacher: 'T1' }), 'INVALID_ARGUMENT', "no dimension 'teacher'", 'lecture, slot, room');
  });

  it('product/group-by-derived-key-as-row-source', async () => {
    const { m, assign } = build();
    const byTeacherSlot = assign.groupBy(({ lecture, slot }) => [lecture.teacherId, slot.id]);
    m.constraints('teacher_clash', byTeacherSlot, (g) => g.sum().le(1));
    const { problem: p } = await m.compile();
    expect(p.numRows).toBe(4);
    const row = rowTerms(p, rowIndex(p, 'teacher_clash[T1,10]'));
    expect(Object.keys(row).sort()).toEqual(['assign[1,10,R1]', 'assign[1,10,R2]', 'assign[2,10,R1]']);
    expect(byTeacherSlot.get(['T2', 11])!.size).toBe(2);
    expect(byTeacherSlot.get(['T3', 11])).toBeUndefined();
  });

  it('product/group-by-declared-before-async-load', async () => {
    let loads = 0;
    const m = new Model();
    const assign = m.binary('assign', {
      lecture: indexSource('lectures', async () => {
        loads++;
        return lectures;
      }),
      slot: slots,
    });
    const byClass = assign.groupBy(({ lecture, slot }) => [lecture.classId, slot.id]);
    m.constraints('class_clash', byClass, (g) => g.sum().le(1));
    m.minimize(() => assign.sum());
    const { problem } = await m.compile();
    expect(loads).toBe(1);
    expect(problem.numRows).toBe(4);
    expect(problem.value.length).toBe(6);
  });
});

describe('solution', () => {
  it('solution/values-duals-reduced-costs-by-key-and-item', async () => {
    const m = new Model('production');
    const make = m.continuous('make', products, { lb: (p) => p.minDemand, ub: (p) => p.maxDemand });
    m.constraint('wood', make.sum((p) => [8, 25, 35][p.id - 1]!).le(500));
    m.maximize(make.sum((p) => p.profit));
    const solver = scriptedSolver((p) => ({
      objective: 2735.714285714286,
      colValues: Float64Array.from([10, 5, 59 / 7]),
      rowDuals: Float64Array.from([40 / 7]),
      reducedCosts: Float64Array.from([45 - 8 * (40 / 7), 120 - 25 * (40 / 7), 0]),
      rowActivities: Float64Array.from([500]),
      stats: { solveMs: 3, iterations: 2 },
      hasSolution: p.numCols === 3,
    }));
    const sol = await m.solve({ solver, timeLimit: 5, log: () => {} });
    expect(sol.status).toBe('optimal');
    expect(sol.objective).toBeCloseTo(2735.714285714286, 9);
    expect(sol.value(make, 3)).toBeCloseTo(59 / 7, 12);
    expect(sol.value(make, products[0])).toBe(10);
    expect(sol.values(make).get(2)).toBe(5);
    expect(sol.entries(make, (v) => v > 6).map((e) => e.item.name)).toEqual(['Chair', 'Desk']);
    expect(sol.dual('wood')).toBeCloseTo(5.714285714, 8);
    expect(sol.reducedCost(make, 1)).toBeCloseTo(-0.714285714, 8);
    expect(sol.value(make.sum((p) => p.profit))).toBeCloseTo(2735.714285714286, 9);
    expect(sol.activity('wood')).toBe(500);
    expect(sol.run).toMatchObject({ modelName: 'production', solver: 'scripted', numVariables: 3, numConstraints: 1, numNonzeros: 3, options: { timeLimit: 5 } });
    expect(sol.run.options).not.toHaveProperty('log');
    // The solver gets what the build left of the limit; the run record keeps the limit given.
    expect(solver.calls[0]!.options.timeLimit).toBeGreaterThan(4);
    expect(solver.calls[0]!.options.timeLimit).toBeLessThanOrEqual(5);
    await expectCode(() => sol.dual('wood', 3), 'UNKNOWN_KEY', 'single constraint');
    await expectCode(() => sol.dual('nope'), 'UNKNOWN_KEY', "'nope'");
  });

  it('solution/infeasible-is-a-status-and-values-say-why-not', async () => {
    const m = new Model();
    const x = m.continuous('x', [1]);
    m.constraint('c', x.sum().ge(5));
    const sol = await m.solve({ solver: scriptedSolver(() => ({ status: 'infeasible', hasSolution: false, objective: null, colValues: null })) });
    expect(sol.status).toBe('infeasible');
    expect(sol.objective).toBeNull();
    expect(sol.run.objective).toBeNull();
    await expectCode(() => sol.value(x, 1), 'NO_SOLUTION', 'infeasible');
    await expectCode(() => sol.dual('c'), 'NO_SOLUTION');
  });

  it('solution/product-values-by-tuple-key', async () => {
    const m = new Model();
    const a = m.binary('a', { i: [1, 2], j: ['x', 'y'] });
    const sol = await m.solve({ solver: scriptedSolver(() => ({ colValues: Float64Array.from([0, 1, 1, 0]) })) });
    expect(sol.value(a, [1, 'y'])).toBe(1);
    expect(sol.entries(a, (v) => v > 0.5).map((e) => e.key)).toEqual([
      [1, 'y'],
      [2, 'x'],
    ]);
    expect(sol.entries(a)[2]!.item).toEqual({ i: 2, j: 'x' });
  });
});

describe('solve', () => {
  it('solve/needs-a-solver-instance', async () => {
    const m = new Model();
    m.continuous('x', [1]);
    await expectCode(m.solve({ solver: 'highs' as never }), 'INVALID_ARGUMENT', "the name 'highs'", "resolveSolver('highs')", '@lumix/solver-runtime');
    await expectCode((m.solve as (o?: unknown) => Promise<unknown>)(), 'INVALID_ARGUMENT', 'got no solver', 'createHighsSolver()');
  });

  it('solve/capabilities-checked-before-solving', async () => {
    const m = new Model();
    m.integer('n', [1]);
    const lpOnly = scriptedSolver(() => ({}), {});
    await expectCode(m.solve({ solver: lpOnly }), 'UNSUPPORTED_FEATURE', 'integer variables');
    expect(lpOnly.calls.length).toBe(0);
    const m2 = new Model();
    m2.continuous('x', [1]);
    await expectCode(m2.solve({ solver: lpOnly, timeLimit: 3 }), 'UNSUPPORTED_FEATURE', 'time limit');
    await expectCode(m2.solve({ solver: scriptedSolver(() => ({})), timeLimit: -1 }), 'INVALID_ARGUMENT', 'timeLimit');
  });

  it('solve/time-limit-counts-the-build', async () => {
    // A build that takes 80 ms (a bound callback that waits) under a 30 ms limit: the solver is
    // still called, so the options are checked, but with a token limit; under a 60 s limit it
    // gets what is left.
    const slowModel = () => {
      const m = new Model('slow');
      // An async source: the family is expanded (and the callback called) by the build.
      const x = m.continuous('x', indexSource('two', async () => [1, 2]), {
        ub: () => {
          const until = performance.now() + 40;
          while (performance.now() < until) {
            // busy: the build is measurably slow
          }
          return 10;
        },
      });
      m.maximize(() => x.sum());
      return m;
    };
    const solver = scriptedSolver(() => ({ colValues: Float64Array.from([10, 10]) }));
    const tight = await slowModel().solve({ solver, timeLimit: 0.03 });
    expect(solver.calls[0]!.options.timeLimit).toBe(1e-6);
    expect(tight.run.options).toMatchObject({ timeLimit: 0.03 });
    expect(tight.run.buildMs).toBeGreaterThanOrEqual(80);
    await slowModel().solve({ solver, timeLimit: 60 });
    const given = solver.calls[1]!.options.timeLimit!;
    expect(given).toBeLessThanOrEqual(60 - 0.08);
    expect(given).toBeGreaterThan(50);
    // Without a limit nothing is added.
    await slowModel().solve({ solver });
    expect(solver.calls[2]!.options).not.toHaveProperty('timeLimit');
  });
});
