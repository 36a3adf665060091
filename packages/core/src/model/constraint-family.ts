import { LumixError } from '../errors.js';
import { Constraint, exprAccess, type TermArena } from './expr.js';
import { KeyIndex, formatKey, isKey, type Key } from './key-index.js';
import { defaultKey, isGrouping } from './variable-family.js';
import { withContext } from './with-context.js';

/** Display names for messages about a term: of a column, and of a row (global indices). */
interface Names {
  colName(j: number): string;
  rowName(i: number): string;
}

/**
 * Term storage that grows by half its size (a doubling would leave up to half of it unused);
 * trimmed to its exact length once, at the end.
 */
class Terms {
  cols: Int32Array;
  vals: Float64Array;

  constructor(capacity: number) {
    this.cols = new Int32Array(capacity);
    this.vals = new Float64Array(capacity);
  }

  /** Makes room for `need` terms in all. */
  reserve(need: number): void {
    let cap = this.cols.length;
    if (need <= cap) return;
    while (cap < need) cap = Math.ceil(cap * 1.5);
    const cols = new Int32Array(cap);
    cols.set(this.cols);
    const vals = new Float64Array(cap);
    vals.set(this.vals);
    this.cols = cols;
    this.vals = vals;
  }

  /**
   * The first `n` terms, in arrays of exactly that length: views when at most an eighth of the
   * storage is left over (no copy, that little kept), else copies.
   */
  trimmed(n: number): { cols: Int32Array; vals: Float64Array } {
    const cap = this.cols.length;
    if (cap === n) return { cols: this.cols, vals: this.vals };
    if (cap - n <= cap >> 3) return { cols: this.cols.subarray(0, n), vals: this.vals.subarray(0, n) };
    return { cols: this.cols.slice(0, n), vals: this.vals.slice(0, n) };
  }
}

/** A coefficient that is NaN or infinite, found while a row was copied; reported after the rows. */
interface BadTerm {
  readonly row: number;
  readonly column: number;
  readonly value: number;
}

/**
 * The model's rows as CSR, written as they are produced. While the rows are made it is also the
 * {@link TermArena} of the build: family sums put their terms at its end, so a row made of one sum
 * is already in place when it is appended (no copy); any other row is copied (merged and checked
 * on the way) after everything allocated so far, never over the terms of a live expression. The
 * storage starts at the size the build expects and grows by half when it must; rows left apart by expressions
 * that were not used as rows are closed up at the end.
 */
export class RowBuffer implements TermArena {
  private readonly terms: Terms;
  private readonly begins: number[] = [];
  private readonly ends: number[] = [];
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private marker: Int32Array;
  private bad: BadTerm | undefined;
  /** End of the last row. */
  private k = 0;
  /** End of everything allocated or written (>= k). */
  private used = 0;
  /** True once a row was written after a gap: the rows are closed up at the end. */
  private gaps = false;

  /** `capacity`: the number of terms expected (the storage grows when they are more). */
  constructor(capacity: number) {
    this.terms = new Terms(Math.max(64, capacity));
    this.marker = new Int32Array(0);
  }

  /** Number of rows appended. */
  get rows(): number {
    return this.lo.length;
  }

  allocate(n: number): { cols: Int32Array; coefs: Float64Array } {
    const at = this.used;
    this.terms.reserve(at + n);
    this.used = at + n;
    return { cols: this.terms.cols.subarray(at, at + n), coefs: this.terms.vals.subarray(at, at + n) };
  }

  release(terms: { cols: Int32Array; coefs: Float64Array }, w: number): { cols: Int32Array; coefs: Float64Array } {
    const { cols, coefs } = terms;
    const start = cols.byteOffset >> 2;
    if (cols.buffer === this.terms.cols.buffer && start + cols.length === this.used) this.used = start + w;
    return { cols: cols.subarray(0, w), coefs: coefs.subarray(0, w) };
  }

  append(c: Constraint): void {
    const e = c.expr;
    const len = e.length;
    const row = this.lo.length;
    this.lo.push(c.lo);
    this.hi.push(c.hi);
    const from = exprAccess.cols(e);
    const clean = exprAccess.clean(e);
    if (clean && from.buffer === this.terms.cols.buffer && from.byteOffset >> 2 === this.k) {
      // Made by a family sum right here: already in place.
      this.begins.push(this.k);
      this.k += len;
      if (this.used < this.k) this.used = this.k;
      this.ends.push(this.k);
      return;
    }
    const p = this.used;
    if (p !== this.k) this.gaps = true;
    this.terms.reserve(p + len);
    const { cols, vals } = this.terms;
    let end: number;
    if (clean) {
      cols.set(from.subarray(0, len), p);
      vals.set(exprAccess.coefs(e).subarray(0, len), p);
      end = p + len;
    } else {
      let top = -1;
      for (let t = 0; t < len; t++) if (from[t]! > top) top = from[t]!;
      if (top >= this.marker.length) {
        const wider = new Int32Array(Math.max(top + 1, 2 * this.marker.length)).fill(-1);
        wider.set(this.marker);
        this.marker = wider;
      }
      end = mergeRow(from, exprAccess.coefs(e), len, cols, vals, p, this.marker);
      if (end < 0) {
        // A bad coefficient: the row keeps no terms, and the build fails once the rows are made.
        this.bad ??= { row, column: cols[-end - 1]!, value: vals[-end - 1]! };
        end = p;
      }
    }
    this.begins.push(p);
    this.ends.push(end);
    this.k = end;
    this.used = end;
  }

  /** Row bounds. */
  bounds(): { lower: Float64Array; upper: Float64Array } {
    return { lower: Float64Array.from(this.lo), upper: Float64Array.from(this.hi) };
  }

  /**
   * The rows as merged and checked CSR arrays.
   *
   * @throws LumixError `INVALID_NUMBER` for a coefficient that is NaN or infinite.
   */
  finish(names: Names): { rowStart: Int32Array; colIndex: Int32Array; value: Float64Array } {
    const bad = this.bad;
    if (bad !== undefined) {
      throw new LumixError(
        'INVALID_NUMBER',
        `Coefficient of ${names.colName(bad.column)} in ${names.rowName(bad.row)} is ${bad.value}; coefficients must be finite numbers (check the data it is computed from).`,
        { details: { row: names.rowName(bad.row), column: names.colName(bad.column), value: bad.value } },
      );
    }
    const m = this.begins.length;
    const rowStart = new Int32Array(m + 1);
    if (!this.gaps) {
      for (let i = 0; i < m; i++) rowStart[i] = this.begins[i]!;
      rowStart[m] = this.k;
      const first = m === 0 ? 0 : this.begins[0]!;
      if (first === 0) {
        const { cols, vals } = this.terms.trimmed(this.k);
        return { rowStart, colIndex: cols, value: vals };
      }
    }
    // Close up: rows in order, without what lies between them.
    let nnz = 0;
    for (let i = 0; i < m; i++) nnz += this.ends[i]! - this.begins[i]!;
    const colIndex = new Int32Array(nnz);
    const value = new Float64Array(nnz);
    const { cols, vals } = this.terms;
    let w = 0;
    for (let i = 0; i < m; i++) {
      const b = this.begins[i]!;
      const e = this.ends[i]!;
      rowStart[i] = w;
      colIndex.set(cols.subarray(b, e), w);
      value.set(vals.subarray(b, e), w);
      w += e - b;
    }
    rowStart[m] = w;
    return { rowStart, colIndex, value };
  }
}

/**
 * Appends the terms of a row at `begin`: a column seen earlier in the row adds to its entry
 * (`marker[j]` is the position of column `j` once it is in this row), then exact zeros are
 * dropped. Returns the end of the row, or `-(position + 1)` of a term whose coefficient is NaN
 * or infinite (left there for the message).
 */
function mergeRow(from: Int32Array, coefs: Float64Array, len: number, cols: Int32Array, vals: Float64Array, begin: number, marker: Int32Array): number {
  let k = begin;
  for (let t = 0; t < len; t++) {
    const j = from[t]!;
    const v = coefs[t]!;
    if (!Number.isFinite(v)) {
      cols[k] = j;
      vals[k] = v;
      return -k - 1;
    }
    // A mark left by an earlier row can point into this one (that row shrank when its zeros
    // were dropped): the entry must hold column j to count.
    const at = marker[j]!;
    if (at >= begin && at < k && cols[at] === j) vals[at] = vals[at]! + v;
    else {
      marker[j] = k;
      cols[k] = j;
      vals[k] = v;
      k++;
    }
  }
  // Drop exact zeros (given, or sums that cancelled).
  let w = begin;
  for (let p = begin; p < k; p++) {
    const v = vals[p]!;
    if (v === 0) continue;
    cols[w] = cols[p]!;
    vals[w] = v;
    w++;
  }
  return w;
}

/**
 * @internal What core's other modules (model compile, solutions) may do with a constraint
 * family's private state. Exported from this module only, never from the package root.
 */
export interface ConstraintFamilyAccess {
  create<R>(
    model: object,
    name: string,
    source: unknown,
    build: ((item: R) => Constraint | null | undefined) | undefined,
    single: Constraint | (() => Constraint) | undefined,
    keyFn: ((item: R) => Key) | undefined,
  ): ConstraintFamily<R>;
  /** The row source; undefined for a single constraint. */
  source(f: ConstraintFamily<unknown>): unknown;
  /** Produces the family's rows from the source's items into the buffer. */
  emit(f: ConstraintFamily<unknown>, items: readonly unknown[] | undefined, rows: RowBuffer): void;
  /** First row in the compiled problem; -1 before compiling. */
  offset(f: ConstraintFamily<unknown>): number;
  /** Rows produced by the last compile. */
  count(f: ConstraintFamily<unknown>): number;
  /** Key of local row `i` (undefined for a single constraint). */
  keyAt(f: ConstraintFamily<unknown>, i: number): Key | undefined;
  /** Item of local row `i` (undefined for a single constraint). */
  itemAt(f: ConstraintFamily<unknown>, i: number): unknown;
  /** Global row of a key or item; -1 when there is none. */
  rowOf(f: ConstraintFamily<unknown>, keyOrItem?: unknown): number;
  /** Display name of local row `i`. */
  rowName(f: ConstraintFamily<unknown>, i: number): string;
}

/** @internal Set by {@link ConstraintFamily}'s static block; see {@link ConstraintFamilyAccess}. */
export let constraintFamilyAccess!: ConstraintFamilyAccess;

/**
 * A family of constraints: one row per item of a row source (or one row for a single
 * constraint). Rows are produced when the model compiles, in declaration order; `items()`,
 * `keys()` and `itemOf(key)` tell, after a compile or solve, which rows exist.
 *
 * @typeParam R the item of a row: the record (or group) the row was made from.
 */
export class ConstraintFamily<R = unknown> {
  readonly #source: unknown;
  readonly #build: ((item: R) => Constraint | null | undefined) | undefined;
  /** A single constraint, or the function that builds it when the model compiles. */
  readonly #single: Constraint | (() => Constraint) | undefined;
  readonly #keyFn: ((item: R) => Key) | undefined;
  /** First row in the compiled problem; -1 before compiling. */
  #offset = -1;
  /** Rows produced by the last compile. */
  #count = 0;
  /** Keys of the produced rows. */
  #rowKeys: Key[] = [];
  /** Items of the produced rows. */
  #rowItems: R[] = [];
  #index: KeyIndex | undefined;
  #itemIndex: Map<unknown, number> | undefined;

  private constructor(
    readonly model: object,
    /** Family name, unique in its model. */
    readonly name: string,
    source: unknown,
    build: ((item: R) => Constraint | null | undefined) | undefined,
    single: Constraint | (() => Constraint) | undefined,
    keyFn: ((item: R) => Key) | undefined,
  ) {
    this.#source = source;
    this.#build = build;
    this.#single = single;
    this.#keyFn = keyFn;
  }

  static {
    constraintFamilyAccess = {
      create: (model, name, source, build, single, keyFn) => new ConstraintFamily(model, name, source, build, single, keyFn),
      source: (f) => f.#source,
      emit: (f, items, rows) => f.#emit(items, rows),
      offset: (f) => f.#offset,
      count: (f) => f.#count,
      keyAt: (f, i) => (f.isSingle ? undefined : f.#rowKeys[i]),
      itemAt: (f, i) => (f.isSingle ? undefined : f.#rowItems[i]),
      rowOf: (f, keyOrItem) => f.#rowOf(keyOrItem),
      rowName: (f, i) => f.#rowName(i),
    };
  }

  /** True when this is one named constraint rather than a family over a source. */
  get isSingle(): boolean {
    return this.#source === undefined;
  }

  /**
   * Number of rows the last compile produced (items whose callback returned null/undefined
   * have none; a single constraint has 1).
   *
   * @throws LumixError `INVALID_STATE` before the model has been compiled or solved.
   */
  get size(): number {
    this.#assertBuilt();
    return this.#count;
  }

  /**
   * The items of the rows the last compile produced, in row order: the records the model read
   * (from an array, or loaded from a database) that got a row. Empty for a single constraint.
   *
   * @throws LumixError `INVALID_STATE` before the model has been compiled or solved.
   */
  items(): R[] {
    this.#assertBuilt();
    return this.#rowItems.slice();
  }

  /**
   * The keys of the rows the last compile produced, in row order. Empty for a single constraint.
   *
   * @throws LumixError `INVALID_STATE` before the model has been compiled or solved.
   */
  keys(): Key[] {
    this.#assertBuilt();
    return this.#rowKeys.slice();
  }

  /**
   * The item of the row with this key, or undefined when the family has no such row.
   *
   * @throws LumixError `INVALID_STATE` before the model has been compiled or solved.
   */
  itemOf(key: Key): R | undefined {
    this.#assertBuilt();
    const r = this.#rowOf(key);
    return r < 0 || this.isSingle ? undefined : this.#rowItems[r - this.#offset];
  }

  #assertBuilt(): void {
    if (this.#offset < 0) {
      throw new LumixError(
        'INVALID_STATE',
        `Constraint family '${this.name}' has no rows yet: rows are produced when the model is compiled. Call model.compile() or model.solve() first.`,
        { details: { family: this.name } },
      );
    }
  }

  /** Appends this family's rows to the buffer. */
  #emit(items: readonly unknown[] | undefined, rows: RowBuffer): void {
    this.#offset = rows.rows;
    this.#index = undefined;
    this.#itemIndex = undefined;
    if (this.#single !== undefined) {
      let c: Constraint | (() => Constraint) = this.#single;
      if (typeof c === 'function') {
        try {
          c = c();
        } catch (e) {
          withContext(e, `Constraint '${this.name}'`);
        }
      }
      this.#check(c, undefined);
      rows.append(c as Constraint);
      this.#rowKeys = [];
      this.#rowItems = [];
      this.#count = 1;
      return;
    }
    const keys: Key[] = [];
    const its: R[] = [];
    // The groups of a grouping have distinct keys: only other rows' keys are checked.
    const seen = this.#keyFn === undefined && isGrouping(this.#source) ? undefined : new KeyIndex();
    let at = -1;
    for (const item of items!) {
      at++;
      const key = this.#keyOf(item, at);
      if (seen !== undefined && seen.add(key) < 0) {
        throw new LumixError('DUPLICATE_KEY', `Constraint family '${this.name}': two rows have the key ${formatKey(key)}. Pass a key function that tells the items apart.`, {
          details: { family: this.name, key: formatKey(key) },
        });
      }
      let c: Constraint | null | undefined;
      try {
        c = this.#build!(item as R);
      } catch (e) {
        withContext(e, `Constraint family '${this.name}', row ${formatKey(key)}`);
      }
      if (c === null || c === undefined) continue;
      this.#check(c, key);
      rows.append(c);
      keys.push(key);
      its.push(item as R);
    }
    this.#rowKeys = keys;
    this.#rowItems = its;
    this.#count = keys.length;
  }

  /** The key of a row's item; `at` is its position in the source (for messages), -1 for a lookup. */
  #keyOf(item: unknown, at = -1): Key {
    if (this.#keyFn !== undefined) {
      let k: Key;
      try {
        k = this.#keyFn(item as R);
      } catch (e) {
        withContext(e, `Constraint family '${this.name}', key function on ${at < 0 ? 'an item' : `the item at index ${at} of its source`}`);
      }
      if (!isKey(k)) {
        throw new LumixError('INVALID_ARGUMENT', `Constraint family '${this.name}': the key function returned ${String(k)}; keys are strings, numbers or arrays of them.`);
      }
      return k;
    }
    if (typeof item === 'object' && item !== null && 'key' in item && 'sum' in item && isKey((item as { key: unknown }).key)) {
      return (item as { key: Key }).key; // a Group of a Grouping
    }
    return defaultKey(item, `Constraint family '${this.name}'`);
  }

  /** Checks a row made for `key` (undefined: the single constraint); its name is made only for a message. */
  #check(c: unknown, key: Key | undefined): void {
    if (!(c instanceof Constraint)) {
      throw new LumixError('INVALID_ARGUMENT', `${this.#label(key)}: expected a Constraint (made with expr.le(...), .ge(...), .eq(...) or .between(...)), null or undefined; got ${typeof c}.`, {
        details: { family: this.name },
      });
    }
    const owner = exprAccess.model(c.expr);
    if (owner !== undefined && owner !== this.model) {
      throw new LumixError('FOREIGN_VARIABLE', `${this.#label(key)} uses variables of another model. Declare the variables on the model the constraint is added to.`, {
        details: { family: this.name },
      });
    }
  }

  /** A row's name for a message: `family[key]`, or the family's name for the single constraint. */
  #label(key: Key | undefined): string {
    return key === undefined ? this.name : `${this.name}[${formatKey(key)}]`;
  }

  /** Row (global) of a key or item; -1 when there is none. */
  #rowOf(keyOrItem?: unknown): number {
    if (this.#offset < 0) return -1;
    if (this.isSingle) return keyOrItem === undefined ? this.#offset : -1;
    if (typeof keyOrItem === 'object' && keyOrItem !== null && !Array.isArray(keyOrItem)) {
      if (this.#itemIndex === undefined) {
        const m = new Map<unknown, number>();
        for (let i = 0; i < this.#rowItems.length; i++) m.set(this.#rowItems[i], i);
        this.#itemIndex = m;
      }
      const i = this.#itemIndex.get(keyOrItem);
      if (i !== undefined) return this.#offset + i;
      try {
        keyOrItem = this.#keyOf(keyOrItem);
      } catch {
        return -1;
      }
    }
    if (!isKey(keyOrItem)) return -1;
    if (this.#index === undefined) {
      const ki = new KeyIndex();
      for (const k of this.#rowKeys) ki.add(k);
      this.#index = ki;
    }
    const r = this.#index.get(keyOrItem);
    return r < 0 ? -1 : this.#offset + r;
  }

  /** Display name of a local row. */
  #rowName(local: number): string {
    return this.isSingle ? this.name : `${this.name}[${formatKey(this.#rowKeys[local]!)}]`;
  }
}

/**
 * @internal A small row buffer (and, inside it, term storage): exemplars of the build's row
 * classes for the model's {@link keepShapes} (see there why they are kept).
 */
export function rowShapeExemplar(): object {
  return new RowBuffer(0);
}
