import type { SolverCapabilities } from './capabilities.js';
import type { StandardForm } from './standard-form.js';

/**
 * Why a solve stopped. Whether a feasible point exists is a separate fact
 * ({@link SolveResult.hasSolution}): a MIP stopped at its time limit may or may not have one.
 * Infeasible and unbounded are results, never exceptions.
 */
export type TerminationStatus =
  | 'optimal'
  | 'infeasible'
  | 'unbounded'
  | 'infeasible-or-unbounded'
  | 'time-limit'
  | 'iteration-limit'
  | 'interrupted'
  | 'error';

/** Every {@link TerminationStatus}. */
export const TERMINATION_STATUSES: readonly TerminationStatus[] = [
  'optimal',
  'infeasible',
  'unbounded',
  'infeasible-or-unbounded',
  'time-limit',
  'iteration-limit',
  'interrupted',
  'error',
];

/** Options every backend understands. Solver defaults apply where a field is absent. */
export interface SolveOptions {
  /** Wall-clock limit in seconds. Default: none. */
  readonly timeLimit?: number;
  /** Relative MIP gap at which to stop. Default: the solver's (HiGHS 1e-4, GLPK 0); set it for comparable runs. */
  readonly mipGap?: number;
  /** Presolve on or off. Default: the solver's (on). */
  readonly presolve?: boolean;
  /** Print the solver's log to stdout. Default `false`. */
  readonly verbose?: boolean;
  /** Receives the solver's log, line by line. Default: none. */
  readonly log?: (line: string) => void;
  /** Threads, where meaningful (both Wasm backends are single-threaded). Default 1. */
  readonly threads?: number;
  /** Simplex/IPM iteration limit. Default: none. */
  readonly iterationLimit?: number;
  /** Backend-specific options passed through unchanged (e.g. HiGHS option names). Default: none. */
  readonly raw?: Readonly<Record<string, unknown>>;
}

/** Figures a backend reports about one solve. */
export interface SolveStats {
  /** Wall time of the solve call, in milliseconds. */
  readonly solveMs: number;
  /** Simplex (or IPM) iterations, when known. */
  readonly iterations?: number;
  /** Branch-and-bound nodes, when known (MIP). */
  readonly nodes?: number;
  /** Relative MIP gap at the end, when known. */
  readonly gap?: number;
  /** Best bound on the objective, when known (MIP). */
  readonly bestBound?: number;
}

/**
 * What a backend returns. Arrays are indexed like the {@link StandardForm}'s columns and rows.
 *
 * Sign conventions (the same for every backend, in the problem's own sense):
 * - `rowDuals[i]` is the change of the optimal objective per unit increase of row i's active
 *   bound (a binding `<=` row of a max problem has a dual >= 0, a binding `>=` row of a min problem too).
 * - `reducedCosts[j]` is `colCost[j] - Σ_i A[i][j]·rowDuals[i]`: the change of the objective per
 *   unit increase of column j from where it rests at a bound.
 */
export interface SolveResult {
  /** Name of the backend that solved it. */
  readonly solver: string;
  readonly status: TerminationStatus;
  /** True when `colValues` holds a feasible point (optimal or the incumbent at a limit). */
  readonly hasSolution: boolean;
  /** Objective of the returned point, offset included; `null` without a point. */
  readonly objective: number | null;
  /** Column values; `null` when `hasSolution` is false. */
  readonly colValues: Float64Array | null;
  /** Row activities (A x); `null` when not available. */
  readonly rowActivities: Float64Array | null;
  /** Row duals (see the sign convention); `null` when the backend or the problem (MIP) gives none. */
  readonly rowDuals: Float64Array | null;
  /** Reduced costs (see the sign convention); `null` when not available. */
  readonly reducedCosts: Float64Array | null;
  readonly stats: SolveStats;
  /** Free text from the backend (its native status, a reason), for humans. */
  readonly message?: string;
}

/**
 * A solver backend: a name, what it can do, and one-shot solve of a {@link StandardForm}.
 * Backends live in their own packages (`@lumix/solver-highs`, `@lumix/solver-glpk`).
 */
export interface Solver {
  readonly name: string;
  readonly capabilities: SolverCapabilities;
  solve(problem: StandardForm, options?: SolveOptions): Promise<SolveResult>;
}

/**
 * What a backend package exports as its default export, so that core can create it from a
 * name chosen by config (`solver: 'highs'`).
 */
export interface SolverModule {
  readonly name: string;
  createSolver(options?: Readonly<Record<string, unknown>>): Solver;
}

/** True when `x` has the shape of a {@link Solver}. */
export function isSolver(x: unknown): x is Solver {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Solver).name === 'string' &&
    typeof (x as Solver).solve === 'function' &&
    typeof (x as Solver).capabilities === 'object'
  );
}
