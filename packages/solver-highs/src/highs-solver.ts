import type { Highs, Model, ModelData } from 'highs';
import {
  LumixError,
  checkCapabilities,
  defineCapabilities,
  isLumixError,
  isMip,
  type SolveOptions,
  type SolveResult,
  type SolveStats,
  type Solver,
  type SolverCapabilities,
  type StandardForm,
} from '@lumix/core';
import { discardHighs, loadHighs } from './load-highs.js';
import { LogLineSplitter, toHighsOptions, type HighsOptionValue } from './highs-options.js';
import { mapHighsStatus } from './status.js';

/** What the HiGHS backend can do; every flag set here is exercised by its tests. */
export const HIGHS_CAPABILITIES: SolverCapabilities = defineCapabilities({
  lp: true,
  integer: true,
  rowDuals: true,
  reducedCosts: true,
  basis: true,
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
  readonly defaults?: SolveOptions;
}

/**
 * Basis status of an LP solution, in HiGHS' codes (`highs.constants.basisStatus`):
 * 0 at lower bound, 1 basic, 2 at upper bound, 3 free at zero, 4 non-basic.
 */
export interface HighsBasis {
  readonly colStatus: Int32Array;
  readonly rowStatus: Int32Array;
}

/** A {@link SolveResult} with what HiGHS adds: the basis of an LP solved by simplex. */
export interface HighsSolveResult extends SolveResult {
  /** Basis of an LP with a valid basis (simplex, or IPM with crossover); `null` otherwise and for MIPs. */
  readonly basis: HighsBasis | null;
}

const PRIMAL_FEASIBLE = 2;

/**
 * The HiGHS backend: LP and MIP through highs-js' persistent array API (CSR arrays, never LP
 * text). Every native model is disposed after its solve, the Wasm runtime is loaded once per
 * process, and statuses, duals and reduced costs follow core's conventions (see `SolveResult`).
 */
export class HighsSolver implements Solver {
  /** Always `highs`. */
  readonly name = 'highs';
  readonly capabilities: SolverCapabilities = HIGHS_CAPABILITIES;
  private readonly defaults: SolveOptions;

  constructor(options: HighsSolverOptions = {}) {
    this.defaults = options.defaults ?? {};
  }

  /**
   * Solves one problem. Infeasible, unbounded and limits are results, never exceptions.
   *
   * @throws LumixError `UNSUPPORTED_FEATURE` / `INVALID_ARGUMENT` for options HiGHS cannot take
   *   (e.g. `threads > 1`, an unknown `raw` option); `SOLVER_FAILED` when HiGHS itself fails.
   */
  async solve(problem: StandardForm, options: SolveOptions = {}): Promise<HighsSolveResult> {
    const opts = mergeOptions(this.defaults, options);
    checkCapabilities(this, problem, opts);
    const highsOptions = toHighsOptions(opts);
    if (problem.numCols === 0) return solveWithoutColumns(problem);
    const highs = await loadHighs();
    const started = performance.now();
    const mip = isMip(problem);
    let model: Model | undefined;
    try {
      model = highs.createModel(toModelData(highs, problem, mip));
      applyOptions(model, highsOptions);
      return runAndRead(highs, model, mip, opts, started);
    } catch (e) {
      throw asLumixError(e);
    } finally {
      disposeQuietly(model);
    }
  }
}

/** Creates a {@link HighsSolver}. */
export function createHighsSolver(options: HighsSolverOptions = {}): HighsSolver {
  return new HighsSolver(options);
}

function mergeOptions(defaults: SolveOptions, options: SolveOptions): SolveOptions {
  if (defaults === options || Object.keys(defaults).length === 0) return options;
  const raw = defaults.raw === undefined && options.raw === undefined ? undefined : { ...defaults.raw, ...options.raw };
  return raw === undefined ? { ...defaults, ...options } : { ...defaults, ...options, raw };
}

/** The problem as HiGHS `ModelData`: the CSR arrays are passed as they are (no copy on our side). */
export function toModelData(highs: Highs, p: StandardForm, mip = isMip(p)): ModelData {
  const data: ModelData = {
    numCols: p.numCols,
    numRows: p.numRows,
    sense: p.sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    offset: p.objectiveOffset,
    colCost: p.colCost,
    // HiGHS' infinity is IEEE Infinity (highs.infinity), the same as ours: bounds pass unchanged.
    colLower: p.colLower,
    colUpper: p.colUpper,
    rowLower: p.rowLower,
    rowUpper: p.rowUpper,
    matrix: { format: 'csr', numRows: p.numRows, numCols: p.numCols, starts: p.rowStart, indices: p.colIndex, values: p.value },
  };
  return mip ? { ...data, integrality: Int32Array.from(p.colIntegral) } : data;
}

function applyOptions(model: Model, options: Readonly<Record<string, HighsOptionValue>>): void {
  for (const [name, value] of Object.entries(options)) {
    try {
      model.options.set(name, value);
    } catch (e) {
      const unsupported = (e as Error)?.name === 'HighsUnsupportedOptionError';
      throw new LumixError(
        unsupported ? 'UNSUPPORTED_FEATURE' : 'INVALID_ARGUMENT',
        unsupported
          ? `HiGHS option '${name}' is not supported by the single-threaded highs-js build; remove it from the options.`
          : `HiGHS rejected option '${name}' = ${JSON.stringify(value)}: the name is unknown or the value has the wrong type or range. Check the option against the HiGHS options reference.`,
        { cause: e, details: { solver: 'highs', option: name, value } },
      );
    }
  }
}

function runAndRead(highs: Highs, model: Model, mip: boolean, opts: SolveOptions, started: number): HighsSolveResult {
  let logError: unknown;
  let splitter: LogLineSplitter | undefined;
  if (opts.verbose === true || opts.log !== undefined) {
    const log = opts.log;
    const verbose = opts.verbose === true;
    splitter = new LogLineSplitter((line) => {
      if (logError !== undefined) return;
      try {
        log?.(line);
        if (verbose) process.stdout.write(`${line}\n`);
      } catch (e) {
        logError = e;
      }
    });
  }
  const lines = splitter;
  const run =
    lines === undefined
      ? model.run()
      : model.run({
          [highs.constants.callbackType.logging]: (event) => {
            lines.push(event.message);
            return undefined;
          },
        });
  lines?.flush();
  if (logError !== undefined) throw logError;

  const entry = mapHighsStatus(run.modelStatus);
  const info = (name: string): number => Number(model.info.get(name));
  const hasSolution = entry.mayHaveSolution && info('primal_solution_status') === PRIMAL_FEASIBLE;
  let colValues: Float64Array | null = null;
  let rowActivities: Float64Array | null = null;
  let rowDuals: Float64Array | null = null;
  let reducedCosts: Float64Array | null = null;
  let objective: number | null = null;
  let basis: HighsBasis | null = null;
  if (hasSolution) {
    const solution = model.getSolution();
    colValues = solution.colValue;
    rowActivities = solution.rowValue;
    objective = model.getObjectiveValue();
    // HiGHS reports duals as d(objective)/d(rhs) in the problem's own sense and column duals as
    // c - A'y: exactly core's convention, for min and max (checked in the quirks tests).
    if (!mip && info('dual_solution_status') === PRIMAL_FEASIBLE) {
      rowDuals = solution.rowDual;
      reducedCosts = solution.colDual;
    }
    if (!mip && info('basis_validity') === 1) {
      const b = model.getBasis();
      basis = { colStatus: b.colStatus, rowStatus: b.rowStatus };
    }
  }
  const stats = readStats(info, mip, performance.now() - started);
  const message = hasSolution || !entry.mayHaveSolution
    ? `HiGHS: ${entry.native}`
    : `HiGHS: ${entry.native}; no feasible point was found before it stopped`;
  return { solver: 'highs', status: entry.status, hasSolution, objective, colValues, rowActivities, rowDuals, reducedCosts, basis, stats, message };
}

function readStats(info: (name: string) => number, mip: boolean, solveMs: number): SolveStats {
  let iterations = 0;
  for (const name of ['simplex_iteration_count', 'ipm_iteration_count']) {
    const n = info(name);
    if (n > 0) iterations += n;
  }
  const stats: { -readonly [K in keyof SolveStats]: SolveStats[K] } = { solveMs, iterations };
  if (mip) {
    const nodes = info('mip_node_count');
    if (nodes >= 0) stats.nodes = nodes;
    const gap = info('mip_gap');
    if (Number.isFinite(gap)) stats.gap = gap;
    const bound = info('mip_dual_bound');
    if (Number.isFinite(bound)) stats.bestBound = bound;
  }
  return stats;
}

/**
 * A problem without columns never reaches HiGHS (it reports such a model as solved but has no
 * solution to return): it is optimal, with the objective constant, when every row admits 0.
 */
function solveWithoutColumns(p: StandardForm): HighsSolveResult {
  let feasible = true;
  for (let i = 0; i < p.numRows; i++) if (!(p.rowLower[i]! <= 0 && 0 <= p.rowUpper[i]!)) feasible = false;
  const stats: SolveStats = { solveMs: 0, iterations: 0 };
  if (!feasible) {
    return {
      solver: 'highs', status: 'infeasible', hasSolution: false, objective: null, colValues: null,
      rowActivities: null, rowDuals: null, reducedCosts: null, basis: null, stats,
      message: 'A row without columns excludes 0, so no point satisfies it',
    };
  }
  return {
    solver: 'highs', status: 'optimal', hasSolution: true, objective: p.objectiveOffset,
    colValues: new Float64Array(0), rowActivities: new Float64Array(p.numRows), rowDuals: new Float64Array(p.numRows),
    reducedCosts: new Float64Array(0), basis: null, stats, message: 'Empty model: the objective is its constant',
  };
}

function asLumixError(e: unknown): LumixError {
  if (isLumixError(e)) return e;
  const message = (e as Error)?.message ?? String(e);
  if ((e as Error)?.name === 'RuntimeError' || /\bAborted\(/.test(message)) {
    // An aborted Wasm instance is poisoned; the next solve loads a fresh one.
    discardHighs();
    return new LumixError(
      'SOLVER_FAILED',
      `HiGHS aborted (${message}). The WebAssembly runtime was discarded and will be reloaded for the next solve; if this repeats, the model may be too large for the 2 GiB Wasm memory: solve it in a worker (createWorkerSolver) or reduce it.`,
      { cause: e, details: { solver: 'highs' } },
    );
  }
  return new LumixError('SOLVER_FAILED', `HiGHS failed: ${message}`, { cause: e, details: { solver: 'highs' } });
}

function disposeQuietly(model: Model | undefined): void {
  if (model === undefined) return;
  try {
    model.dispose();
  } catch {
    // Disposing an aborted instance can throw; the original error is what matters.
  }
}
