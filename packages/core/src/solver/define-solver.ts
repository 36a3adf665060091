import { LumixError } from '../errors.js';
import { CAPABILITY_LIMITS, defineCapabilities, type CapabilityFlag, type SolverCapabilities } from './capabilities.js';
import {
  checkBounds,
  checkCost,
  checkIndex,
  checkMagnitudes,
  checkObjectives,
  checkResultObjective,
  checkSolveRequest,
  requireCapability,
  type CallKind,
} from './check-request.js';
import type { Iis } from './iis.js';
import type { LexicographicObjective, LexicographicResult } from './lexicographic.js';
import type { Ranging } from './ranging.js';
import type { SolveOptions, SolveResult, Solver } from './solver.js';
import type { SolverSession } from './solver-session.js';
import type { StandardForm } from './standard-form.js';

/**
 * A session as a backend implements it: the changes and solves of {@link SolverSession}, called
 * only with checked arguments (indices in range, valid bounds, finite costs, checked options with
 * the session's defaults merged in) and never after `dispose()`. `ranging` exactly when the solver
 * claims `ranging`, `computeIis` exactly when it claims `iis`.
 */
export interface SessionDefinition<O extends SolveOptions = SolveOptions, R extends SolveResult = SolveResult> {
  setColBounds(j: number, lb: number, ub: number): void;
  setRowBounds(i: number, lb: number, ub: number): void;
  setColCost(j: number, cost: number): void;
  solve(options: O): Promise<R>;
  ranging?(): Ranging | Promise<Ranging>;
  computeIis?(): Iis | Promise<Iis>;
  dispose(): void;
}

/**
 * What a backend gives {@link defineSolver}: its name, the capabilities it claims (the rest keep
 * their defaults, see `defineCapabilities`), and its members, each called only with a checked
 * problem and checked options (instance `defaults` merged in, never `undefined`). A member exists
 * exactly when its flag is claimed: `open` ↔ `sessions`, `computeIis` ↔ `iis`,
 * `solveLexicographic` ↔ `multiObjective`.
 *
 * Any `Solver` is a definition too, so `defineSolver(someSolver)` puts a hand-written solver
 * behind the same front door. Other own properties of the definition (data, such as a mock's
 * `calls`) are copied onto the solver unchanged.
 */
export interface SolverDefinition<O extends SolveOptions = SolveOptions, R extends SolveResult = SolveResult> {
  readonly name: string;
  readonly capabilities: Partial<SolverCapabilities>;
  /**
   * Options of every call of this solver; a call's options override them field by field (`raw`
   * is merged by option name). Default: none.
   */
  readonly defaults?: O | undefined;
  solve(problem: StandardForm, options: O): Promise<R>;
  open?(problem: StandardForm, options: O): Promise<SessionDefinition<O, R>>;
  computeIis?(problem: StandardForm, options: O): Promise<Iis>;
  solveLexicographic?(problem: StandardForm, objectives: readonly LexicographicObjective[], options: O): Promise<LexicographicResult>;
}

/** A {@link SolverSession} made by {@link defineSolver}: `ranging` and `computeIis` always exist and refuse when unclaimed. */
export interface DefinedSession<O extends SolveOptions = SolveOptions, R extends SolveResult = SolveResult> extends SolverSession<O, R> {
  ranging(): Promise<Ranging>;
  computeIis(): Promise<Iis>;
}

/**
 * A {@link Solver} made by {@link defineSolver}: every optional member exists, and one whose
 * capability is not claimed refuses with `UNSUPPORTED_FEATURE` (so `solver.open(p)` on a solver
 * without sessions says so instead of failing on `undefined`).
 */
export interface DefinedSolver<O extends SolveOptions = SolveOptions, R extends SolveResult = SolveResult> extends Solver<O, R> {
  open(problem: StandardForm, options?: O): Promise<DefinedSession<O, R>>;
  computeIis(problem: StandardForm, options?: O): Promise<Iis>;
  solveLexicographic(problem: StandardForm, objectives: readonly LexicographicObjective[], options?: O): Promise<LexicographicResult>;
}

/** Marks a solver made by defineSolver (Symbol.for: recognised across package copies). */
const DEFINED = Symbol.for('lumix.solver.defined');
/** Marks the refusing stand-in of an unclaimed member, so that re-defining a solver does not count it as a method. */
const REFUSES = Symbol.for('lumix.solver.refuses');

/** Each capability backed by a member, and the member. */
const MEMBERS = [
  ['sessions', 'open'],
  ['iis', 'computeIis'],
  ['multiObjective', 'solveLexicographic'],
] as const;

/** Properties of a definition that defineSolver consumes rather than copies. */
const CONSUMED = new Set(['name', 'capabilities', 'defaults', 'solve', 'open', 'computeIis', 'solveLexicographic']);

/**
 * The one front door of every solver: builds a {@link Solver} from a backend's definition.
 *
 * At definition time it refuses a claimed capability without its member and a member without its
 * flag (`open` ↔ `sessions`, `computeIis` ↔ `iis`, `solveLexicographic` ↔ `multiObjective`). At
 * call time it merges the instance defaults under the call's options and checks, once, before the
 * backend sees anything: that the solver claims what the problem and options need (integer
 * columns, time limit, MIP gap, iteration limit, threads, presolve off, log callback, MIP start,
 * ranging, the member itself), that values are in range (a MIP start has one finite value per
 * column, objectives one coefficient per column), that every bound, coefficient and cost of the
 * problem is below the magnitude the solver represents (`largestFiniteBound`,
 * `largestCoefficient`, `largestCost`: `INVALID_NUMBER` naming the column or row), and for
 * sessions that indices, bounds and costs are valid and the session is not disposed. After the
 * call it checks that a result with a point has a finite objective (an overflow is
 * `INVALID_NUMBER`, never `optimal` with ±Infinity). The members a backend lacks are filled in
 * with ones that refuse.
 *
 * A solver already made by `defineSolver` is returned as it is.
 *
 * @example
 * ```ts
 * export function createMySolver(): DefinedSolver {
 *   return defineSolver({ name: 'mine', capabilities: { integer: true }, solve: async (problem, options) => solveWithMine(problem, options) });
 * }
 * ```
 * @throws LumixError `INVALID_ARGUMENT` for a definition whose flags and members disagree (naming
 *   both), that declares a limit that is not a number > 0, or that lacks a name, capabilities or
 *   `solve`. Calls throw `UNSUPPORTED_FEATURE` naming
 *   the feature and a solver that has it, `INVALID_ARGUMENT` / `INVALID_NUMBER` / `INVALID_BOUNDS`
 *   for bad values, `INVALID_STATE` for a disposed session.
 */
export function defineSolver<O extends SolveOptions = SolveOptions, R extends SolveResult = SolveResult>(definition: SolverDefinition<O, R>): DefinedSolver<O, R> {
  if (isDefined(definition)) return definition as unknown as DefinedSolver<O, R>;
  const def = definition;
  if (def === null || typeof def !== 'object') throw new LumixError('INVALID_ARGUMENT', `defineSolver needs a solver definition { name, capabilities, solve }, got ${def === null ? 'null' : typeof def}.`);
  const name = def.name;
  if (typeof name !== 'string' || name === '') throw new LumixError('INVALID_ARGUMENT', `A solver needs a non-empty name, got ${String(name)}.`);
  if (def.capabilities === null || typeof def.capabilities !== 'object') {
    throw new LumixError('INVALID_ARGUMENT', `Solver '${name}' has no capabilities object; give { capabilities: { ... } } (unset flags keep their defaults).`, { details: { solver: name } });
  }
  if (typeof def.solve !== 'function') throw new LumixError('INVALID_ARGUMENT', `Solver '${name}' has no solve(problem, options) method.`, { details: { solver: name } });
  const capabilities = defineCapabilities(def.capabilities);
  for (const limit of CAPABILITY_LIMITS) {
    const v = capabilities[limit];
    if (typeof v !== 'number' || !(v > 0)) {
      throw new LumixError('INVALID_ARGUMENT', `Solver '${name}' declares capabilities.${limit} = ${String(v)}; it must be a number > 0 (Infinity for no limit).`, {
        details: { solver: name, capability: limit },
      });
    }
  }
  for (const [flag, member] of MEMBERS) {
    const has = isMethod(def[member]);
    if (capabilities[flag] && !has) {
      throw new LumixError('INVALID_ARGUMENT', `Solver '${name}' claims capability '${flag}' but has no ${member}() method; implement ${member}() or drop the flag.`, {
        details: { solver: name, capability: flag, member },
      });
    }
    if (!capabilities[flag] && has) {
      throw new LumixError('INVALID_ARGUMENT', `Solver '${name}' has a ${member}() method but does not claim capability '${flag}'; claim the flag or drop the method.`, {
        details: { solver: name, capability: flag, member },
      });
    }
  }
  const defaults = (def.defaults ?? {}) as O;
  const who = { name, capabilities };

  const solver = {
    name,
    capabilities,
    async solve(problem: StandardForm, options?: O): Promise<R> {
      const o = merge(defaults, options, 'solve');
      checkSolveRequest(who, problem, o, 'solve');
      checkMagnitudes(who, problem);
      const result = await def.solve(problem, o);
      checkResultObjective(who, problem, result);
      return result;
    },
    open: refusing(capabilities.sessions, async (problem: StandardForm, options?: O): Promise<DefinedSession<O, R>> => {
      requireCapability(who, 'sessions');
      const base = merge(defaults, options, 'open');
      checkSolveRequest(who, problem, base, 'open');
      checkMagnitudes(who, problem);
      const inner = await def.open!(problem, base);
      return wrapSession(who, problem, base, inner);
    }, who, 'sessions'),
    computeIis: refusing(capabilities.iis, async (problem: StandardForm, options?: O): Promise<Iis> => {
      const o = merge(defaults, options, 'iis');
      checkSolveRequest(who, problem, o, 'iis');
      checkMagnitudes(who, problem);
      return def.computeIis!(problem, o);
    }, who, 'iis'),
    solveLexicographic: refusing(capabilities.multiObjective, async (problem: StandardForm, objectives: readonly LexicographicObjective[], options?: O): Promise<LexicographicResult> => {
      const o = merge(defaults, options, 'lexicographic');
      checkSolveRequest(who, problem, o, 'lexicographic');
      checkMagnitudes(who, problem);
      checkObjectives(who, problem, objectives);
      const result = await def.solveLexicographic!(problem, objectives, o);
      checkResultObjective(who, problem, result);
      return result;
    }, who, 'multiObjective'),
  };
  for (const key of Object.keys(def)) {
    if (!CONSUMED.has(key)) Object.defineProperty(solver, key, { value: (def as unknown as Record<string, unknown>)[key], enumerable: true });
  }
  Object.defineProperty(solver, DEFINED, { value: true });
  return Object.freeze(solver) as DefinedSolver<O, R>;
}

function isDefined(x: unknown): boolean {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[DEFINED] === true;
}

function isMethod(f: unknown): boolean {
  return typeof f === 'function' && (f as unknown as Record<symbol, unknown>)[REFUSES] !== true;
}

/**
 * The member when its flag is claimed; otherwise a stand-in that refuses with
 * `UNSUPPORTED_FEATURE`, marked so a later defineSolver does not count it as a method.
 */
function refusing<F extends (...args: never[]) => Promise<unknown>>(claimed: boolean, member: F, who: { name: string; capabilities: SolverCapabilities }, flag: CapabilityFlag): F {
  if (claimed) return member;
  const stand = (async () => {
    requireCapability(who, flag);
  }) as unknown as F;
  Object.defineProperty(stand, REFUSES, { value: true });
  return stand;
}

/**
 * Options of one call: the call's over the defaults, field by field, `raw` merged by name.
 * Defaults that a call kind cannot take (ranging for an IIS or several objectives, a MIP start,
 * onProgress or a signal for an IIS) are left out rather than refused: they were set for solves.
 */
function merge<O extends SolveOptions>(defaults: O, options: O | undefined, kind: CallKind): O {
  let base: O = defaults;
  if ((kind === 'iis' || kind === 'lexicographic') && (base.ranging !== undefined || (kind === 'iis' && base.mipStart !== undefined))) {
    const { ranging: _r, mipStart, ...rest } = base;
    base = (kind === 'iis' || mipStart === undefined ? rest : { ...rest, mipStart }) as O;
  }
  if (kind === 'iis' && (base.onProgress !== undefined || base.signal !== undefined)) {
    // Progress and cancel are for solves too: an IIS search reports neither.
    const { onProgress: _p, signal: _s, ...rest } = base;
    base = rest as O;
  }
  if (options === undefined) return base;
  if (options === null || typeof options !== 'object') throw new LumixError('INVALID_ARGUMENT', `Solve options must be an object, got ${options === null ? 'null' : typeof options}.`);
  if (Object.keys(base).length === 0) return options;
  if (Object.keys(options).length === 0) return base;
  const raw = base.raw === undefined || options.raw === undefined ? undefined : { ...base.raw, ...options.raw };
  return (raw === undefined ? { ...base, ...options } : { ...base, ...options, raw }) as O;
}

/** The checked {@link DefinedSession} around a backend's session. */
function wrapSession<O extends SolveOptions, R extends SolveResult>(
  who: { name: string; capabilities: SolverCapabilities },
  problem: StandardForm,
  base: O,
  inner: SessionDefinition<O, R>,
): DefinedSession<O, R> {
  const mismatch = (flag: 'ranging' | 'iis', member: 'ranging' | 'computeIis'): string | undefined => {
    const has = typeof inner[member] === 'function';
    if (who.capabilities[flag] && !has) return `claims capability '${flag}' but its session has no ${member}() method`;
    if (!who.capabilities[flag] && has) return `has a session ${member}() method but does not claim capability '${flag}'`;
    return undefined;
  };
  const wrong = mismatch('ranging', 'ranging') ?? mismatch('iis', 'computeIis');
  if (wrong !== undefined) {
    inner.dispose();
    throw new LumixError('INVALID_ARGUMENT', `Solver '${who.name}' ${wrong}; this is a defect of the backend: make its session match its capabilities.`, {
      details: { solver: who.name },
    });
  }
  let disposed = false;
  const live = (): void => {
    if (disposed) {
      throw new LumixError('INVALID_STATE', `This ${who.name} session of '${problem.name}' was disposed; open a new one with solver.open(problem).`, {
        details: { solver: who.name, problem: problem.name },
      });
    }
  };
  const session: DefinedSession<O, R> = {
    problem,
    get disposed() {
      return disposed;
    },
    setColBounds(j, lb, ub) {
      live();
      checkIndex(problem, 'column', j);
      checkBounds(who, 'column', problem.colName(j), lb, ub);
      inner.setColBounds(j, lb, ub);
    },
    setRowBounds(i, lb, ub) {
      live();
      checkIndex(problem, 'row', i);
      checkBounds(who, 'row', problem.rowName(i), lb, ub);
      inner.setRowBounds(i, lb, ub);
    },
    setColCost(j, cost) {
      live();
      checkIndex(problem, 'column', j);
      checkCost(who, problem.colName(j), cost);
      inner.setColCost(j, cost);
    },
    async solve(options) {
      live();
      const o = merge(base, options, 'open');
      checkSolveRequest(who, problem, o, 'open');
      const result = await inner.solve(o);
      checkResultObjective(who, problem, result);
      return result;
    },
    async ranging() {
      live();
      requireCapability(who, 'ranging');
      return inner.ranging!();
    },
    async computeIis() {
      live();
      requireCapability(who, 'iis');
      return inner.computeIis!();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      inner.dispose();
    },
    [Symbol.dispose]() {
      session.dispose();
    },
  };
  return session;
}
