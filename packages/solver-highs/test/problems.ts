import { createStandardForm, type StandardForm } from '@lumix/core';
import { seededRandom } from '@lumix/core/testing';

/**
 * The production-planning LP of LumiX' tutorial (step 1): chairs, tables, desks under machine
 * hours and materials; only wood binds. Optimum 2735.714285714286 at (10, 5, 8.428571...),
 * wood dual 200/35, reduced costs 45 - 8·200/35 and 120 - 25·200/35 (both at lower bounds).
 * `sense: 'min'` negates the costs, which negates the objective, duals and reduced costs.
 */
export function productionLp(sense: 'min' | 'max' = 'max'): StandardForm {
  const s = sense === 'max' ? 1 : -1;
  return createStandardForm({
    name: 'production',
    sense,
    columns: [
      { name: 'chair', lb: 10, ub: 100, cost: 45 * s },
      { name: 'table', lb: 5, ub: 50, cost: 120 * s },
      { name: 'desk', lb: 3, ub: 30, cost: 200 * s },
    ],
    rows: [
      { name: 'cutting', ub: 80, terms: [['chair', 0.5], ['table', 1.5], ['desk', 2]] },
      { name: 'assembly', ub: 100, terms: [['chair', 1], ['table', 2.5], ['desk', 3.5]] },
      { name: 'wood', ub: 500, terms: [['chair', 8], ['table', 25], ['desk', 35]] },
      { name: 'metal', ub: 200, terms: [['chair', 2], ['table', 5], ['desk', 8]] },
      { name: 'fabric', ub: 150, terms: [['chair', 2]] },
    ],
  });
}

/**
 * A market-split feasibility MIP (Cornuéjols–Dahl): `m` equality rows over `10(m-1)` binaries.
 * Finding any feasible point takes branch-and-bound far longer than a fraction of a second.
 */
export function marketSplit(m: number, seed = 42): StandardForm {
  const n = 10 * (m - 1);
  const r = seededRandom(seed);
  const rows = [];
  for (let i = 0; i < m; i++) {
    const terms: [number, number][] = [];
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const a = Math.floor(r() * 100);
      terms.push([j, a]);
      sum += a;
    }
    const rhs = Math.floor(sum / 2);
    rows.push({ name: `split${i}`, lb: rhs, ub: rhs, terms });
  }
  return createStandardForm({
    name: `market-split-${m}`,
    columns: Array.from({ length: n }, (_, j) => ({ name: `x${j}`, ub: 1, integer: true, cost: j % 7 })),
    rows,
  });
}

/** A multi-dimensional 0/1 knapsack (max), `m` rows at half capacity over `n` items: easy incumbents, slow proofs. */
export function knapsack(m: number, n: number, seed: number): StandardForm {
  const r = seededRandom(seed);
  const rows = [];
  for (let i = 0; i < m; i++) {
    const terms: [number, number][] = [];
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const a = 1 + Math.floor(r() * 99);
      terms.push([j, a]);
      sum += a;
    }
    rows.push({ name: `cap${i}`, ub: Math.floor(sum / 2), terms });
  }
  return createStandardForm({
    name: `knapsack-${m}x${n}`,
    sense: 'max',
    columns: Array.from({ length: n }, (_, j) => ({ name: `x${j}`, ub: 1, integer: true, cost: 1 + Math.floor(r() * 99) })),
    rows,
  });
}

/**
 * A market-split MIP built around a hidden 0/1 point, so it is feasible and that point is a
 * known solution; finding any solution is still far beyond a fraction of a second.
 */
export function plantedMarketSplit(m: number, seed: number): { problem: StandardForm; point: Float64Array } {
  const n = 10 * (m - 1);
  const r = seededRandom(seed);
  const point = Float64Array.from({ length: n }, () => (r() < 0.5 ? 1 : 0));
  const rows = [];
  for (let i = 0; i < m; i++) {
    const terms: [number, number][] = [];
    let rhs = 0;
    for (let j = 0; j < n; j++) {
      const a = Math.floor(r() * 100);
      terms.push([j, a]);
      rhs += a * point[j]!;
    }
    rows.push({ name: `split${i}`, lb: rhs, ub: rhs, terms });
  }
  const problem = createStandardForm({
    name: `planted-split-${m}`,
    columns: Array.from({ length: n }, (_, j) => ({ name: `x${j}`, ub: 1, integer: true, cost: j % 7 })),
    rows,
  });
  return { problem, point };
}

/** The same problem with one row's or column's bounds, or one cost, replaced: what a fresh solve of a change sees. */
export function changed(
  p: StandardForm,
  change: { row?: [number, number, number]; col?: [number, number, number]; cost?: [number, number] },
): StandardForm {
  const rowLower = Float64Array.from(p.rowLower);
  const rowUpper = Float64Array.from(p.rowUpper);
  const colLower = Float64Array.from(p.colLower);
  const colUpper = Float64Array.from(p.colUpper);
  const colCost = Float64Array.from(p.colCost);
  if (change.row) [, rowLower[change.row[0]], rowUpper[change.row[0]]] = change.row;
  if (change.col) [, colLower[change.col[0]], colUpper[change.col[0]]] = change.col;
  if (change.cost) colCost[change.cost[0]] = change.cost[1];
  return { ...p, rowLower, rowUpper, colLower, colUpper, colCost };
}
