/**
 * The status codes of {@link Basis} entries (HiGHS uses the same numbers, so its basis passes
 * unchanged): `lower` non-basic at its lower bound, `basic`, `upper` non-basic at its upper
 * bound, `zero` free and non-basic at 0, `nonbasic` non-basic elsewhere.
 */
export const BASIS_STATUS = Object.freeze({ lower: 0, basic: 1, upper: 2, zero: 3, nonbasic: 4 } as const);

/**
 * The simplex basis of an LP solution: one {@link BASIS_STATUS} code per column and per row
 * (a row's status is that of its slack: `lower` when the row sits at its lower bound).
 * `SolveResult.basis` of a solver that claims the `basis` capability.
 */
export interface Basis {
  readonly colStatus: Int32Array;
  readonly rowStatus: Int32Array;
}
