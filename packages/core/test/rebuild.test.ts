import { describe, expect, it } from 'vitest';
import { Model, indexSource, isLumixError, type StandardForm } from '../src/index.js';
import { scriptedSolver } from './helpers/scripted-solver.js';

interface Product { id: number; profit: number; maxDemand: number }
interface Machine { id: string; hours: number }
interface Lecture { id: number; teacher: string; size: number }

/** Everything a solver gets, names included, as plain data to compare with toEqual. */
function plain(p: StandardForm) {
  return {
    sense: p.sense,
    objectiveOffset: p.objectiveOffset,
    numCols: p.numCols,
    numRows: p.numRows,
    arrays: [p.colCost, p.colLower, p.colUpper, p.colIntegral, p.rowLower, p.rowUpper, p.rowStart, p.colIndex, p.value].map((a) => Array.from(a)),
    colNames: Array.from({ length: p.numCols }, (_, j) => p.colName(j)),
    rowNames: Array.from({ length: p.numRows }, (_, i) => p.rowName(i)),
  };
}

/** A production model declared with callbacks only, over arrays the test changes in place. */
function production(products: Product[], machines: Machine[], hours: Map<string, number>): Model {
  const m = new Model('production');
  const make = m.continuous('make', products, { ub: (p) => p.maxDemand });
  m.constraints('hours', machines, (mc) => make.sum((p) => hours.get(`${p.id}/${mc.id}`) ?? 0).le(mc.hours));
  m.maximize(() => make.sum((p) => p.profit));
  return m;
}

/** A timetabling model: a product family with a cross filter, a selective sum and a grouping. */
function timetable(lectures: Lecture[], slots: number[], rooms: Array<{ id: string; cap: number }>): Model {
  const m = new Model('timetable');
  const assign = m.binary('assign', { lecture: lectures, slot: slots, room: rooms }, { where: ({ lecture, room }) => lecture.size <= room.cap });
  m.constraints('once', lectures, (l) => assign.sum({ lecture: l }).eq(1));
  m.constraints('teacher', assign.groupBy(({ lecture, slot }) => [lecture.teacher, slot]), (g) => g.sum().le(1));
  m.minimize(() => assign.sum(({ slot }) => slot));
  return m;
}

describe('rebuild', () => {
  it('rebuild/compile-after-data-changed-equals-a-fresh-model', async () => {
    const products: Product[] = [
      { id: 1, profit: 45, maxDemand: 100 },
      { id: 2, profit: 120, maxDemand: 50 },
    ];
    const machines: Machine[] = [{ id: 'cut', hours: 400 }];
    const hours = new Map([['1/cut', 2], ['2/cut', 3]]);
    const m = production(products, machines, hours);
    const first = plain((await m.compile()).problem);
    expect(first.colNames).toEqual(['make[1]', 'make[2]']);
    // New bounds, a new product, a new machine, a changed coefficient.
    products[0]!.maxDemand = 70;
    products.push({ id: 3, profit: 200, maxDemand: 30 });
    machines.push({ id: 'paint', hours: 90 });
    hours.set('2/cut', 4).set('3/cut', 5).set('3/paint', 1);
    const again = (await m.compile()).problem;
    const fresh = (await production(products, machines, hours).compile()).problem;
    expect(plain(again)).toEqual(plain(fresh));
    expect(Array.from(again.colUpper)).toEqual([70, 50, 30]);
    expect(again.rowName(1)).toBe('hours[paint]');
  });

  it('rebuild/grown-product-family-and-grouping-equal-a-fresh-model', async () => {
    const lectures: Lecture[] = [
      { id: 1, teacher: 'T1', size: 20 },
      { id: 2, teacher: 'T1', size: 35 },
    ];
    const slots = [10, 11];
    const rooms = [
      { id: 'R1', cap: 40 },
      { id: 'R2', cap: 25 },
    ];
    const m = timetable(lectures, slots, rooms);
    const first = (await m.compile()).problem;
    expect(first.numCols).toBe(6);
    // A grown source used to fail with UNKNOWN_KEY: the rows asked for variables the first build never made.
    lectures.push({ id: 3, teacher: 'T2', size: 10 });
    rooms[1]!.cap = 35;
    const again = (await m.compile()).problem;
    const fresh = (await timetable(lectures, slots, rooms).compile()).problem;
    expect(plain(again)).toEqual(plain(fresh));
    expect(again.numCols).toBe(12);
    expect(again.numRows).toBe(3 + 4);
  });

  it('rebuild/async-sources-are-loaded-again', async () => {
    let loads = 0;
    const tables: Product[][] = [
      [{ id: 1, profit: 45, maxDemand: 100 }],
      [
        { id: 1, profit: 50, maxDemand: 80 },
        { id: 2, profit: 120, maxDemand: 50 },
      ],
    ];
    const source = indexSource('products', async () => tables[Math.min(loads++, 1)]!);
    const declare = (src: typeof source) => {
      const m = new Model('p');
      const make = m.continuous('make', src, { ub: (p) => p.maxDemand });
      m.constraints('cap', src, (p) => make.get(p.id).le(p.maxDemand));
      m.maximize(() => make.sum((p) => p.profit));
      return m;
    };
    const m = declare(source);
    expect((await m.compile()).problem.numCols).toBe(1);
    const again = (await m.compile()).problem;
    expect(loads).toBe(2);
    const fresh = (await declare(indexSource('products', async () => tables[1]!)).compile()).problem;
    expect(plain(again)).toEqual(plain(fresh));
  });

  it('rebuild/generators-are-read-once-and-kept', async () => {
    function* ids() {
      yield 'a';
      yield 'b';
    }
    const m = new Model('g');
    const x = m.continuous('x', ids());
    m.minimize(() => x.sum());
    const first = plain((await m.compile()).problem);
    expect(first.numCols).toBe(2);
    expect(plain((await m.compile()).problem)).toEqual(first);
  });

  it('rebuild/variables-taken-at-declaration-keep-their-columns-or-the-build-fails', async () => {
    const products: Product[] = [
      { id: 1, profit: 45, maxDemand: 100 },
      { id: 2, profit: 120, maxDemand: 50 },
    ];
    const m = new Model('p');
    const make = m.continuous('make', products, { ub: (p) => p.maxDemand });
    const total = m.variable('total');
    m.constraint('link', make.sum().minus(total).eq(0)); // built now: holds make's and total's columns
    m.maximize(() => make.sum((p) => p.profit));
    const first = plain((await m.compile()).problem);
    // Same keys, new bounds and profits: the held columns still mean the same variables.
    products[0]!.maxDemand = 60;
    products[1]!.profit = 130;
    const again = plain((await m.compile()).problem);
    expect(again.colNames).toEqual(first.colNames);
    expect(again.colNames).toEqual(['total[total]', 'make[1]', 'make[2]']);
    expect(again.arrays[2]).toEqual([Number.POSITIVE_INFINITY, 60, 50]);
    expect(again.arrays[0]).toEqual([0, 45, 130]);
    // A new product would move columns that the 'link' row holds: refused, not silently wrong.
    products.push({ id: 3, profit: 200, maxDemand: 30 });
    let err: unknown;
    try {
      await m.compile();
    } catch (e) {
      err = e;
    }
    expect(isLumixError(err, 'INVALID_STATE')).toBe(true);
    expect((err as Error).message).toContain("Variable family 'make'");
    expect((err as Error).message).toContain('2 variables then, 3 now');
  });

  it('rebuild/reading-a-solution-by-key-then-re-solving-grown-data', async () => {
    const products: Product[] = [
      { id: 1, profit: 45, maxDemand: 100 },
      { id: 2, profit: 120, maxDemand: 50 },
    ];
    const m = production(products, [{ id: 'cut', hours: 400 }], new Map([['1/cut', 2]]));
    const make = m.variableFamily('make')!;
    // The scripted solver answers each column's upper bound: the values say which build they came from.
    const solver = scriptedSolver((p) => ({ colValues: Float64Array.from(p.colUpper) }));
    const first = await m.solve({ solver });
    expect(first.value(make, 2)).toBe(50);
    products.push({ id: 3, profit: 200, maxDemand: 30 });
    const again = await m.solve({ solver });
    expect(again.value(make, 3)).toBe(30);
    expect(again.values(make)).toEqual(new Map([[1, 100], [2, 50], [3, 30]]));
  });
});
