// Declarations, names and refusals of the linearisation helpers (no solver: compile() only).
// Their optimality against brute force, with HiGHS and GLPK, is in
// tests/integration/test/linearize-brute-force.test.ts.
import { describe, expect, it } from 'vitest';
import { Model, abs, and, indicator, indexSource, max, min, or, piecewise, product, } from '../src/index.js';
import { expectCode } from './helpers/expect-code.js';


const products = [
  { id: 'P1', target: 10 },
  { id: 'P2', target: 20 },
];

function names(count: number, name: (i: number) => string): string[] {
  return Array.from({ length: count }, (_, i) => name(i));
}

describe('linearize: names and shapes', () => {
  it('abs over a source names its columns and rows after the family and key', async () => {
    const m = new Model();
    const make = m.continuous('make', products, { ub: 100 });
    const gap = abs(m, 'gap', products, (p) => make.get(p).minus(p.target));
    m.minimize(() => gap.sum());
    const { problem } = await m.compile();
    const cols = names(problem.numCols, (j) => problem.colName(j));
    const rows = names(problem.numRows, (i) => problem.rowName(i));
    expect(cols).toEqual(expect.arrayContaining(['gap[P1]', 'gap.plus[P2]', 'gap.minus[P1]', 'gap.sign[P2]']));
    expect(rows).toEqual(expect.arrayContaining(['gap.split[P1]', 'gap.sum[P2]', 'gap.plusMax[P1]', 'gap.minusMax[P2]']));
    expect(gap.get('P1').name).toBe('gap[P1]');
    // the big-M of the positive side is U = 100 - 10 = 90, of the negative side -L = 10
    const plusMax = rows.indexOf('gap.plusMax[P1]');
    const sign = cols.indexOf('gap.sign[P1]');
    const k = Array.from(problem.colIndex.subarray(problem.rowStart[plusMax]!, problem.rowStart[plusMax + 1]!)).indexOf(sign);
    expect(problem.value[problem.rowStart[plusMax]! + k]).toBe(-90);
    const minusMax = rows.indexOf('gap.minusMax[P1]');
    expect(problem.rowUpper[minusMax]).toBe(10);
  });

  it('abs of an expression that never goes negative needs no upper bound', async () => {
    const m = new Model();
    const x = m.variable('x'); // [0, ∞)
    const t = abs(m, 't', x.plus(1));
    m.minimize(t);
    const { problem } = await m.compile();
    const rows = names(problem.numRows, (i) => problem.rowName(i));
    expect(rows.some((r) => r.startsWith('t.plusMax'))).toBe(false);
    expect(rows.some((r) => r.startsWith('t.minusMax'))).toBe(true);
  });

  it('min, max, and, or, product and piecewise name their parts by key and position', async () => {
    const m = new Model();
    const x = m.integer('x', products, { lb: -5, ub: 5 });
    const b = m.binary('b', products);
    min(m, 'lo', products, (p) => [x.get(p), p.target]);
    max(m, 'hi', () => [x.get('P1'), x.get('P2')]);
    and(m, 'both', () => [b.get('P1'), b.get('P2')]);
    or(m, 'either', products, (p) => [b.get(p)]);
    product(m, 'bx', products, (p) => [b.get(p), x.get(p)]);
    piecewise(m, 'cost', products, (p) => ({ x: x.get(p), points: [[-5, 0], [0, 1], [5, 0]] }));
    const { problem } = await m.compile();
    const cols = names(problem.numCols, (j) => problem.colName(j));
    const rows = names(problem.numRows, (i) => problem.rowName(i));
    expect(cols).toEqual(expect.arrayContaining(['lo[P1]', 'lo.pick[P1,0]', 'lo.pick[P1,1]', 'hi[hi]', 'both[both]', 'either[P2]', 'bx[P1]', 'cost[P2]', 'cost.fill[P2,1]', 'cost.order[P1,0]']));
    expect(rows).toEqual(expect.arrayContaining(['lo.bound[P1,1]', 'lo.tight[P2,0]', 'lo.one[P1]', 'both.each[both,1]', 'both.all[both]', 'either.any[P1]', 'bx.lbx[P2]', 'cost.x[P1]', 'cost.y[P1]', 'cost.next[P1,0]', 'cost.prev[P2,0]']));
    expect(cols).not.toContain('cost.order[P1,1]'); // three breakpoints: two segments, one inner breakpoint
  });

  it('a model built again reads the helper arguments again (nothing cached across builds)', async () => {
    const m = new Model();
    const x = m.continuous('x', ['a'], { ub: 10 });
    const data = { target: 4 };
    abs(m, 'd', () => x.get('a').minus(data.target));
    min(m, 'lo', () => [x.get('a'), data.target]);
    const rhs = async (row: string) => {
      const { problem } = await m.compile();
      const i = Array.from({ length: problem.numRows }, (_, k) => problem.rowName(k)).indexOf(row);
      return problem.rowLower[i];
    };
    expect(await rhs('d.split[d]')).toBe(4);
    expect(await rhs('lo.bound[lo,1]')).toBe(-Infinity);
    data.target = 7;
    expect(await rhs('d.split[d]')).toBe(7);
    const { problem } = await m.compile();
    const i = Array.from({ length: problem.numRows }, (_, k) => problem.rowName(k)).indexOf('lo.bound[lo,1]');
    expect(problem.rowUpper[i]).toBe(7); // y − 7 ≤ 0
  });

  it('works over an async source, loaded when the model is built', async () => {
    const m = new Model();
    const src = indexSource('products', async () => products);
    const make = m.continuous('make', src, { ub: 50 });
    const gap = abs(m, 'gap', src, (p) => make.get(p).minus(p.target), { where: (p) => p.id !== 'P2' });
    m.minimize(() => gap.sum());
    const { problem } = await m.compile();
    const cols = names(problem.numCols, (j) => problem.colName(j));
    expect(cols).toContain('gap.sign[P1]');
    expect(cols).not.toContain('gap.sign[P2]');
  });
});

describe('linearize: refusals', () => {
  it('abs of an expression with a free variable names the variable and its missing bound', async () => {
    const m = new Model();
    const x = m.continuous('x', ['a', 'b'], { lb: -Infinity, ub: 4 });
    abs(m, 'dev', () => x.get('a').minus(x.get('b')));
    await expectCode(m.compile(), 'INVALID_BOUNDS', "abs 'dev'", 'upper bound on its expression', 'x[b] (lower bound -Infinity)');
  });

  it('indicator refuses an infinite big-M and a non-binary condition', async () => {
    const m = new Model();
    const ship = m.continuous('ship', products); // ub +∞
    const open = m.binary('open', products);
    indicator(m, 'closed', products, (p) => ({ when: open.get(p), is: 0, enforce: ship.get(p).le(0) }));
    await expectCode(m.compile(), 'INVALID_BOUNDS', "indicator 'closed'[P1]", 'ship[P1]', 'upper bound Infinity');

    const m2 = new Model();
    const y = m2.continuous('y', ['a'], { ub: 1 });
    const z = m2.continuous('z', ['a'], { ub: 3 });
    indicator(m2, 'bad', { when: y.get('a'), enforce: z.get('a').le(1) });
    await expectCode(m2.compile(), 'INVALID_ARGUMENT', 'y[a] is not binary');
  });

  it('indicator with bounds that already imply the row adds no row', async () => {
    const m = new Model();
    const x = m.continuous('x', ['a'], { ub: 3 });
    const on = m.binary('on', ['a']);
    indicator(m, 'cap', { when: on.get('a'), enforce: x.get('a').le(5) });
    const { problem } = await m.compile();
    expect(problem.numRows).toBe(0);
  });

  it('product refuses an unbounded factor; min refuses an empty list; piecewise refuses bad breakpoints', async () => {
    const m = new Model();
    const b = m.binary('b', ['a']);
    const x = m.continuous('x', ['a']);
    product(m, 'bx', b.get('a'), x.get('a'));
    await expectCode(m.compile(), 'INVALID_BOUNDS', 'x[a]');

    const m2 = new Model();
    min(m2, 'lo', () => []);
    await expectCode(m2.compile(), 'INVALID_ARGUMENT', "min 'lo'", 'non-empty');

    for (const points of [[[0, 0]], [[0, 0], [0, 1]], [[0, 0], [1, Number.NaN]]] as [number, number][][]) {
      const m3 = new Model();
      const v = m3.continuous('v', ['a'], { ub: 1 });
      piecewise(m3, 'f', { x: v.get('a'), points });
      await expectCode(m3.compile(), 'INVALID_ARGUMENT', "piecewise 'f'");
    }
  });

  it('and / or refuse a non-binary operand; helpers refuse unknown options and names already taken', async () => {
    const m = new Model();
    const n = m.integer('n', ['a'], { ub: 3 });
    and(m, 'all', () => [n.get('a')]);
    await expectCode(m.compile(), 'INVALID_ARGUMENT', 'n[a] is not binary');

    const m2 = new Model();
    const x = m2.continuous('x', products, { ub: 1 });
    expect(() => abs(m2, 'g', products, (p) => x.get(p), { cost: 1 } as never)).toThrow(/unknown option 'cost'/);
    m2.continuous('h.plus', ['a']);
    await expectCode(() => abs(m2, 'h', products, (p) => x.get(p)), 'INVALID_NAME', 'h.plus');
  });
});
