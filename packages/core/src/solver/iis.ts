/** Which bound of a row or column takes part in an {@link Iis}. */
export type IisBound = 'lower' | 'upper' | 'boxed' | 'free';

/**
 * An irreducible infeasible subsystem: rows and columns (indices into the problem) whose bounds
 * together admit no point, while dropping any one member row makes the rest feasible. For a MIP
 * it is a subsystem of the LP relaxation. Empty arrays mean none was found (the problem is
 * feasible, or the search stopped). Returned by `Solver.computeIis` and
 * `SolverSession.computeIis()` (the `iis` capability).
 */
export interface Iis {
  readonly rows: Int32Array;
  /** The bound of each row in `rows` that takes part. */
  readonly rowBounds: readonly IisBound[];
  readonly cols: Int32Array;
  /** The bound of each column in `cols` that takes part; `free` when only its coefficients matter. */
  readonly colBounds: readonly IisBound[];
}
