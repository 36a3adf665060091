// The build's fast paths must give the same problem as the general ones: selections in a full
// product (column numbers from strides) against a filtered product (selection index), group keys
// combined into numbers against keys of any other shape, rows copied as they are (one family
// sum) against rows merged term by term. Each is checked against a brute-force recount.
import { describe, expect, it } from 'vitest';
import { Model, type StandardForm } from '../src/index.js';
import { seededRandom } from '../src/testing/index.js';
import { expectCode } from './helpers/expect-code.js';

interface A { id: number; w: number }
interface B { id: string }
interface C { id: number }

function data(seed: number, na: number, nb: number, nc: number) {
  const r = seededRandom(seed);
  const as: A[] = Array.from({ length: na }, (_, i) => ({ id: i * 3, w: Math.floor(r() * 5) }));
  const bs: B[] = Array.from({ length: nb }, (_, i) => ({ id: `b${i}` }));
  const cs: C[] = Array.from({ length: nc }, (_, i) => ({ id: 100 + i }));
  return { as, bs, cs };
}

/** Row `i` of a problem as a map column name -> coefficient. */
function rowTerms(p: StandardForm, i: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let k = p.rowStart[i]!; k < p.rowStart[i + 1]!; k++) out.set(p.colName(p.colIndex[k]!), p.value[k]!);
  return out;
}

/** The column names a row should hold: every kept combination matching `pick`. */
function expected(keys: ReadonlyArray<readonly [number, string, number]>, pick: (k: readonly [number, string, number]) => boolean): string[] {
  return keys.filter(pick).map((k) => `x[${k.join(',')}]`).sort();
}

describe('build fast paths against recounts', () => {
  for (const filtered of [false, true]) {
    it(`build-paths/selections-of-a-${filtered ? 'filtered' : 'full'}-product-list-exactly-the-matching-columns`, async () => {
      const { as, bs, cs } = data(3, 7, 5, 4);
      const m = new Model('sel');
      const x = m.continuous('x', { a: as, b: bs, c: cs }, filtered ? { where: ({ a, c }) => (a.w + c.id) % 3 !== 0 } : undefined);
      const byA = m.constraints('byA', as, (a) => x.sum({ a }).le(10));
      const byC = m.constraints('byC', cs, (c) => x.sum({ c }).le(10));
      const pairs = as.flatMap((a) => cs.map((c) => ({ id: `${a.id}-${c.id}`, a, c })));
      const byAC = m.constraints('byAC', pairs, (p) => x.sum({ a: p.a, c: p.c }).le(10));
      const byBC = m.constraints('byBC', bs.flatMap((b) => cs.map((c) => ({ id: `${b.id}-${c.id}`, b, c }))), (p) => x.sum({ c: p.c, b: p.b }).le(10));
      const { problem } = await m.compile();
      const keys = x.keys() as unknown as Array<readonly [number, string, number]>;
      expect(keys.length).toBe(as.length * bs.length * cs.length - (filtered ? countDropped(as, bs, cs) : 0));
      const check = (fam: { items(): unknown[] }, rowOf: (item: never) => number, pick: (item: never) => (k: readonly [number, string, number]) => boolean) => {
        for (const item of fam.items() as never[]) {
          const terms = rowTerms(problem, rowOf(item));
          expect([...terms.keys()].sort()).toEqual(expected(keys, pick(item)));
          for (const v of terms.values()) expect(v).toBe(1);
        }
      };
      check(byA, (a: A) => byA.items().indexOf(a), (a: A) => (k) => k[0] === a.id);
      check(byC, (c: C) => byA.size + byC.items().indexOf(c), (c: C) => (k) => k[2] === c.id);
      check(byAC, (p: (typeof pairs)[number]) => byA.size + byC.size + byAC.items().indexOf(p), (p: (typeof pairs)[number]) => (k) => k[0] === p.a.id && k[2] === p.c.id);
      expect(byBC.size).toBe(bs.length * cs.length);
      // With a coefficient: the same columns, each with its item's coefficient.
      const m2 = new Model('selcoef');
      const x2 = m2.continuous('x', { a: as, b: bs, c: cs }, filtered ? { where: ({ a, c }) => (a.w + c.id) % 3 !== 0 } : undefined);
      const weighted = m2.constraints('w', cs, (c) => x2.sum({ c }, (it) => it.a.w + 1).le(10));
      const p2 = (await m2.compile()).problem;
      for (const [i, c] of weighted.items().entries()) {
        const want = Object.fromEntries(
          (x2.items() as Array<{ a: A; b: B; c: C }>).filter((it) => it.c === c).map((it) => [`x[${it.a.id},${it.b.id},${it.c.id}]`, it.a.w + 1]),
        );
        expect(Object.fromEntries(rowTerms(p2, i))).toEqual(want);
      }
    });
  }

  it('build-paths/group-keys-of-every-shape-group-like-their-recount', async () => {
    const { as, bs, cs } = data(5, 6, 4, 5);
    expect(Math.max(...cs.map((c) => (c.id - 100) * 7000))).toBeGreaterThan(16384);
    // Pairs and triples of small integers are combined into numbers; the others (strings,
    // large numbers, a 4-tuple, a scalar) go through the general index. Both kinds in one grouping.
    const shapes: Array<(i: { a: A; b: B; c: C }) => unknown> = [
      ({ a, c }) => [a.w, c.id],
      ({ a, b, c }) => [a.w, Number(b.id.slice(1)), c.id % 7],
      ({ a, b }) => (a.w % 2 === 0 ? [a.w, 1] : [b.id, a.w]),
      ({ a, c }) => [a.id * 100_000, c.id],
      ({ a, c }) => [a.w, c.id, 1, 2],
      ({ b }) => b.id,
      ({ a, c }) => (a.w > 2 ? [a.w, c.id] : [a.w, c.id, 0]),
      // Pairs spread wide (rows of the pair table outgrow its budget: the rest spill to a Map).
      ({ a, c }) => [a.id, (c.id - 100) * 7000],
    ];
    for (const [s, keyOf] of shapes.entries()) {
      const m = new Model(`g${s}`);
      const x = m.binary('x', { a: as, b: bs, c: cs });
      const groups = x.groupBy(keyOf as never);
      const rows = m.constraints('g', groups, (g) => g.sum().le(1));
      const { problem } = await m.compile();
      const recount = new Map<string, string[]>();
      for (const item of x.items()) {
        const k = JSON.stringify(keyOf(item as never));
        const list = recount.get(k) ?? [];
        list.push(`x[${[item.a.id, item.b.id, item.c.id].join(',')}]`);
        recount.set(k, list);
      }
      expect(groups.size).toBe(recount.size);
      expect(rows.keys().map((k) => JSON.stringify(k))).toEqual([...recount.keys()]);
      for (const [i, k] of [...recount.keys()].entries()) {
        expect([...rowTerms(problem, i).keys()]).toEqual(recount.get(k));
        expect(groups.get(JSON.parse(k))?.size).toBe(recount.get(k)!.length);
      }
      expect(groups.get(['no such key'])).toBeUndefined();
    }
  });

  it('build-paths/a-grouping-made-inside-another-groupings-key-function-does-not-disturb-it', async () => {
    const { as, bs, cs } = data(9, 5, 3, 4);
    const m = new Model('nested');
    const x = m.binary('x', { a: as, b: bs, c: cs });
    // The inner groupings are computed while the outer one is half done.
    const inner = () => x.groupBy(({ c }) => [c.id % 2, 0]).size;
    const outer = x.groupBy(({ a, b }) => [a.w + inner() - 2, Number(b.id.slice(1))]);
    const before = x.groupBy(({ a, b }) => [a.w, Number(b.id.slice(1))]);
    expect(before.size).toBeGreaterThan(1); // computed first, before the nested ones
    const rows = m.constraints('g', outer, (g) => g.sum().le(1));
    await m.compile();
    expect(outer.size).toBe(before.size);
    for (const g of before) expect(outer.get(g.key)?.items()).toEqual(g.items());
    expect(rows.size).toBe(before.size);
  });

  it('build-paths/rows-with-repeated-columns-are-merged-and-zeros-dropped-beside-rows-copied-as-they-are', async () => {
    const m = new Model('merge');
    const x = m.continuous('x', [1, 2, 3, 4]);
    const y = m.continuous('y', ['p', 'q']);
    m.constraint('plain', x.sum().le(4));
    // x[1] twice (added up), x[2] - x[2] (cancels: dropped), y summed with a zero coefficient (skipped).
    m.constraint('mixed', () => x.get(1).plus(x.get(1)).plus(x.get(2)).minus(x.get(2)).plus(y.sum((k) => (k === 'p' ? 0 : 2))).le(9));
    m.constraint('weighted', () => x.sum((k) => k * 1.5).ge(1));
    // A row that shrinks when its zero is dropped, then rows over the same columns: marks left by
    // the first must not count in the next.
    m.constraint('shrinks', () => x.get(1).times(0).plus(x.get(2)).plus(x.get(3)).le(5));
    m.constraint('after', () => x.get(3).plus(x.get(2)).plus(x.get(3)).le(6));
    m.constraint('again', () => x.get(2).plus(x.get(4)).le(7));
    const { problem } = await m.compile();
    expect(Object.fromEntries(rowTerms(problem, 3))).toEqual({ 'x[2]': 1, 'x[3]': 1 });
    expect(Object.fromEntries(rowTerms(problem, 4))).toEqual({ 'x[3]': 2, 'x[2]': 1 });
    expect(Object.fromEntries(rowTerms(problem, 5))).toEqual({ 'x[2]': 1, 'x[4]': 1 });
    expect(Object.fromEntries(rowTerms(problem, 0))).toEqual({ 'x[1]': 1, 'x[2]': 1, 'x[3]': 1, 'x[4]': 1 });
    expect(Object.fromEntries(rowTerms(problem, 1))).toEqual({ 'x[1]': 2, 'y[q]': 2 });
    expect(Object.fromEntries(rowTerms(problem, 2))).toEqual({ 'x[1]': 1.5, 'x[2]': 3, 'x[3]': 4.5, 'x[4]': 6 });
    expect(problem.value.length).toBe(problem.rowStart[6]);
    expect(problem.colIndex.length).toBe(problem.value.length);
  });

  it('build-paths/sums-made-while-rows-are-produced-stay-intact-whatever-becomes-of-them', async () => {
    // Family sums made during the build live in the row storage: unused ones, kept ones, ones
    // reused in several rows, changed after use and zero-skipping ones must all come out right.
    const items = Array.from({ length: 6 }, (_, i) => ({ id: i, w: i % 3 }));
    const m = new Model('arena');
    const x = m.continuous('x', items);
    const y = m.continuous('y', { p: [1, 2], q: ['u', 'v', 'w'] });
    const kept: Array<{ expr: import('../src/index.js').Expr; value: number }> = [];
    let memo: import('../src/index.js').Expr | undefined;
    const point = Float64Array.from({ length: 12 }, (_, j) => j + 1);
    m.constraints('r', [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'e' }], (r) => {
      const unused = y.sum({ p: 1 }); // made and dropped: rows after it are not where it is
      kept.push({ expr: unused, value: unused.evaluate(point) });
      if (r.id === 'a') return x.sum((i) => i.w).le(3); // zeros skipped: the sum gives back its tail
      if (r.id === 'b') {
        memo ??= y.sum({ q: 'v' });
        return memo.le(1);
      }
      if (r.id === 'c') {
        const e = x.sum();
        const row = e.le(2);
        e.add(y.get([2, 'w']), 5); // changed after it became a row: the row keeps the old terms
        kept.push({ expr: e, value: e.evaluate(point) });
        return row;
      }
      if (r.id === 'd') return memo!.ge(0); // the same sum in a second row
      return y.sum({ p: 2 }).plus(x.sum((i) => (i.id < 2 ? 1 : 0))).eq(4);
    });
    const { problem } = await m.compile();
    const names = (i: number) => Object.fromEntries(rowTerms(problem, i));
    expect(names(0)).toEqual({ 'x[1]': 1, 'x[2]': 2, 'x[4]': 1, 'x[5]': 2 });
    expect(names(1)).toEqual({ 'y[1,v]': 1, 'y[2,v]': 1 });
    expect(names(2)).toEqual({ 'x[0]': 1, 'x[1]': 1, 'x[2]': 1, 'x[3]': 1, 'x[4]': 1, 'x[5]': 1 });
    expect(names(3)).toEqual({ 'y[1,v]': 1, 'y[2,v]': 1 });
    expect(names(4)).toEqual({ 'y[2,u]': 1, 'y[2,v]': 1, 'y[2,w]': 1, 'x[0]': 1, 'x[1]': 1 });
    expect(problem.rowStart[5]).toBe(problem.value.length);
    expect(problem.rowLower[4]).toBe(4);
    // Expressions the callbacks kept still hold their own terms after the build.
    for (const k of kept) expect(k.expr.evaluate(point)).toBe(k.value);
    expect(memo!.evaluate(point)).toBe(point[6 + 1]! + point[6 + 4]!);
  });

  it('build-paths/a-nan-coefficient-from-a-family-sum-is-reported-with-its-row-and-column', async () => {
    const m = new Model('nan');
    const x = m.continuous('x', [{ id: 'a', v: 1 }, { id: 'b', v: Number.NaN }]);
    m.constraints('cap', [{ id: 'r1' }], () => x.sum((i) => i.v).le(1));
    await expectCode(m.compile(), 'INVALID_NUMBER', 'x[b]', 'cap[r1]', 'NaN');
  });

  it('build-paths/bounds-of-a-one-family-model-and-of-several-families-come-out-in-the-problem', async () => {
    const one = new Model('one');
    one.continuous('x', [{ id: 1, u: 3 }, { id: 2, u: 5 }], { ub: (i) => i.u, lb: -1 });
    const p1 = (await one.compile()).problem;
    expect([...p1.colLower]).toEqual([-1, -1]);
    expect([...p1.colUpper]).toEqual([3, 5]);
    const two = new Model('two');
    const a = two.continuous('a', [1, 2], { ub: 7 });
    const b = two.integer('b', [{ id: 'k', u: 9 }], { ub: (i) => i.u, lb: 2 });
    two.constraint('c', () => a.sum().plus(b.sum()).le(10));
    const p2 = (await two.compile()).problem;
    expect([...p2.colLower]).toEqual([0, 0, 2]);
    expect([...p2.colUpper]).toEqual([7, 7, 9]);
    expect([...p2.colIntegral]).toEqual([0, 0, 1]);
    // A second build gives the same bounds (the families' bounds are the problem's after a build).
    const again = (await two.compile()).problem;
    expect([...again.colUpper]).toEqual([7, 7, 9]);
  });

  for (const dims of [2, 3]) {
    it(`build-paths/a-whole-sum-with-coefficients-over-a-full-product-of-${dims}-dimensions-equals-the-same-sum-over-a-filtered-one`, async () => {
      // A full product makes its items in nested loops and its column indices only when asked;
      // a `where` that keeps everything goes the general way. Both must give the same problem.
      const { as, bs, cs } = data(13, 5, 4, 3);
      const build = async (filtered: boolean) => {
        const m = new Model(`whole${dims}`);
        const where = filtered ? { where: () => true } : undefined;
        const x = dims === 3 ? m.continuous('x', { a: as, b: bs, c: cs }, where) : m.continuous('x', { a: as, c: cs }, where);
        const coef = (it: { a: A; c: C }) => (it.a.w === 0 ? 0 : it.a.w * 10 + (it.c.id - 100));
        m.constraints('cap', cs, (c) => x.sum(coef as never).le(c.id));
        m.minimize(() => x.sum((it) => 1 + (it as { a: A }).a.id));
        const { problem } = await m.compile();
        // Column indices made after the build (keys, lookups by key and item) agree with the sums.
        const keys = x.keys();
        const byKey = keys.map((k) => x.get(k).column);
        const byItem = x.items().map((it) => x.get(it).column);
        return { problem, keys, byKey, byItem, size: x.size };
      };
      const full = await build(false);
      const filtered = await build(true);
      expect(full.size).toBe(as.length * cs.length * (dims === 3 ? bs.length : 1));
      expect(full.keys).toEqual(filtered.keys);
      expect(full.byKey).toEqual([...full.keys.keys()]);
      expect(full.byItem).toEqual([...full.keys.keys()]);
      for (const k of ['colCost', 'rowStart', 'colIndex', 'value', 'rowUpper'] as const) expect([...full.problem[k]]).toEqual([...filtered.problem[k]]);
      // Recount of the first row and of the costs from the keys.
      const wOf = new Map(as.map((a) => [a.id, a.w]));
      const want = new Map<string, number>();
      for (const key of full.keys as Array<readonly (string | number)[]>) {
        const w = wOf.get(key[0] as number)!;
        if (w !== 0) want.set(`x[${key.join(',')}]`, w * 10 + ((key[key.length - 1] as number) - 100));
      }
      expect(rowTerms(full.problem, 0)).toEqual(want);
      expect([...full.problem.colCost]).toEqual(full.keys.map((k) => 1 + ((k as number[])[0] as number)));
    });
  }

  it('build-paths/an-expression-used-as-the-whole-objective-can-change-after-the-build-without-changing-the-problem', async () => {
    // Large enough for the sum's terms to be arrays of their own, which the problem may share.
    const n = 9000;
    const m = new Model('shared-costs');
    const items = Array.from({ length: n }, (_, i) => ({ id: i, c: 1 + (i % 7) }));
    const x = m.continuous('x', items);
    m.constraint('cap', () => x.sum().le(1));
    const objective = x.sum((i) => i.c); // taken at declaration: the caller holds it
    m.minimize(objective);
    const costs = items.map((i) => i.c);
    const first = (await m.compile()).problem;
    expect([...first.colCost]).toEqual(costs);
    objective.add(x.get(1), 10);
    const ones = new Float64Array(n).fill(1);
    expect(objective.evaluate(ones)).toBe(costs.reduce((a, b) => a + b, 0) + 10);
    expect([...first.colCost]).toEqual(costs);
    const second = (await m.compile()).problem;
    expect(second.colCost[1]).toBe(costs[1]! + 10);
    expect([...second.colCost.subarray(2)]).toEqual(costs.slice(2));
    expect([...first.colCost]).toEqual(costs);
  });

  it('build-paths/constant-bounds-checked-once-per-family-still-reject-bad-numbers-with-the-column-name', async () => {
    const bad: Array<[object, 'INVALID_NUMBER' | 'INVALID_BOUNDS', string]> = [
      [{ lb: Number.NaN }, 'INVALID_NUMBER', 'Bounds of y[p]'],
      [{ ub: Number.NEGATIVE_INFINITY, lb: Number.NEGATIVE_INFINITY }, 'INVALID_NUMBER', 'Bounds of y[p]'],
      [{ lb: Number.POSITIVE_INFINITY }, 'INVALID_NUMBER', 'Bounds of y[p]'],
      [{ lb: 3, ub: 2 }, 'INVALID_BOUNDS', 'Lower bound 3 of y[p]'],
    ];
    for (const [options, code, fragment] of bad) {
      const m = new Model('bounds');
      const x = m.continuous('x', [1, 2], { ub: 4 }); // valid: skipped by the check, before the bad family
      const y = m.continuous('y', ['p', 'q'], options);
      m.constraint('c', () => x.sum().plus(y.sum()).le(1));
      await expectCode(m.compile(), code, fragment);
    }
    // A NaN objective coefficient is still reported, beside valid bounds.
    const m = new Model('cost');
    const x = m.continuous('x', [{ id: 'a', v: 1 }, { id: 'b', v: Number.NaN }], { ub: 1 });
    m.minimize(() => x.sum((i) => i.v));
    await expectCode(m.compile(), 'INVALID_NUMBER', 'Objective coefficient of x[b]', 'NaN');
  });

  it('build-paths/row-storage-sized-from-groupings-is-right-when-rows-skip-groups-or-hold-more-than-their-group', async () => {
    const { as, bs, cs } = data(17, 6, 3, 4);
    const m = new Model('sized');
    const x = m.binary('x', { a: as, b: bs, c: cs });
    const y = m.continuous('y', cs);
    // Half the groups give no row (less than the size guessed), the other grouping's rows hold
    // a second sum each (more than guessed: the storage grows).
    const skip = m.constraints('skip', x.groupBy(({ a, b }) => [a.id, Number(b.id.slice(1))]), (g) => ((g.key as number[])[0]! % 2 === 0 ? null : g.sum().le(1)));
    const more = m.constraints('more', x.groupBy(({ c }) => c.id), (g) => g.sum().plus(y.sum()).le(2));
    const { problem } = await m.compile();
    expect(skip.size).toBe(as.filter((a) => a.id % 2 !== 0).length * bs.length);
    expect(more.size).toBe(cs.length);
    const m0 = problem.numRows;
    expect(problem.rowStart[m0]).toBe(problem.value.length);
    for (let i = 0; i < skip.size; i++) {
      const [aId, b] = skip.keys()[i] as [number, number];
      expect([...rowTerms(problem, i).keys()]).toEqual(cs.map((c) => `x[${aId},b${b},${c.id}]`));
    }
    for (let r = 0; r < more.size; r++) {
      const c = cs[r]!;
      const terms = rowTerms(problem, skip.size + r);
      expect(terms.size).toBe(as.length * bs.length + cs.length);
      for (const a of as) for (const b of bs) expect(terms.get(`x[${a.id},${b.id},${c.id}]`)).toBe(1);
      for (const cc of cs) expect(terms.get(`y[${cc.id}]`)).toBe(1);
    }
  });

  it('build-paths/selections-of-a-full-product-follow-its-sizes-from-build-to-build-and-select-nothing-for-an-absent-value', async () => {
    const as: A[] = [{ id: 1, w: 1 }, { id: 2, w: 2 }];
    const cs: C[] = [{ id: 100 }, { id: 101 }, { id: 102 }];
    const m = new Model('resize');
    const x = m.continuous('x', { a: as, c: cs });
    const absent: C = { id: 999 };
    m.constraints('byC', cs, (c) => x.sum({ c }).le(1));
    m.constraints('byA', as, (a) => x.sum({ a }).le(1));
    m.constraint('none', () => x.sum({ c: absent }).plus(x.sum({ a: as[0]!, c: cs[0]! })).le(1));
    for (let build = 0; build < 3; build++) {
      const { problem } = await m.compile();
      for (const [i, c] of cs.entries()) expect([...rowTerms(problem, i).keys()]).toEqual(as.map((a) => `x[${a.id},${c.id}]`));
      for (const [i, a] of as.entries()) expect([...rowTerms(problem, cs.length + i).keys()]).toEqual(cs.map((c) => `x[${a.id},${c.id}]`));
      expect([...rowTerms(problem, cs.length + as.length).keys()]).toEqual([`x[${as[0]!.id},${cs[0]!.id}]`]);
      // The next build has one more item in each dimension: other strides, other counts.
      as.push({ id: as.length + 1, w: 0 });
      cs.push({ id: 100 + cs.length });
    }
  });

  it('build-paths/a-selection-by-the-leading-dimension-of-a-filtered-product-sums-its-range-of-columns', async () => {
    const { as, bs, cs } = data(21, 6, 3, 4);
    const m = new Model('leading');
    const where = ({ a, c }: { a: A; c: C }) => (a.w + c.id) % 3 !== 0;
    const x = m.continuous('x', { a: as, b: bs, c: cs }, { where });
    const absent: A = { id: -1, w: 0 };
    const plain = m.constraints('plain', as, (a) => x.sum({ a }).le(1));
    const weighted = m.constraints('weighted', as, (a) => x.sum({ a }, (it) => it.c.id - 99).le(1));
    m.constraint('none', () => x.sum({ a: absent }).plus(x.sum({ a: as[0]!, b: bs[1]! })).le(1));
    const { problem } = await m.compile();
    const items = x.items() as Array<{ a: A; b: B; c: C }>;
    const name = (it: { a: A; b: B; c: C }) => `x[${it.a.id},${it.b.id},${it.c.id}]`;
    for (const [i, a] of plain.items().entries()) {
      const want = items.filter((it) => it.a === a);
      expect(Object.fromEntries(rowTerms(problem, i))).toEqual(Object.fromEntries(want.map((it) => [name(it), 1])));
      expect(Object.fromEntries(rowTerms(problem, plain.size + i))).toEqual(Object.fromEntries(want.map((it) => [name(it), it.c.id - 99])));
    }
    expect(weighted.size).toBe(as.length);
    const last = plain.size + weighted.size;
    expect([...rowTerms(problem, last).keys()]).toEqual(items.filter((it) => it.a === as[0] && it.b === bs[1]).map(name));
  });
});

/** Combinations the filter of the filtered case drops. */
function countDropped(as: A[], bs: B[], cs: C[]): number {
  let n = 0;
  for (const a of as) for (const c of cs) if ((a.w + c.id) % 3 === 0) n += bs.length;
  return n;
}
