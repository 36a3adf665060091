// Build-plus-compile time of the linearisation helpers (abs, min, indicator, piecewise, product,
// and) over n items, at two sizes: the time per non-zero should stay flat (linear build).
import { Model, abs, and, indicator, min, piecewise, product } from '@lumix/core';
import { seededRandom } from '@lumix/core/testing';
import { gc, timeMedian, type BenchRow, type BenchSuite } from '../bench-kit.js';

interface Item {
  readonly id: number;
  readonly target: number;
  readonly cap: number;
}

async function build(items: readonly Item[]): Promise<number> {
  const m = new Model('helpers');
  const x = m.continuous('x', items, { ub: (it) => it.cap });
  const y = m.continuous('y', items, { lb: -10, ub: 10 });
  const b = m.binary('b', items);
  const gap = abs(m, 'gap', items, (it) => x.get(it).minus(it.target));
  const low = min(m, 'low', items, (it) => [x.get(it), y.get(it).plus(5), it.target]);
  indicator(m, 'off', items, (it) => ({ when: b.get(it), is: 0, enforce: x.get(it).le(0) }));
  const cost = piecewise(m, 'cost', items, (it) => ({ x: x.get(it), points: [[0, 0], [it.cap / 3, 10], [(2 * it.cap) / 3, 15], [it.cap, 30]] }));
  const by = product(m, 'by', items, (it) => [b.get(it), y.get(it)]);
  const both = and(m, 'both', items, (it) => [b.get(it), b.get(items[(it.id + 1) % items.length]!)]);
  m.minimize(() => gap.sum().plus(cost.sum()).minus(low.sum()).plus(by.sum()).plus(both.sum()));
  const { problem } = await m.compile();
  return problem.value.length;
}

/** abs through the helper. */
async function absHelper(items: readonly Item[]): Promise<number> {
  const m = new Model('abs');
  const x = m.continuous('x', items, { ub: (it) => it.cap });
  const gap = abs(m, 'gap', items, (it) => x.get(it).minus(it.target));
  m.minimize(() => gap.sum());
  const { problem } = await m.compile();
  return problem.value.length;
}

/** The same columns and rows written by hand with the model API, big-Ms from the known bounds. */
async function absByHand(items: readonly Item[]): Promise<number> {
  const m = new Model('abs');
  const x = m.continuous('x', items, { ub: (it) => it.cap });
  const t = m.continuous('gap', items);
  const plus = m.continuous('gap.plus', items);
  const minus = m.continuous('gap.minus', items);
  const sign = m.binary('gap.sign', items);
  m.constraints('gap.split', items, (it) => x.get(it).minus(it.target).minus(plus.get(it)).plus(minus.get(it)).eq(0));
  m.constraints('gap.sum', items, (it) => t.get(it).minus(plus.get(it)).minus(minus.get(it)).eq(0));
  m.constraints('gap.plusMax', items, (it) => plus.get(it).minus(sign.get(it).times(it.cap - it.target)).le(0));
  m.constraints('gap.minusMax', items, (it) => minus.get(it).minus(sign.get(it).times(-it.target)).le(it.target));
  m.minimize(() => t.sum());
  const { problem } = await m.compile();
  return problem.value.length;
}

const suite: BenchSuite = async ({ quick }) => {
  const sizes = quick ? [5_000, 20_000] : [10_000, 40_000];
  const rows: BenchRow[] = [];
  let first: number | undefined;
  for (const n of sizes) {
    const r = seededRandom(3);
    const items: Item[] = Array.from({ length: n }, (_, id) => ({ id, target: 10 + Math.floor(r() * 50), cap: 60 + Math.floor(r() * 40) }));
    gc();
    const { ms, result: nnz } = await timeMedian(() => build(items), quick ? 2 : 3);
    const nsPerNnz = (ms * 1e6) / nnz;
    first ??= nsPerNnz;
    rows.push({
      suite: 'linearize-build',
      case: `6 helpers over ${n} items`,
      figures: { ms, nnz, nsPerNnz, vsSmallest: nsPerNnz / first },
      note: n === sizes[0] ? 'reference size' : 'vsSmallest ≈ 1: linear in non-zeros',
    });
  }
  // The helper's own cost: abs through the helper against the same rows written by hand.
  const n = quick ? 20_000 : 50_000;
  const r = seededRandom(5);
  const items: Item[] = Array.from({ length: n }, (_, id) => ({ id, target: 10 + Math.floor(r() * 50), cap: 60 + Math.floor(r() * 40) }));
  gc();
  const helper = await timeMedian(() => absHelper(items), 3);
  gc();
  const hand = await timeMedian(() => absByHand(items), 3);
  if (helper.result !== hand.result) throw new Error(`abs helper built ${helper.result} non-zeros, by hand ${hand.result}`);
  rows.push({
    suite: 'linearize-build',
    case: `abs over ${n} items: helper vs by hand`,
    figures: { ms: helper.ms, byHandMs: hand.ms, ratio: helper.ms / hand.ms, nnz: helper.result },
    note: 'ratio: what the helper adds (bounds read per term, big-M, names) over writing the rows yourself',
  });
  return rows;
};

export default suite;
