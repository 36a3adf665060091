import type { RangingResult } from 'highs';

/**
 * One kind of ranging, per column or row: the interval `[lower, upper]` over which the value
 * can move while the current basis stays optimal (costs) or feasible (bounds), and the
 * objective at each end. Values are in the problem's own sense and units; an unlimited end is
 * ±Infinity.
 */
export interface HighsRange {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly objectiveAtLower: Float64Array;
  readonly objectiveAtUpper: Float64Array;
}

/**
 * LP sensitivity ranging as HiGHS computes it (simplex, optimal basis). For the production LP
 * (max, wood binding at 500): the wood row's bound ranges over [310, 883.125] and the desk's cost
 * over [196.875, Infinity).
 */
export interface HighsRanging {
  /** Objective coefficient of each column. */
  readonly cost: HighsRange;
  /** Bounds of each column (the active bound for non-basic columns). */
  readonly colBound: HighsRange;
  /** Bounds (right-hand side) of each row. */
  readonly rowBound: HighsRange;
}

/** HiGHS' six ranging records as three {@link HighsRange}s. */
export function toHighsRanging(r: RangingResult): HighsRanging {
  return {
    cost: { lower: r.colCostDown.value, upper: r.colCostUp.value, objectiveAtLower: r.colCostDown.objective, objectiveAtUpper: r.colCostUp.objective },
    colBound: { lower: r.colBoundDown.value, upper: r.colBoundUp.value, objectiveAtLower: r.colBoundDown.objective, objectiveAtUpper: r.colBoundUp.objective },
    rowBound: { lower: r.rowBoundDown.value, upper: r.rowBoundUp.value, objectiveAtLower: r.rowBoundDown.objective, objectiveAtUpper: r.rowBoundUp.objective },
  };
}
