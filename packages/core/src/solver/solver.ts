import type { Basis } from './basis.js';
import type { SolverCapabilities } from './capabilities.js';
import type { Iis } from './iis.js';
import type { LexicographicObjective, LexicographicResult } from './lexicographic.js';
import type { Ranging } from './ranging.js';
import type { SolverSession } from './solver-session.js';
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

/**
 * Options of a solve. Solver defaults apply where a field is absent. A field whose capability
 * the solver does not claim is refused with `UNSUPPORTED_FEATURE` (never silently ignored), and
 * values are checked before the backend sees them (see `defineSolver`).
 */
export interface SolveOptions {
  /**
   * Wall-clock limit in seconds, > 0. Capability `timeLimit`. Default: none.
   *
   * What it covers: the whole call it is given to, from the moment it is made. For
   * `solver.solve(problem, { timeLimit })` that is loading the problem into the backend (HiGHS
   * `passModel`, GLPK's model build), presolve, the solve and reading the result: the backend's
   * own clock gets what loading left, and when loading used it all the backend does not run
   * (status `time-limit`; a feasible MIP start is kept as the point). For `model.solve` the
   * model's build (loading sources, compiling) counts too; in a worker solver, starting the
   * worker and moving the problem to it. A session's solve counts from its `solve()` call (the
   * problem was loaded by `open`).
   *
   * It is a target the backend meets at its own checkpoints: between two of them (a long
   * presolve, the root LP of a large MIP, glpk.js reading a huge model) a solve can overrun it.
   * For a limit that always holds, run the solver in a worker with a hard wall-clock limit:
   * `resolveSolver(name, { hardTimeLimit })` or `createWorkerSolver({ solver, hardTimeLimit })`
   * from `@lumix/solver-runtime` (the worker is terminated at that limit, and its point is lost).
   */
  readonly timeLimit?: number;
  /** Relative MIP gap at which to stop, >= 0. Capability `mipGap`. Default: the solver's (HiGHS 1e-4, GLPK 0); set it for comparable runs. */
  readonly mipGap?: number;
  /** Presolve on or off; `false` needs capability `presolveToggle`. Default: the solver's (on). */
  readonly presolve?: boolean;
  /** Print the solver's log to stdout. Default `false`. */
  readonly verbose?: boolean;
  /** Receives the solver's log, line by line. Capability `logCallback`. Default: none. */
  readonly log?: (line: string) => void;
  /** Threads, a whole number >= 1; above 1 needs capability `threads` (both Wasm backends are single-threaded). Default 1. */
  readonly threads?: number;
  /** Simplex/IPM iteration limit, a whole number >= 0. Capability `iterationLimit`. Default: none. */
  readonly iterationLimit?: number;
  /**
   * A MIP start: one value per column, finite, or NaN for a column the start leaves open (a
   * partial start). The solver checks it and, when it is feasible, keeps it as the first
   * incumbent, so a limited solve returns at least this point; a partial start is completed by
   * the backend (HiGHS solves the problem with the given columns fixed, within
   * `mip_max_start_nodes`) and dropped when it cannot be. `model.solve({ start })` builds one by
   * family and key. Capability `mipStart`. Default: none.
   */
  readonly mipStart?: ArrayLike<number>;
  /**
   * Also compute cost and bound ranging (`SolveResult.ranging`) when the problem is an LP solved
   * to optimality. Capability `ranging`. Default `false`.
   */
  readonly ranging?: boolean;
  /** Backend-specific options passed through unchanged (e.g. HiGHS option names); each backend checks its own. Default: none. */
  readonly raw?: Readonly<Record<string, unknown>>;
  /**
   * Receives progress of a MIP solve, synchronously, from inside the solve: `kind: 'incumbent'`
   * each time a better point is found (with the point), and `kind: 'progress'` now and then
   * (at most about every 0.2 s of solver time) with the incumbent, bound, gap and nodes. It must
   * be quick; an exception it throws stops the solve and is rethrown. Capability `progress`.
   * Default: none.
   */
  readonly onProgress?: (progress: SolveProgress) => void;
  /**
   * Cancels the solve (an `AbortSignal`, or any {@link CancelSignal}): the backend polls `signal.aborted` at its checkpoints (every simplex
   * iteration, every branch-and-bound step) and stops at the first one after it is set, keeping
   * its best point: status `interrupted`, `hasSolution` true when it has an incumbent. A signal
   * aborted before the call stops the solve at its first checkpoint. Capability `cancel`.
   *
   * On the main thread a WebAssembly solve blocks the event loop, so the signal can only be
   * aborted from code that runs during the solve: `onProgress` (e.g. "stop at the first
   * incumbent"). To cancel from a timer, a UI or a request, solve in a worker
   * (`createWorkerSolver` in `@lumix/solver-runtime`), which passes the abort to the backend
   * through shared memory. Default: none.
   */
  readonly signal?: CancelSignal;
}

/**
 * What a solve reads of its `signal`: an `AbortController`'s `AbortSignal` fits. Backends poll
 * `aborted`; a worker solver also listens for its `abort` event when it has `addEventListener`.
 * (Structural, so that core needs no host's `AbortSignal` type.)
 */
export interface CancelSignal {
  /** True once the solve should stop. */
  readonly aborted: boolean;
}

/** A progress report of a MIP solve; see {@link SolveOptions.onProgress}. */
export interface SolveProgress {
  /** `incumbent`: a new best point was found (see `point`); `progress`: a periodic report. */
  readonly kind: 'incumbent' | 'progress';
  /** Objective of the best point so far (offset included); `null` while there is none. */
  readonly incumbent: number | null;
  /** Best proven bound on the objective; `null` when not known yet. */
  readonly bound: number | null;
  /** Relative gap between incumbent and bound; `null` without both. */
  readonly gap: number | null;
  /** Branch-and-bound nodes explored. */
  readonly nodes: number;
  /** Seconds since the backend started running. */
  readonly seconds: number;
  /** The new best point, one value per column: only with `kind: 'incumbent'`. */
  readonly point?: Float64Array;
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
  /**
   * Basis of an LP solved with a valid basis, from a solver that claims `basis`; `null` for MIPs
   * and when there is none; absent from solvers that do not claim it.
   */
  readonly basis?: Basis | null;
  /**
   * Ranging of an LP solved to optimality, when the solve asked for it (`ranging: true`);
   * `null` when asked but not available (a MIP, no optimum); absent otherwise.
   */
  readonly ranging?: Ranging | null;
  readonly stats: SolveStats;
  /** Free text from the backend (its native status, a reason), for humans. */
  readonly message?: string;
}

/**
 * A solver backend: a name, what it can do, one-shot solve of a {@link StandardForm}, and one
 * optional member per capability that needs more than `solve`:
 *
 * | member | capability | what |
 * |---|---|---|
 * | `open(problem, options?)` | `sessions` | a {@link SolverSession}: the problem kept loaded, changed and re-solved warm |
 * | `computeIis(problem, options?)` | `iis` | an irreducible infeasible subsystem ({@link Iis}) |
 * | `solveLexicographic(problem, objectives, options?)` | `multiObjective` | several objectives in priority order |
 *
 * Options and results carry the rest (`mipStart`, `ranging`; `basis`, duals). Build one with
 * `defineSolver`, the one front door: it refuses a claimed flag without its member (and a member
 * without its flag), checks every call against the flags and the problem before the backend sees
 * it, and fills in the members a backend lacks with ones that refuse with `UNSUPPORTED_FEATURE`.
 * Backends live in their own packages (`@lumix/solver-highs`, `@lumix/solver-glpk`).
 *
 * `O` and `R` are a backend's own options and result, wider than the core ones (HiGHS adds typed
 * `raw` options and a non-optional `basis`).
 */
export interface Solver<O extends SolveOptions = SolveOptions, R extends SolveResult = SolveResult> {
  readonly name: string;
  readonly capabilities: SolverCapabilities;
  /** Solves once. Infeasible, unbounded and limits are results, never exceptions. */
  solve(problem: StandardForm, options?: O): Promise<R>;
  /**
   * Loads the problem and keeps it loaded for changes and warm re-solves; `options` are the
   * defaults of every solve of the session. Capability `sessions`.
   */
  open?(problem: StandardForm, options?: O): Promise<SolverSession<O, R>>;
  /** An irreducible infeasible subsystem of the problem (of its LP relaxation for a MIP). Capability `iis`. */
  computeIis?(problem: StandardForm, options?: O): Promise<Iis>;
  /**
   * Optimises `objectives` one after the other, highest priority first, each kept within its
   * tolerance of its optimum while the later ones are optimised. The problem's own objective
   * (costs, sense, offset) is not used. Capability `multiObjective`.
   */
  solveLexicographic?(problem: StandardForm, objectives: readonly LexicographicObjective[], options?: O): Promise<LexicographicResult>;
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
