import { LumixError } from '../errors.js';
import type { Key } from '../model/key-index.js';
import type { CompiledModel } from '../model/model.js';
import type { SolverSession } from '../solver/solver-session.js';
import type { StandardForm } from '../solver/standard-form.js';
import type { Addressing, ColumnFamilyRef, RowFamilyRef } from './address.js';

/**
 * A new value for a number: exactly one of `set` (the new value), `by` (added to the current
 * value) or `scale` (the current value times it).
 */
export interface ValueEdit {
  readonly set?: number;
  readonly by?: number;
  readonly scale?: number;
}

/** Which rows or columns of a family a change applies to: one key or item, or every one that passes `where`. */
interface Selection {
  /** The key or data item of one row/column. Omit it for the whole family (and for a single constraint). */
  readonly key?: unknown;
  /** With no `key`: only the rows/columns whose item (and key) pass. Default: all of the family. */
  readonly where?: (item: never, key: Key) => boolean;
}

/**
 * Changes the right-hand side of rows: the upper bound of a `<=` row, the lower bound of a `>=`
 * row, both bounds of an `==` row. On a ranged row (`between`) `by` and `scale` move both finite
 * bounds and `set` is refused (use {@link RowBoundsChange}).
 *
 * @example { rhs: 'material', key: [1, 1], by: 100 }  // Wood, week 1, +100
 * @example { rhs: 'machine', scale: 1.5 }             // every machine row, +50 %
 */
export interface RhsChange extends Selection, ValueEdit {
  readonly rhs: RowFamilyRef;
}

/** Sets both bounds of rows: `lb <= expression <= ub` (±Infinity for none). */
export interface RowBoundsChange extends Selection {
  readonly rowBounds: RowFamilyRef;
  readonly lb: number;
  readonly ub: number;
}

/** Sets the bounds of variables; a bound left out keeps its current value. */
export interface BoundsChange extends Selection {
  readonly bounds: ColumnFamilyRef;
  readonly lb?: number;
  readonly ub?: number;
}

/** Changes the objective coefficient of variables (`set`, `by` or `scale`). */
export interface CostChange extends Selection, ValueEdit {
  readonly cost: ColumnFamilyRef;
}

/**
 * One change of an analysis, addressed by family and key (or data item), never by index:
 * a right-hand side, a row's bounds, a variable's bounds or its cost. Without `key` it applies
 * to every row/column of the family (that passes `where`): a multiplier on a whole family is
 * `{ rhs: 'material', scale: 0.6 }`. `by` and `scale` act on the value the analysis holds when
 * the change is applied (the baseline, unless earlier changes were not reset).
 */
export type AnalysisChange = RhsChange | RowBoundsChange | BoundsChange | CostChange;

/** One number an applied change moved, with where it is. */
export interface AppliedChange {
  readonly kind: 'rowBounds' | 'colBounds' | 'cost';
  readonly family: string;
  readonly key: Key | undefined;
  /** Row or column index in the compiled problem. */
  readonly index: number;
  /** `[lower, upper]` (bounds) or `[cost]` before and after. */
  readonly before: readonly number[];
  readonly after: readonly number[];
}

function editValue(edit: ValueEdit, current: number, what: string): number {
  const given = [edit.set, edit.by, edit.scale].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new LumixError('INVALID_ARGUMENT', `${what}: give exactly one of set, by or scale (got ${given}).`);
  }
  if (edit.set !== undefined) return edit.set;
  if (edit.by !== undefined) return current + edit.by;
  return current * edit.scale!;
}

function checkBounds(lb: number, ub: number, what: string): void {
  if (Number.isNaN(lb) || Number.isNaN(ub) || lb === Number.POSITIVE_INFINITY || ub === Number.NEGATIVE_INFINITY) {
    throw new LumixError(
      'INVALID_NUMBER',
      `${what}: bounds [${lb}, ${ub}] are not valid; use finite numbers, -Infinity for no lower bound, Infinity for no upper bound.`,
      {
        details: { lb, ub },
      },
    );
  }
  if (lb > ub) {
    throw new LumixError('INVALID_BOUNDS', `${what}: lower bound ${lb} is above upper bound ${ub}.`, { details: { lb, ub } });
  }
}

/**
 * The analysis' copy of the problem's bounds and costs: changes are written here (and into the
 * solver session, when there is one), remembered as dirty, and undone by {@link reset} in
 * O(changed), without a rebuild.
 */
export class ProblemState {
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly colCost: Float64Array;
  private readonly dirtyRows = new Set<number>();
  private readonly dirtyCols = new Set<number>();
  private readonly dirtyCosts = new Set<number>();

  constructor(
    readonly base: StandardForm,
    private readonly session: SolverSession | undefined,
  ) {
    this.rowLower = base.rowLower.slice();
    this.rowUpper = base.rowUpper.slice();
    this.colLower = base.colLower.slice();
    this.colUpper = base.colUpper.slice();
    this.colCost = base.colCost.slice();
  }

  /** True when something differs from the baseline. */
  get changed(): boolean {
    return this.dirtyRows.size + this.dirtyCols.size + this.dirtyCosts.size > 0;
  }

  setRow(i: number, lb: number, ub: number): void {
    checkBounds(lb, ub, `Row ${this.base.rowName(i)}`);
    this.session?.setRowBounds(i, lb, ub);
    this.rowLower[i] = lb;
    this.rowUpper[i] = ub;
    this.dirtyRows.add(i);
  }

  setCol(j: number, lb: number, ub: number): void {
    checkBounds(lb, ub, `Variable ${this.base.colName(j)}`);
    this.session?.setColBounds(j, lb, ub);
    this.colLower[j] = lb;
    this.colUpper[j] = ub;
    this.dirtyCols.add(j);
  }

  setCost(j: number, c: number): void {
    if (!Number.isFinite(c)) {
      throw new LumixError('INVALID_NUMBER', `Cost of ${this.base.colName(j)} would be ${c}; costs must be finite numbers.`, { details: { cost: c } });
    }
    this.session?.setColCost(j, c);
    this.colCost[j] = c;
    this.dirtyCosts.add(j);
  }

  /** Back to the baseline: only the changed rows and columns are written back. */
  reset(): void {
    const b = this.base;
    for (const i of this.dirtyRows) {
      this.session?.setRowBounds(i, b.rowLower[i]!, b.rowUpper[i]!);
      this.rowLower[i] = b.rowLower[i]!;
      this.rowUpper[i] = b.rowUpper[i]!;
    }
    for (const j of this.dirtyCols) {
      this.session?.setColBounds(j, b.colLower[j]!, b.colUpper[j]!);
      this.colLower[j] = b.colLower[j]!;
      this.colUpper[j] = b.colUpper[j]!;
    }
    for (const j of this.dirtyCosts) {
      this.session?.setColCost(j, b.colCost[j]!);
      this.colCost[j] = b.colCost[j]!;
    }
    this.dirtyRows.clear();
    this.dirtyCols.clear();
    this.dirtyCosts.clear();
  }

  /** The problem as it is now: the baseline's matrix with the current bounds and costs (copied). */
  current(): StandardForm {
    return {
      ...this.base,
      rowLower: this.rowLower.slice(),
      rowUpper: this.rowUpper.slice(),
      colLower: this.colLower.slice(),
      colUpper: this.colUpper.slice(),
      colCost: this.colCost.slice(),
    };
  }
}

/**
 * Applies changes to the state, addressed through `at`; returns what moved. A change that fails
 * (unknown key, bad number) throws before it writes anything of its own, but earlier changes of
 * the list stay applied (the caller resets).
 */
export function applyChanges(state: ProblemState, at: Addressing, compiled: CompiledModel, changes: readonly AnalysisChange[]): AppliedChange[] {
  const out: AppliedChange[] = [];
  for (const change of changes) {
    if (typeof change !== 'object' || change === null) {
      throw new LumixError(
        'INVALID_ARGUMENT',
        'A change must be an object such as { rhs: family, key, by: 10 }, { rowBounds, lb, ub }, { bounds, lb, ub } or { cost, set }.',
      );
    }
    const sel = change as Selection;
    const where = sel.where as ((item: unknown, key: Key | undefined) => boolean) | undefined;
    if ('rhs' in change || 'rowBounds' in change) {
      const ref = 'rhs' in change ? change.rhs : change.rowBounds;
      const rows = sel.key !== undefined || at.rowFamily(ref).isSingle ? [at.row(ref, sel.key)] : at.rows(ref, where);
      const planned: Array<[number, number, number]> = [];
      for (const i of rows) {
        const lo = state.rowLower[i]!;
        const hi = state.rowUpper[i]!;
        const name = state.base.rowName(i);
        if ('rowBounds' in change) {
          planned.push([i, change.lb, change.ub]);
          continue;
        }
        const hasLo = lo !== Number.NEGATIVE_INFINITY;
        const hasHi = hi !== Number.POSITIVE_INFINITY;
        if (!hasLo && !hasHi) {
          throw new LumixError('INVALID_ARGUMENT', `Row ${name} is free (no bound), so it has no right-hand side to change; use { rowBounds, lb, ub }.`, {
            details: { row: name },
          });
        }
        if (lo === hi) {
          const v = editValue(change, hi, `Right-hand side of ${name}`);
          planned.push([i, v, v]);
        } else if (hasLo && hasHi) {
          if (change.set !== undefined) {
            throw new LumixError('INVALID_ARGUMENT', `Row ${name} is ranged ([${lo}, ${hi}]): 'set' does not say which bound; use { rowBounds, lb, ub }.`, {
              details: { row: name },
            });
          }
          planned.push([i, editValue(change, lo, name), editValue(change, hi, name)]);
        } else if (hasHi) {
          planned.push([i, lo, editValue(change, hi, `Right-hand side of ${name}`)]);
        } else {
          planned.push([i, editValue(change, lo, `Right-hand side of ${name}`), hi]);
        }
      }
      for (const [i, lb, ub] of planned) {
        const before = [state.rowLower[i]!, state.rowUpper[i]!];
        state.setRow(i, lb, ub);
        const r = compiled.row(i);
        out.push({ kind: 'rowBounds', family: r.family, key: r.key, index: i, before, after: [lb, ub] });
      }
    } else if ('bounds' in change || 'cost' in change) {
      const ref = 'bounds' in change ? change.bounds : change.cost;
      const cols = sel.key !== undefined ? [at.column(ref, sel.key)] : at.columns(ref, where);
      for (const j of cols) {
        const c = compiled.column(j);
        if ('bounds' in change) {
          const before = [state.colLower[j]!, state.colUpper[j]!];
          const lb = change.lb ?? before[0]!;
          const ub = change.ub ?? before[1]!;
          state.setCol(j, lb, ub);
          out.push({ kind: 'colBounds', family: c.family, key: c.key, index: j, before, after: [lb, ub] });
        } else {
          const before = state.colCost[j]!;
          const v = editValue(change, before, `Cost of ${state.base.colName(j)}`);
          state.setCost(j, v);
          out.push({ kind: 'cost', family: c.family, key: c.key, index: j, before: [before], after: [v] });
        }
      }
    } else {
      throw new LumixError(
        'INVALID_ARGUMENT',
        `A change must name what it changes: rhs, rowBounds, bounds or cost (got keys ${Object.keys(change).join(', ') || 'none'}).`,
      );
    }
  }
  return out;
}
