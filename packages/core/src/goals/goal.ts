import { LumixError } from '../errors.js';
import { checkOptionKeys } from '../model/check-options.js';
import type { ConstraintFamily } from '../model/constraint-family.js';
import { formatKey, type Key } from '../model/key-index.js';

/**
 * How a constraint family (or a single constraint) becomes a goal: see `Model.goal`.
 *
 * @typeParam R the item of a row of the family.
 */
export interface GoalOptions<R> {
  /**
   * Priority of the rows: a whole number >= 1, 1 the most important. A constant, or a function
   * of the row's item (called once per row when the model compiles; for a single constraint
   * with `undefined`).
   */
  readonly priority: number | ((item: R) => number);
  /**
   * Weight of a row's undesired deviation within its priority: a finite number >= 0, constant
   * or per row like `priority`. Default 1.
   */
  readonly weight?: number | ((item: R) => number);
}

/** The valid keys of {@link GoalOptions}, for the run-time check of unknown options. */
const GOAL_OPTION_KEYS: readonly string[] = ['priority', 'weight'];

/**
 * Options of a solve of a model with goals (`model.solve({ solver, goals: {...} })`).
 *
 * - **lexicographic** (default, preemptive): the rows of priority 1 are optimised first
 *   (minimise Σ weight·deviation), then priority 2 with priority 1 held within `levelTolerance`
 *   of its optimum, and so on; the model's own objective (when it has one) is the last level.
 * - **weighted**: one solve minimising Σ scale(priority)·weight·deviation, plus
 *   `objectiveWeight` times the model's own objective (in minimisation form: a maximised
 *   objective enters negated). With the default `objectiveWeight` 0 the model's objective is
 *   not optimised at all, which is what LumiX's weighted mode does.
 */
export interface GoalSolveOptions {
  /** Default `'lexicographic'`. */
  readonly mode?: 'lexicographic' | 'weighted';
  /**
   * Weighted mode: the factor of each priority, by priority (`{ 1: 1e5, 2: 1e4 }`) or as a
   * function. Default `10^(6 − priority)`: 1e5, 1e4, 1e3 for priorities 1–3 (LumiX's factors).
   * Priorities a record does not list keep the default. The report's `penalty` uses the same
   * factors in both modes.
   */
  readonly scales?: Readonly<Record<number, number>> | ((priority: number) => number);
  /** Weighted mode: factor of the model's own objective in the one objective. Default 0. */
  readonly objectiveWeight?: number;
  /**
   * Lexicographic mode: how far a level may move from its optimum while later levels are
   * optimised: at most min(absolute, relative·|optimum|). Each defaults to 1e-6 on its own, so a
   * level whose optimum is 0 (every goal of that priority met) is held exactly; for a purely
   * absolute allowance give a huge `relative` (e.g. 1e300). Every method (native, session,
   * rebuild) applies the same allowance.
   */
  readonly levelTolerance?: { readonly absolute?: number; readonly relative?: number };
  /**
   * Lexicographic mode, how to solve it:
   * - `'native'`: one `solver.solveLexicographic` call (capability `multiObjective`, HiGHS);
   * - `'session'`: one solve per level on a warm session (`sessions`), each level's optimum
   *   held by bounding a row Σ weight·deviation of that priority;
   * - `'rebuild'`: the same levels, each solved as a fresh problem (any solver);
   * - `'auto'` (default): native, else session, else rebuild.
   */
  readonly method?: 'auto' | 'native' | 'session' | 'rebuild';
  /**
   * A goal row is satisfied when its undesired deviation is at most this. Default 1e-5: above
   * the default level tolerance, so that a row a level leaves at 0 is not reported unsatisfied
   * because a later level used that level's allowance.
   */
  readonly satisfiedTolerance?: number;
}

/** The valid keys of {@link GoalSolveOptions}. */
export const GOAL_SOLVE_OPTION_KEYS: readonly string[] = ['mode', 'scales', 'objectiveWeight', 'levelTolerance', 'method', 'satisfiedTolerance'];

/** A goal declared on a model: the family and its options, checked. */
export interface GoalDeclaration {
  readonly family: ConstraintFamily<unknown>;
  readonly priority: number | ((item: unknown) => number);
  readonly weight: number | ((item: unknown) => number);
}

/**
 * Checks a goal's options at declaration (constants are checked now, functions per row when the
 * model compiles) and returns the declaration.
 */
export function declareGoal<R>(family: ConstraintFamily<R>, options: GoalOptions<R>): GoalDeclaration {
  const where = `Goal on '${family.name}'`;
  if (options === undefined || options === null || typeof options !== 'object') {
    throw new LumixError('INVALID_ARGUMENT', `${where}: pass { priority, weight? }, e.g. m.goal(orders, { priority: (o) => o.priority, weight: 1 }).`);
  }
  checkOptionKeys(where, options, GOAL_OPTION_KEYS);
  const { priority, weight = 1 } = options;
  if (typeof priority === 'number') checkPriority(priority, where);
  else if (typeof priority !== 'function') {
    throw new LumixError('INVALID_ARGUMENT', `${where}: 'priority' is required, a whole number >= 1 or a function item => priority.`);
  }
  if (typeof weight === 'number') checkWeight(weight, where);
  else if (typeof weight !== 'function') {
    throw new LumixError('INVALID_ARGUMENT', `${where}: 'weight' must be a finite number >= 0 or a function item => weight.`);
  }
  return { family: family as ConstraintFamily<unknown>, priority: priority as GoalDeclaration['priority'], weight: weight as GoalDeclaration['weight'] };
}

/** The priority of one row, checked. */
export function rowPriority(decl: GoalDeclaration, item: unknown, key: Key | undefined): number {
  const where = rowWhere(decl, key);
  if (typeof decl.priority === 'number') return decl.priority;
  return checkPriority(call(decl.priority, item, where, 'priority'), where);
}

/** The weight of one row, checked. */
export function rowWeight(decl: GoalDeclaration, item: unknown, key: Key | undefined): number {
  const where = rowWhere(decl, key);
  if (typeof decl.weight === 'number') return decl.weight;
  return checkWeight(call(decl.weight, item, where, 'weight'), where);
}

function rowWhere(decl: GoalDeclaration, key: Key | undefined): string {
  return key === undefined ? `Goal on '${decl.family.name}'` : `Goal on '${decl.family.name}', row ${formatKey(key)}`;
}

function call(f: (item: unknown) => number, item: unknown, where: string, what: string): number {
  try {
    return f(item);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new LumixError('INVALID_ARGUMENT', `${where}: the ${what} function threw: ${message}`, { cause: e });
  }
}

function checkPriority(p: unknown, where: string): number {
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1) {
    throw new LumixError('INVALID_ARGUMENT', `${where}: priority ${String(p)} is not valid; priorities are whole numbers >= 1 (1 is the most important).`, {
      details: { priority: p },
    });
  }
  return p;
}

function checkWeight(w: unknown, where: string): number {
  if (typeof w !== 'number' || !Number.isFinite(w)) {
    throw new LumixError('INVALID_NUMBER', `${where}: weight ${String(w)} is not a finite number; check the data it is computed from.`, { details: { weight: w } });
  }
  if (w < 0) {
    throw new LumixError('INVALID_ARGUMENT', `${where}: weight ${w} is negative; a weight is >= 0 (a larger weight makes the row's deviation cost more).`, { details: { weight: w } });
  }
  return w;
}

/** The default factor of a priority in weighted mode: 10^(6 − priority), LumiX's 1e5, 1e4, 1e3 for 1–3. */
export function defaultScale(priority: number): number {
  return 10 ** (6 - priority);
}
