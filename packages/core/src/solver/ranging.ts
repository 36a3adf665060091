/**
 * One kind of ranging, per column or row: the interval `[lower, upper]` over which the value can
 * move while the current basis stays optimal (costs) or feasible (bounds), and the objective at
 * each end. Values are in the problem's own sense and units; an unlimited end is ±Infinity.
 */
interface RangingInterval {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly objectiveAtLower: Float64Array;
  readonly objectiveAtUpper: Float64Array;
}

/**
 * LP sensitivity ranging of an optimal basis: `SolveResult.ranging` when a solve asked for it
 * (`ranging: true`), or `SolverSession.ranging()`; needs the `ranging` capability.
 *
 * Example, the production LP (max 45 chair + 120 table + 200 desk, wood 8·chair + 25·table +
 * 35·desk <= 500 binding, desk basic): the desk's cost ranges over [196.875, Infinity) — below
 * 45·35/8 a chair earns more per board foot — and the chair's cost up to 8·200/35.
 */
export interface Ranging {
  /** Objective coefficient of each column. */
  readonly cost: RangingInterval;
  /** Bounds of each column (the active bound for non-basic columns). */
  readonly colBound: RangingInterval;
  /** Bounds (right-hand side) of each row. */
  readonly rowBound: RangingInterval;
}
