// What `defineSolver` checks before a call reaches a backend: the capability each option, member
// and problem needs, and the values themselves. The one place these rules live.
import { LumixError } from '../errors.js';
import type { SolverCapabilities } from './capabilities.js';
import type { LexicographicObjective } from './lexicographic.js';
import type { SolveOptions } from './solver.js';
import { isMip, type StandardForm } from './standard-form.js';

/** A feature a call can need: what it is called in messages and how to get it. */
interface Feature {
  readonly what: string;
  readonly hint: string;
}

/** Each capability as a feature: its name in messages and a way out naming a solver that has it. */
const FEATURES: Readonly<Record<keyof SolverCapabilities, Feature>> = {
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
export function requireCapability(solver: CheckedSolver, capability: keyof SolverCapabilities, detail = ''): void {
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
    checkPoint('mipStart', o.mipStart, problem.numCols);
  }
  if (o.raw !== undefined && (typeof o.raw !== 'object' || o.raw === null)) invalid(`raw must be an object of backend option names and values, got ${o.raw === null ? 'null' : typeof o.raw}.`);
}

function kindName(kind: CallKind): string {
  return kind === 'iis' ? 'computeIis' : kind === 'lexicographic' ? 'solveLexicographic' : kind;
}

/** Checks one finite number per column. */
function checkPoint(what: string, x: ArrayLike<number>, numCols: number): void {
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') invalid(`${what} must be an array of numbers, one per column.`);
  if (x.length !== numCols) {
    invalid(`${what} has ${x.length} values but the problem has ${numCols} columns; give one value per column.`, { expected: numCols, got: x.length });
  }
  for (let j = 0; j < numCols; j++) {
    const v = x[j];
    if (typeof v !== 'number' || !Number.isFinite(v)) invalid(`${what}[${j}] is ${v}; every value must be a finite number.`, { column: j });
  }
}

/**
 * Checks the objectives of a lexicographic solve: at least one, each with a sense, one finite
 * coefficient per column, a finite offset and tolerances >= 0.
 *
 * @throws LumixError `INVALID_ARGUMENT` naming the objective and what is wrong.
 */
export function checkObjectives(problem: StandardForm, objectives: readonly LexicographicObjective[]): void {
  if (!Array.isArray(objectives) || objectives.length === 0) invalid('solveLexicographic needs at least one objective, highest priority first.');
  objectives.forEach((ob, k) => {
    const name = ob?.name ?? `objective ${k}`;
    if (ob === null || typeof ob !== 'object') invalid(`${name} must be an object { sense, coefficients, ... }.`);
    if (ob.sense !== 'min' && ob.sense !== 'max') invalid(`${name} has sense ${String(ob.sense)}; use 'min' or 'max'.`, { objective: k });
    checkPoint(`coefficients of ${name}`, ob.coefficients, problem.numCols);
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
 * Checks new bounds of a session change.
 *
 * @throws LumixError `INVALID_NUMBER` for NaN or a wrong-side infinity, `INVALID_BOUNDS` for lb > ub.
 */
export function checkBounds(what: string, lb: number, ub: number): void {
  if (typeof lb !== 'number' || typeof ub !== 'number' || Number.isNaN(lb) || Number.isNaN(ub) || lb === Number.POSITIVE_INFINITY || ub === Number.NEGATIVE_INFINITY) {
    throw new LumixError('INVALID_NUMBER', `Bounds of ${what} are [${lb}, ${ub}]; use finite numbers, -Infinity for no lower bound, Infinity for no upper bound.`, {
      details: { lb, ub },
    });
  }
  if (lb > ub) throw new LumixError('INVALID_BOUNDS', `Lower bound ${lb} of ${what} is above its upper bound ${ub}.`, { details: { lb, ub } });
}

/**
 * Checks a new cost of a session change.
 *
 * @throws LumixError `INVALID_NUMBER` for a non-finite cost.
 */
export function checkCost(what: string, cost: number): void {
  if (typeof cost !== 'number' || !Number.isFinite(cost)) {
    throw new LumixError('INVALID_NUMBER', `Cost of ${what} must be a finite number, got ${cost}.`, { details: { cost } });
  }
}
