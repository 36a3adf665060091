import type { Model } from 'highs';
import {
  LumixError,
  defineCapabilities,
  defineSolver,
  isMip,
  type DefinedSession,
  type DefinedSolver,
  type Iis,
  type SessionDefinition,
  type SolveStats,
  type SolverCapabilities,
  type StandardForm,
} from '@lumix/core';
import { loadHighs } from './load-highs.js';
import { toHighsOptions } from './highs-options.js';
import {
  LOAD_OPTIONS,
  applyMipStart,
  asLumixError,
  disposeQuietly,
  expiredResult,
  loadModel,
  remainingTime,
  runAndRead,
  type HighsSolveOptions,
  type HighsSolveResult,
} from './highs-run.js';
import { computeIis } from './highs-iis.js';
import { solveLexicographic } from './highs-lexicographic.js';
import { HighsModelSession } from './highs-session.js';

/**
 * What the HiGHS backend can do, and the member or field behind each flag beyond `solve`:
 * `sessions` → `open`, `iis` → `computeIis` (and a session's `computeIis()`), `ranging` →
 * `ranging: true` (and a session's `ranging()`), `mipStart` → `mipStart`, `basis` →
 * `result.basis`, `multiObjective` → `solveLexicographic`. Every flag is exercised by its tests.
 * Not claimed: `threads` (the WebAssembly build is single-threaded).
 *
 * The limits are HiGHS' option defaults (read back from the Wasm build in the quirks tests): it
 * reads a bound of magnitude `infinite_bound` (1e20) or more as infinite and a cost of
 * `infinite_cost` (1e20) or more as infinite, and refuses a model with a coefficient of
 * `large_matrix_value` (1e15) or more. An instance whose `defaults.raw` sets one of these options
 * declares that value instead (see {@link createHighsSolver}).
 */
export const HIGHS_CAPABILITIES: SolverCapabilities = defineCapabilities({
  lp: true,
  integer: true,
  rowDuals: true,
  reducedCosts: true,
  basis: true,
  ranging: true,
  iis: true,
  mipStart: true,
  sessions: true,
  multiObjective: true,
  timeLimit: true,
  mipGap: true,
  iterationLimit: true,
  presolveToggle: true,
  logCallback: true,
  worker: true,
  progress: true,
  cancel: true,
  largestFiniteBound: 1e20,
  largestCoefficient: 1e15,
  largestCost: 1e20,
});

/** The HiGHS option behind each limit of {@link HIGHS_CAPABILITIES}. */
const LIMIT_OPTIONS = [
  ['largestFiniteBound', 'infinite_bound'],
  ['largestCoefficient', 'large_matrix_value'],
  ['largestCost', 'infinite_cost'],
] as const;

/** The capabilities of an instance: its `defaults.raw` may move HiGHS' limits, and it declares where they are. */
function capabilitiesOf(defaults: HighsSolveOptions | undefined): SolverCapabilities {
  const raw = defaults?.raw ?? {};
  const limits: Partial<Record<(typeof LIMIT_OPTIONS)[number][0], number>> = {};
  for (const [limit, option] of LIMIT_OPTIONS) {
    const v = raw[option];
    if (typeof v === 'number' && v > 0) limits[limit] = v;
  }
  return Object.keys(limits).length === 0 ? HIGHS_CAPABILITIES : defineCapabilities({ ...HIGHS_CAPABILITIES, ...limits });
}

/**
 * Refuses a call whose `raw` options set one of HiGHS' limit options to another value than the
 * instance declares: the front door has checked the problem against the declared limits, so a
 * call may not move them (lowered, HiGHS would read bounds the check let through as infinite).
 */
function checkLimitOptions(capabilities: SolverCapabilities, opts: HighsSolveOptions): void {
  for (const [limit, option] of LIMIT_OPTIONS) {
    const v = opts.raw?.[option];
    if (v !== undefined && v !== capabilities[limit]) {
      throw new LumixError(
        'INVALID_ARGUMENT',
        `HiGHS option '${option}' = ${String(v)} in the raw options of one call would move a limit the problem was checked against (capabilities.${limit} = ${capabilities[limit]}); ` +
          `set it for the instance instead, createHighsSolver({ defaults: { raw: { ${option}: ${String(v)} } } }), which declares it.`,
        { details: { solver: 'highs', option, value: v } },
      );
    }
  }
}

/** Options of {@link createHighsSolver}. */
export interface HighsSolverOptions {
  /**
   * Options applied to every call of this instance; the options of one call override them
   * field by field (`raw` is merged by option name). `raw.infinite_bound`, `raw.infinite_cost` and
   * `raw.large_matrix_value` here also set the instance's `largestFiniteBound`, `largestCost` and
   * `largestCoefficient` (a call cannot move them). Default: none.
   */
  readonly defaults?: HighsSolveOptions;
}

/** A HiGHS session: core's checked session with HiGHS' options and results, `ranging()` and `computeIis()`. */
export type HighsSession = DefinedSession<HighsSolveOptions, HighsSolveResult>;

/** The HiGHS solver: core's {@link DefinedSolver} with HiGHS' options and results; every member is claimed. */
export type HighsSolver = DefinedSolver<HighsSolveOptions, HighsSolveResult>;

/**
 * Creates the HiGHS backend: LP and MIP through highs-js' persistent array API (CSR arrays, never
 * LP text). Every native model is disposed after its call, the Wasm runtime is loaded once per
 * process, and statuses, duals and reduced costs follow core's conventions (see `SolveResult`).
 *
 * Beyond `solve`: `open` keeps a model loaded for re-solves after bound, rhs and cost changes
 * (warm-started; dispose it when done), `computeIis` finds an irreducible infeasible subsystem,
 * `solveLexicographic` optimises several objectives in priority order; solve options
 * `mipStart` and `ranging`, and `result.basis`. Core's `defineSolver` checks every call first.
 *
 * Calls throw `INVALID_ARGUMENT` / `UNSUPPORTED_FEATURE` for options HiGHS cannot take (from
 * core's checks, or an unknown or multi-threaded `raw` option) and `SOLVER_FAILED` when HiGHS
 * itself fails.
 */
export function createHighsSolver(options: HighsSolverOptions = {}): HighsSolver {
  const capabilities = capabilitiesOf(options.defaults);
  return defineSolver<HighsSolveOptions, HighsSolveResult>({
    name: 'highs',
    capabilities,
    defaults: options.defaults,
    solve: (problem, opts) => {
      checkLimitOptions(capabilities, opts);
      return solveOnce(problem, opts);
    },
    open: (problem, opts) => {
      checkLimitOptions(capabilities, opts);
      return open(problem, opts, (o) => checkLimitOptions(capabilities, o));
    },
    computeIis: (problem, opts) => {
      checkLimitOptions(capabilities, opts);
      return iisOnce(problem, opts);
    },
    solveLexicographic: (problem, objectives, opts) => {
      checkLimitOptions(capabilities, opts);
      return solveLexicographic(problem, objectives, opts);
    },
  });
}

async function solveOnce(problem: StandardForm, opts: HighsSolveOptions): Promise<HighsSolveResult> {
  // The time limit counts from here: loading the runtime and the model, then HiGHS' run.
  const started = performance.now();
  const highsOptions = toHighsOptions(opts);
  if (problem.numCols === 0) return solveWithoutColumns(problem);
  const highs = await loadHighs();
  const mip = isMip(problem);
  let model: Model | undefined;
  try {
    model = loadModel(highs, problem, highsOptions, mip);
    const left = remainingTime(opts, started);
    if (left !== undefined) {
      if (left <= 0) return expiredResult(problem, opts, started);
      model.options.set('time_limit', left);
    }
    if (opts.mipStart !== undefined) applyMipStart(model, opts.mipStart);
    return runAndRead(highs, model, mip, opts, started);
  } catch (e) {
    throw asLumixError(e);
  } finally {
    disposeQuietly(model);
  }
}

/** Loads a problem into a HiGHS model that stays loaded (see {@link HighsModelSession}). */
async function open(problem: StandardForm, opts: HighsSolveOptions, checkSolve: (o: HighsSolveOptions) => void): Promise<SessionDefinition<HighsSolveOptions, HighsSolveResult>> {
  if (problem.numCols === 0) {
    throw new LumixError('INVALID_ARGUMENT', `Problem '${problem.name}' has no columns, so there is nothing to keep loaded; solve it with solve().`, {
      details: { solver: 'highs', problem: problem.name },
    });
  }
  const highsOptions = toHighsOptions(opts);
  const highs = await loadHighs();
  // Only the options HiGHS reads while loading: each solve of the session sets its own.
  const loadOptions = Object.fromEntries(Object.entries(highsOptions).filter(([name]) => LOAD_OPTIONS.includes(name)));
  let model: Model | undefined;
  try {
    model = loadModel(highs, problem, loadOptions);
    return new HighsModelSession(highs, model, problem, opts, checkSolve);
  } catch (e) {
    disposeQuietly(model);
    throw asLumixError(e);
  }
}

/** An IIS of the problem (of its LP relaxation for a MIP) in a model loaded for the search alone. */
async function iisOnce(problem: StandardForm, opts: HighsSolveOptions): Promise<Iis> {
  const highsOptions = toHighsOptions(opts);
  if (problem.numCols === 0) return iisWithoutColumns(problem);
  const highs = await loadHighs();
  let model: Model | undefined;
  try {
    model = loadModel(highs, problem, highsOptions);
    return computeIis(highs, model, 'iis_strategy' in highsOptions);
  } catch (e) {
    throw asLumixError(e);
  } finally {
    disposeQuietly(model);
  }
}

/**
 * A problem without columns never reaches HiGHS (it reports such a model as solved but has no
 * solution to return): it is optimal, with the objective constant, when every row admits 0.
 */
function solveWithoutColumns(p: StandardForm): HighsSolveResult {
  const i = rowExcludingZero(p);
  const stats: SolveStats = { solveMs: 0, iterations: 0 };
  const none = { rowDuals: null, reducedCosts: null, basis: null, ranging: null };
  if (i >= 0) {
    return {
      solver: 'highs', status: 'infeasible', hasSolution: false, objective: null, colValues: null, rowActivities: null, ...none, stats,
      message: 'A row without columns excludes 0, so no point satisfies it',
    };
  }
  return {
    solver: 'highs', status: 'optimal', hasSolution: true, objective: p.objectiveOffset, colValues: new Float64Array(0),
    rowActivities: new Float64Array(p.numRows), ...none, rowDuals: new Float64Array(p.numRows), reducedCosts: new Float64Array(0), stats,
    message: 'Empty model: the objective is its constant',
  };
}

/** Without columns, a row whose bounds exclude 0 is an IIS on its own. */
function iisWithoutColumns(p: StandardForm): Iis {
  const i = rowExcludingZero(p);
  const none = new Int32Array(0);
  if (i < 0) return { rows: none, rowBounds: [], cols: none, colBounds: [] };
  return { rows: Int32Array.of(i), rowBounds: [p.rowLower[i]! > 0 ? 'lower' : 'upper'], cols: none, colBounds: [] };
}

/** The first row whose bounds exclude 0, or -1. */
function rowExcludingZero(p: StandardForm): number {
  for (let i = 0; i < p.numRows; i++) if (!(p.rowLower[i]! <= 0 && 0 <= p.rowUpper[i]!)) return i;
  return -1;
}
