import { LumixError } from '../errors.js';
import type { Key } from '../model/key-index.js';
import type { CompiledModel } from '../model/model.js';
import type { DefinedSession, DefinedSolver } from '../solver/define-solver.js';
import type { Ranging } from '../solver/ranging.js';
import type { SolveOptions, SolveResult } from '../solver/solver.js';
import { isMip, type ObjectiveSense, type StandardForm } from '../solver/standard-form.js';
import type { Addressing, ColumnFamilyRef, RowFamilyRef } from './address.js';

/** Options of `analysis.sensitivity()`. */
export interface SensitivityOptions {
  /** A row is binding when its slack is at most this, relative to max(1, |bound|); a dual counts when |dual| exceeds it. Default 1e-7. */
  readonly tolerance?: number;
  /**
   * Duals exist for LPs only. For a MIP, `true` solves it, fixes the integer variables at their
   * optimal values and reports the sensitivity of the LP that remains (the usual reading of a
   * MIP's duals: prices of the continuous part at the chosen integer plan). Default `false`: a
   * MIP is refused with `INVALID_STATE`.
   */
  readonly fixIntegers?: boolean;
}

/** An interval of a ranging, with the objective at each end (values in the model's own sense; an open end is ±Infinity). */
export interface RangeInterval {
  readonly lower: number;
  readonly upper: number;
  readonly objectiveAtLower: number;
  readonly objectiveAtUpper: number;
}

/** The sensitivity of one row. */
export interface RowSensitivity {
  readonly family: string;
  readonly key: Key | undefined;
  readonly item: unknown;
  /** Row index in the compiled problem. */
  readonly index: number;
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  /** Value of the row's expression at the optimum. */
  readonly activity: number;
  /** Distance of the activity from the nearest finite bound (0 for an equality). */
  readonly slack: number;
  /** True when the activity sits at a bound (slack within the tolerance). */
  readonly binding: boolean;
  /** Shadow price: d objective / d right-hand side, in the model's own sense. */
  readonly dual: number;
  /**
   * Range of the right-hand side (the bound the row is at; for a row with slack, the bound
   * nearest its activity) over which `dual` holds and the objective moves by `dual` per unit;
   * null without ranging.
   */
  readonly rhsRange: RangeInterval | null;
}

/** The sensitivity of one variable. */
export interface ColumnSensitivity {
  readonly family: string;
  readonly key: Key;
  readonly item: unknown;
  /** Column index in the compiled problem. */
  readonly index: number;
  readonly name: string;
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
  readonly cost: number;
  /** `cost − Σ a_ij · dual_i`: d objective / d value from where the variable rests at a bound. */
  readonly reducedCost: number;
  /** Range of the cost over which the solution stays optimal; null without ranging. */
  readonly costRange: RangeInterval | null;
}

/** The sensitivity report of an LP optimum, by family, key and item. */
export interface SensitivityReport {
  readonly sense: ObjectiveSense;
  readonly objective: number;
  readonly solver: string;
  /** True when the solver gave ranging (capability `ranging`): `rhsRange` and `costRange` are filled. */
  readonly ranging: boolean;
  /** `solver` when the solver reported reduced costs; `duals` when they were computed from the duals (GLPK). */
  readonly reducedCostsFrom: 'solver' | 'duals';
  /** True when a MIP's integer variables were fixed at their optimum first (`fixIntegers`). */
  readonly fixedIntegers: boolean;
  readonly rows: readonly RowSensitivity[];
  readonly columns: readonly ColumnSensitivity[];
  /** The binding rows, in row order. */
  readonly binding: readonly RowSensitivity[];
  /** Rows with a non-zero shadow price, largest |shadow price| first (ties in row order): where more capacity pays most. */
  readonly bottlenecks: readonly RowSensitivity[];
  /** The row of a family's key or item (no key for a single constraint). @throws LumixError `UNKNOWN_KEY`. */
  row(family: RowFamilyRef, keyOrItem?: unknown): RowSensitivity;
  /** The variable of a family's key or item. @throws LumixError `UNKNOWN_KEY`. */
  column(family: ColumnFamilyRef, keyOrItem: unknown): ColumnSensitivity;
  /** Every row of a family, in row order. */
  rowsOf(family: RowFamilyRef): RowSensitivity[];
  /** Every variable of a family, in column order. */
  columnsOf(family: ColumnFamilyRef): ColumnSensitivity[];
}

function interval(r: Ranging['cost'], k: number): RangeInterval {
  return { lower: r.lower[k]!, upper: r.upper[k]!, objectiveAtLower: r.objectiveAtLower[k]!, objectiveAtUpper: r.objectiveAtUpper[k]! };
}

/** The problem with integer columns fixed at (rounded) `x` and integrality dropped. */
function fixIntegral(p: StandardForm, x: Float64Array): StandardForm {
  const colLower = p.colLower.slice();
  const colUpper = p.colUpper.slice();
  for (let j = 0; j < p.numCols; j++) {
    if (p.colIntegral[j] === 1) {
      const v = Math.min(p.colUpper[j]!, Math.max(p.colLower[j]!, Math.round(x[j]!)));
      colLower[j] = v;
      colUpper[j] = v;
    }
  }
  return { ...p, colLower, colUpper, colIntegral: new Uint8Array(p.numCols) };
}

/** @internal The sensitivity report behind `analysis.sensitivity()`. */
export async function sensitivityReport(
  compiled: CompiledModel,
  at: Addressing,
  problem: StandardForm,
  solver: DefinedSolver,
  session: DefinedSession | undefined,
  solveOptions: SolveOptions,
  options: SensitivityOptions,
): Promise<SensitivityReport> {
  const tol = options.tolerance ?? 1e-7;
  const caps = solver.capabilities;
  if (!caps.rowDuals) {
    throw new LumixError('UNSUPPORTED_FEATURE', `Solver '${solver.name}' reports no duals, so there is no sensitivity report; use HiGHS or GLPK.`, {
      details: { solver: solver.name },
    });
  }
  let lp = problem;
  let result: SolveResult;
  let ranging: Ranging | null = null;
  const fixed = isMip(problem);
  if (fixed) {
    if (options.fixIntegers !== true) {
      throw new LumixError(
        'INVALID_STATE',
        `Model '${problem.name}' has integer variables, and duals exist for LPs only. Pass { fixIntegers: true } for the LP at the integer optimum, or declare the integer variables continuous for the LP relaxation.`,
      );
    }
    const mip = session !== undefined ? await session.solve() : await solver.solve(problem, solveOptions);
    if (!mip.hasSolution || mip.colValues === null) {
      throw new LumixError('NO_SOLUTION', `The MIP ended '${mip.status}' without a point, so there is no integer plan to fix.`, {
        details: { status: mip.status },
      });
    }
    lp = fixIntegral(problem, mip.colValues);
  }
  if (session !== undefined && !fixed) {
    result = await session.solve();
    if (caps.ranging && result.status === 'optimal') ranging = await session.ranging();
  } else {
    result = await solver.solve(lp, caps.ranging ? { ...solveOptions, ranging: true } : solveOptions);
    ranging = result.ranging ?? null;
  }
  if (result.status !== 'optimal' || result.colValues === null || result.rowDuals === null || result.objective === null) {
    throw new LumixError(
      'NO_SOLUTION',
      `The solve ended '${result.status}'${result.rowDuals === null && result.status === 'optimal' ? ' without duals' : ''}; a sensitivity report needs an LP solved to optimality.`,
      {
        details: { status: result.status, solver: result.solver },
      },
    );
  }
  const x = result.colValues;
  const y = result.rowDuals;
  const m = lp.numRows;
  const n = lp.numCols;
  let act = result.rowActivities;
  if (act === null) {
    act = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let v = 0;
      for (let k = lp.rowStart[i]!; k < lp.rowStart[i + 1]!; k++) v += lp.value[k]! * x[lp.colIndex[k]!]!;
      act[i] = v;
    }
  }
  let d = result.reducedCosts;
  const reducedCostsFrom = d === null ? 'duals' : 'solver';
  if (d === null) {
    // The sign convention of SolveResult: d_j = c_j − Σ_i a_ij y_i.
    d = lp.colCost.slice();
    for (let i = 0; i < m; i++) {
      const yi = y[i]!;
      if (yi === 0) continue;
      for (let k = lp.rowStart[i]!; k < lp.rowStart[i + 1]!; k++) d[lp.colIndex[k]!] = d[lp.colIndex[k]!]! - lp.value[k]! * yi;
    }
  }
  const rows: RowSensitivity[] = new Array(m);
  for (let i = 0; i < m; i++) {
    const lo = lp.rowLower[i]!;
    const hi = lp.rowUpper[i]!;
    const a = act[i]!;
    const slack = Math.max(
      0,
      Math.min(lo === Number.NEGATIVE_INFINITY ? Number.POSITIVE_INFINITY : a - lo, hi === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : hi - a),
    );
    const near = Math.abs(a - lo) <= Math.abs(a - hi) ? lo : hi;
    const r = compiled.row(i);
    const binding = slack <= tol * Math.max(1, Number.isFinite(near) ? Math.abs(near) : 1);
    let rhsRange: RangeInterval | null = null;
    if (ranging !== null) {
      // HiGHS ranges a basic (slack) row's activity, not its bound: for a row that is not binding
      // the right-hand side can move from the activity outwards without changing the objective.
      if (binding) rhsRange = interval(ranging.rowBound, i);
      else if (near === hi) rhsRange = { lower: a, upper: Number.POSITIVE_INFINITY, objectiveAtLower: result.objective!, objectiveAtUpper: result.objective! };
      else rhsRange = { lower: Number.NEGATIVE_INFINITY, upper: a, objectiveAtLower: result.objective!, objectiveAtUpper: result.objective! };
    }
    rows[i] = {
      family: r.family,
      key: r.key,
      item: r.item,
      index: i,
      name: lp.rowName(i),
      lower: lo,
      upper: hi,
      activity: a,
      slack,
      binding,
      dual: y[i]!,
      rhsRange,
    };
  }
  const columns: ColumnSensitivity[] = new Array(n);
  for (let j = 0; j < n; j++) {
    const c = compiled.column(j);
    columns[j] = {
      family: c.family,
      key: c.key,
      item: c.item,
      index: j,
      name: lp.colName(j),
      value: x[j]!,
      lower: lp.colLower[j]!,
      upper: lp.colUpper[j]!,
      cost: lp.colCost[j]!,
      reducedCost: d[j]!,
      costRange: ranging === null ? null : interval(ranging.cost, j),
    };
  }
  const bottlenecks = rows
    .filter((r) => Math.abs(r.dual) > tol)
    .map((r, k) => ({ r, k }))
    .sort((a, b) => Math.abs(b.r.dual) - Math.abs(a.r.dual) || a.k - b.k)
    .map(({ r }) => r);
  return {
    sense: lp.sense,
    objective: result.objective,
    solver: result.solver,
    ranging: ranging !== null,
    reducedCostsFrom,
    fixedIntegers: fixed,
    rows,
    columns,
    binding: rows.filter((r) => r.binding),
    bottlenecks,
    row: (family, keyOrItem) => rows[at.row(family, keyOrItem)]!,
    column: (family, keyOrItem) => columns[at.column(family, keyOrItem)]!,
    rowsOf: (family) => at.rows(family).map((i) => rows[i]!),
    columnsOf: (family) => at.columns(family).map((j) => columns[j]!),
  };
}
