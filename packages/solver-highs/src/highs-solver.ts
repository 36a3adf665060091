import type { Model } from 'highs';
import {
  checkCapabilities,
  defineCapabilities,
  isMip,
  type SolveStats,
  type Solver,
  type SolverCapabilities,
  type StandardForm,
} from '@lumix/core';
import { loadHighs } from './load-highs.js';
import { toHighsOptions, type HighsOptionValue } from './highs-options.js';
import { applyMipStart, applyOptions, asLumixError, disposeQuietly, runAndRead, toModelData, type HighsSolveOptions, type HighsSolveResult } from './highs-run.js';
import type { HighsIis } from './highs-iis.js';
import { HighsSession } from './highs-session.js';

/** What the HiGHS backend can do; every flag set here is exercised by its tests. */
export const HIGHS_CAPABILITIES: SolverCapabilities = defineCapabilities({
  lp: true,
  integer: true,
  rowDuals: true,
  reducedCosts: true,
  basis: true,
  ranging: true,
  iis: true,
  mipStart: true,
  persistentResolve: true,
  timeLimit: true,
  mipGap: true,
  presolveToggle: true,
  logCallback: true,
  worker: true,
});

/** Options of {@link createHighsSolver}. */
export interface HighsSolverOptions {
  /**
   * Options applied to every solve of this instance; the options of one solve override them
   * field by field (`raw` is merged by option name). Default: none.
   */
  readonly defaults?: HighsSolveOptions;
}

/** Options checked and translated for HiGHS, ready to apply to a model. */
export interface PreparedOptions {
  readonly opts: HighsSolveOptions;
  readonly highsOptions: Readonly<Record<string, HighsOptionValue>>;
}

/**
 * The HiGHS backend: LP and MIP through highs-js' persistent array API (CSR arrays, never LP
 * text). Every native model is disposed after its solve, the Wasm runtime is loaded once per
 * process, and statuses, duals and reduced costs follow core's conventions (see `SolveResult`).
 *
 * Beyond {@link Solver}: `mipStart` and `ranging` solve options, {@link HighsSolver.open} for a
 * model kept loaded between re-solves (bound, rhs and cost changes, warm-started), and
 * {@link HighsSolver.iis} for an irreducible infeasible subsystem.
 */
export class HighsSolver implements Solver {
  /** Always `highs`. */
  readonly name = 'highs';
  readonly capabilities: SolverCapabilities = HIGHS_CAPABILITIES;
  private readonly defaults: HighsSolveOptions;

  constructor(options: HighsSolverOptions = {}) {
    this.defaults = options.defaults ?? {};
  }

  /**
   * Solves one problem. Infeasible, unbounded and limits are results, never exceptions.
   *
   * @throws LumixError `UNSUPPORTED_FEATURE` / `INVALID_ARGUMENT` for options HiGHS cannot take
   *   (e.g. `threads > 1`, an unknown `raw` option); `SOLVER_FAILED` when HiGHS itself fails.
   */
  async solve(problem: StandardForm, options: HighsSolveOptions = {}): Promise<HighsSolveResult> {
    const { opts, highsOptions } = this.prepare(problem, this.defaults, options);
    if (problem.numCols === 0) return solveWithoutColumns(problem);
    const highs = await loadHighs();
    const started = performance.now();
    const mip = isMip(problem);
    let model: Model | undefined;
    try {
      model = highs.createModel(toModelData(highs, problem, mip));
      applyOptions(model, highsOptions);
      if (opts.mipStart !== undefined) applyMipStart(model, problem.numCols, opts.mipStart);
      return runAndRead(highs, model, mip, opts, started);
    } catch (e) {
      throw asLumixError(e);
    } finally {
      disposeQuietly(model);
    }
  }

  /**
   * Loads a problem into a HiGHS model that stays loaded for re-solves after changes (see
   * {@link HighsSession}). Dispose the session when done (`using`, or `dispose()` in finally):
   * garbage collection frees its Wasm memory only as a late backstop.
   *
   * @param defaults options for every solve of the session (over this solver's defaults).
   * @throws LumixError `INVALID_ARGUMENT` for a problem without columns; `SOLVER_FAILED` when HiGHS fails.
   */
  async open(problem: StandardForm, defaults: HighsSolveOptions = {}): Promise<HighsSession> {
    const highs = await loadHighs();
    const merged = mergeOptions(this.defaults, defaults);
    this.prepare(problem, merged, {});
    let model: Model | undefined;
    try {
      model = highs.createModel(toModelData(highs, problem));
      return new HighsSession(highs, model, problem, (o) => this.prepare(problem, merged, o));
    } catch (e) {
      disposeQuietly(model);
      throw asLumixError(e);
    }
  }

  /**
   * An irreducible infeasible subsystem of an infeasible problem (for a MIP, of its LP
   * relaxation), as indices into the problem's rows and columns. Empty when there is none.
   *
   * @throws LumixError `SOLVER_FAILED` when HiGHS fails.
   */
  async iis(problem: StandardForm, options: HighsSolveOptions = {}): Promise<HighsIis> {
    const session = await this.open(problem, options);
    try {
      return session.iis();
    } finally {
      session.dispose();
    }
  }

  /** Options over `base` (this solver's defaults, or a session's), checked and translated. */
  private prepare(problem: StandardForm, base: HighsSolveOptions, options: HighsSolveOptions): PreparedOptions {
    const opts = mergeOptions(base, options);
    checkCapabilities(this, problem, opts);
    return { opts, highsOptions: toHighsOptions(opts) };
  }
}

/** Creates a {@link HighsSolver}. */
export function createHighsSolver(options: HighsSolverOptions = {}): HighsSolver {
  return new HighsSolver(options);
}

function mergeOptions(defaults: HighsSolveOptions, options: HighsSolveOptions): HighsSolveOptions {
  if (defaults === options || Object.keys(defaults).length === 0) return options;
  if (Object.keys(options).length === 0) return defaults;
  const raw = defaults.raw === undefined || options.raw === undefined ? undefined : { ...defaults.raw, ...options.raw };
  return raw === undefined ? { ...defaults, ...options } : { ...defaults, ...options, raw };
}

/**
 * A problem without columns never reaches HiGHS (it reports such a model as solved but has no
 * solution to return): it is optimal, with the objective constant, when every row admits 0.
 */
function solveWithoutColumns(p: StandardForm): HighsSolveResult {
  let feasible = true;
  for (let i = 0; i < p.numRows; i++) if (!(p.rowLower[i]! <= 0 && 0 <= p.rowUpper[i]!)) feasible = false;
  const stats: SolveStats = { solveMs: 0, iterations: 0 };
  const none = { rowDuals: null, reducedCosts: null, basis: null, ranging: null };
  if (!feasible) {
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
