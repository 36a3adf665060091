import type { StandardForm } from './standard-form.js';

/** Tolerances of {@link checkFeasibility}. */
export interface FeasibilityTolerances {
  /** Violation allowed, relative to max(1, |bound|). Default 1e-6. */
  readonly relative?: number;
  /** Distance from the nearest integer allowed for integer columns. Default 1e-6. */
  readonly integrality?: number;
}

/** The worst violations of a point, each with where it happens. */
export interface FeasibilityReport {
  readonly feasible: boolean;
  /** Largest relative row violation and the row's name (empty when none). */
  readonly maxRowViolation: number;
  readonly worstRow: string;
  /** Largest relative bound violation and the column's name. */
  readonly maxBoundViolation: number;
  readonly worstBound: string;
  /** Largest distance of an integer column from an integer. */
  readonly maxIntegralityViolation: number;
  readonly worstIntegral: string;
  /** Objective of the point, offset included. */
  readonly objective: number;
}

/** How far `v` lies outside [lo, hi], relative to max(1, |bound|); 0 inside; NaN for a NaN value. */
function violation(v: number, lo: number, hi: number): number {
  if (Number.isNaN(v)) return Number.NaN;
  if (v < lo) return (lo - v) / Math.max(1, Math.abs(lo));
  if (v > hi) return (v - hi) / Math.max(1, Math.abs(hi));
  return 0;
}

/**
 * Checks a point against a problem's rows, bounds and integrality on its own, without trusting
 * the solver: the independent check the conformance suite and the apps rely on. Violations are
 * relative (divided by max(1, |bound|)) because HiGHS leaves ~1e-7 relative row violations.
 */
export function checkFeasibility(p: StandardForm, x: ArrayLike<number>, tol: FeasibilityTolerances = {}): FeasibilityReport {
  const rel = tol.relative ?? 1e-6;
  const intTol = tol.integrality ?? 1e-6;
  let maxRow = 0;
  let worstRow = '';
  for (let i = 0; i < p.numRows; i++) {
    let act = 0;
    for (let k = p.rowStart[i]!; k < p.rowStart[i + 1]!; k++) act += p.value[k]! * x[p.colIndex[k]!]!;
    const lo = p.rowLower[i]!;
    const hi = p.rowUpper[i]!;
    const v = Math.max(violation(act, lo, hi), 0);
    if (!(v <= maxRow)) {
      maxRow = Number.isNaN(v) ? Infinity : v;
      worstRow = p.rowName(i);
    }
  }
  let maxBound = 0;
  let worstBound = '';
  let maxInt = 0;
  let worstIntegral = '';
  let objective = p.objectiveOffset;
  for (let j = 0; j < p.numCols; j++) {
    const v = x[j]!;
    objective += p.colCost[j]! * v;
    const lo = p.colLower[j]!;
    const hi = p.colUpper[j]!;
    const b = violation(v, lo, hi);
    if (!(b <= maxBound)) {
      maxBound = Number.isNaN(b) ? Infinity : b;
      worstBound = p.colName(j);
    }
    if (p.colIntegral[j] === 1) {
      const d = Math.abs(v - Math.round(v));
      if (!(d <= maxInt)) {
        maxInt = Number.isNaN(d) ? Infinity : d;
        worstIntegral = p.colName(j);
      }
    }
  }
  return {
    feasible: maxRow <= rel && maxBound <= rel && maxInt <= intTol,
    maxRowViolation: maxRow,
    worstRow,
    maxBoundViolation: maxBound,
    worstBound,
    maxIntegralityViolation: maxInt,
    worstIntegral,
    objective,
  };
}
