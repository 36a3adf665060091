import {
  LumixError,
  defineCapabilities,
  defineSolver,
  type DefinedSolver,
  type SolveOptions,
  type SolveResult,
  type SolverCapabilities,
  type StandardForm,
  type TerminationStatus,
} from '@lumix/core';
import type { LP, Options as GlpkNativeOptions, Result as GlpkNativeResult } from 'glpk.js/node';
import { buildGlpkModel, glpkColName, glpkRowName } from './build-model.js';
import { checkGlpkRawOptions } from './glpk-options.js';
import { discardGlpk, loadGlpk, withOutput } from './load-glpk.js';
import { GLPK_STATUS_NAMES, readGlpkStatus, type GlpkReading } from './status.js';

/**
 * What the GLPK backend can do: LP and MILP, row duals of LPs, time limit, MIP gap, presolve
 * off (LPs; see the README for MIPs) and the log, all through `solve`, also in a worker thread
 * (`createWorkerSolver`, whose hard time limit stops a solve GLPK would not). glpk.js gives no reduced
 * costs, basis, ranging, IIS, MIP start, warm re-solve (sessions), several objectives, iteration
 * limit or threads, so those stay `false` and core refuses them with `UNSUPPORTED_FEATURE`
 * instead of letting them be ignored.
 *
 * Limits, measured on glpk.js 5.0 (`test/glpk-quirks.test.ts` pins them): GLPK reads a bound of
 * `Number.MAX_VALUE` (DBL_MAX) as infinite and every smaller one as finite; a coefficient of
 * 2^512 (≈ 1.34e154, whose square overflows) or more next to a coefficient 1 in its row makes
 * GLPK's scaling abort with "invalid scale factor"; every finite cost is kept exactly (an
 * objective that overflows is core's `INVALID_NUMBER` after the solve).
 */
export const GLPK_CAPABILITIES: SolverCapabilities = defineCapabilities({
  integer: true,
  rowDuals: true,
  timeLimit: true,
  mipGap: true,
  presolveToggle: true,
  logCallback: true,
  worker: true,
  largestFiniteBound: Number.MAX_VALUE,
  largestCoefficient: 2 ** 512,
  largestCost: Number.POSITIVE_INFINITY,
});

/** Options of {@link createGlpkSolver}. */
export interface GlpkSolverOptions {
  /** Solve options used for every solve unless the call sets them. Default: none. */
  readonly defaults?: SolveOptions;
  /**
   * Seconds allowed for deciding whether a MIP whose LP relaxation is unbounded has an integer
   * point (branch and bound may never end on such a problem); when it runs out the status is
   * `infeasible-or-unbounded`. A solve's own time limit caps it. Default 5.
   */
  readonly classifyTimeLimit?: number;
}

/** GLPK message levels (`msglev`). */
const GLP_MSG_OFF = 0;
const GLP_MSG_ON = 2;
/** Largest time limit GLPK takes: `tm_lim` is a C int of milliseconds. */
const MAX_TMLIM_SECONDS = 2_147_483;
/** How many of GLPK's last output lines an error message keeps. */
const KEPT_OUTPUT_LINES = 20;
/**
 * A solve that ran this share of its time limit counts as stopped by it: glpk.js drops the
 * return code of `glp_simplex`/`glp_intopt`, so a limit can only be inferred from the clock.
 */
const LIMIT_REACHED_SHARE = 0.9;
/** Default of {@link GlpkSolverOptions.classifyTimeLimit}, in seconds. */
const DEFAULT_CLASSIFY_TIME_LIMIT = 5;

/**
 * Creates the GLPK backend (glpk.js 5, GLPK 5.0 in WebAssembly, run synchronously in this thread).
 *
 * Statuses are classified despite glpk.js's presolve quirk: an LP its presolver reports as
 * "undefined" is re-solved without presolve to tell infeasible from unbounded, and a MIP is
 * classified through its LP relaxation. Row duals follow core's sign convention (GLPK's own
 * duals already are d(objective)/d(rhs) in the problem's sense).
 *
 * Made by core's `defineSolver`, like every backend: `mipStart`, `ranging`, `iterationLimit`,
 * `threads` above 1, `open`, `computeIis` and `solveLexicographic` are refused with
 * `UNSUPPORTED_FEATURE` naming a solver that has them.
 */
export function createGlpkSolver(options: GlpkSolverOptions = {}): DefinedSolver {
  const classifyTimeLimit = options.classifyTimeLimit ?? DEFAULT_CLASSIFY_TIME_LIMIT;
  return defineSolver({
    name: 'glpk',
    capabilities: GLPK_CAPABILITIES,
    defaults: options.defaults,
    solve: (problem, solveOptions) => solveWithGlpk(problem, solveOptions, classifyTimeLimit),
  });
}

/** One call of glpk.js and what it returned. */
interface NativeRun {
  readonly code: number;
  readonly result: GlpkNativeResult['result'];
}

/** One solve; core's front door has checked `o` against {@link GLPK_CAPABILITIES}. */
async function solveWithGlpk(p: StandardForm, o: SolveOptions, classifyTimeLimit: number): Promise<SolveResult> {
  const t0 = performance.now();
  const elapsedMs = () => performance.now() - t0;
  checkGlpkRawOptions(o.raw);
  if (p.numCols === 0) return solveEmpty(p, elapsedMs);

  const model = buildGlpkModel(p);
  if (model.emptyIntegerColumn !== undefined) {
    return noPoint(p, 'infeasible', elapsedMs(), `Integer column ${model.emptyIntegerColumn} has no integer between its bounds.`);
  }
  const glpk = await loadGlpk();
  // The time limit counts from the call: building the model (and loading the runtime) count too.
  if (o.timeLimit !== undefined && o.raw?.['tmlim'] === undefined && elapsedMs() >= o.timeLimit * 1000) {
    return noPoint(p, 'time-limit', elapsedMs(), `GLPK was not run: preparing the model took the whole time limit of ${o.timeLimit} s`);
  }
  const output: string[] = [];
  const sink = (line: string): void => {
    output.push(line);
    if (output.length > KEPT_OUTPUT_LINES) output.shift();
    o.log?.(line);
    if (o.verbose === true) process.stdout.write(`${line}\n`);
  };
  const timeLimitMs = o.timeLimit === undefined ? undefined : o.timeLimit * 1000;
  const limitReached = () => timeLimitMs !== undefined && elapsedMs() >= LIMIT_REACHED_SHARE * timeLimitMs;

  const run: RunGlpk = (lp, kind, presol, capSeconds) => {
    const native: GlpkNativeOptions = {
      msglev: o.verbose === true || o.log !== undefined ? GLP_MSG_ON : GLP_MSG_OFF,
      presol,
    };
    let seconds = capSeconds ?? Number.POSITIVE_INFINITY;
    if (timeLimitMs !== undefined) seconds = Math.min(seconds, (timeLimitMs - elapsedMs()) / 1000);
    if (seconds !== Number.POSITIVE_INFINITY) native.tmlim = Math.min(MAX_TMLIM_SECONDS, Math.max(0.001, seconds));
    if (o.mipGap !== undefined && kind === 'mip') native.mipgap = o.mipGap;
    Object.assign(native, o.raw);
    let res: GlpkNativeResult;
    try {
      res = withOutput(sink, () => glpk.solve(lp, native));
    } catch (e) {
      // A WebAssembly abort leaves the instance unusable: the next solve loads a new one.
      discardGlpk();
      const last = output.length > 0 ? ` GLPK's last output: ${output.join(' | ')}` : '';
      throw new LumixError(
        'SOLVER_FAILED',
        `glpk.js failed while solving '${p.name}' (${p.numRows} rows, ${p.numCols} columns): ${String((e as Error).message).replace(/\.+$/, '')}.${last} Check the problem's numbers, or try solver 'highs'.`,
        { cause: e, details: { solver: 'glpk', problem: p.name, output: [...output] } },
      );
    }
    return { code: res.result.status, result: res.result };
  };

  const kind = model.isMip ? 'mip' : 'lp';
  // glp_intopt without presolve needs an optimal LP basis, which glpk.js never computes first:
  // every MIP solved with presol off comes back UNDEF. So MIPs always keep GLPK's presolver.
  const presolve = kind === 'mip' ? true : o.presolve !== false;
  const notes: string[] = [];
  if (kind === 'mip' && o.presolve === false) {
    notes.push('presolve kept on: glpk.js cannot solve a MIP without its presolver');
  }
  const first = run(model.lp, kind, presolve);
  notes.unshift(`GLPK ${kind === 'mip' ? 'glp_intopt' : 'glp_simplex'}: ${nameOf(first.code)}`);
  const reading = readGlpkStatus(kind, first.code);

  const finish = (status: TerminationStatus, from: NativeRun | undefined, withPoint: boolean): SolveResult => {
    const message = notes.join('; ');
    if (!withPoint || from === undefined) return noPoint(p, status, elapsedMs(), message);
    return withSolution(p, status, from, kind === 'lp' && status === 'optimal', elapsedMs(), message);
  };

  switch (reading.kind) {
    case 'final':
      return finish(reading.status, first, reading.hasSolution);
    case 'stopped':
      return finish(stoppedStatus(kind, limitReached(), o), first, reading.hasSolution);
    case 'ambiguous':
      if (limitReached()) return finish('time-limit', undefined, false);
      if (kind === 'lp') {
        if (!presolve) return finish('error', undefined, false);
        // With presolve on glpk.js reports infeasible and unbounded LPs alike as UNDEF.
        const retry = run(model.lp, 'lp', false);
        notes.push(`re-solved without presolve to classify: ${nameOf(retry.code)}`);
        const again = readGlpkStatus('lp', retry.code);
        return resolveRetry(again, retry, finish, limitReached(), o);
      }
      return classifyMip(p, run, notes, finish, limitReached, classifyTimeLimit);
  }
}

/** The status of a solve GLPK stopped early with the limits that were set. */
function stoppedStatus(kind: 'lp' | 'mip', limitReached: boolean, o: SolveOptions): TerminationStatus {
  if (limitReached) return 'time-limit';
  // glp_intopt stops with a feasible point at the requested relative gap: optimal within it.
  if (kind === 'mip' && o.mipGap !== undefined && o.mipGap > 0) return 'optimal';
  if (o.timeLimit !== undefined) return 'time-limit';
  return 'interrupted';
}

/** Runs glpk.js once; `capSeconds` caps the time below the solve's own limit. */
type RunGlpk = (lp: LP, kind: 'lp' | 'mip', presol: boolean, capSeconds?: number) => NativeRun;

type Finish = (status: TerminationStatus, from: NativeRun | undefined, withPoint: boolean) => SolveResult;

function resolveRetry(reading: GlpkReading, run: NativeRun, finish: Finish, limitReached: boolean, o: SolveOptions): SolveResult {
  switch (reading.kind) {
    case 'final':
      return finish(reading.status, run, reading.hasSolution);
    case 'stopped':
      return finish(stoppedStatus('lp', limitReached, o), run, reading.hasSolution);
    case 'ambiguous':
      return finish(limitReached ? 'time-limit' : 'error', undefined, false);
  }
}

/**
 * Classifies a MIP that glp_intopt left UNDEF without reaching a limit. With its presolver on,
 * GLPK reports an infeasible relaxation as NOFEAS but an unbounded one as UNDEF; an unbounded
 * relaxation means the MIP is unbounded if it has an integer point at all (rational data), which
 * a solve without objective decides.
 */
function classifyMip(
  p: StandardForm,
  run: RunGlpk,
  notes: string[],
  finish: Finish,
  limitReached: () => boolean,
  classifyTimeLimit: number,
): SolveResult {
  const relaxation = run(buildGlpkModel(p, { relaxIntegers: true }).lp, 'lp', false);
  notes.push(`LP relaxation without presolve: ${nameOf(relaxation.code)}`);
  const r = readGlpkStatus('lp', relaxation.code);
  if (r.kind === 'final' && r.status === 'infeasible') return finish('infeasible', undefined, false);
  if (r.kind !== 'final' || r.status !== 'unbounded') return finish(limitReached() ? 'time-limit' : 'error', undefined, false);
  const feasibility = run(buildGlpkModel(p, { dropObjective: true }).lp, 'mip', true, classifyTimeLimit);
  notes.push(`integer feasibility (no objective): ${nameOf(feasibility.code)}`);
  const f = readGlpkStatus('mip', feasibility.code);
  if (f.kind === 'final' && f.status === 'infeasible') return finish('infeasible', undefined, false);
  if ((f.kind === 'final' && f.status === 'optimal') || (f.kind === 'stopped' && f.hasSolution)) return finish('unbounded', undefined, false);
  // Undecided within the budget: the relaxation is unbounded, so it is one of the two.
  return finish(limitReached() ? 'time-limit' : 'infeasible-or-unbounded', undefined, false);
}

function nameOf(code: number): string {
  return GLPK_STATUS_NAMES[code] ?? `status ${code}`;
}

/** A result with a point: values by generated name mapped back by index, activities from the CSR. */
function withSolution(p: StandardForm, status: TerminationStatus, run: NativeRun, duals: boolean, solveMs: number, message: string): SolveResult {
  const n = p.numCols;
  const m = p.numRows;
  const vars = run.result.vars;
  const colValues = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const v = vars[glpkColName(j)];
    if (v === undefined) {
      throw new LumixError('SOLVER_FAILED', `glpk.js returned no value for column ${p.colName(j)} of '${p.name}'; this is a bug in the GLPK backend, please report it.`, {
        details: { solver: 'glpk', column: p.colName(j) },
      });
    }
    colValues[j] = v;
  }
  const rowActivities = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let a = 0;
    for (let k = p.rowStart[i]!; k < p.rowStart[i + 1]!; k++) a += p.value[k]! * colValues[p.colIndex[k]!]!;
    rowActivities[i] = a;
  }
  let rowDuals: Float64Array | null = null;
  const nativeDuals = run.result.dual;
  if (duals && nativeDuals !== undefined) {
    rowDuals = new Float64Array(m);
    // GLPK's row dual is already d(objective)/d(row activity) in the problem's own sense.
    for (let i = 0; i < m; i++) rowDuals[i] = nativeDuals[glpkRowName(i)] ?? 0;
  }
  return {
    solver: 'glpk',
    status,
    hasSolution: true,
    objective: run.result.z + p.objectiveOffset,
    colValues,
    rowActivities,
    rowDuals,
    reducedCosts: null,
    stats: { solveMs },
    message,
  };
}

function noPoint(_p: StandardForm, status: TerminationStatus, solveMs: number, message: string): SolveResult {
  return {
    solver: 'glpk',
    status,
    hasSolution: false,
    objective: null,
    colValues: null,
    rowActivities: null,
    rowDuals: null,
    reducedCosts: null,
    stats: { solveMs },
    message,
  };
}

/**
 * A problem without columns, decided here: GLPK refuses to create a problem with no columns.
 * Every row's activity is 0, so it is feasible when 0 lies in every row's range.
 */
function solveEmpty(p: StandardForm, elapsedMs: () => number): SolveResult {
  for (let i = 0; i < p.numRows; i++) {
    if (!(p.rowLower[i]! <= 0 && 0 <= p.rowUpper[i]!)) {
      return noPoint(p, 'infeasible', elapsedMs(), `No columns, and row ${p.rowName(i)} excludes 0.`);
    }
  }
  return {
    solver: 'glpk',
    status: 'optimal',
    hasSolution: true,
    objective: p.objectiveOffset,
    colValues: new Float64Array(0),
    rowActivities: new Float64Array(p.numRows),
    rowDuals: new Float64Array(p.numRows),
    reducedCosts: null,
    stats: { solveMs: elapsedMs() },
    message: 'no columns: solved without calling GLPK',
  };
}

