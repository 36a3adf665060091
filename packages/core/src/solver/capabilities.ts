/**
 * What a solver backend can do. Data, not behaviour: every flag guards one option, one result
 * field or one member of `Solver`, and `defineSolver` holds a backend to it — a call
 * that needs an unclaimed flag is refused with `UNSUPPORTED_FEATURE` before it reaches the
 * backend, and a claimed flag without its member (or a member without its flag) is refused when
 * the solver is defined. Every flag defaults to `false` except `lp` (see
 * {@link DEFAULT_CAPABILITIES}); build one with {@link defineCapabilities} so that a flag added
 * later with its default does not break a backend.
 *
 * Three numbers say how large a finite number the backend represents faithfully
 * (`largestFiniteBound`, `largestCoefficient`, `largestCost`): a problem with a number at or
 * above one of them is refused with `INVALID_NUMBER` naming the column or row, before the backend
 * reads it as infinite or rejects it. Each defaults to `Infinity` (every finite number); a
 * backend with a limit declares it.
 */
export interface SolverCapabilities {
  /** Continuous linear programs. Default `true`. */
  readonly lp: boolean;
  /** Integer and binary columns (MILP). Default `false`. */
  readonly integer: boolean;
  /** Fills `SolveResult.rowDuals` for LPs. Default `false`. */
  readonly rowDuals: boolean;
  /** Fills `SolveResult.reducedCosts` for LPs. Default `false`. */
  readonly reducedCosts: boolean;
  /** Fills `SolveResult.basis` for LPs solved with a valid basis. Default `false`. */
  readonly basis: boolean;
  /**
   * Honours `SolveOptions.ranging` (fills `SolveResult.ranging`), and sessions have
   * `ranging()`. Default `false`.
   */
  readonly ranging: boolean;
  /** Has `Solver.computeIis`, and sessions have `computeIis()`. Default `false`. */
  readonly iis: boolean;
  /** Honours `SolveOptions.mipStart`. Default `false`. */
  readonly mipStart: boolean;
  /**
   * Has `Solver.open`: a problem kept loaded and re-solved warm after bound, rhs and cost
   * changes (a `SolverSession`). Default `false`.
   */
  readonly sessions: boolean;
  /** Has `Solver.solveLexicographic`: several linear objectives in priority order. Default `false`. */
  readonly multiObjective: boolean;
  /** Honours `timeLimit`. Default `false`. */
  readonly timeLimit: boolean;
  /** Honours `mipGap`. Default `false`. */
  readonly mipGap: boolean;
  /** Honours `iterationLimit`. Default `false`. */
  readonly iterationLimit: boolean;
  /** Honours `threads` above 1 (both WebAssembly backends run single-threaded). Default `false`. */
  readonly threads: boolean;
  /** Honours `presolve: false`. Default `false`. */
  readonly presolveToggle: boolean;
  /** Sends log lines to `log`. Default `false`. */
  readonly logCallback: boolean;
  /** Can run in a worker thread (`createWorkerSolver` in `@lumix/solver-runtime`). Default `false`. */
  readonly worker: boolean;
  /** Calls `SolveOptions.onProgress` with incumbents and MIP progress. Default `false`. */
  readonly progress: boolean;
  /** Honours `SolveOptions.signal`: stops when it is aborted, keeping its best point. Default `false`. */
  readonly cancel: boolean;
  /**
   * Finite column bounds and row bounds (right-hand sides) must be smaller than this in absolute
   * value (an exclusive limit, > 0): the backend reads larger ones as infinite. ±Infinity bounds
   * ("no bound") are always accepted. HiGHS `1e20` (its `infinite_bound`), GLPK `Number.MAX_VALUE`.
   * Default `Infinity` (every finite number).
   */
  readonly largestFiniteBound: number;
  /**
   * Matrix coefficients must be smaller than this in absolute value (exclusive, > 0). HiGHS
   * `1e15` (its `large_matrix_value`: it refuses the model), GLPK `2 ** 512` (its scaling squares
   * coefficients). Default `Infinity`.
   */
  readonly largestCoefficient: number;
  /**
   * Objective coefficients must be smaller than this in absolute value (exclusive, > 0): the
   * backend reads larger ones as infinite. HiGHS `1e20` (its `infinite_cost`), GLPK `Infinity`.
   * Default `Infinity`.
   */
  readonly largestCost: number;
}

/** The boolean flags of {@link SolverCapabilities}: what a call can need and a solver can claim. */
export type CapabilityFlag = { [K in keyof SolverCapabilities]: SolverCapabilities[K] extends boolean ? K : never }[keyof SolverCapabilities];

/** The numeric limits of {@link SolverCapabilities}: the largest magnitudes a backend represents. */
export type CapabilityLimit = Exclude<keyof SolverCapabilities, CapabilityFlag>;

/** The names of the limits, in the order they are checked. */
export const CAPABILITY_LIMITS: readonly CapabilityLimit[] = ['largestFiniteBound', 'largestCoefficient', 'largestCost'];

/** The defaults of every capability: LP only, and no limit on finite numbers. */
const DEFAULT_CAPABILITIES: SolverCapabilities = Object.freeze({
  lp: true,
  integer: false,
  rowDuals: false,
  reducedCosts: false,
  basis: false,
  ranging: false,
  iis: false,
  mipStart: false,
  sessions: false,
  multiObjective: false,
  timeLimit: false,
  mipGap: false,
  iterationLimit: false,
  threads: false,
  presolveToggle: false,
  logCallback: false,
  worker: false,
  progress: false,
  cancel: false,
  largestFiniteBound: Number.POSITIVE_INFINITY,
  largestCoefficient: Number.POSITIVE_INFINITY,
  largestCost: Number.POSITIVE_INFINITY,
});

/** Capabilities from the flags and limits a backend sets; the rest keep their documented defaults. */
export function defineCapabilities(flags: Partial<SolverCapabilities>): SolverCapabilities {
  return Object.freeze({ ...DEFAULT_CAPABILITIES, ...flags });
}
