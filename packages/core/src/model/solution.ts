import { LumixError } from '../errors.js';
import type { RunInfo } from '../data/run-info.js';
import type { SolveResult, SolveStats, TerminationStatus } from '../solver/solver.js';
import { ConstraintFamily, constraintFamilyAccess as cf } from './constraint-family.js';
import { Expr, Var, exprAccess } from './expr.js';
import { formatKey, isKey, type Key } from './key-index.js';
import type { CompiledModel } from './model.js';
import type { GoalReport } from '../goals/goal-report.js';
import { familyAccess as vf, type VariableFamily } from './variable-family.js';

/** One variable of a family in a solution. */
export interface SolutionEntry<I> {
  readonly key: Key;
  readonly item: I;
  readonly value: number;
}

/** One row of a constraint family in a solution (`solution.entries(constraintFamily)`). */
export interface ConstraintEntry<R> {
  /** The row's key; undefined for a single constraint. */
  readonly key: Key | undefined;
  /** The row's item; undefined for a single constraint. */
  readonly item: R;
  /** Value of the row's expression (constant excluded, like its bounds). */
  readonly activity: number;
  /** Row bounds (±Infinity where there is none). */
  readonly lower: number;
  readonly upper: number;
  /** The row's dual when the solver reported duals (LPs solved to optimality), else undefined. */
  readonly dual: number | undefined;
}

interface ModelLike {
  readonly name: string;
  constraintFamily(name: string): ConstraintFamily | undefined;
}

/**
 * The result of `model.solve()`: why the solver stopped, whether a feasible point exists, and
 * values, duals and reduced costs by family and key (or data item). Infeasible is a status here,
 * not an exception; asking a value of a solution without a point throws `NO_SOLUTION`.
 */
export class Solution {
  /** @internal */
  constructor(
    private readonly model: ModelLike,
    /** The compiled problem and its name table. */
    readonly compiled: CompiledModel,
    /** The backend's raw result (typed arrays by column/row index). */
    readonly result: SolveResult,
    /** The facts saved with a run (`solve_runs`). */
    readonly run: RunInfo,
    private readonly goalReport?: GoalReport,
  ) {}

  /**
   * The goal report of a model with goals (`model.goal(...)`): per goal row target, achieved
   * value, deviation and satisfied; per priority satisfied/total and deviation; per
   * lexicographic level its optimum and solve time. `solution.objective` stays the model's own
   * objective at the point; the goal objective is `goals.penalty` / `goals.weightedObjective`.
   *
   * @throws LumixError `INVALID_STATE` when the model declares no goals.
   */
  get goals(): GoalReport {
    if (this.goalReport === undefined) {
      throw new LumixError('INVALID_STATE', `Model '${this.model.name}' declares no goals, so its solution has no goal report; declare goals with model.goal(family, { priority }).`);
    }
    return this.goalReport;
  }

  get status(): TerminationStatus {
    return this.result.status;
  }

  /** True when the solver returned a feasible point (optimal, or an incumbent at a limit). */
  get hasSolution(): boolean {
    return this.result.hasSolution;
  }

  /** True when the status is optimal. */
  get isOptimal(): boolean {
    return this.result.status === 'optimal';
  }

  /** Objective value (offset included), or null without a feasible point. */
  get objective(): number | null {
    return this.result.hasSolution ? this.result.objective : null;
  }

  /** Solver figures plus the build time. */
  get stats(): SolveStats & { readonly buildMs: number } {
    return { ...this.result.stats, buildMs: this.compiled.buildMs };
  }

  private values_(): Float64Array {
    const x = this.result.colValues;
    if (!this.result.hasSolution || x === null) {
      throw new LumixError('NO_SOLUTION', `The solve ended '${this.result.status}' without a feasible point, so there are no variable values. Check solution.status / hasSolution first.`, {
        details: { status: this.result.status },
      });
    }
    return x;
  }

  private checkOwner(family: VariableFamily<unknown>): void {
    if (family.model !== this.model) {
      throw new LumixError('FOREIGN_VARIABLE', `Variable family '${family.name}' belongs to another model than this solution's.`);
    }
  }

  /**
   * Value of a variable: `value(family, keyOrItem)`, `value(var)` or `value(expr)` (evaluated,
   * constant included).
   */
  value<I>(target: VariableFamily<I> | Var | Expr, keyOrItem?: unknown): number {
    const x = this.values_();
    if (target instanceof Var) return x[target.column]!;
    if (target instanceof Expr) {
      const owner = exprAccess.model(target);
      if (owner !== undefined && owner !== this.model) {
        throw new LumixError('FOREIGN_VARIABLE', 'The expression belongs to another model than this solution.');
      }
      return target.evaluate(x);
    }
    this.checkOwner(target as VariableFamily<unknown>);
    return x[vf.column(target as VariableFamily<unknown>, keyOrItem)]!;
  }

  /** Values of a family by key (tuple keys for product families: iterate, or use `value`). */
  values<I>(family: VariableFamily<I>): Map<Key, number> {
    const x = this.values_();
    this.checkOwner(family as VariableFamily<unknown>);
    const out = new Map<Key, number>();
    const keys = family.keys();
    const at = vf.offset(family as VariableFamily<unknown>);
    for (let c = 0; c < keys.length; c++) out.set(keys[c]!, x[at + c]!);
    return out;
  }

  /**
   * Every variable of a family with its key, item and value, in column order; or, for a
   * constraint family, every row with its key, item, activity, bounds and dual (when reported),
   * in row order.
   */
  entries<I>(family: VariableFamily<I>, filter?: (value: number, item: I) => boolean): SolutionEntry<I>[];
  entries<R>(family: ConstraintFamily<R>): ConstraintEntry<R>[];
  entries<I>(family: VariableFamily<I> | ConstraintFamily<I>, filter?: (value: number, item: I) => boolean): SolutionEntry<I>[] | ConstraintEntry<I>[] {
    if (family instanceof ConstraintFamily) return this.rowEntries(family);
    const x = this.values_();
    this.checkOwner(family as VariableFamily<unknown>);
    const out: SolutionEntry<I>[] = [];
    const n = family.size;
    const f = family as VariableFamily<unknown>;
    const at = vf.offset(f);
    for (let c = 0; c < n; c++) {
      const value = x[at + c]!;
      const item = vf.itemAt(family, c);
      if (filter !== undefined && !filter(value, item)) continue;
      out.push({ key: vf.keyAt(f, c), item, value });
    }
    return out;
  }

  private rowEntries<R>(family: ConstraintFamily<R>): ConstraintEntry<R>[] {
    const fam = this.constraintFamily_(family);
    const activity = this.activities_();
    const y = this.result.rowDuals;
    const p = this.compiled.problem;
    const at = cf.offset(fam);
    const n = cf.count(fam);
    const out: ConstraintEntry<R>[] = [];
    for (let i = 0; i < n; i++) {
      const r = at + i;
      out.push({ key: cf.keyAt(fam, i), item: cf.itemAt(fam, i) as R, activity: activity[r]!, lower: p.rowLower[r]!, upper: p.rowUpper[r]!, dual: y === null ? undefined : y[r]! });
    }
    return out;
  }

  /** Row activities: the solver's, or computed from the point. */
  private activities_(): Float64Array {
    if (this.result.rowActivities !== null) return this.result.rowActivities;
    const x = this.values_();
    const p = this.compiled.problem;
    const out = new Float64Array(p.numRows);
    for (let r = 0; r < p.numRows; r++) {
      let v = 0;
      for (let k = p.rowStart[r]!; k < p.rowStart[r + 1]!; k++) v += p.value[k]! * x[p.colIndex[k]!]!;
      out[r] = v;
    }
    return out;
  }

  /** The constraint family given by name or object, checked to be this model's. */
  private constraintFamily_<R>(family: ConstraintFamily<R> | string): ConstraintFamily {
    if (typeof family !== 'string') {
      if (!(family instanceof ConstraintFamily) || family.model !== this.model) {
        throw new LumixError('FOREIGN_VARIABLE', `Constraint family '${String((family as { name?: unknown })?.name)}' belongs to another model than this solution's.`);
      }
      return family as unknown as ConstraintFamily;
    }
    const fam = this.model.constraintFamily(family);
    if (fam === undefined) {
      throw new LumixError('UNKNOWN_KEY', `Model '${this.model.name}' has no constraint family '${family}'.`, { details: { family } });
    }
    return fam;
  }

  private rowOf<R>(family: ConstraintFamily<R> | string, keyOrItem: unknown): number {
    const fam = this.constraintFamily_(family);
    const name = fam.name;
    const r = cf.rowOf(fam, keyOrItem);
    if (r < 0) {
      const shown = keyOrItem === undefined ? '(no key)' : isKey(keyOrItem) ? formatKey(keyOrItem) : 'the given item';
      throw new LumixError('UNKNOWN_KEY', `Constraint family '${name}' has no row for ${shown}${fam.isSingle ? `: it is a single constraint, call dual('${name}') without a key` : ''}.`, {
        details: { family: name },
      });
    }
    return r;
  }

  private rowDuals(): Float64Array {
    const y = this.result.rowDuals;
    if (y === null) {
      throw new LumixError('NO_SOLUTION', `Solver '${this.result.solver}' returned no duals for this solve (duals exist for LPs solved to optimality by a solver that reports them).`, {
        details: { solver: this.result.solver, status: this.result.status },
      });
    }
    return y;
  }

  /**
   * Dual value (shadow price) of a row: the change of the objective per unit of its right-hand
   * side. The family is given as the object `constraints(...)` returned or by name.
   */
  dual<R>(constraintFamily: ConstraintFamily<R> | string, keyOrItem?: unknown): number {
    return this.rowDuals()[this.rowOf(constraintFamily, keyOrItem)]!;
  }

  /** Duals of every row of a constraint family (object or name), by key. */
  duals<R>(constraintFamily: ConstraintFamily<R> | string): Map<Key | undefined, number> {
    const y = this.rowDuals();
    const fam = this.constraintFamily_(constraintFamily);
    const out = new Map<Key | undefined, number>();
    const at = cf.offset(fam);
    if (fam.isSingle) out.set(undefined, y[at]!);
    else {
      const keys = fam.keys();
      for (let i = 0; i < keys.length; i++) out.set(keys[i], y[at + i]!);
    }
    return out;
  }

  /** Row activity (value of the row's expression without its constant); the family as object or name. */
  activity<R>(constraintFamily: ConstraintFamily<R> | string, keyOrItem?: unknown): number {
    const r = this.rowOf(constraintFamily, keyOrItem);
    const a = this.result.rowActivities;
    if (a !== null) return a[r]!;
    const x = this.values_();
    const p = this.compiled.problem;
    let v = 0;
    for (let k = p.rowStart[r]!; k < p.rowStart[r + 1]!; k++) v += p.value[k]! * x[p.colIndex[k]!]!;
    return v;
  }

  /** Reduced cost of a variable: `reducedCost(family, keyOrItem)` or `reducedCost(var)`. */
  reducedCost<I>(target: VariableFamily<I> | Var, keyOrItem?: unknown): number {
    const d = this.result.reducedCosts;
    if (d === null) {
      throw new LumixError('NO_SOLUTION', `Solver '${this.result.solver}' returned no reduced costs for this solve${this.result.solver === 'glpk' ? ' (glpk.js does not report them; use HiGHS)' : ''}.`, {
        details: { solver: this.result.solver },
      });
    }
    if (target instanceof Var) return d[target.column]!;
    this.checkOwner(target as VariableFamily<unknown>);
    return d[vf.column(target as VariableFamily<unknown>, keyOrItem)]!;
  }
}
