// Our HiGHS backend against raw highs-js (persistent array API) on the same problems: the price
// of the backend layer (options, status table, info reads, basis, result object) is the ratio
// ours/raw, target <= 1.1. Also: the Wasm load, a tiny model's per-solve overhead, and the cost
// of running a solve in a worker thread.
import { createWorkerSolver, finishStandardForm, type StandardForm } from '@lumix/core';
import { createHighsSolver, loadHighs } from '@lumix/solver-highs';
import type { Highs, ModelData } from 'highs';
import { median, type BenchRow, type BenchSuite } from '../bench-kit.js';

/** Deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random packing LP: max c·x, A x <= b, 0 <= x <= 10, with positive A of the given density
 * and b at 30% of each row's total, so it is feasible, bounded and needs real simplex work.
 */
function packingLp(m: number, n: number, density: number, seed: number): StandardForm {
  const r = rng(seed);
  const rowStart = new Int32Array(m + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const rowUpper = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let total = 0;
    for (let j = 0; j < n; j++) {
      if (r() < density) {
        const a = 1 + Math.floor(r() * 99);
        cols.push(j);
        vals.push(a);
        total += a;
      }
    }
    rowStart[i + 1] = cols.length;
    rowUpper[i] = Math.max(1, Math.floor(total * 3)); // 30% of 10·total
  }
  const colCost = new Float64Array(n);
  for (let j = 0; j < n; j++) colCost[j] = 1 + Math.floor(r() * 100);
  return finishStandardForm({
    name: `packing-${m}x${n}`,
    sense: 'max',
    objectiveOffset: 0,
    colCost,
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(10),
    colIntegral: new Uint8Array(n),
    rowLower: new Float64Array(m).fill(-Infinity),
    rowUpper,
    rowStart,
    colIndex: Int32Array.from(cols),
    value: Float64Array.from(vals),
    colName: (j) => `x${j}`,
    rowName: (i) => `r${i}`,
  });
}

/** What a careful user of highs-js writes by hand: the same arrays, run, read the solution, dispose. */
function rawSolve(highs: Highs, p: StandardForm): number {
  const data: ModelData = {
    numCols: p.numCols,
    numRows: p.numRows,
    sense: p.sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    offset: p.objectiveOffset,
    colCost: p.colCost,
    colLower: p.colLower,
    colUpper: p.colUpper,
    rowLower: p.rowLower,
    rowUpper: p.rowUpper,
    matrix: { format: 'csr', numRows: p.numRows, numCols: p.numCols, starts: p.rowStart, indices: p.colIndex, values: p.value },
  };
  const model = highs.createModel(data);
  try {
    model.options.set('output_flag', false);
    model.run();
    model.getSolution();
    return model.getObjectiveValue();
  } finally {
    model.dispose();
  }
}

/** Interleaves the two contenders run by run (so drift hits both alike) and returns medians. */
async function compare(
  runs: number,
  repeat: number,
  raw: () => number,
  ours: () => Promise<number | null>,
): Promise<{ rawMs: number; oursMs: number; rawObj: number; oursObj: number | null }> {
  let rawObj = raw();
  let oursObj = await ours();
  const tr: number[] = [];
  const to: number[] = [];
  for (let k = 0; k < runs; k++) {
    let t = performance.now();
    for (let i = 0; i < repeat; i++) rawObj = raw();
    tr.push((performance.now() - t) / repeat);
    t = performance.now();
    for (let i = 0; i < repeat; i++) oursObj = await ours();
    to.push((performance.now() - t) / repeat);
  }
  return { rawMs: median(tr), oursMs: median(to), rawObj, oursObj };
}

const suite: BenchSuite = async ({ quick }) => {
  const rows: BenchRow[] = [];
  const t0 = performance.now();
  const highs = await loadHighs();
  rows.push({ suite: 'solver-highs', case: 'wasm load (first loadHighs)', figures: { ms: performance.now() - t0 } });

  const solver = createHighsSolver();
  const sizes: Array<[string, number, number, number]> = quick
    ? [['S', 200, 600, 0.1]]
    : [['S', 300, 1000, 0.1], ['M', 600, 2000, 0.08], ['L', 1000, 3000, 0.1]];
  const cases: Array<{ label: string; problem: StandardForm; runs: number; repeat: number }> = [
    { label: 'tiny packing LP 5x3', problem: packingLp(5, 3, 1, 1), runs: 7, repeat: quick ? 100 : 300 },
    ...sizes.map(([size, m, n, d]) => ({ label: `packing LP ${size} ${m}x${n}`, problem: packingLp(m, n, d, 7), runs: quick ? 3 : 5, repeat: 1 })),
  ];
  for (const c of cases) {
    const p = c.problem;
    const { rawMs, oursMs, rawObj, oursObj } = await compare(
      c.runs,
      c.repeat,
      () => rawSolve(highs, p),
      async () => (await solver.solve(p)).objective,
    );
    const ratio = oursMs / rawMs;
    const relDiff = oursObj === null ? Number.NaN : Math.abs(oursObj - rawObj) / Math.max(1, Math.abs(rawObj));
    rows.push({
      suite: 'solver-highs',
      case: c.label,
      figures: { nnz: p.value.length, rawMs, oursMs, ratio, objRelDiff: relDiff },
      note: `${ratio <= 1.1 ? 'target <= 1.1 met' : 'target <= 1.1 missed'}${c.repeat > 1 ? `; mean of ${c.repeat} solves per run` : ''}`,
    });
  }

  // A solve in a worker thread: start-up (thread, module load, Wasm load) on top of the solve.
  const p = cases[1]!.problem;
  const worker = await createWorkerSolver({ solver: 'highs', from: import.meta.url });
  const inProcess: number[] = [];
  const inWorker: number[] = [];
  for (let k = 0; k < (quick ? 2 : 4); k++) {
    let t = performance.now();
    await solver.solve(p);
    inProcess.push(performance.now() - t);
    t = performance.now();
    await worker.solve(p);
    inWorker.push(performance.now() - t);
  }
  const fromSource = import.meta.url.endsWith('.ts');
  rows.push({
    suite: 'solver-highs',
    case: `worker vs in-process (${cases[1]!.label})`,
    figures: { inProcessMs: median(inProcess), workerMs: median(inWorker), overheadMs: median(inWorker) - median(inProcess) },
    note: fromSource ? 'from TS sources: the worker also registers tsx and transpiles (built packages start faster)' : 'built packages',
  });
  return rows;
};

export default suite;
