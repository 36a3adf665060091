import { createStandardForm, finishStandardForm, type StandardForm } from '@lumix/core';

/**
 * The production LP: max 45x1 + 120x2 + 200x3 with wood 8x1 + 25x2 + 35x3 <= 500,
 * 10 <= x1 <= 100, 5 <= x2 <= 50, 3 <= x3 <= 30. Optimum 2735.714285714286, wood dual 200/35.
 */
export function productionProblem(): StandardForm {
  return createStandardForm({
    name: 'production',
    sense: 'max',
    columns: [
      { name: 'x1', lb: 10, ub: 100, cost: 45 },
      { name: 'x2', lb: 5, ub: 50, cost: 120 },
      { name: 'x3', lb: 3, ub: 30, cost: 200 },
    ],
    rows: [{ name: 'wood', ub: 500, terms: [['x1', 8], ['x2', 25], ['x3', 35]] }],
  });
}

/** min 2x + 3y (+ 4z) with x + y (+ z) >= 10, x <= 4. Optimum 26 at x = 4, y = 6 (z = 0). */
export function minCostProblem(withZ = false): StandardForm {
  return createStandardForm({
    name: withZ ? 'min-cost-z' : 'min-cost',
    columns: withZ ? [{ cost: 2 }, { cost: 3 }, { cost: 4 }] : [{ cost: 2 }, { cost: 3 }],
    rows: [
      { name: 'demand', lb: 10, terms: withZ ? [[0, 1], [1, 1], [2, 1]] : [[0, 1], [1, 1]] },
      { name: 'x_cap', ub: 4, terms: [[0, 1]] },
    ],
  });
}

/** Values and weights of a 0/1 knapsack with capacity 14: optimum 28 (items 1, 2, 3). */
export function smallKnapsack(): StandardForm {
  const values = [10, 13, 7, 8];
  const weights = [5, 7, 4, 3];
  return createStandardForm({
    name: 'knapsack-4',
    sense: 'max',
    columns: values.map((v, j) => ({ name: `take${j}`, ub: 1, cost: v, integer: true })),
    rows: [{ name: 'capacity', ub: 14, terms: weights.map((w, j) => [j, w] as [number, number]) }],
  });
}

/**
 * The same problem with one row's or column's bounds, or one cost, replaced: what a cold solve
 * of a session's change sees. The arrays are copies; `p` is untouched.
 */
export function withChange(
  p: StandardForm,
  change: { readonly row?: readonly [number, number, number]; readonly col?: readonly [number, number, number]; readonly cost?: readonly [number, number] },
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

/**
 * max Σ x_j over `n` columns in [0, 1], no rows: optimum `n`, solved at once by any solver, yet
 * slow to load for large `n` (the time-limit-counts-loading case). Built from typed arrays, so
 * making it costs next to nothing.
 */
export function wideProblem(n: number): StandardForm {
  return finishStandardForm({
    name: `wide-${n}`,
    sense: 'max',
    objectiveOffset: 0,
    colCost: new Float64Array(n).fill(1),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    colIntegral: new Uint8Array(n),
    rowLower: new Float64Array(0),
    rowUpper: new Float64Array(0),
    rowStart: Int32Array.of(0),
    colIndex: new Int32Array(0),
    value: new Float64Array(0),
    colName: (j) => `x${j}`,
    rowName: (i) => `r${i}`,
  });
}
