import type { Iis } from './iis.js';
import type { Ranging } from './ranging.js';
import type { SolveOptions, SolveResult } from './solver.js';
import type { StandardForm } from './standard-form.js';

/**
 * A problem kept loaded in a solver (`Solver.open`, capability `sessions`): change column
 * bounds, row bounds or costs, and `solve()` again from the previous basis — a warm start, a
 * few iterations instead of a cold solve — with the same result a cold solve of the changed
 * problem gives. Columns and rows are addressed by index into `problem`.
 *
 * Changes apply to the loaded model only; `problem` stays the problem as it was opened. Dispose
 * the session when done (`using session = await solver.open(p)`, or `dispose()` in `finally`):
 * it holds native memory. After `dispose()` every other member throws `INVALID_STATE`.
 */
export interface SolverSession<O extends SolveOptions = SolveOptions, R extends SolveResult = SolveResult> extends Disposable {
  /** The problem as opened (indices of changes and results refer to its columns and rows). */
  readonly problem: StandardForm;
  /** True once {@link SolverSession.dispose} ran. */
  readonly disposed: boolean;
  /**
   * Changes the bounds of column `j` (±Infinity for none).
   *
   * @throws LumixError `INVALID_ARGUMENT` for an index out of range, `INVALID_NUMBER` for NaN or
   *   a wrong-side infinity, `INVALID_BOUNDS` for lb > ub.
   */
  setColBounds(j: number, lb: number, ub: number): void;
  /**
   * Changes the bounds of row `i`: `lb <= a_i·x <= ub` (±Infinity for none).
   *
   * @throws LumixError as {@link SolverSession.setColBounds}.
   */
  setRowBounds(i: number, lb: number, ub: number): void;
  /**
   * Changes the objective coefficient of column `j`.
   *
   * @throws LumixError `INVALID_ARGUMENT` for an index out of range, `INVALID_NUMBER` for a non-finite cost.
   */
  setColCost(j: number, cost: number): void;
  /**
   * Solves the loaded model as it is now, warm. `options` apply to this solve only, over the
   * session's defaults (the options given to `open`); the time limit counts from this call.
   */
  solve(options?: O): Promise<R>;
  /**
   * Ranging of the last solve, which must have been an LP solved to optimality with no change
   * since (else `NO_SOLUTION`). Capability `ranging`.
   */
  ranging?(): Promise<Ranging>;
  /** An irreducible infeasible subsystem of the loaded model as it is now. Capability `iis`. */
  computeIis?(): Promise<Iis>;
  /** Frees the native model. Idempotent. */
  dispose(): void;
}
