import { LumixError } from '../errors.js';
import { exprAccess, Var, type Expr, type VarOwner } from './expr.js';
import { KeyIndex, formatKey, isKey, type Key } from './key-index.js';
import type { SourceCache } from './source.js';
import { withContext } from './with-context.js';

/** Kind of a variable family's columns. */
export type VarType = 'continuous' | 'integer' | 'binary';

/** A per-item number: a constant, or a function of the item. */
export type PerItem<I> = number | ((item: I) => number);

/** @internal What a family needs from its model. */
export interface FamilyHost {
  readonly sources: SourceCache;
  /** True while the model compiles: variables taken then are the build's own, not held by the caller. */
  readonly compiling: boolean;
  /** Reserves `count` columns for the family and returns the first column index. */
  // biome-ignore lint/suspicious/noExplicitAny: any family, whatever its item type (a family is invariant in it)
  allocateColumns(family: VariableFamily<any>, count: number): number;
}

/** @internal One dimension of a family: its items after filtering, their keys, a key index. */
export interface Dimension {
  readonly name: string;
  readonly source: unknown;
  readonly keyFn: ((item: unknown) => Key) | undefined;
  readonly filter: ((item: unknown) => boolean) | undefined;
  items: unknown[];
  keys: Key[];
  keyIndex: KeyIndex;
  byItem: Map<unknown, number> | undefined;
}

/**
 * @internal What core's other modules (model, solution, import) may do with a family's private
 * state. Exported from this module only, never from the package root: applications cannot
 * reach it, and the fields stay `#private`, so the hot loops pay nothing for the encapsulation.
 */
export interface FamilyAccess {
  create<I>(
    host: FamilyHost,
    model: object,
    name: string,
    type: VarType,
    isProduct: boolean,
    dims: Dimension[],
    where: ((item: I) => boolean) | undefined,
    lb: PerItem<I> | undefined,
    ub: PerItem<I> | undefined,
    integerWhere: ((item: I) => boolean) | undefined,
  ): VariableFamily<I>;
  /** Creates the family's variables (reads sources, filters, checks keys, computes bounds); once. */
  expand(f: VariableFamily<unknown>): void;
  /**
   * Creates the family's variables again from the sources as they are now (a re-build). When
   * variables of the family were taken outside a build (so expressions may hold their columns),
   * its columns must come out the same, else `INVALID_STATE`.
   */
  reexpand(f: VariableFamily<unknown>): void;
  /** First column of the family in the model; -1 until expanded. */
  offset(f: VariableFamily<unknown>): number;
  /**
   * After a build: the family's bounds become views of the problem's bound arrays (which hold
   * the same numbers), so that they are not kept twice, and the selection indexes made for the
   * build's sums are let go (they are made again when asked for).
   */
  settle(f: VariableFamily<unknown>, colLower: Float64Array, colUpper: Float64Array): void;
  lower(f: VariableFamily<unknown>): Float64Array;
  upper(f: VariableFamily<unknown>): Float64Array;
  /** Per-column integrality of a continuous family with an `integer` option; else undefined. */
  integral(f: VariableFamily<unknown>): Uint8Array | undefined;
  /**
   * True when the family's bounds are known valid (one pair of numbers for every column, not NaN,
   * lb <= ub, lb < +Infinity, ub > -Infinity): the build need not check them column by column.
   */
  boundsChecked(f: VariableFamily<unknown>): boolean;
  /** The source of each dimension (one for a family over one source). */
  sources(f: VariableFamily<unknown>): unknown[];
  /** The item of local column `c`. */
  itemAt<I>(f: VariableFamily<I>, c: number): I;
  /** The key of local column `c`. */
  keyAt(f: VariableFamily<unknown>, c: number): Key;
  /** The column of a key or item, as `get` finds it, for reading results: the family is not pinned. */
  column(f: VariableFamily<unknown>, keyOrItem: unknown): number;
}

/** @internal Set by {@link VariableFamily}'s static block; see {@link FamilyAccess}. */
export let familyAccess!: FamilyAccess;

/** The default key of an item: `item.id` when it has one, the item itself when it is a scalar. */
export function defaultKey(item: unknown, what: string): Key {
  if (isKey(item)) return item;
  if (typeof item === 'object' && item !== null && 'id' in item && isKey((item as { id: unknown }).id)) {
    return (item as { id: Key }).id;
  }
  throw new LumixError(
    'INVALID_ARGUMENT',
    `${what}: an item has no 'id' and is not a string or number, so it has no default key. Pass a key function, e.g. { key: (p) => p.sku }.`,
  );
}

/** A group of a family's columns that share a derived key: see {@link VariableFamily.groupBy}. */
interface Group<I> {
  /** The key the groupBy function gave. */
  readonly key: Key;
  /** Number of variables in the group. */
  readonly size: number;
  /** The items of the group's variables. */
  items(): I[];
  /** The group's variables. */
  vars(): Var[];
  /** Σ coef(item)·x over the group (coef 1 by default; a coefficient of 0 skips the term). */
  sum(coef?: (item: I) => number): Expr;
}

/**
 * The groups of a family by a derived key, computed once, on first use (so it can be declared
 * before an async family is loaded). Iterable in first-seen order; a row source for
 * `model.constraints`.
 */
export interface Grouping<I> extends Iterable<Group<I>> {
  /** Number of groups. */
  readonly size: number;
  /** The group with this key, or undefined. */
  get(key: Key): Group<I> | undefined;
}

/** Marks a {@link Grouping} made by {@link VariableFamily.groupBy}: the family it groups. */
const GROUPED = Symbol('lumix.grouped');

/**
 * @internal The number of columns of the family a row source groups, when it is a
 * {@link Grouping} (its groups' sums have that many terms in all), else 0: what the build sizes
 * its row storage by. The family is expanded by then.
 */
export function groupedColumns(source: unknown): number {
  const f = groupedFamily(source);
  return f === undefined ? 0 : f.size;
}

/** @internal True when a row source is a {@link Grouping} made by {@link VariableFamily.groupBy}: its groups' keys are distinct. */
export function isGrouping(source: unknown): boolean {
  return groupedFamily(source) !== undefined;
}

function groupedFamily(source: unknown): VariableFamily<unknown> | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  return (source as { [GROUPED]?: VariableFamily<unknown> })[GROUPED];
}

/** What a {@link FamilyGroup} does with its family's private state; set by the family's static block. */
let groupAccess!: {
  items<I>(f: VariableFamily<I>, members: Int32Array): I[];
  vars<I>(f: VariableFamily<I>, members: Int32Array): Var[];
  sum<I>(f: VariableFamily<I>, members: Int32Array, coef: ((item: I) => number) | undefined): Expr;
  /** Σ x over `cols[start]..cols[end - 1]`. */
  sumRange<I>(f: VariableFamily<I>, cols: Int32Array, start: number, end: number): Expr;
};

/**
 * A group of a {@link Grouping}: methods on a prototype rather than three closures per group
 * (a timetabling model has thousands of groups per build).
 */
class FamilyGroup<I> implements Group<I> {
  constructor(
    private readonly family: VariableFamily<I>,
    readonly key: Key,
    /** The grouping's columns, group by group: this group's are `start` to `end - 1` (no view per group). */
    private readonly cols: Int32Array,
    private readonly start = 0,
    private readonly end = cols.length,
  ) {}

  get size(): number {
    return this.end - this.start;
  }

  private get members(): Int32Array {
    return this.cols.subarray(this.start, this.end);
  }

  items(): I[] {
    return groupAccess.items(this.family, this.members);
  }

  vars(): Var[] {
    return groupAccess.vars(this.family, this.members);
  }

  sum(coef?: (item: I) => number): Expr {
    if (coef === undefined) return groupAccess.sumRange(this.family, this.cols, this.start, this.end);
    return groupAccess.sum(this.family, this.members, coef);
  }
}

interface Buckets {
  readonly dense: boolean;
  /** True when the columns come out in column order: a bucket is a range of columns, and `cols` is undefined (see {@link VariableFamily.#iotaCols}). */
  readonly sorted: boolean;
  readonly strides: number[];
  readonly dims: number[];
  readonly starts: Int32Array | undefined;
  readonly cols: Int32Array | undefined;
  readonly map: Map<number, number[]> | undefined;
}

const EMPTY = new Int32Array(0);
/** The one-item first dimension that makes a product of two dimensions loop as one of three. */
const UNIT: readonly unknown[] = [undefined];

/**
 * A family of variables, one per item of a source or per combination of named dimensions
 * (`{ lecture, slot, room }`). Declared on a `Model` with `continuous`, `integer` or `binary`.
 *
 * Selecting terms never scans the family per row: `sum({ lecture: l })` and `groupBy(...)` use
 * hash indexes built once per family (and per combination of dimensions), so a whole model
 * builds in O(non-zeros).
 *
 * @typeParam I the item of a variable: the record, or `{ dim: record, ... }` for products.
 */
export class VariableFamily<I> implements VarOwner {
  readonly #host: FamilyHost;
  readonly #dims: Dimension[];
  readonly #where: ((item: I) => boolean) | undefined;
  readonly #lb: PerItem<I> | undefined;
  readonly #ub: PerItem<I> | undefined;
  readonly #integerWhere: ((item: I) => boolean) | undefined;
  /** Makes a product item from its dimension values; undefined for a family over one source. */
  readonly #make: ItemMaker | undefined;
  /** For two or three dimensions, the maker called with three values (see {@link gridCoefTerms}). */
  readonly #make3: ItemMaker | undefined;
  /** Per-dimension item index of each column (product families only); see {@link #indices}. */
  #idx: Int32Array[] = [];
  /**
   * True while {@link #idx} is not made yet: a full product of two or three dimensions (no
   * `where`) knows the indices of every column from the column number, so it makes them only
   * when something asks (a key, an item by column, a selection index), never for its sums.
   */
  #idxLazy = false;
  /** First column of the family in the model; -1 until expanded. */
  #offset = -1;
  /** Number of variables; valid once expanded. */
  #count = 0;
  #lower: Float64Array = new Float64Array(0);
  #upper: Float64Array = new Float64Array(0);
  /** Per-column integrality when an `integer` option marks some columns of a continuous family. */
  #integral: Uint8Array | undefined;
  /** True when the bounds are one pair of numbers for every column, checked once (valid numbers, lb <= ub). */
  #boundsChecked = false;
  #tupleIndex: KeyIndex | undefined;
  #itemCache: I[] | undefined;
  #itemIndex: Map<unknown, number> | undefined;
  readonly #buckets = new Map<string, Buckets>();
  /** Selection shapes of a full product, by selected names (see {@link #gridPlan}); made again each build. */
  readonly #gridShapes = new Map<string, GridShape>();
  /** 0..count-1, shared by the selection indexes whose columns come out in column order. */
  #iota: Int32Array | undefined;
  /** True once variables were taken outside a build: expressions may hold these columns. */
  #pinned = false;
  /** Counts expansions, so that groupings made by an earlier build are made again. */
  #generation = 0;

  private constructor(
    host: FamilyHost,
    /** The model the family belongs to. */
    readonly model: object,
    /** Family name, unique in its model. */
    readonly name: string,
    /** Continuous, integer or binary. */
    readonly type: VarType,
    /** True for a product of named dimensions. */
    readonly isProduct: boolean,
    dims: Dimension[],
    where: ((item: I) => boolean) | undefined,
    lb: PerItem<I> | undefined,
    ub: PerItem<I> | undefined,
    integerWhere: ((item: I) => boolean) | undefined,
  ) {
    this.#host = host;
    this.#dims = dims;
    this.#where = where;
    this.#lb = lb;
    this.#ub = ub;
    this.#integerWhere = integerWhere;
    this.#make = isProduct ? itemFactory(dims.map((d) => d.name)) : undefined;
    this.#make3 = isProduct && (dims.length === 2 || dims.length === 3) ? itemFactory(dims.map((d) => d.name), true) : undefined;
  }

  static {
    familyAccess = {
      create: (host, model, name, type, isProduct, dims, where, lb, ub, integerWhere) =>
        new VariableFamily(host, model, name, type, isProduct, dims, where, lb, ub, integerWhere),
      expand: (f) => f.#expand(),
      reexpand: (f) => f.#reexpand(),
      offset: (f) => f.#offset,
      settle: (f, colLower, colUpper) => {
        const at = f.#offset;
        if (colLower !== f.#lower) f.#lower = colLower.subarray(at, at + f.#count);
        if (colUpper !== f.#upper) f.#upper = colUpper.subarray(at, at + f.#count);
        f.#buckets.clear();
        f.#gridShapes.clear();
        f.#iota = undefined;
      },
      lower: (f) => f.#lower,
      upper: (f) => f.#upper,
      integral: (f) => f.#integral,
      boundsChecked: (f) => f.#boundsChecked,
      sources: (f) => f.#dims.map((d) => d.source),
      itemAt: (f, c) => f.#itemAt(c),
      keyAt: (f, c) => f.#keyAt(c),
      column: (f, keyOrItem) => f.#column(keyOrItem),
    };
    groupAccess = {
      items: (f, members) => Array.from(members, (c) => f.#itemAt(c)),
      vars: (f, members) => {
        f.#take();
        return Array.from(members, (c) => new Var(f, f.#offset + c));
      },
      sum: (f, members, coef) => {
        f.#take();
        return f.#sumColumns(members, members.length, coef);
      },
      sumRange: (f, cols, start, end) => {
        f.#take();
        const n = end - start;
        const terms = exprAccess.allocate(n);
        fillShiftedFrom(terms.cols, cols, start, f.#offset, n);
        terms.coefs.fill(1, 0, n);
        return exprAccess.fromArrays(f.model, terms.cols, terms.coefs, n, true);
      },
    };
  }

  /** True once the family's variables exist. */
  get expanded(): boolean {
    return this.#offset >= 0;
  }

  /** Number of variables (expands the family if needed). */
  get size(): number {
    this.#expand();
    return this.#count;
  }

  /** Variables are being taken: outside a build, the caller may keep them in expressions. */
  #take(): void {
    if (!this.#pinned && !this.#host.compiling) this.#pinned = true;
  }

  /** Throws away the expansion of the last build and expands again from the sources. */
  #reexpand(): void {
    if (this.#offset < 0) {
      this.#expand();
      return;
    }
    const before = this.#pinned ? { offset: this.#offset, count: this.#count, keys: this.#dims.map((d) => d.keys), idx: this.#indices() } : undefined;
    this.#offset = -1;
    this.#count = 0;
    this.#idx = [];
    this.#idxLazy = false;
    this.#integral = undefined;
    this.#tupleIndex = undefined;
    this.#itemCache = undefined;
    this.#itemIndex = undefined;
    this.#buckets.clear();
    this.#gridShapes.clear();
    this.#iota = undefined;
    for (const d of this.#dims) d.byItem = undefined;
    this.#expand();
    if (before === undefined) return;
    const same =
      before.offset === this.#offset &&
      before.count === this.#count &&
      before.keys.every((keys, d) => sameKeys(keys, this.#dims[d]!.keys)) &&
      before.idx.every((a, d) => sameInts(a, this.#indices()[d]!));
    if (!same) {
      throw new LumixError(
        'INVALID_STATE',
        `Variable family '${this.name}': its variables were taken outside a build (family.get, sum or vars at declaration time), so expressions hold their columns, ` +
          `and since the last build ${before.offset !== this.#offset ? 'the families before it changed size' : 'its data changed'} (${before.count} variables then, ${this.#count} now). ` +
          'Build those expressions inside callbacks (m.constraints(name, rows, (r) => ...), m.minimize(() => ...)) so that every build takes them anew, or make a new Model for the new data.',
        { details: { family: this.name, before: before.count, now: this.#count } },
      );
    }
  }

  /** Creates the variables: reads sources, filters, checks keys, computes bounds. */
  #expand(): void {
    if (this.#offset >= 0) return;
    this.#generation++;
    for (const d of this.#dims) this.#loadDimension(d);
    if (this.isProduct) this.#expandProduct();
    else this.#count = this.#dims[0]!.items.length;
    const n = this.#count;
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    const binary = this.type === 'binary';
    const lb = this.#lb ?? 0;
    const ub = this.#ub ?? (binary ? 1 : Number.POSITIVE_INFINITY);
    // A new array holds zeros already: filling it with the default bound would only write them again.
    if (typeof lb === 'number' && !Object.is(lb, 0)) lower.fill(lb);
    if (typeof ub === 'number') upper.fill(ub);
    this.#boundsChecked =
      typeof lb === 'number' && typeof ub === 'number' && !Number.isNaN(lb) && !Number.isNaN(ub) && lb !== Number.POSITIVE_INFINITY && ub !== Number.NEGATIVE_INFINITY && lb <= ub;
    if (typeof lb === 'function' || typeof ub === 'function') {
      const itemOf = this.#itemGetter();
      let c = 0;
      let option = 'lb';
      try {
        for (; c < n; c++) {
          const item = itemOf(c);
          option = 'lb';
          if (typeof lb === 'function') lower[c] = lb(item);
          option = 'ub';
          if (typeof ub === 'function') upper[c] = ub(item);
        }
      } catch (e) {
        withContext(e, `Variable family '${this.name}', ${option} of ${this.columnName(c, true)}`);
      }
    }
    if (binary) {
      for (let c = 0; c < n; c++) {
        if (lower[c]! < 0 || upper[c]! > 1) {
          throw new LumixError('INVALID_BOUNDS', `Binary variable ${this.columnName(c + 0, true)} has bounds [${lower[c]}, ${upper[c]}]; binaries take bounds within [0, 1].`, {
            details: { family: this.name, key: formatKey(this.#keyAt(c)) },
          });
        }
      }
    }
    if (this.#integerWhere !== undefined && this.type === 'continuous') {
      const integral = new Uint8Array(n);
      const itemOf = this.#itemGetter();
      let c = 0;
      try {
        for (; c < n; c++) if (this.#integerWhere(itemOf(c))) integral[c] = 1;
      } catch (e) {
        withContext(e, `Variable family '${this.name}', integer of ${this.columnName(c, true)}`);
      }
      this.#integral = integral;
    }
    this.#lower = lower;
    this.#upper = upper;
    this.#offset = this.#host.allocateColumns(this, n);
  }

  #loadDimension(d: Dimension): void {
    const what = this.isProduct ? `Variable family '${this.name}', dimension '${d.name}'` : `Variable family '${this.name}'`;
    const raw = this.#host.sources.items(d.source, what);
    const items: unknown[] = [];
    const keys: Key[] = [];
    const index = new KeyIndex();
    let at = -1;
    for (const item of raw) {
      at++;
      if (d.filter !== undefined) {
        let keep: boolean;
        try {
          keep = d.filter(item);
        } catch (e) {
          const option = this.isProduct ? `filter.${d.name}` : 'where';
          withContext(e, `${what}, ${option} on ${this.#describeItem(d, item, at)}`);
        }
        if (!keep) continue;
      }
      let key: Key;
      if (d.keyFn === undefined) key = defaultKey(item, what);
      else {
        try {
          key = d.keyFn(item);
        } catch (e) {
          withContext(e, `${what}, key function on the item at index ${at} of its source`);
        }
      }
      if (!isKey(key)) {
        throw new LumixError('INVALID_ARGUMENT', `${what}: the key function returned ${String(key)}; keys are strings, numbers, bigints, booleans or arrays of them.`, {
          details: { family: this.name },
        });
      }
      if (index.add(key) < 0) {
        throw new LumixError('DUPLICATE_KEY', `${what}: two items have the key ${formatKey(key)}. Keys must be unique within a family; pass a key function that tells them apart.`, {
          details: { family: this.name, dimension: d.name, key: formatKey(key) },
        });
      }
      items.push(item);
      keys.push(key);
    }
    d.items = items;
    d.keys = keys;
    d.keyIndex = index;
  }

  /**
   * An item of a dimension for a message: by its key (`make[3]`, or `key R2` in a product's
   * dimension) when the key can be computed, else by its position in the source.
   */
  #describeItem(d: Dimension, item: unknown, at: number): string {
    try {
      const key = d.keyFn !== undefined ? d.keyFn(item) : defaultKey(item, d.name);
      if (isKey(key)) return this.isProduct ? `the item with key ${formatKey(key)}` : `${this.name}[${formatKey(key)}]`;
    } catch {
      // No key to show: fall back to the position.
    }
    return `the item at index ${at} of its source`;
  }

  #expandProduct(): void {
    const dims = this.#dims;
    const k = dims.length;
    const sizes = dims.map((d) => d.items.length);
    let total = 1;
    for (const s of sizes) total *= s;
    if (total === 0) {
      this.#idx = dims.map(() => EMPTY);
      this.#count = 0;
      return;
    }
    if (k === 2 || k === 3) {
      this.#expandSmallProduct(total);
      return;
    }
    let cap = Math.min(total, 1 << 22);
    let idx = dims.map(() => new Int32Array(cap));
    const at = new Int32Array(k);
    let n = 0;
    const where = this.#where;
    const make = this.#itemFactory();
    const values = new Array<unknown>(k);
    for (;;) {
      let keep = true;
      if (where !== undefined) {
        for (let d = 0; d < k; d++) values[d] = dims[d]!.items[at[d]!];
        const item = make(values);
        try {
          keep = where(item);
        } catch (e) {
          const key = dims.map((dim, i) => dim.keys[at[i]!]!) as Key;
          withContext(e, `Variable family '${this.name}', where on ${this.name}[${formatKey(key)}]`);
        }
      }
      if (keep) {
        if (n === cap) {
          cap = Math.min(total, cap * 2);
          idx = idx.map((a) => {
            const b = new Int32Array(cap);
            b.set(a);
            return b;
          });
        }
        for (let d = 0; d < k; d++) idx[d]![n] = at[d]!;
        n++;
      }
      let d = k - 1;
      while (d >= 0) {
        at[d]!++;
        if (at[d]! < sizes[d]!) break;
        at[d] = 0;
        d--;
      }
      if (d < 0) break;
    }
    this.#idx = idx.map((a) => (a.length === n ? a : a.slice(0, n)));
    this.#count = n;
  }

  /**
   * {@link #expandProduct} for two or three dimensions (nearly every model): nested loops, and
   * the item for `where` made by a direct call, no array of values per combination. Two
   * dimensions run as three with a first dimension of one item.
   */
  #expandSmallProduct(total: number): void {
    const dims = this.#dims;
    const three = dims.length === 3;
    const A = three ? dims[0]!.items : [undefined];
    const B = dims[three ? 1 : 0]!.items;
    const C = dims[three ? 2 : 1]!.items;
    const na = A.length;
    const nb = B.length;
    const nc = C.length;
    const where = this.#where as ((item: unknown) => boolean) | undefined;
    if (where === undefined) {
      // Every combination is a column: the indices follow from the column number (see #indices).
      this.#idx = [];
      this.#idxLazy = true;
      this.#count = total;
      return;
    }
    const make = this.#make!;
    let cap = Math.min(total, 1 << 20);
    let ia: Int32Array = new Int32Array(three ? cap : 0);
    let ib: Int32Array = new Int32Array(cap);
    let ic: Int32Array = new Int32Array(cap);
    let n = 0;
    let a = 0;
    let b = 0;
    let c = 0;
    try {
      for (a = 0; a < na; a++) {
        const x = A[a];
        for (b = 0; b < nb; b++) {
          const y = B[b];
          for (c = 0; c < nc; c++) {
            if (where !== undefined && !where(three ? make(x, y, C[c]) : make(y, C[c]))) continue;
            if (n === cap) {
              cap = Math.min(total, cap * 2);
              if (three) ia = grown(ia, cap);
              ib = grown(ib, cap);
              ic = grown(ic, cap);
            }
            if (three) ia[n] = a;
            ib[n] = b;
            ic[n] = c;
            n++;
          }
        }
      }
    } catch (e) {
      const at = three ? [a, b, c] : [b, c];
      const key = dims.map((dim, i) => dim.keys[at[i]!]!) as Key;
      withContext(e, `Variable family '${this.name}', where on ${this.name}[${formatKey(key)}]`);
    }
    const fit = (x: Int32Array): Int32Array => (x.length === n ? x : x.slice(0, n));
    this.#idx = three ? [fit(ia), fit(ib), fit(ic)] : [fit(ib), fit(ic)];
    this.#count = n;
  }

  /**
   * The per-dimension item index of each column (product families), made now if the family
   * deferred it (a full product, see {@link #idxLazy}): the odometer of the dimensions' indices.
   */
  #indices(): Int32Array[] {
    if (this.#idxLazy) {
      const n = this.#count;
      const sizes = this.#dims.map((d) => d.items.length);
      const idx = sizes.map(() => new Int32Array(n));
      const k = sizes.length;
      let block = 1;
      for (let d = k - 1; d >= 0; d--) {
        fillDigit(idx[d]!, block, sizes[d]!);
        block *= sizes[d]!;
      }
      this.#idx = idx;
      this.#idxLazy = false;
    }
    return this.#idx;
  }

  /** The maker of this family's product items (see {@link itemFactory}). */
  #itemFactory(): (values: unknown[]) => I {
    const make = this.#make!;
    return (this.#dims.length <= 4 ? (v: unknown[]) => make(v[0], v[1], v[2], v[3]) : (v: unknown[]) => make(...v)) as (values: unknown[]) => I;
  }

  /**
   * The item of each local column for a callback, in a loop: the kept item when there is one
   * (families over one source, or product items someone asked for), else a product item made
   * for the call only. Short-lived items die young, which costs the GC next to nothing; keeping
   * one per variable of a large product costs copying them all into the old generation.
   */
  #itemGetter(): (c: number) => I {
    if (!this.isProduct) {
      const items = this.#dims[0]!.items as I[];
      return (c) => items[c]!;
    }
    const cache = this.#itemCache;
    if (cache !== undefined) return (c) => cache[c]!;
    const make = this.#make! as (...values: unknown[]) => I;
    const dims = this.#dims;
    const idx = this.#indices();
    const k = dims.length;
    // The usual sizes without a loop or an array per item.
    if (k === 2) {
      const [a, b] = [dims[0]!.items, dims[1]!.items];
      const [ia, ib] = [idx[0]!, idx[1]!];
      return (c) => make(a[ia[c]!], b[ib[c]!]);
    }
    if (k === 3) {
      const [a, b, d] = [dims[0]!.items, dims[1]!.items, dims[2]!.items];
      const [ia, ib, id] = [idx[0]!, idx[1]!, idx[2]!];
      return (c) => make(a[ia[c]!], b[ib[c]!], d[id[c]!]);
    }
    const values = new Array<unknown>(k);
    return (c) => {
      for (let d = 0; d < k; d++) values[d] = dims[d]!.items[idx[d]![c]!];
      return make(...values);
    };
  }

  /** The item of local column `c`. */
  #itemAt(c: number): I {
    return this.#items()[c]!;
  }

  /**
   * The items of every column, in column order (the source's array, or the product items): hot
   * loops index it directly instead of calling {@link #itemAt} per column.
   */
  #items(): readonly I[] {
    if (!this.isProduct) return this.#dims[0]!.items as I[];
    if (this.#itemCache === undefined) {
      // Kept once asked for (items(), a group's items(), a solution's entries): the same objects
      // every time, and every callback after that uses them too.
      const itemOf = this.#itemGetter();
      const cache = new Array<I>(this.#count);
      for (let j = 0; j < this.#count; j++) cache[j] = itemOf(j);
      this.#itemCache = cache;
    }
    return this.#itemCache;
  }

  /** The key of local column `c`. */
  #keyAt(c: number): Key {
    if (!this.isProduct) return this.#dims[0]!.keys[c]!;
    const idx = this.#indices();
    return this.#dims.map((d, i) => d.keys[idx[i]![c]!]!) as Key;
  }

  /** Display name of a column (global index), e.g. `make[3]` or `assign[1,7,2]`. */
  columnName(column: number, local = false): string {
    const c = local ? column : column - this.#offset;
    return `${this.name}[${formatKey(this.#keyAt(c))}]`;
  }

  /** Local column of a key or item; -1 when there is none. */
  #localIndex(keyOrItem: unknown): number {
    this.#expand();
    if (typeof keyOrItem === 'object' && keyOrItem !== null && !Array.isArray(keyOrItem)) {
      if (this.#itemIndex === undefined) {
        const m = new Map<unknown, number>();
        if (!this.isProduct) {
          const items = this.#dims[0]!.items;
          for (let c = 0; c < items.length; c++) m.set(items[c], c);
        }
        this.#itemIndex = m;
      }
      const c = this.#itemIndex.get(keyOrItem);
      if (c !== undefined) return c;
      if (this.isProduct) return this.#productIndexOfItem(keyOrItem as Record<string, unknown>);
      const d = this.#dims[0]!;
      const key = d.keyFn !== undefined ? d.keyFn(keyOrItem) : defaultKey(keyOrItem, this.name);
      return d.keyIndex.get(key);
    }
    if (!isKey(keyOrItem)) return -1;
    if (!this.isProduct) return this.#dims[0]!.keyIndex.get(keyOrItem);
    const parts = keyOrItem as readonly unknown[];
    if (!Array.isArray(parts) || parts.length !== this.#dims.length) return -1;
    const at: number[] = [];
    for (let d = 0; d < this.#dims.length; d++) {
      const i = this.#dims[d]!.keyIndex.get(parts[d] as Key);
      if (i < 0) return -1;
      at.push(i);
    }
    return this.#tupleLookup(at);
  }

  #productIndexOfItem(item: Record<string, unknown>): number {
    const at: number[] = [];
    for (const d of this.#dims) {
      if (!(d.name in item)) return -1;
      const i = this.#dimIndexOf(d, item[d.name]);
      if (i < 0) return -1;
      at.push(i);
    }
    return this.#tupleLookup(at);
  }

  #tupleLookup(at: number[]): number {
    if (this.#tupleIndex === undefined) {
      const t = new KeyIndex();
      const k = this.#dims.length;
      const idx = this.#indices();
      const parts = new Array<number>(k);
      for (let c = 0; c < this.#count; c++) {
        for (let d = 0; d < k; d++) parts[d] = idx[d]![c]!;
        t.add(parts);
      }
      this.#tupleIndex = t;
    }
    return this.#tupleIndex.get(at);
  }

  /** Index of a dimension value given as an item or a key; -1 when absent. */
  #dimIndexOf(d: Dimension, value: unknown): number {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (d.byItem === undefined) {
        const m = new Map<unknown, number>();
        for (let i = 0; i < d.items.length; i++) m.set(d.items[i], i);
        d.byItem = m;
      }
      const i = d.byItem.get(value);
      if (i !== undefined) return i;
      try {
        return d.keyIndex.get(d.keyFn !== undefined ? d.keyFn(value) : defaultKey(value, d.name));
      } catch {
        return -1;
      }
    }
    return isKey(value) ? d.keyIndex.get(value) : -1;
  }

  /**
   * The variable of a key (or of an item, matched by identity, then by its key).
   *
   * @throws LumixError `UNKNOWN_KEY` when the family has no such variable.
   */
  get(keyOrItem: unknown): Var {
    const column = this.#column(keyOrItem);
    this.#take();
    return new Var(this, column);
  }

  /** The column of a key or item; throws `UNKNOWN_KEY` when there is none. */
  #column(keyOrItem: unknown): number {
    const c = this.#localIndex(keyOrItem);
    if (c < 0) {
      const shown = isKey(keyOrItem) ? formatKey(keyOrItem) : 'the given item';
      throw new LumixError('UNKNOWN_KEY', `Variable family '${this.name}' has no variable for ${shown}. It may have been filtered out, or the key is wrong.`, {
        details: { family: this.name, key: isKey(keyOrItem) ? formatKey(keyOrItem) : undefined },
      });
    }
    return this.#offset + c;
  }

  /** The variable of an item (same as {@link get}). */
  of(item: I): Var {
    return this.get(item);
  }

  /** True when the family has a variable for this key or item. */
  has(keyOrItem: unknown): boolean {
    return this.#localIndex(keyOrItem) >= 0;
  }

  /** The items of the family's variables, in column order. */
  items(): I[] {
    this.#expand();
    const out = new Array<I>(this.#count);
    const items = this.#items();
    for (let c = 0; c < this.#count; c++) out[c] = items[c]!;
    return out;
  }

  /** The keys of the family's variables, in column order. */
  keys(): Key[] {
    this.#expand();
    const out = new Array<Key>(this.#count);
    for (let c = 0; c < this.#count; c++) out[c] = this.#keyAt(c);
    return out;
  }

  /** All variables, in column order. */
  vars(): Var[] {
    this.#expand();
    this.#take();
    const out = new Array<Var>(this.#count);
    for (let c = 0; c < this.#count; c++) out[c] = new Var(this, this.#offset + c);
    return out;
  }

  /**
   * A sum over the family.
   * - `sum()`: Σ x.
   * - `sum(coef)`: Σ coef(item)·x; a coefficient of 0 skips the term.
   * - `sum({ dim: itemOrKey, ... }, coef?)` (product families): only the variables whose named
   *   dimensions equal the given values, found through a hash index built once per combination
   *   of dimensions: O(terms touched), never a scan of the family.
   */
  sum(selectionOrCoef?: Partial<Record<string, unknown>> | ((item: I) => number), coef?: (item: I) => number): Expr {
    this.#expand();
    this.#take();
    if (selectionOrCoef === undefined || typeof selectionOrCoef === 'function') {
      return this.#sumColumns(undefined, this.#count, selectionOrCoef);
    }
    if (coef === undefined && this.isProduct) {
      if (this.#isGrid()) {
        const plan = this.#gridPlan(selectionOrCoef);
        if (plan !== undefined) return this.#sumGrid(plan);
      } else {
        const sorted = this.#sumSortedBucket(selectionOrCoef);
        if (sorted !== undefined) return sorted;
      }
    }
    const cols = this.#select(selectionOrCoef);
    return this.#sumColumns(cols, cols.length, coef);
  }

  /** Σ x over the columns of a grid plan, written straight into the terms (no column list in between). */
  #sumGrid(plan: GridPlan): Expr {
    const n = plan.count;
    const terms = exprAccess.allocate(n);
    writeGrid(plan, terms.cols, this.#offset);
    terms.coefs.fill(1, 0, n);
    return exprAccess.fromArrays(this.model, terms.cols, terms.coefs, n, true);
  }

  /**
   * Σ coef(item)·x over the variables whose item passes `filter` (coef 1 by default). One pass
   * over the family: use it for one-off filtered sums; for one row per group use `sum({ dim })`
   * or `groupBy`, which never scan.
   */
  sumWhere(filter: (item: I) => boolean, coef?: (item: I) => number): Expr {
    this.#expand();
    this.#take();
    const cols: number[] = [];
    const itemOf = this.#itemGetter();
    for (let c = 0; c < this.#count; c++) if (filter(itemOf(c))) cols.push(c);
    return this.#sumColumns(Int32Array.from(cols), cols.length, coef);
  }

  /** Σ over local columns `cols` (all columns when undefined). */
  #sumColumns(cols: Int32Array | undefined, n: number, coef: ((item: I) => number) | undefined): Expr {
    const terms = exprAccess.allocate(n);
    const outCols = terms.cols;
    const outCoefs = terms.coefs;
    const off = this.#offset;
    // The columns are distinct; the coefficients are finite and non-zero unless a callback gave
    // NaN or an infinity (left for the build to report with the row's name).
    if (coef === undefined) {
      if (cols === undefined) fillRange(outCols, off, n);
      else fillShifted(outCols, cols, off, n);
      outCoefs.fill(1, 0, n);
      return exprAccess.fromArrays(this.model, outCols, outCoefs, n, true);
    }
    const got = this.#coefTerms(outCols, outCoefs, off, cols, n, coef);
    const w = got >= 0 ? got : -got - 1;
    // Skipped zeros: the expression gets exactly its terms (no spare room to grow into), the rest goes back.
    const exact = w < n ? exprAccess.shrink(terms, w) : terms;
    return exprAccess.fromArrays(this.model, exact.cols, exact.coefs, w, got >= 0);
  }

  /**
   * The terms coef(item)·x of local columns `cols` (all when undefined), see {@link coefTerms}:
   * the items of a whole full product are made in nested loops over its dimensions, those of a
   * family over one source read from its array, with no item getter in between.
   */
  #coefTerms(outCols: Int32Array, outCoefs: Float64Array, off: number, cols: Int32Array | undefined, n: number, coef: (item: I) => number): number {
    const dims = this.#dims;
    if (!this.isProduct) return itemCoefTerms(outCols, outCoefs, off, cols, n, dims[0]!.items as I[], coef);
    if (cols === undefined && this.#itemCache === undefined && this.#make3 !== undefined && this.#isGrid()) {
      const make = this.#make3 as (a: unknown, b: unknown, c: unknown) => I;
      const three = dims.length === 3;
      return gridCoefTerms(outCols, outCoefs, off, three ? dims[0]!.items : UNIT, dims[three ? 1 : 0]!.items, dims[three ? 2 : 1]!.items, make, coef);
    }
    return coefTerms(outCols, outCoefs, off, cols, n, this.#itemGetter(), coef);
  }

  /** The selected dimensions' names (sorted) and their positions; throws for a name that is no dimension. */
  #selectionDims(selection: Partial<Record<string, unknown>>): { names: string[]; dimIdx: number[] } {
    if (!this.isProduct) {
      throw new LumixError('INVALID_ARGUMENT', `Variable family '${this.name}' is not a product of named dimensions; sum({ ... }) selects by dimension. Use sum(coef) with a coefficient of 0 to skip items.`);
    }
    const names = Object.keys(selection).sort();
    const dimIdx: number[] = [];
    for (const name of names) {
      const d = this.#dims.findIndex((x) => x.name === name);
      if (d < 0) {
        throw new LumixError('INVALID_ARGUMENT', `Variable family '${this.name}' has no dimension '${name}'; its dimensions are ${this.#dims.map((x) => x.name).join(', ')}.`, {
          details: { family: this.name, dimension: name },
        });
      }
      dimIdx.push(d);
    }
    return { names, dimIdx };
  }

  #select(selection: Partial<Record<string, unknown>>): Int32Array {
    const { names, dimIdx } = this.#selectionDims(selection);
    if (dimIdx.length === 0) {
      const all = new Int32Array(this.#count);
      for (let c = 0; c < this.#count; c++) all[c] = c;
      return all;
    }
    if (this.#isGrid()) return this.#gridSelect(selection);
    const b = this.#bucketsOf(names, dimIdx);
    const combined = this.#combined(b, names, selection);
    if (combined < 0) return EMPTY;
    if (b.dense) return (b.sorted ? this.#iotaCols() : b.cols!).subarray(b.starts![combined]!, b.starts![combined + 1]!);
    const list = b.map!.get(combined);
    return list === undefined ? EMPTY : Int32Array.from(list);
  }

  /** 0..count-1, shared by the selection indexes whose columns come out in column order. */
  #iotaCols(): Int32Array {
    if (this.#iota === undefined) {
      const iota = new Int32Array(this.#count);
      fillRange(iota, 0, this.#count);
      this.#iota = iota;
    }
    return this.#iota;
  }

  /** The selection index of some dimensions (made once per build). */
  #bucketsOf(names: string[], dimIdx: number[]): Buckets {
    const cacheKey = names.join('\u001f');
    let b = this.#buckets.get(cacheKey);
    if (b === undefined) {
      b = this.#buildBuckets(dimIdx);
      this.#buckets.set(cacheKey, b);
    }
    return b;
  }

  /** The bucket of a selection in its index: the selected dimensions' indices combined; -1 when a value is not there. */
  #combined(b: Buckets, names: string[], selection: Partial<Record<string, unknown>>): number {
    let combined = 0;
    for (let i = 0; i < b.dims.length; i++) {
      const d = this.#dims[b.dims[i]!]!;
      const at = this.#dimIndexOf(d, selection[names[i]!]);
      if (at < 0) return -1;
      combined += at * b.strides[i]!;
    }
    return combined;
  }

  /**
   * Σ x over a selection of a filtered product whose columns lie in one range (a selection by
   * leading dimensions: their columns are in order), written straight into the terms; undefined
   * when they do not.
   */
  #sumSortedBucket(selection: Partial<Record<string, unknown>>): Expr | undefined {
    const { names, dimIdx } = this.#selectionDims(selection);
    if (dimIdx.length === 0) return undefined;
    const b = this.#bucketsOf(names, dimIdx);
    if (!b.sorted) return undefined;
    const combined = this.#combined(b, names, selection);
    const from = combined < 0 ? 0 : b.starts![combined]!;
    const n = combined < 0 ? 0 : b.starts![combined + 1]! - from;
    const terms = exprAccess.allocate(n);
    fillRange(terms.cols, this.#offset + from, n);
    terms.coefs.fill(1, 0, n);
    return exprAccess.fromArrays(this.model, terms.cols, terms.coefs, n, true);
  }

  /** True when every combination of the dimensions' items is a column (no `where` dropped one). */
  #isGrid(): boolean {
    let total = 1;
    for (const d of this.#dims) total *= d.items.length;
    return total === this.#count;
  }

  /**
   * Where the columns matching a selection lie in a full product (see {@link #isGrid}): column
   * numbers follow from the dimension indices (column = Σ index·stride), so they are listed
   * directly, in column order, with no index to build or keep. Undefined when nothing is selected
   * (the whole family).
   */
  #gridPlan(selection: Partial<Record<string, unknown>>): GridPlan | undefined {
    const given = Object.keys(selection);
    if (given.length === 0) return undefined;
    // The shape of a selection (which dimensions are fixed) is worked out once per build; each
    // row then only finds its dimension indices.
    const cacheKey = given.length === 1 ? given[0]! : given.sort().join('\u001f');
    let shape = this.#gridShapes.get(cacheKey);
    if (shape === undefined) {
      const { names, dimIdx } = this.#selectionDims(selection);
      shape = this.#gridShape(names, dimIdx);
      this.#gridShapes.set(cacheKey, shape);
    }
    const dims = this.#dims;
    let base = 0;
    for (let i = 0; i < shape.dimIdx.length; i++) {
      const at = this.#dimIndexOf(dims[shape.dimIdx[i]!]!, selection[shape.names[i]!]);
      if (at < 0) return NO_COLUMNS;
      base += at * shape.fixedStrides[i]!;
    }
    return { base, count: shape.count, strides: shape.strides, sizes: shape.sizes };
  }

  /** Strides of the fixed and the free dimensions of a selection in a full product (see {@link #gridPlan}). */
  #gridShape(names: string[], dimIdx: number[]): GridShape {
    const dims = this.#dims;
    const k = dims.length;
    const fixedAt: number[] = [];
    for (let d = 0; d < k; d++) fixedAt.push(dimIdx.indexOf(d));
    const fixedStrides: number[] = dimIdx.map(() => 0);
    const strides: number[] = [];
    const sizes: number[] = [];
    let size = 1;
    let count = 1;
    for (let d = k - 1; d >= 0; d--) {
      const len = dims[d]!.items.length;
      if (fixedAt[d]! >= 0) fixedStrides[fixedAt[d]!] = size;
      else {
        strides.unshift(size);
        sizes.unshift(len);
        count *= len;
      }
      size *= len;
    }
    return { names, dimIdx, fixedStrides, count, strides, sizes };
  }


  /** The local columns of a selection in a full product (see {@link #gridPlan}). */
  #gridSelect(selection: Partial<Record<string, unknown>>): Int32Array {
    const plan = this.#gridPlan(selection)!;
    const out = new Int32Array(plan.count);
    writeGrid(plan, out, 0);
    return out;
  }

  #buildBuckets(dimIdx: number[]): Buckets {
    const strides: number[] = [];
    let size = 1;
    for (let i = dimIdx.length - 1; i >= 0; i--) {
      strides[i] = size;
      size *= this.#dims[dimIdx[i]!]!.items.length;
    }
    const n = this.#count;
    const all = this.#indices();
    const combinedOf = (c: number): number => {
      let v = 0;
      for (let i = 0; i < dimIdx.length; i++) v += all[dimIdx[i]!]![c]! * strides[i]!;
      return v;
    };
    if (size <= 8 * n + 1024) {
      // Counting sort: starts[v]..starts[v+1] lists the columns whose combined value is v.
      let comb: Int32Array;
      if (dimIdx.length === 1) {
        comb = all[dimIdx[0]!]!;
      } else {
        comb = new Int32Array(n);
        for (let c = 0; c < n; c++) comb[c] = combinedOf(c);
      }
      // Columns are laid out in product order, so a selection by leading dimensions finds its
      // columns in order: then they are 0..n-1, shared, and need no placing.
      const sorted = isSorted(comb);
      const starts = countStarts(comb, size);
      // (Their column list, 0..n-1, is made only if a selection asks for one: sums need none.)
      if (sorted) return { dense: true, sorted: true, strides, dims: dimIdx, starts, cols: undefined, map: undefined };
      return { dense: true, sorted: false, strides, dims: dimIdx, starts, cols: placeColumns(comb, starts), map: undefined };
    }
    const map = new Map<number, number[]>();
    for (let c = 0; c < n; c++) {
      const v = combinedOf(c);
      const list = map.get(v);
      if (list === undefined) map.set(v, [c]);
      else list.push(c);
    }
    return { dense: false, sorted: false, strides, dims: dimIdx, starts: undefined, cols: undefined, map };
  }

  /**
   * Groups the family's variables by a derived key (e.g. `({ lecture, slot }) => [lecture.teacherId, slot.id]`):
   * one pass, one hash lookup per variable, computed on first use. Each group offers `sum()`.
   * Use it as the row source of a constraint family: one row per group.
   */
  groupBy(keyFn: (item: I) => Key): Grouping<I> {
    let groups: Group<I>[] | undefined;
    let index: KeyIndex | undefined;
    let generation = -1;
    const compute = (): Group<I>[] => {
      this.#expand();
      if (groups !== undefined && generation === this.#generation) return groups;
      generation = this.#generation;
      const { gid, keys } = this.#groupIds(keyFn);
      const ng = keys.length;
      const starts = countStarts(gid, ng);
      const cols = placeColumns(gid, starts);
      groups = new Array<Group<I>>(ng);
      for (let g = 0; g < ng; g++) groups[g] = new FamilyGroup(this, keys[g]!, cols, starts[g]!, starts[g + 1]!);
      index = undefined;
      return groups;
    };
    // The key index for get(key) is made on first use: iterating the groups needs none.
    const lookup = (): KeyIndex => {
      const gs = compute();
      if (index === undefined) {
        const ki = new KeyIndex();
        for (const g of gs) ki.add(g.key);
        index = ki;
      }
      return index;
    };
    const grouping = {
      [GROUPED]: this,
      get size() {
        return compute().length;
      },
      get(key: Key) {
        const g = lookup().get(key);
        return g < 0 ? undefined : compute()[g];
      },
      [Symbol.iterator]() {
        return compute()[Symbol.iterator]();
      },
    };
    return grouping;
  }

  /**
   * The group of each column under `keyFn` (ids in first-seen order) and each group's key. Keys
   * that are pairs of small non-negative integers (ids, indices: the common case) are looked up in
   * a {@link PairTable}, triples combined into one number in a Map of numbers; any other key goes
   * through a {@link KeyIndex}.
   */
  #groupIds(keyFn: (item: I) => Key): { gid: Int32Array; keys: Key[] } {
    const n = this.#count;
    const gid = new Int32Array(n);
    const keys: Key[] = [];
    const pairs = new PairTable(4 * n + 65536);
    const byCode = new Map<number, number>();
    let other: KeyIndex | undefined;
    let otherGroup: number[] | undefined;
    const itemOf = this.#itemGetter();
    let c = 0;
    try {
      for (; c < n; c++) {
        const key = keyFn(itemOf(c));
        const code = combinedKey(key);
        let g: number;
        if (code >= 0 && code !== NO_CODE) {
          g = pairs.get(code);
          if (g < 0) {
            g = keys.length;
            pairs.set(code, g);
            keys.push(key);
          }
        } else if (code !== NO_CODE) {
          const found = byCode.get(code);
          if (found === undefined) {
            g = keys.length;
            byCode.set(code, g);
            keys.push(key);
          } else g = found;
        } else {
          other ??= new KeyIndex();
          otherGroup ??= [];
          const at = other.add(key);
          if (at >= 0) {
            g = keys.length;
            otherGroup.push(g);
            keys.push(key);
          } else g = otherGroup[-at - 1]!;
        }
        gid[c] = g;
      }
    } catch (e) {
      withContext(e, `Variable family '${this.name}', groupBy key function on ${this.columnName(c, true)}`);
    }
    return { gid, keys };
  }
}

/**
 * Group ids of pair keys `[a, b]` (each below 2^15) given as `a * 2^15 + b`: a row of ids per `a`,
 * indexed by `b`, so a lookup is two array reads, no hashing. Rows grow to fit while the cells
 * stay within a budget (a few per column); pairs beyond it go to a Map.
 */
class PairTable {
  // Rows are plain arrays of small integers: a typed array each would cost an allocation outside
  // the heap and its bookkeeping, for rows of a few dozen cells.
  private readonly rows: Array<number[] | undefined> = [];
  private readonly spill = new Map<number, number>();
  constructor(private budget: number) {}

  /** The id of the pair, or -1. */
  get(code: number): number {
    const row = this.rows[code >> 15];
    const b = code & 32767;
    if (row !== undefined && b < row.length) {
      const g = row[b]!;
      if (g >= 0) return g;
    }
    return this.spill.size === 0 ? -1 : (this.spill.get(code) ?? -1);
  }

  /** Stores a pair that {@link get} did not find. */
  set(code: number, g: number): void {
    const a = code >> 15;
    const b = code & 32767;
    let row = this.rows[a];
    if (row === undefined || b >= row.length) {
      let len = row === undefined ? 16 : row.length;
      while (len <= b) len *= 2;
      const grow = len - (row === undefined ? 0 : row.length);
      if (grow > this.budget) {
        this.spill.set(code, g);
        return;
      }
      this.budget -= grow;
      const wider: number[] = row === undefined ? [] : row;
      for (let i = wider.length; i < len; i++) wider.push(-1);
      this.rows[a] = row = wider;
    }
    row[b] = g;
  }
}

/** What {@link combinedKey} returns for a key it cannot combine (no combined key reaches it). */
const NO_CODE = 2 ** 30;

/**
 * A group key that is a pair or a triple of small non-negative integers as one small integer
 * (the cheapest Map key), else {@link NO_CODE}. Pairs (parts below 2^15) map to [0, 2^30),
 * triples (parts below 2^10) to [-2^30, -1], so distinct keys give distinct numbers.
 */
function combinedKey(key: Key): number {
  if (!Array.isArray(key)) return NO_CODE;
  const len = key.length;
  const a = key[0];
  const b = key[1];
  if (typeof a !== 'number' || typeof b !== 'number' || (a | 0) !== a || (b | 0) !== b || a < 0 || b < 0) return NO_CODE;
  if (len === 2) return a < 32768 && b < 32768 ? a * 32768 + b : NO_CODE;
  if (len !== 3) return NO_CODE;
  const d = key[2];
  if (typeof d !== 'number' || (d | 0) !== d || d < 0 || a >= 1024 || b >= 1024 || d >= 1024) return NO_CODE;
  return -((a * 1024 + b) * 1024 + d) - 1;
}

// The loops of a family sum, each a small function of its own (the engine optimises each for
// the one shape it sees, instead of one loop with every case inside).

/** Counting sort, first half: `starts[v]` is the number of entries of `of` below `v` (length size + 1). */
function countStarts(of: Int32Array, size: number): Int32Array {
  const starts = new Int32Array(size + 1);
  const n = of.length;
  for (let c = 0; c < n; c++) starts[of[c]! + 1]!++;
  for (let v = 0; v < size; v++) starts[v + 1]! += starts[v]!;
  return starts;
}

/** Counting sort, second half: the positions 0..n-1 ordered by `of[c]` (stable), given its {@link countStarts}. */
function placeColumns(of: Int32Array, starts: Int32Array): Int32Array {
  const n = of.length;
  const fill = starts.slice(0, starts.length - 1);
  const cols = new Int32Array(n);
  for (let c = 0; c < n; c++) cols[fill[of[c]!]!++] = c;
  return cols;
}

/** True when the values never decrease. */
function isSorted(of: Int32Array): boolean {
  for (let c = 1; c < of.length; c++) if (of[c]! < of[c - 1]!) return false;
  return true;
}

/** The columns of a selection in a full product: `base` plus every combination of the free dimensions' index·stride. */
/** The selection of no column (a dimension value that is not there). */
const NO_COLUMNS: GridPlan = { base: 0, count: 0, strides: [], sizes: [] };

/** Which dimensions a selection fixes, and the strides that turn their indices into a base column. */
interface GridShape {
  /** The selected names (sorted) and their dimensions. */
  readonly names: readonly string[];
  readonly dimIdx: readonly number[];
  /** Stride of each selected dimension. */
  readonly fixedStrides: readonly number[];
  /** What {@link GridPlan} takes: the number of columns selected, stride and size of each free dimension. */
  readonly count: number;
  readonly strides: readonly number[];
  readonly sizes: readonly number[];
}

interface GridPlan {
  readonly base: number;
  readonly count: number;
  /** Stride and size of each free dimension, in dimension order. */
  readonly strides: readonly number[];
  readonly sizes: readonly number[];
}

/** Writes `add` + the columns of a grid plan, in column order (the last free dimension fastest). */
function writeGrid(plan: GridPlan, out: Int32Array, add: number): void {
  const { count, strides, sizes } = plan;
  const start = add + plan.base;
  const free = strides.length;
  if (free === 1) {
    const step = strides[0]!;
    for (let t = 0; t < count; t++) out[t] = start + t * step;
    return;
  }
  // An odometer over the free dimensions' indices.
  const at = new Int32Array(free);
  let c = start;
  for (let t = 0; t < count; t++) {
    out[t] = c;
    for (let f = free - 1; f >= 0; f--) {
      at[f]!++;
      c += strides[f]!;
      if (at[f]! < sizes[f]!) break;
      c -= at[f]! * strides[f]!;
      at[f] = 0;
    }
  }
}

/** The index of a dimension in each column of a full product: each value `block` times in a row, cycling through 0..size-1. */
function fillDigit(out: Int32Array, block: number, size: number): void {
  const n = out.length;
  let v = 0;
  let run = 0;
  for (let c = 0; c < n; c++) {
    out[c] = v;
    if (++run === block) {
      run = 0;
      if (++v === size) v = 0;
    }
  }
}

/** out[i] = off + i. */
function fillRange(out: Int32Array, off: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] = off + i;
}

/** out[i] = off + cols[from + i]. */
function fillShiftedFrom(out: Int32Array, cols: Int32Array, from: number, off: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] = off + cols[from + i]!;
}

/** out[i] = off + cols[i]. */
function fillShifted(out: Int32Array, cols: Int32Array, off: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] = off + cols[i]!;
}

/**
 * The terms coef(item)·x of local columns `cols` (all when undefined), zeros skipped. Returns the
 * number written, or `-(number + 1)` when a coefficient is NaN or infinite.
 */
function coefTerms<I>(outCols: Int32Array, outCoefs: Float64Array, off: number, cols: Int32Array | undefined, n: number, itemOf: (c: number) => I, coef: (item: I) => number): number {
  let w = 0;
  let clean = true;
  for (let i = 0; i < n; i++) {
    const c = cols === undefined ? i : cols[i]!;
    const v = coef(itemOf(c));
    if (v === 0) continue;
    if (!(v - v === 0)) clean = false;
    outCols[w] = off + c;
    outCoefs[w] = v;
    w++;
  }
  return clean ? w : -w - 1;
}

/** {@link coefTerms} of a family over one source: its items by column. */
function itemCoefTerms<I>(outCols: Int32Array, outCoefs: Float64Array, off: number, cols: Int32Array | undefined, n: number, items: readonly I[], coef: (item: I) => number): number {
  let w = 0;
  let clean = true;
  for (let i = 0; i < n; i++) {
    const c = cols === undefined ? i : cols[i]!;
    const v = coef(items[c]!);
    if (v === 0) continue;
    if (!(v - v === 0)) clean = false;
    outCols[w] = off + c;
    outCoefs[w] = v;
    w++;
  }
  return clean ? w : -w - 1;
}

/**
 * {@link coefTerms} of every column of a full product of three dimensions (two run as three with
 * a first dimension of one item), in column order: the items made in nested loops.
 */
function gridCoefTerms<I>(
  outCols: Int32Array,
  outCoefs: Float64Array,
  off: number,
  A: readonly unknown[],
  B: readonly unknown[],
  C: readonly unknown[],
  make: (a: unknown, b: unknown, c: unknown) => I,
  coef: (item: I) => number,
): number {
  const na = A.length;
  const nb = B.length;
  const nc = C.length;
  let w = 0;
  let col = off;
  let clean = true;
  for (let a = 0; a < na; a++) {
    const x = A[a];
    for (let b = 0; b < nb; b++) {
      const y = B[b];
      for (let c = 0; c < nc; c++, col++) {
        const v = coef(make(x, y, C[c]));
        if (v === 0) continue;
        if (!(v - v === 0)) clean = false;
        outCols[w] = col;
        outCoefs[w] = v;
        w++;
      }
    }
  }
  return clean ? w : -w - 1;
}

/** A copy of `a` with room for `cap` entries. */
function grown(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/** True when two key lists are equal, part by part. */
function sameKeys(a: readonly Key[], b: readonly Key[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  }
  return true;
}

/** True when two integer arrays are equal. */
function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Makes a product item from its dimension values, one argument per dimension. */
type ItemMaker = (...values: unknown[]) => unknown;

/** One item maker per list of dimension names, made once per process (see {@link itemFactory}). */
const FACTORIES = new Map<string, ItemMaker>();

/**
 * A function that builds a product item `{ dimA: a, dimB: b }` from dimension values with one
 * fixed object shape (fast property access in every callback, unlike objects built key by key).
 * Made once per list of names and kept: a new function per build would give every build's items
 * a new hidden class, and the engine would throw away the code it optimised for the last one.
 */
function itemFactory(names: readonly string[], threeArgs = false): ItemMaker {
  // `threeArgs` for two names: a maker of (ignored, a, b), the shape of a three-dimension loop.
  const pad = threeArgs && names.length === 2;
  const signature = JSON.stringify(names) + (pad ? '3' : '');
  let make = FACTORIES.get(signature);
  if (make === undefined) {
    const body = `return {${names.map((name, i) => `${JSON.stringify(name)}: v${i}`).join(', ')}};`;
    make = new Function(...(pad ? ['_'] : []), ...names.map((_, i) => `v${i}`), body) as ItemMaker;
    FACTORIES.set(signature, make);
  }
  return make;
}

/**
 * @internal A group and a pair table of `family` with no members: exemplars of the classes that
 * `groupBy` makes per build, for the model's `keepShapes` (see there why they are kept).
 */
// biome-ignore lint/suspicious/noExplicitAny: any family, whatever its item type
export function groupShapeExemplars(family: VariableFamily<any>, key: Key): object[] {
  return [new FamilyGroup(family, key, EMPTY), new PairTable(0)];
}
