// Running a loaded HiGHS model and reading its result: shared by one-shot solves, sessions and
// lexicographic solves.
import type { CallbackData, Highs, HighsCallbackMap, Model, ModelData } from 'highs';
import { LumixError, checkFeasibility, isLumixError, isMip, type Basis, type Ranging, type SolveOptions, type SolveProgress, type SolveResult, type SolveStats, type StandardForm } from '@lumix/core';
import { discardHighs } from './load-highs.js';
import { checkHighsMemory } from './highs-memory.js';
import { LogLineSplitter, type HighsOptionValue } from './highs-options.js';
import { toRanging } from './highs-ranging.js';
import { mapHighsStatus } from './status.js';

/** {@link SolveOptions} with `raw` typed as HiGHS options (names from the HiGHS options reference). */
export interface HighsSolveOptions extends SolveOptions {
  /** HiGHS options by name, applied last (they override the translated ones). Default: none. */
  readonly raw?: Readonly<Record<string, HighsOptionValue>>;
}

/** A {@link SolveResult} whose `basis` and `ranging` are always there (`null` when not available). */
export interface HighsSolveResult extends SolveResult {
  /** Basis of an LP with a valid basis (simplex, or IPM with crossover), in core's `BASIS_STATUS` codes (HiGHS' own); `null` otherwise and for MIPs. */
  readonly basis: Basis | null;
  /** Ranging, when asked for with `ranging: true` and the LP was solved to optimality; else `null`. */
  readonly ranging: Ranging | null;
}

const FEASIBLE = 2;

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

/**
 * HiGHS options it reads while a model is loaded, not when it runs: `passModel` turns bounds and
 * costs at or above `infinite_bound` / `infinite_cost` into infinities and refuses coefficients at
 * or above `large_matrix_value`, so these must be set before the model is passed.
 */
export const LOAD_OPTIONS: readonly string[] = ['infinite_bound', 'infinite_cost', 'large_matrix_value'];

/**
 * A new HiGHS model holding the problem, with `options` set before the problem is passed (so the
 * load options above apply to it). Disposed again when loading fails. A problem too large for
 * the WebAssembly runtime is refused first (`checkHighsMemory`).
 */
export function loadModel(highs: Highs, problem: StandardForm, options: Readonly<Record<string, HighsOptionValue>>, mip = isMip(problem)): Model {
  checkHighsMemory({ numRows: problem.numRows, numCols: problem.numCols, numNonzeros: problem.rowStart[problem.numRows] ?? 0, mip });
  const model = highs.createModel();
  try {
    applyOptions(model, options);
    model.passModel(toModelData(highs, problem, mip));
    return model;
  } catch (e) {
    disposeQuietly(model);
    throw e;
  }
}

/** Sets HiGHS options one by one, so that a rejected one is named. */
export function applyOptions(model: Model, options: Readonly<Record<string, HighsOptionValue>>): void {
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

/**
 * The seconds of a call's `timeLimit` left at this moment, `started` being when the call began
 * (`performance.now()`): the `time_limit` HiGHS gets once the model is loaded, so that the limit
 * counts loading (`passModel`) too, and HiGHS' own clock (which starts at `run`) the rest.
 * `undefined` when the call has no limit, or sets HiGHS' `time_limit` itself through `raw`.
 * Zero or less: the limit ran out before HiGHS could run.
 */
export function remainingTime(opts: HighsSolveOptions, started: number): number | undefined {
  if (opts.timeLimit === undefined || opts.raw?.['time_limit'] !== undefined) return undefined;
  return opts.timeLimit - (performance.now() - started) / 1000;
}

/**
 * The result of a call whose time limit ran out before HiGHS ran (loading the model took it):
 * status `time-limit`, and no point — unless a MIP start was given and is feasible, which is
 * kept as the incumbent, as a run would have kept it.
 */
export function expiredResult(problem: StandardForm, opts: HighsSolveOptions, started: number): HighsSolveResult {
  const none = { rowDuals: null, reducedCosts: null, basis: null, ranging: null };
  const stats: SolveStats = { solveMs: performance.now() - started, iterations: 0 };
  const message = `HiGHS was not run: loading the model took the whole time limit of ${opts.timeLimit} s`;
  if (opts.mipStart !== undefined) {
    const x = Float64Array.from(opts.mipStart);
    const report = checkFeasibility(problem, x);
    if (report.feasible) {
      const rowActivities = new Float64Array(problem.numRows);
      for (let i = 0; i < problem.numRows; i++) {
        let a = 0;
        for (let k = problem.rowStart[i]!; k < problem.rowStart[i + 1]!; k++) a += problem.value[k]! * x[problem.colIndex[k]!]!;
        rowActivities[i] = a;
      }
      return { solver: 'highs', status: 'time-limit', hasSolution: true, objective: report.objective, colValues: x, rowActivities, ...none, stats, message: `${message}; the MIP start is the incumbent` };
    }
  }
  return { solver: 'highs', status: 'time-limit', hasSolution: false, objective: null, colValues: null, rowActivities: null, ...none, stats, message };
}

/**
 * Passes a MIP start (checked by core: one finite value per column, or NaN for a column left
 * open) to the model: dense when complete, else sparse, which HiGHS completes itself.
 */
export function applyMipStart(model: Model, start: ArrayLike<number>): void {
  const x = Float64Array.from(start);
  if (!x.some(Number.isNaN)) {
    model.setSolution({ colValue: x });
    return;
  }
  const indices: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < x.length; j++) {
    if (Number.isNaN(x[j]!)) continue;
    indices.push(j);
    values.push(x[j]!);
  }
  model.setSolution({ indices: Int32Array.from(indices), values: Float64Array.from(values) });
}

/** Runs a configured model and reads the result in core's conventions. */
export function runAndRead(highs: Highs, model: Model, mip: boolean, opts: HighsSolveOptions, started: number): HighsSolveResult {
  let logError: unknown;
  let lines: LogLineSplitter | undefined;
  if (opts.verbose === true || opts.log !== undefined) {
    const log = opts.log;
    const verbose = opts.verbose === true;
    lines = new LogLineSplitter((line) => {
      if (logError !== undefined) return;
      try {
        log?.(line);
        if (verbose) process.stdout.write(`${line}\n`);
      } catch (e) {
        logError = e;
      }
    });
  }
  const splitter = lines;
  const callbacks: Callbacks = {};
  if (splitter !== undefined) {
    callbacks[highs.constants.callbackType.logging] = (event) => {
      splitter.push(event.message);
      return undefined;
    };
  }
  const watch = watchRun(highs, callbacks, opts);
  const run = Object.keys(callbacks).length === 0 ? model.run() : model.run(callbacks);
  // An exception from onProgress stopped the run: it is the caller's, rethrown as it is.
  if (watch.error !== undefined) {
    if (typeof watch.error === 'object' && watch.error !== null) callerErrors.add(watch.error);
    throw watch.error;
  }
  splitter?.flush();
  if (logError !== undefined) throw logError;

  const entry = mapHighsStatus(run.modelStatus);
  const info = (name: string): number => Number(model.info.get(name));
  const hasSolution = entry.mayHaveSolution && info('primal_solution_status') === FEASIBLE;
  let colValues: Float64Array | null = null;
  let rowActivities: Float64Array | null = null;
  let rowDuals: Float64Array | null = null;
  let reducedCosts: Float64Array | null = null;
  let objective: number | null = null;
  let basis: Basis | null = null;
  let ranging: Ranging | null = null;
  if (hasSolution) {
    const solution = model.getSolution();
    colValues = solution.colValue;
    rowActivities = solution.rowValue;
    objective = model.getObjectiveValue();
    // HiGHS reports duals as d(objective)/d(rhs) in the problem's own sense and column duals as
    // c - A'y: exactly core's convention, for min and max (checked in the quirks tests).
    if (!mip && info('dual_solution_status') === FEASIBLE) {
      rowDuals = solution.rowDual;
      reducedCosts = solution.colDual;
    }
    if (!mip && info('basis_validity') === 1) {
      const b = model.getBasis();
      basis = { colStatus: b.colStatus, rowStatus: b.rowStatus };
      if (opts.ranging === true && entry.status === 'optimal') ranging = toRanging(model.getRanging());
    }
  }
  const stats = readStats(info, mip, performance.now() - started);
  const message =
    hasSolution || !entry.mayHaveSolution
      ? `HiGHS: ${entry.native}`
      : `HiGHS: ${entry.native}; no feasible point was found before it stopped`;
  return { solver: 'highs', status: entry.status, hasSolution, objective, colValues, rowActivities, rowDuals, reducedCosts, basis, ranging, stats, message };
}

/** The callbacks of one run, filled in handler by handler. */
type Callbacks = { -readonly [T in keyof HighsCallbackMap]: HighsCallbackMap[T] };

/** What {@link watchRun} saw: an exception thrown by `onProgress`, to rethrow after the run. */
interface RunWatch {
  error: unknown;
}

/** Seconds of solver time between two `progress` reports. */
const PROGRESS_EVERY = 0.2;

/**
 * Registers the callbacks behind `onProgress` and `signal`: improving MIP solutions become
 * `incumbent` reports, the MIP interrupt checkpoint (which HiGHS calls often) gives throttled
 * `progress` reports and polls the signal, and for LPs the simplex and IPM checkpoints poll it.
 * An exception from `onProgress` interrupts the run and is kept for the caller to rethrow.
 */
function watchRun(highs: Highs, callbacks: Callbacks, opts: HighsSolveOptions): RunWatch {
  const watch: RunWatch = { error: undefined };
  const onProgress = opts.onProgress;
  const signal = opts.signal;
  if (onProgress === undefined && signal === undefined) return watch;
  const types = highs.constants.callbackType;
  const stop = (): boolean => watch.error !== undefined || signal?.aborted === true;
  const report = (p: SolveProgress): void => {
    if (onProgress === undefined || watch.error !== undefined) return;
    try {
      onProgress(p);
    } catch (e) {
      watch.error = e;
    }
  };
  let nextReport = 0;
  callbacks[types.mipInterrupt] = (event) => {
    const seconds = event.data.running_time ?? 0;
    if (onProgress !== undefined && seconds >= nextReport) {
      nextReport = seconds + PROGRESS_EVERY;
      report(progressOf('progress', event.data));
    }
    if (stop()) event.interrupt();
    return undefined;
  };
  if (onProgress !== undefined) {
    callbacks[types.mipImprovingSolution] = (event) => {
      const point = event.data.mip_solution;
      report(point === undefined ? progressOf('incumbent', event.data) : { ...progressOf('incumbent', event.data), point });
      return undefined;
    };
  }
  if (signal !== undefined || onProgress !== undefined) {
    const poll = (event: { interrupt(): void }): undefined => {
      if (stop()) event.interrupt();
      return undefined;
    };
    callbacks[types.simplexInterrupt] = poll;
    callbacks[types.ipmInterrupt] = poll;
  }
  return watch;
}

/** A progress report from HiGHS' callback data (infinite bounds and gaps read as unknown). */
function progressOf(kind: SolveProgress['kind'], data: CallbackData): SolveProgress {
  const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);
  const incumbent = kind === 'incumbent' ? (finite(data.objective_function_value) ?? finite(data.mip_primal_bound)) : finite(data.mip_primal_bound);
  const bound = finite(data.mip_dual_bound);
  const gap = incumbent === null || bound === null ? null : finite(data.mip_gap);
  return { kind, incumbent, bound, gap, nodes: Number(data.mip_node_count ?? 0), seconds: data.running_time ?? 0 };
}

function readStats(info: (name: string) => number, mip: boolean, solveMs: number): SolveStats {
  let iterations = 0;
  for (const name of ['simplex_iteration_count', 'ipm_iteration_count']) {
    const n = info(name);
    if (n > 0) iterations += n;
  }
  const stats: { -readonly [K in keyof SolveStats]: SolveStats[K] } = { solveMs, iterations };
  if (mip) {
    // int64 counters come back as bigint; Number() keeps the stats JSON-friendly.
    const nodes = info('mip_node_count');
    if (nodes >= 0) stats.nodes = nodes;
    const gap = info('mip_gap');
    if (Number.isFinite(gap)) stats.gap = gap;
    const bound = info('mip_dual_bound');
    if (Number.isFinite(bound)) stats.bestBound = bound;
  }
  return stats;
}

/** Exceptions thrown by the caller's `onProgress`: rethrown as they are, never wrapped. */
const callerErrors = new WeakSet<object>();

/**
 * A native failure as `SOLVER_FAILED` (LumixErrors, and exceptions from the caller's own
 * `onProgress`, pass through); a Wasm abort also drops the runtime.
 */
export function asLumixError(e: unknown): LumixError {
  if (isLumixError(e)) return e;
  // The caller's own exception, from its onProgress: theirs to catch as they threw it.
  if (typeof e === 'object' && e !== null && callerErrors.has(e)) return e as LumixError;
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

/** Disposes a model, ignoring a failure (disposing an aborted instance can throw). */
export function disposeQuietly(model: Model | undefined): void {
  if (model === undefined) return;
  try {
    model.dispose();
  } catch {
    // The original error, if any, is what matters.
  }
}
