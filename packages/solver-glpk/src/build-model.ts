import type { StandardForm } from '@lumix/core';
import type { LP } from 'glpk.js/node';

/** GLPK bound types (`glp_set_col_bnds`/`glp_set_row_bnds`). */
const GLP_FR = 1;
const GLP_LO = 2;
const GLP_UP = 3;
const GLP_DB = 4;
const GLP_FX = 5;

/** glpk.js objective directions. */
const GLP_MIN = 1;
const GLP_MAX = 2;

/** A glpk.js bound triple. */
export interface GlpkBounds {
  readonly type: number;
  readonly lb: number;
  readonly ub: number;
}

/**
 * GLPK's bound type for `lb <= x <= ub` with ±Infinity for a missing side. A missing side is
 * passed as 0, which GLPK ignores for that type; lb == ub is fixed (GLP_FX).
 */
export function glpkBounds(lb: number, ub: number): GlpkBounds {
  const hasLb = lb !== Number.NEGATIVE_INFINITY;
  const hasUb = ub !== Number.POSITIVE_INFINITY;
  if (hasLb && hasUb) return lb === ub ? { type: GLP_FX, lb, ub } : { type: GLP_DB, lb, ub };
  if (hasLb) return { type: GLP_LO, lb, ub: 0 };
  if (hasUb) return { type: GLP_UP, lb: 0, ub };
  return { type: GLP_FR, lb: 0, ub: 0 };
}

/** Solver-side name of column `j`: short ids, because glpk.js aborts on names over 255 characters. */
export function glpkColName(j: number): string {
  return `c${j}`;
}

/** Solver-side name of row `i`. */
export function glpkRowName(i: number): string {
  return `r${i}`;
}

/** A glpk.js model and what was learned while making it. */
export interface GlpkModel {
  readonly lp: LP;
  readonly isMip: boolean;
  /**
   * Name of an integer column whose bounds hold no integer (e.g. [0.2, 0.8]), which makes the
   * problem infeasible; `undefined` when there is none.
   */
  readonly emptyIntegerColumn: string | undefined;
}

/** Variants of {@link buildGlpkModel}. */
export interface GlpkModelVariant {
  /** Drop integrality: the LP relaxation. Default `false`. */
  readonly relaxIntegers?: boolean;
  /** Drop the objective: only feasibility counts. Default `false`. */
  readonly dropObjective?: boolean;
}

/** How much a fractional integer bound may miss an integer and still count as that integer. */
const INTEGER_BOUND_TOLERANCE = 1e-9;

/**
 * The glpk.js JSON model of a {@link StandardForm}, with names `c0..`, `r0..`.
 *
 * Every column is listed in `bounds` (glpk.js only creates the columns it sees named), integer
 * columns go to `generals` (never `binaries`, which would reset bounds to [0, 1]), and integer
 * bounds are rounded inwards because `glp_intopt` refuses fractional ones. The objective
 * constant is left out (glpk.js has none) and added back to the result. The problem's rows are
 * duplicate-free by contract, so `glp_load_matrix` cannot abort on duplicate indices.
 *
 * The variants serve status classification: `relaxIntegers` gives the LP relaxation,
 * `dropObjective` a pure feasibility problem. Both default to `false`.
 */
export function buildGlpkModel(p: StandardForm, variant: GlpkModelVariant = {}): GlpkModel {
  const relaxIntegers = variant.relaxIntegers === true;
  const zeroObjective = variant.dropObjective === true;
  const n = p.numCols;
  const m = p.numRows;
  const objVars: Array<{ name: string; coef: number }> = [];
  const bounds: Array<{ name: string; type: number; lb: number; ub: number }> = new Array(n);
  const generals: string[] = [];
  let emptyIntegerColumn: string | undefined;
  for (let j = 0; j < n; j++) {
    const name = glpkColName(j);
    const cost = p.colCost[j]!;
    if (cost !== 0 && !zeroObjective) objVars.push({ name, coef: cost });
    let lb = p.colLower[j]!;
    let ub = p.colUpper[j]!;
    if (p.colIntegral[j] === 1 && !relaxIntegers) {
      generals.push(name);
      lb = Math.ceil(lb - INTEGER_BOUND_TOLERANCE);
      ub = Math.floor(ub + INTEGER_BOUND_TOLERANCE);
      if (lb > ub) {
        emptyIntegerColumn ??= p.colName(j);
        ub = lb;
      }
    }
    bounds[j] = { name, ...glpkBounds(lb, ub) };
  }
  const subjectTo: LP['subjectTo'] = new Array(m);
  for (let i = 0; i < m; i++) {
    const start = p.rowStart[i]!;
    const end = p.rowStart[i + 1]!;
    const vars: Array<{ name: string; coef: number }> = new Array(end - start);
    for (let k = start; k < end; k++) vars[k - start] = { name: glpkColName(p.colIndex[k]!), coef: p.value[k]! };
    subjectTo[i] = { name: glpkRowName(i), vars, bnds: glpkBounds(p.rowLower[i]!, p.rowUpper[i]!) };
  }
  const lp: LP = {
    name: 'lumix',
    objective: { direction: p.sense === 'max' ? GLP_MAX : GLP_MIN, name: 'obj', vars: objVars },
    subjectTo,
    bounds,
  };
  if (generals.length > 0) lp.generals = generals;
  return { lp, isMip: generals.length > 0, emptyIntegerColumn };
}
