/**
 * What a solver backend can do. Data, not behaviour: every flag guards one option, one result
 * field or one member of `Solver`, and `defineSolver` holds a backend to it — a call
 * that needs an unclaimed flag is refused with `UNSUPPORTED_FEATURE` before it reaches the
 * backend, and a claimed flag without its member (or a member without its flag) is refused when
 * the solver is defined. Every flag defaults to `false` except `lp` (see
 * {@link DEFAULT_CAPABILITIES}); build one with {@link defineCapabilities} so that a flag added
 * later with its default does not break a backend.
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
}

/** The defaults of every capability flag: LP only. */
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
});

/** Capabilities from the flags a backend sets; the rest keep their documented defaults. */
export function defineCapabilities(flags: Partial<SolverCapabilities>): SolverCapabilities {
  return Object.freeze({ ...DEFAULT_CAPABILITIES, ...flags });
}
