// What `defineSolver` checks before a call reaches a backend: the capability each option, member
// and problem needs, and the values themselves. The one place these rules live.
import { LumixError } from '../errors.js';
import type { CapabilityFlag, CapabilityLimit, SolverCapabilities } from './capabilities.js';
import type { LexicographicObjective } from './lexicographic.js';
import type { SolveOptions, SolveResult } from './solver.js';
import { isMip, type StandardForm } from './standard-form.js';

/** A feature a call can need: what it is called in messages and how to get it. */
interface Feature {
  readonly what: string;
  readonly hint: string;
}

/** Each capability as a feature: its name in messages and a way out naming a solver that has it. */
const FEATURES: Readonly<Record<CapabilityFlag, Feature>> = {
  lp: { what: 'linear programs', hint: 'Choose another solver.' },
  integer: { what: 'integer variables', hint: "Use solver 'highs' or 'glpk', or relax the integer variables." },
  rowDuals: { what: 'row duals', hint: "Use solver 'highs' or 'glpk'." },
  reducedCosts: { what: 'reduced costs', hint: "Use solver 'highs'." },
  basis: { what: 'a basis', hint: "Use solver 'highs'." },
  ranging: { what: 'ranging (sensitivity analysis)', hint: "Drop the ranging option, or use solver 'highs'." },
  iis: { what: 'computing an irreducible infeasible subsystem (computeIis)', hint: "Use solver 'highs'." },
  mipStart: { what: 'a MIP start (mipStart)', hint: "Drop the mipStart option, or use solver 'highs'." },
  sessions: { what: 'sessions (open: re-solving a kept model after changes)', hint: "Solve each changed problem with solve(), or use solver 'highs'." },
  multiObjective: { what: 'several objectives (solveLexicographic)', hint: "Solve the objectives one by one, or use solver 'highs'." },
  timeLimit: { what: 'a time limit', hint: "Drop the timeLimit option, or use solver 'highs' or 'glpk'." },
  mipGap: { what: 'a MIP gap', hint: "Drop the mipGap option, or use solver 'highs' or 'glpk'." },
  iterationLimit: { what: 'an iteration limit', hint: "Drop the iterationLimit option, or use solver 'highs'." },
  threads: {
    what: 'more than one thread',
    hint: 'Drop the threads option or set it to 1; to use several cores, run several solves in workers (createWorkerSolver from @lumix/solver-runtime).',
  },
  presolveToggle: { what: 'turning presolve off', hint: "Drop the presolve option, or use solver 'highs' or 'glpk'." },
  logCallback: { what: 'a log callback', hint: "Drop the log option, or use solver 'highs' or 'glpk'." },
  worker: { what: 'running in a worker thread', hint: "Solve on the main thread, or use solver 'highs'." },
  progress: { what: 'progress reports (onProgress)', hint: "Drop the onProgress option, or use solver 'highs'." },
  cancel: {
    what: 'cancelling with an AbortSignal (signal)',
    hint: "Drop the signal option, use solver 'highs', or run the solver in a worker (createWorkerSolver), which cancels any backend.",
  },
};

/** The solver a check is about: its name (for messages) and capabilities. */
export interface CheckedSolver {
  readonly name: string;
  readonly capabilities: SolverCapabilities;
}

/**
 * Throws `UNSUPPORTED_FEATURE` unless the solver claims `capability`, naming the feature and a
 * solver that has it.
 */
export function requireCapability(solver: CheckedSolver, capability: CapabilityFlag, detail = ''): void {
  if (solver.capabilities[capability]) return;
  const f = FEATURES[capability];
  throw new LumixError('UNSUPPORTED_FEATURE', `Solver '${solver.name}' does not support ${f.what}${detail}. ${f.hint}`, {
    details: { solver: solver.name, feature: capability },
  });
}

function invalid(message: string, details: Readonly<Record<string, unknown>> = {}): never {
  throw new LumixError('INVALID_ARGUMENT', message, { details });
}

/** What is being called, for the options that only some calls take. */
export type CallKind = 'solve' | 'open' | 'iis' | 'lexicographic';

/**
 * Checks a problem and options against a solver's capabilities and the values against their
 * rules, before anything reaches the backend.
 *
 * @throws LumixError `UNSUPPORTED_FEATURE` for what the solver does not claim; `INVALID_ARGUMENT`
 *   for values out of range, a MIP start of the wrong length, and options the call cannot use.
 */
export function checkSolveRequest(solver: CheckedSolver, problem: StandardForm, options: SolveOptions, kind: CallKind = 'solve'): void {
  requireCapability(solver, 'lp');
  if (kind !== 'iis' && isMip(problem)) requireCapability(solver, 'integer');
  const o = options;
  if (o.timeLimit !== undefined) {
    if (!(typeof o.timeLimit === 'number' && o.timeLimit > 0)) invalid(`timeLimit must be a positive number of seconds, got ${o.timeLimit}.`, { timeLimit: o.timeLimit });
    requireCapability(solver, 'timeLimit');
  }
  if (o.mipGap !== undefined) {
    if (!(typeof o.mipGap === 'number' && o.mipGap >= 0)) invalid(`mipGap must be a number >= 0, got ${o.mipGap}.`, { mipGap: o.mipGap });
    requireCapability(solver, 'mipGap');
  }
  if (o.presolve !== undefined && typeof o.presolve !== 'boolean') invalid(`presolve must be true or false, got ${String(o.presolve)}.`);
  if (o.presolve === false) requireCapability(solver, 'presolveToggle');
  if (o.threads !== undefined) {
    if (!(Number.isInteger(o.threads) && o.threads >= 1)) invalid(`threads must be a whole number >= 1, got ${o.threads}.`, { threads: o.threads });
    if (o.threads > 1) requireCapability(solver, 'threads', ` (threads: ${o.threads})`);
  }
  if (o.iterationLimit !== undefined) {
    const n = o.iterationLimit;
    if (!(Number.isInteger(n) && n >= 0 && n <= 2147483647)) invalid(`iterationLimit must be a whole number between 0 and 2147483647, got ${n}.`, { iterationLimit: n });
    requireCapability(solver, 'iterationLimit');
  }
  if (o.log !== undefined) {
    if (typeof o.log !== 'function') invalid(`log must be a function receiving one line, got ${typeof o.log}.`);
    requireCapability(solver, 'logCallback');
  }
  if (o.ranging !== undefined) {
    if (typeof o.ranging !== 'boolean') invalid(`ranging must be true or false, got ${String(o.ranging)}.`);
    if (o.ranging && kind !== 'solve' && kind !== 'open') invalid(`ranging applies to solve() and to session solves, not to ${kindName(kind)}; drop the option.`);
    if (o.ranging) requireCapability(solver, 'ranging');
  }
  if (o.mipStart !== undefined) {
    if (kind === 'iis') invalid('mipStart does not apply to computeIis; drop the option.');
    requireCapability(solver, 'mipStart');
    checkPoint('mipStart', o.mipStart, problem.numCols, true);
  }
  if (o.onProgress !== undefined) {
    if (typeof o.onProgress !== 'function') invalid(`onProgress must be a function receiving a progress report, got ${typeof o.onProgress}.`);
    if (kind === 'iis') invalid('onProgress does not apply to computeIis; drop the option.');
    requireCapability(solver, 'progress');
  }
  if (o.signal !== undefined) {
    if (o.signal === null || typeof o.signal !== 'object' || typeof o.signal.aborted !== 'boolean') invalid('signal must be an AbortSignal (e.g. new AbortController().signal).');
    if (kind === 'iis') invalid('signal does not apply to computeIis; drop the option.');
    requireCapability(solver, 'cancel');
  }
  if (o.raw !== undefined && (typeof o.raw !== 'object' || o.raw === null)) invalid(`raw must be an object of backend option names and values, got ${o.raw === null ? 'null' : typeof o.raw}.`);
}

function kindName(kind: CallKind): string {
  return kind === 'iis' ? 'computeIis' : kind === 'lexicographic' ? 'solveLexicographic' : kind;
}

/** Checks one finite number per column (or NaN, a column left open, when `open` is true, with at least one set). */
function checkPoint(what: string, x: ArrayLike<number>, numCols: number, open = false): void {
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') invalid(`${what} must be an array of numbers, one per column.`);
  if (x.length !== numCols) {
    invalid(`${what} has ${x.length} values but the problem has ${numCols} columns; give one value per column.`, { expected: numCols, got: x.length });
  }
  for (let j = 0; j < numCols; j++) {
    const v = x[j];
    if (open && Number.isNaN(v)) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) invalid(`${what}[${j}] is ${v}; every value must be a finite number${open ? ' (or NaN for a column the start leaves open)' : ''}.`, { column: j });
  }
  if (open && numCols > 0 && Array.prototype.every.call(x, (v: number) => Number.isNaN(v))) invalid(`${what} leaves every column open (all NaN); give at least one value.`);
}

/**
 * Checks the objectives of a lexicographic solve: at least one, each with a sense, one finite
 * coefficient per column, a finite offset and tolerances >= 0.
 *
 * @throws LumixError `INVALID_ARGUMENT` naming the objective and what is wrong.
 */
export function checkObjectives(solver: CheckedSolver, problem: StandardForm, objectives: readonly LexicographicObjective[]): void {
  if (!Array.isArray(objectives) || objectives.length === 0) invalid('solveLexicographic needs at least one objective, highest priority first.');
  objectives.forEach((ob, k) => {
    const name = ob?.name ?? `objective ${k}`;
    if (ob === null || typeof ob !== 'object') invalid(`${name} must be an object { sense, coefficients, ... }.`);
    if (ob.sense !== 'min' && ob.sense !== 'max') invalid(`${name} has sense ${String(ob.sense)}; use 'min' or 'max'.`, { objective: k });
    checkPoint(`coefficients of ${name}`, ob.coefficients, problem.numCols);
    const maxCost = solver.capabilities.largestCost;
    for (let j = 0; j < problem.numCols; j++) {
      const c = ob.coefficients[j]!;
      if (!(Math.abs(c) < maxCost)) tooLarge(solver, 'largestCost', `Coefficient of ${problem.colName(j)} in ${name}`, c, { objective: k, column: problem.colName(j) });
    }
    if (ob.offset !== undefined && !Number.isFinite(ob.offset)) invalid(`offset of ${name} must be a finite number, got ${ob.offset}.`, { objective: k });
    for (const t of ['absoluteTolerance', 'relativeTolerance'] as const) {
      const v = ob[t];
      if (v !== undefined && !(typeof v === 'number' && v >= 0)) invalid(`${t} of ${name} must be a number >= 0 (Infinity for no limit), got ${v}.`, { objective: k });
    }
  });
}

/**
 * Checks a column or row index of a session change.
 *
 * @throws LumixError `INVALID_ARGUMENT` naming the valid range.
 */
export function checkIndex(problem: StandardForm, kind: 'column' | 'row', k: number): void {
  const n = kind === 'column' ? problem.numCols : problem.numRows;
  if (!(Number.isInteger(k) && k >= 0 && k < n)) {
    invalid(`No ${kind} ${k} in '${problem.name}': ${kind}s are numbered 0..${n - 1}.`, { [kind]: k });
  }
}

/**
 * Checks new bounds of a session change, against the solver's `largestFiniteBound` too.
 *
 * @throws LumixError `INVALID_NUMBER` for NaN, a wrong-side infinity or a finite bound the solver
 *   cannot represent; `INVALID_BOUNDS` for lb > ub.
 */
export function checkBounds(solver: CheckedSolver, kind: 'column' | 'row', name: string, lb: number, ub: number): void {
  const what = `${kind} ${name}`;
  if (typeof lb !== 'number' || typeof ub !== 'number' || Number.isNaN(lb) || Number.isNaN(ub) || lb === Number.POSITIVE_INFINITY || ub === Number.NEGATIVE_INFINITY) {
    throw new LumixError('INVALID_NUMBER', `Bounds of ${what} are [${lb}, ${ub}]; use finite numbers, -Infinity for no lower bound, Infinity for no upper bound.`, {
      details: { lb, ub },
    });
  }
  const limit = solver.capabilities.largestFiniteBound;
  if (!isFiniteBoundOk(lb, limit)) tooLarge(solver, 'largestFiniteBound', `Lower bound of ${what}`, lb, { [kind]: name });
  if (!isFiniteBoundOk(ub, limit)) tooLarge(solver, 'largestFiniteBound', `Upper bound of ${what}`, ub, { [kind]: name });
  if (lb > ub) throw new LumixError('INVALID_BOUNDS', `Lower bound ${lb} of ${what} is above its upper bound ${ub}.`, { details: { lb, ub } });
}

/**
 * Checks a new cost of a session change, against the solver's `largestCost` too.
 *
 * @throws LumixError `INVALID_NUMBER` for a non-finite cost or one the solver cannot represent.
 */
export function checkCost(solver: CheckedSolver, name: string, cost: number): void {
  if (typeof cost !== 'number' || !Number.isFinite(cost)) {
    throw new LumixError('INVALID_NUMBER', `Cost of ${name} must be a finite number, got ${cost}.`, { details: { cost } });
  }
  if (!(Math.abs(cost) < solver.capabilities.largestCost)) tooLarge(solver, 'largestCost', `Objective coefficient of ${name}`, cost, { column: name });
}

/** What each limit covers, in messages, and how to stay below it. */
const LIMITS: Readonly<Record<CapabilityLimit, { readonly what: string; readonly fix: string }>> = {
  largestFiniteBound: {
    what: 'finite bounds and right-hand sides',
    fix: 'Use Infinity (or -Infinity) for "no bound", or rescale: change the units of the variable or the row so that its finite bounds stay below',
  },
  largestCoefficient: {
    what: 'matrix coefficients',
    fix: 'Rescale: change the units of the row or of the variable so that its coefficients stay below',
  },
  largestCost: {
    what: 'objective coefficients',
    fix: 'Rescale the objective (count in larger units, e.g. thousands) so that its coefficients stay below',
  },
};

/** True when a bound is ±Infinity or a finite number below the limit in magnitude (false for NaN). */
function isFiniteBoundOk(v: number, limit: number): boolean {
  return Math.abs(v) < limit || v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY;
}

/** A number for a message: exponent notation from 1e15 on (`1e+20`, not `100000000000000000000`). */
function shown(v: number): string {
  return Number.isFinite(v) && Math.abs(v) >= 1e15 ? v.toExponential() : String(v);
}

function tooLarge(solver: CheckedSolver, limit: CapabilityLimit, what: string, value: number, where: Readonly<Record<string, unknown>>): never {
  const max = solver.capabilities[limit];
  const l = LIMITS[limit];
  throw new LumixError(
    'INVALID_NUMBER',
    `${what} is ${shown(value)}, which solver '${solver.name}' cannot represent: it takes ${l.what} below ${shown(max)} in magnitude (capabilities.${limit}); ` +
      `passed on, the number would be read as infinite, refused or overflow. ${l.fix} ${shown(max)}.`,
    { details: { ...where, value, solver: solver.name, limit, max } },
  );
}

/**
 * Checks that every number of the problem is within what the solver represents: finite column
 * and row bounds below `largestFiniteBound`, matrix coefficients below `largestCoefficient`,
 * costs below `largestCost` (all in magnitude). O(columns + non-zeros), skipped for limits that
 * are `Infinity`. Called once per problem a call hands over (not again for a session's solves:
 * its changes are checked one by one).
 *
 * @throws LumixError `INVALID_NUMBER` naming the column (`make[3]`) or row, the value, the limit
 *   and what to do (Infinity for no bound, or rescale).
 */
export function checkMagnitudes(solver: CheckedSolver, problem: StandardForm): void {
  const { largestFiniteBound: maxBound, largestCoefficient: maxCoef, largestCost: maxCost } = solver.capabilities;
  const p = problem;
  if (maxBound !== Number.POSITIVE_INFINITY) {
    for (let j = 0; j < p.numCols; j++) {
      if (!isFiniteBoundOk(p.colLower[j]!, maxBound)) tooLarge(solver, 'largestFiniteBound', `Lower bound of ${p.colName(j)}`, p.colLower[j]!, { column: p.colName(j) });
      if (!isFiniteBoundOk(p.colUpper[j]!, maxBound)) tooLarge(solver, 'largestFiniteBound', `Upper bound of ${p.colName(j)}`, p.colUpper[j]!, { column: p.colName(j) });
    }
    for (let i = 0; i < p.numRows; i++) {
      if (!isFiniteBoundOk(p.rowLower[i]!, maxBound)) tooLarge(solver, 'largestFiniteBound', `Right-hand side (lower bound) of row ${p.rowName(i)}`, p.rowLower[i]!, { row: p.rowName(i) });
      if (!isFiniteBoundOk(p.rowUpper[i]!, maxBound)) tooLarge(solver, 'largestFiniteBound', `Right-hand side (upper bound) of row ${p.rowName(i)}`, p.rowUpper[i]!, { row: p.rowName(i) });
    }
  }
  if (maxCost !== Number.POSITIVE_INFINITY) {
    for (let j = 0; j < p.numCols; j++) {
      if (!(Math.abs(p.colCost[j]!) < maxCost)) tooLarge(solver, 'largestCost', `Objective coefficient of ${p.colName(j)}`, p.colCost[j]!, { column: p.colName(j) });
    }
  }
  if (maxCoef !== Number.POSITIVE_INFINITY) {
    const values = p.value;
    for (let k = 0; k < values.length; k++) {
      if (Math.abs(values[k]!) < maxCoef) continue;
      let i = 0;
      while (p.rowStart[i + 1]! <= k) i++;
      const column = p.colName(p.colIndex[k]!);
      tooLarge(solver, 'largestCoefficient', `Coefficient of ${column} in row ${p.rowName(i)}`, values[k]!, { row: p.rowName(i), column });
    }
  }
}

/**
 * Checks the objective a backend returned: a number must be finite. An objective that overflows
 * (a cost times a value beyond ±1.8e308) is not a result to report as `optimal` (and prints as
 * `null` in JSON).
 *
 * @throws LumixError `INVALID_NUMBER` for ±Infinity (what to do: rescale), `SOLVER_FAILED` for NaN.
 */
export function checkResultObjective(solver: CheckedSolver, problem: StandardForm, result: SolveResult): void {
  if (result === null || typeof result !== 'object') return;
  const z = result.objective;
  if (typeof z !== 'number' || Number.isFinite(z)) return;
  if (z === Number.POSITIVE_INFINITY || z === Number.NEGATIVE_INFINITY) {
    throw new LumixError(
      'INVALID_NUMBER',
      `Solver '${solver.name}' returned a point of '${problem.name}' (status ${result.status}) whose objective is ${z}: costs times values overflow double precision, so no honest objective can be reported. ` +
        'Rescale the objective (count in larger units, e.g. thousands) or give the variables with large costs finite bounds.',
      { details: { solver: solver.name, problem: problem.name, status: result.status, objective: z } },
    );
  }
  throw new LumixError('SOLVER_FAILED', `Solver '${solver.name}' returned a point of '${problem.name}' (status ${result.status}) with objective ${String(z)}; a point needs a finite objective. This is a defect of the backend.`, {
    details: { solver: solver.name, problem: problem.name, status: result.status },
  });
}
