import { LumixError } from '../errors.js';
import { constraintFamilyAccess as cf, type ConstraintFamily } from '../model/constraint-family.js';
import { formatKey, isKey, type Key } from '../model/key-index.js';
import type { CompiledModel } from '../model/model.js';
import { familyAccess as vf, type VariableFamily } from '../model/variable-family.js';

/** A constraint family, by the object `model.constraints(...)` returned or by its name. */
// biome-ignore lint/suspicious/noExplicitAny: any row item type is accepted; a family is invariant in it
export type RowFamilyRef = ConstraintFamily<any> | string;

/** A variable family, by the object `model.continuous(...)` (etc.) returned or by its name. */
// biome-ignore lint/suspicious/noExplicitAny: any item type is accepted; a family is invariant in it
export type ColumnFamilyRef = VariableFamily<any> | string;

/** What the analysis needs of a model: its name and families by name (a `Model` is one). */
export interface ModelLike {
  readonly name: string;
  variableFamily(name: string): VariableFamily<unknown> | undefined;
  constraintFamily(name: string): ConstraintFamily | undefined;
}

/** Where a family's rows or columns sit in the compiled problem: the first index and how many. */
interface Span {
  readonly offset: number;
  readonly count: number;
}

/**
 * Turns "family + key (or data item)" into row and column indices of one compiled problem, the
 * reverse of `CompiledModel.row(i)` / `column(j)`. It reads the families' own key indexes (the
 * constraint family's `rowOf`, the variable family's `get`) — one hash lookup per key, no scan —
 * and remembers where each family sat when the problem was compiled, so that a later compile of
 * the same model with another layout is caught instead of silently addressing wrong rows.
 */
export class Addressing {
  private readonly rowSpans = new Map<ConstraintFamily, Span>();
  private readonly colSpans = new Map<VariableFamily<unknown>, Span>();

  constructor(private readonly model: ModelLike) {}

  /**
   * Records where every family sits in `compiled` (call right after compiling): one step per
   * family, reading each family's offset and size.
   */
  snapshot(compiled: CompiledModel): void {
    const p = compiled.problem;
    for (let i = 0; i < p.numRows; ) {
      const f = this.rowFamily(compiled.row(i).family);
      const count = cf.count(f);
      this.rowSpans.set(f, { offset: cf.offset(f), count });
      i += Math.max(1, count);
    }
    for (let j = 0; j < p.numCols; ) {
      const f = this.colFamily(compiled.column(j).family);
      this.colSpans.set(f, { offset: vf.offset(f), count: f.size });
      j += Math.max(1, f.size);
    }
  }

  /** The constraint family named or given; checks it belongs to the model. */
  rowFamily(ref: RowFamilyRef): ConstraintFamily {
    const f = typeof ref === 'string' ? this.model.constraintFamily(ref) : (ref as ConstraintFamily);
    if (f === undefined || f.model !== this.model) {
      const name = typeof ref === 'string' ? ref : (ref as ConstraintFamily).name;
      throw new LumixError(
        'UNKNOWN_KEY',
        `Model '${this.model.name}' has no constraint family '${name}'. Name a family declared with model.constraint(s)(...).`,
        {
          details: { family: name },
        },
      );
    }
    return f;
  }

  /** The variable family named or given; checks it belongs to the model. */
  colFamily(ref: ColumnFamilyRef): VariableFamily<unknown> {
    const f = typeof ref === 'string' ? this.model.variableFamily(ref) : (ref as VariableFamily<unknown>);
    if (f === undefined || f.model !== this.model) {
      const name = typeof ref === 'string' ? ref : (ref as VariableFamily<unknown>).name;
      throw new LumixError(
        'UNKNOWN_KEY',
        `Model '${this.model.name}' has no variable family '${name}'. Name a family declared with model.continuous/integer/binary(...).`,
        {
          details: { family: name },
        },
      );
    }
    return f;
  }

  private rowSpan(f: ConstraintFamily): Span {
    const s = this.rowSpans.get(f);
    // A family that produced no rows has no span in the problem.
    if (s === undefined && cf.offset(f) >= 0 && cf.count(f) === 0) return { offset: cf.offset(f), count: 0 };
    if (s === undefined || cf.offset(f) !== s.offset || cf.count(f) !== s.count) {
      throw new LumixError(
        'INVALID_STATE',
        `Constraint family '${f.name}' is not laid out as when this analysis compiled the model (it was compiled again since, or declared after). Open a new analysis.`,
        { details: { family: f.name } },
      );
    }
    return s;
  }

  private colSpan(f: VariableFamily<unknown>): Span {
    const s = this.colSpans.get(f);
    if (s === undefined) {
      throw new LumixError('INVALID_STATE', `Variable family '${f.name}' was declared after this analysis compiled the model. Open a new analysis.`, {
        details: { family: f.name },
      });
    }
    return s;
  }

  /** The row of `family` for `keyOrItem` (omit it for a single constraint). @throws LumixError `UNKNOWN_KEY`. */
  row(ref: RowFamilyRef, keyOrItem?: unknown): number {
    const f = this.rowFamily(ref);
    this.rowSpan(f);
    const r = cf.rowOf(f, keyOrItem);
    if (r < 0) {
      const shown = keyOrItem === undefined ? '(no key)' : isKey(keyOrItem) ? formatKey(keyOrItem) : 'the given item';
      throw new LumixError(
        'UNKNOWN_KEY',
        `Constraint family '${f.name}' has no row for ${shown}${f.isSingle ? ': it is a single constraint, give no key' : ' (the item may have produced no row)'}.`,
        { details: { family: f.name, key: isKey(keyOrItem) ? formatKey(keyOrItem) : undefined } },
      );
    }
    return r;
  }

  /** The column of `family` for `keyOrItem`. @throws LumixError `UNKNOWN_KEY`. */
  column(ref: ColumnFamilyRef, keyOrItem: unknown): number {
    const f = this.colFamily(ref);
    this.colSpan(f);
    return f.get(keyOrItem).column;
  }

  /** Every row of a family, in row order, optionally only those whose item passes `where`. */
  rows(ref: RowFamilyRef, where?: (item: unknown, key: Key | undefined) => boolean): number[] {
    const f = this.rowFamily(ref);
    const { offset, count } = this.rowSpan(f);
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      if (where === undefined || where(cf.itemAt(f, i), cf.keyAt(f, i))) out.push(offset + i);
    }
    return out;
  }

  /** Every column of a family, in column order, optionally only those whose item passes `where`. */
  columns(ref: ColumnFamilyRef, where?: (item: unknown, key: Key) => boolean): number[] {
    const f = this.colFamily(ref);
    const { offset, count } = this.colSpan(f);
    const out: number[] = [];
    for (let c = 0; c < count; c++) {
      if (where === undefined || where(vf.itemAt(f, c), vf.keyAt(f, c))) out.push(offset + c);
    }
    return out;
  }
}
