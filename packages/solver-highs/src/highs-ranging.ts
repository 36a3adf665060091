import type { RangingResult } from 'highs';
import type { Ranging } from '@lumix/core';

/**
 * HiGHS' six ranging records as core's {@link Ranging} (values already in the problem's own
 * sense and units, unlimited ends ±Infinity). For the production LP (max, wood binding at 500):
 * the wood row's bound ranges over [310, 883.125] and the desk's cost over [196.875, Infinity).
 */
export function toRanging(r: RangingResult): Ranging {
  return {
    cost: { lower: r.colCostDown.value, upper: r.colCostUp.value, objectiveAtLower: r.colCostDown.objective, objectiveAtUpper: r.colCostUp.objective },
    colBound: { lower: r.colBoundDown.value, upper: r.colBoundUp.value, objectiveAtLower: r.colBoundDown.objective, objectiveAtUpper: r.colBoundUp.objective },
    rowBound: { lower: r.rowBoundDown.value, upper: r.rowBoundUp.value, objectiveAtLower: r.rowBoundDown.objective, objectiveAtUpper: r.rowBoundUp.objective },
  };
}
