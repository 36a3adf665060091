import { constraintFamilyAccess as cf } from '../model/constraint-family.js';
import { formatKey, type Key } from '../model/key-index.js';
import type { StandardForm } from '../solver/standard-form.js';
import { rowPriority, rowWeight, type GoalDeclaration } from './goal.js';

/** One goal row of the compiled model, with its deviation columns in the goal problem. */
interface GoalRow {
  readonly decl: GoalDeclaration;
  /** Row index in the model's (and the goal problem's) rows. */
  readonly row: number;
  readonly key: Key | undefined;
  readonly item: unknown;
  readonly priority: number;
  readonly weight: number;
  /** Column of the shortfall d⁻ (the row has a finite lower bound), else -1. */
  readonly under: number;
  /** Column of the excess d⁺ (the row has a finite upper bound), else -1. */
  readonly over: number;
}

/**
 * The goal problem: the model's problem with deviation columns appended after its columns (so
 * column j < n is the model's column j) and, when asked, one lock row per priority after its
 * rows: `Σ weight·deviation of that priority`, free until a sequential solve bounds it.
 */
export interface GoalProblem {
  /** Costs all zero; sense min. Callers set the objective they solve. */
  readonly problem: StandardForm;
  readonly rows: readonly GoalRow[];
  /** Distinct priorities, ascending. */
  readonly priorities: readonly number[];
  /** Lock row of `priorities[k]` is `lockRowStart + k`; -1 without lock rows. */
  readonly lockRowStart: number;
  /** Columns of the model (the rest are deviations). */
  readonly modelCols: number;
  /** Σ weight·deviation-column of a priority, as costs over the goal problem's columns. */
  levelCoefficients(priority: number): Float64Array;
}

/**
 * Builds the goal problem in one O(non-zeros) pass. A goal row `lower <= a·x <= upper` becomes
 * `lower <= a·x + d⁻ − d⁺ <= upper` with d⁻ present when `lower` is finite (it measures the
 * shortfall below `lower`) and d⁺ when `upper` is finite (the excess above `upper`), both >= 0:
 * `>=` rows get d⁻, `<=` rows d⁺, `=` and ranged rows both. Minimising the deviations makes each
 * equal to the true shortfall/excess; a range is met anywhere inside it.
 */
export function buildGoalProblem(base: StandardForm, decls: readonly GoalDeclaration[], withLockRows: boolean): GoalProblem {
  const n = base.numCols;
  const m = base.numRows;
  const rows: GoalRow[] = [];
  const under = new Int32Array(m).fill(-1);
  const over = new Int32Array(m).fill(-1);
  const devName: string[] = [];
  let next = n;
  const ordered = decls.slice().sort((a, b) => cf.offset(a.family) - cf.offset(b.family));
  for (const decl of ordered) {
    const f = decl.family;
    const at = cf.offset(f);
    const count = cf.count(f);
    for (let i = 0; i < count; i++) {
      const row = at + i;
      const key = cf.keyAt(f, i);
      const item = cf.itemAt(f, i);
      const priority = rowPriority(decl, item, key);
      const weight = rowWeight(decl, item, key);
      const suffix = key === undefined ? '' : `[${formatKey(key)}]`;
      let u = -1;
      let o = -1;
      if (base.rowLower[row]! > Number.NEGATIVE_INFINITY) {
        u = next++;
        devName.push(`${f.name}.dev_under${suffix}`);
      }
      if (base.rowUpper[row]! < Number.POSITIVE_INFINITY) {
        o = next++;
        devName.push(`${f.name}.dev_over${suffix}`);
      }
      under[row] = u;
      over[row] = o;
      rows.push({ decl, row, key, item, priority, weight, under: u, over: o });
    }
  }
  const numDev = next - n;
  const priorities = [...new Set(rows.map((r) => r.priority))].sort((a, b) => a - b);
  const lockRows = withLockRows ? priorities.length : 0;
  let lockNnz = 0;
  // A weight of 0 leaves no term in a lock row (a stored coefficient is never 0).
  if (withLockRows) for (const r of rows) if (r.weight !== 0) lockNnz += (r.under >= 0 ? 1 : 0) + (r.over >= 0 ? 1 : 0);

  const total = n + numDev;
  const nnz = base.value.length + numDev + lockNnz;
  const rowStart = new Int32Array(m + lockRows + 1);
  const colIndex = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  let k = 0;
  for (let i = 0; i < m; i++) {
    rowStart[i] = k;
    const s = base.rowStart[i]!;
    const e = base.rowStart[i + 1]!;
    colIndex.set(base.colIndex.subarray(s, e), k);
    value.set(base.value.subarray(s, e), k);
    k += e - s;
    if (under[i]! >= 0) {
      colIndex[k] = under[i]!;
      value[k++] = 1;
    }
    if (over[i]! >= 0) {
      colIndex[k] = over[i]!;
      value[k++] = -1;
    }
  }
  const rowLower = new Float64Array(m + lockRows);
  const rowUpper = new Float64Array(m + lockRows);
  rowLower.set(base.rowLower);
  rowUpper.set(base.rowUpper);
  // The goal rows of each priority, in one pass (no scan of all rows per priority).
  const byPriority = new Map<number, GoalRow[]>(priorities.map((p) => [p, []]));
  for (const r of rows) byPriority.get(r.priority)!.push(r);
  const levelCoefficients = (priority: number): Float64Array => {
    const c = new Float64Array(total);
    for (const r of byPriority.get(priority) ?? []) {
      if (r.under >= 0) c[r.under] = r.weight;
      if (r.over >= 0) c[r.over] = r.weight;
    }
    return c;
  };
  for (let p = 0; p < lockRows; p++) {
    rowStart[m + p] = k;
    rowLower[m + p] = Number.NEGATIVE_INFINITY;
    rowUpper[m + p] = Number.POSITIVE_INFINITY;
    for (const r of byPriority.get(priorities[p]!)!) {
      if (r.weight === 0) continue;
      if (r.under >= 0) {
        colIndex[k] = r.under;
        value[k++] = r.weight;
      }
      if (r.over >= 0) {
        colIndex[k] = r.over;
        value[k++] = r.weight;
      }
    }
  }
  rowStart[m + lockRows] = k;

  const colLower = new Float64Array(total);
  const colUpper = new Float64Array(total).fill(Number.POSITIVE_INFINITY);
  const colIntegral = new Uint8Array(total);
  colLower.set(base.colLower);
  colUpper.set(base.colUpper);
  colIntegral.set(base.colIntegral);
  // Built from a validated problem plus new columns (bounds [0, ∞)), ±1 entries in distinct new
  // columns and finite non-zero weights: already what finishStandardForm guarantees, so no second pass.
  const problem: StandardForm = {
    name: base.name,
    sense: 'min',
    objectiveOffset: 0,
    colCost: new Float64Array(total),
    colLower,
    colUpper,
    colIntegral,
    rowLower,
    rowUpper,
    rowStart,
    colIndex,
    value,
    colName: (j) => (j < n ? base.colName(j) : (devName[j - n] ?? `dev${j - n}`)),
    rowName: (i) => (i < m ? base.rowName(i) : `goals.priority_${priorities[i - m]}`),
    numCols: total,
    numRows: m + lockRows,
  };
  return { problem, rows, priorities, lockRowStart: withLockRows ? m : -1, modelCols: n, levelCoefficients };
}
