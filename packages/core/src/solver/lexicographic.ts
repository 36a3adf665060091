import type { SolveResult } from './solver.js';

/**
 * One objective of a lexicographic solve (`Solver.solveLexicographic`): a linear function
 * `Σ coefficients[j]·x[j] + offset`, minimised or maximised.
 *
 * How much it may give up once optimised, while later objectives are optimised: at most
 * `min(absoluteTolerance, relativeTolerance·|optimum|)`. Give neither and it may give up
 * nothing; give one and only that one applies.
 */
export interface LexicographicObjective {
  readonly sense: 'min' | 'max';
  /** One coefficient per column of the problem. */
  readonly coefficients: ArrayLike<number>;
  /** Constant term. Default 0. */
  readonly offset?: number;
  /** Absolute degradation allowed, >= 0. Default: see above. */
  readonly absoluteTolerance?: number;
  /** Degradation allowed relative to |optimum|, >= 0. Default: see above. */
  readonly relativeTolerance?: number;
  /** A name for messages. Default `objective k` (its position). */
  readonly name?: string;
}

/**
 * What a lexicographic solve returns: a {@link SolveResult} of the returned point, whose
 * `objective` is the first (highest-priority) objective's value, plus every objective's value.
 * Duals, reduced costs, basis and ranging are `null`: they belong to one objective.
 */
export interface LexicographicResult extends SolveResult {
  /** The value of each objective at the returned point, offsets included; `null` without a point. */
  readonly objectiveValues: Float64Array | null;
}
