import { checkFeasibility, type SolveResult, type StandardForm } from '@lumix/core';
import { expect } from 'vitest';

/** Relative difference of two objectives, scaled by max(1, |expected|). */
export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}

/**
 * Asserts a result carries a feasible point: `hasSolution`, arrays of the problem's sizes, the
 * point feasible by core's independent {@link checkFeasibility}, and the reported objective equal
 * to the objective recomputed from the point (offset included).
 */
export function expectFeasiblePoint(p: StandardForm, r: SolveResult, tolerance = 1e-6): void {
  expect(r.hasSolution, `${p.name}: hasSolution (status ${r.status}, ${r.message ?? ''})`).toBe(true);
  expect(r.colValues, `${p.name}: colValues`).not.toBeNull();
  expect(r.colValues!.length).toBe(p.numCols);
  const report = checkFeasibility(p, r.colValues!);
  expect(report.feasible, `${p.name}: infeasible point ${JSON.stringify(report)}`).toBe(true);
  expect(r.objective, `${p.name}: objective`).not.toBeNull();
  expect(relativeError(r.objective!, report.objective), `${p.name}: reported objective ${r.objective} vs recomputed ${report.objective}`).toBeLessThanOrEqual(tolerance);
  if (r.rowActivities !== null) {
    expect(r.rowActivities.length).toBe(p.numRows);
  }
}

/**
 * Asserts a result is optimal with the hand-computed objective (relative `tolerance`, default
 * 1e-6) and a point that core's own check finds feasible; with `values`, also the point.
 */
export function expectOptimal(p: StandardForm, r: SolveResult, objective: number, values?: readonly number[], tolerance = 1e-6): void {
  expect(r.status, `${p.name}: status (${r.message ?? ''})`).toBe('optimal');
  expectFeasiblePoint(p, r, tolerance);
  expect(relativeError(r.objective!, objective), `${p.name}: objective ${r.objective}, expected ${objective}`).toBeLessThanOrEqual(tolerance);
  if (values !== undefined) {
    for (let j = 0; j < values.length; j++) {
      expect(Math.abs(r.colValues![j]! - values[j]!), `${p.name}: ${p.colName(j)} = ${r.colValues![j]}, expected ${values[j]}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(values[j]!)));
    }
  }
}

/** Asserts a result without a point: the status, and no values, objective or duals pretending otherwise. */
export function expectNoPoint(r: SolveResult, ...statuses: SolveResult['status'][]): void {
  expect(statuses, `status ${r.status} (${r.message ?? ''})`).toContain(r.status);
  expect(r.hasSolution).toBe(false);
  expect(r.colValues).toBeNull();
  expect(r.objective).toBeNull();
}

/** Asserts numbers equal expected ones within `tolerance` (absolute, scaled by max(1, |expected|)). */
export function expectCloseArray(actual: ArrayLike<number> | null, expected: readonly number[], what: string, tolerance = 1e-6): void {
  expect(actual, what).not.toBeNull();
  expect(actual!.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual![i]! - expected[i]!), `${what}[${i}] = ${actual![i]}, expected ${expected[i]}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i]!)));
  }
}
