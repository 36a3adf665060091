// The price of a what-if: a warm re-solve in a HiGHS session (openAnalysis' default) against the
// rebuild path (the changed problem solved from scratch, what GLPK gets) and against declaring
// and solving the model again from the changed data, at about 10k / 100k / 1M non-zeros.
// The model: a product-mix LP over seeded random data (each product uses 10 of the resources),
// keyed by product and resource; the what-if is +5 % on one resource's capacity.
import { Expr, Model, openAnalysis } from '@lumix/core';
import { seededRandom } from '@lumix/core/testing';
import { createHighsSolver } from '@lumix/solver-highs';
import { median, type BenchRow, type BenchSuite } from '../bench-kit.js';

const SUITE = 'whatif';
const PER_PRODUCT = 10;

interface Data {
  readonly products: ReadonlyArray<{ id: number; profit: number; uses: ReadonlyArray<[number, number]> }>;
  readonly resources: ReadonlyArray<{ id: number; capacity: number }>;
}

/** `n` products over `n / 100` resources; each product uses 10 resources; capacities at 90 % of full use (so that every row can bind, and a cold solve is seconds, not minutes, at 1M). */
function data(n: number, seed: number): Data {
  const r = seededRandom(seed);
  const m = Math.max(PER_PRODUCT, Math.round(n / 100));
  const load = new Float64Array(m);
  const products = Array.from({ length: n }, (_, id) => {
    const uses = new Map<number, number>();
    while (uses.size < PER_PRODUCT) uses.set(Math.floor(r() * m), 1 + Math.floor(r() * 9));
    for (const [k, a] of uses) load[k] = load[k]! + a * 10;
    return { id, profit: 10 + Math.floor(r() * 90), uses: [...uses] };
  });
  return { products, resources: Array.from({ length: m }, (_, id) => ({ id, capacity: Math.max(1, Math.round(load[id]! * 0.9)) })) };
}

function model(d: Data): Model {
  const m = new Model('whatif-bench');
  const make = m.continuous('make', d.products, { ub: 10 });
  const users = new Map<number, Array<[number, number]>>();
  for (const p of d.products) for (const [k, a] of p.uses) (users.get(k) ?? users.set(k, []).get(k)!).push([p.id, a]);
  m.constraints('capacity', d.resources, (res) => {
    const list = users.get(res.id) ?? [];
    const e = new Expr(list.length);
    for (const [id, a] of list) e.add(make.get(id), a);
    return e.le(res.capacity);
  });
  m.maximize(() => make.sum((p) => p.profit));
  return m;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

const suite: BenchSuite = async ({ quick }) => {
  const rows: BenchRow[] = [];
  const solver = createHighsSolver();
  const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  for (const n of sizes) {
    const d = data(n, 11);
    // The rows to change: spread over the resources; each what-if starts from the baseline.
    // Five what-ifs; one at 1M, where each rebuild is a cold solve of seconds to minutes (there the
    // fresh build-and-solve is not repeated: it is the rebuild plus a compile, see openMs).
    const big = n >= 100_000;
    const count = big ? 1 : 5;
    const targets = Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * d.resources.length) / count));
    const warmOpen = await time(() => openAnalysis(model(d), { solver }));
    const warm = warmOpen.value;
    const nnz = warm.compiled.problem.value.length;
    const rebuild = await openAnalysis(model(d), { solver, warm: false });
    // One untimed what-if on each path first: the first call compiles the code it runs.
    await warm.whatIf({ rhs: 'capacity', key: targets[0]!, scale: 0.95 });
    if (!big) await rebuild.whatIf({ rhs: 'capacity', key: targets[0]!, scale: 0.95 });
    const warmMs: number[] = [];
    const rebuildMs: number[] = [];
    const freshMs: number[] = [];
    let worstDiff = 0;
    for (const k of targets) {
      const change = { rhs: 'capacity', key: k, scale: 1.05 } as const;
      const w = await time(() => warm.whatIf(change));
      const r = await time(() => rebuild.whatIf(change));
      // Declaring the model again from the changed data and solving it: what a user does without an analysis.
      const changed = { ...d, resources: d.resources.map((res) => (res.id === k ? { ...res, capacity: res.capacity * 1.05 } : res)) };
      const f = big ? undefined : await time(() => model(changed).solve({ solver }));
      warmMs.push(w.ms);
      rebuildMs.push(r.ms);
      freshMs.push(f?.ms ?? Number.NaN);
      const ref = f?.value.objective ?? r.value.objective!;
      for (const o of [w.value.objective!, r.value.objective!]) worstDiff = Math.max(worstDiff, Math.abs(o - ref) / Math.max(1, Math.abs(ref)));
    }
    warm.dispose();
    rebuild.dispose();
    const warmMedian = median(warmMs);
    const rebuildMedian = median(rebuildMs);
    const freshMedian = median(freshMs);
    // The table prints when the suite ends; a line per size shows progress on a slow machine.
    console.log(
      `  ${Math.round(nnz / 1000)}k nnz: warm ${warmMedian.toFixed(1)} ms, rebuild ${rebuildMedian.toFixed(1)} ms, fresh ${freshMedian.toFixed(1)} ms`,
    );
    rows.push({
      suite: SUITE,
      case: `product mix ${n} products (${Math.round(nnz / 1000)}k nnz)`,
      figures: {
        nnz,
        openMs: warmOpen.ms,
        warmWhatIfMs: warmMedian,
        rebuildWhatIfMs: rebuildMedian,
        freshBuildSolveMs: freshMedian,
        rebuildOverWarm: rebuildMedian / warmMedian,
        freshOverWarm: freshMedian / warmMedian,
        objRelDiff: worstDiff,
      },
      note: `${big ? 'one what-if, no fresh build' : `medians of ${targets.length} what-ifs`} (+5 % on one capacity each); objectives of the paths agree to ${worstDiff.toExponential(1)}`,
    });
  }
  return rows;
};

export default suite;
