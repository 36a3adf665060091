import { LumixError } from '../errors.js';

/** Anything that can stand in a linear expression: an {@link Expr}, a {@link Var} or a number. */
export type Term = Expr | Var | number;

/** What a variable knows about the family it belongs to; implemented by `VariableFamily`. */
export interface VarOwner {
  /** The model the family belongs to (identity only). */
  readonly model: object;
  readonly name: string;
  /** Display name of the column, e.g. `make[3]`. */
  columnName(column: number): string;
}

function foreign(what: string): never {
  throw new LumixError(
    'FOREIGN_VARIABLE',
    `${what} belongs to another model. Variables, expressions and constraints can only be combined within the model that declared them.`,
  );
}

/**
 * @internal What core's other modules (compile, constraint families, solutions) read of an
 * expression. Exported from this module only, never from the package root.
 */
export interface ExprAccess {
  /** Column of each term (the first `length` entries are used). */
  cols(e: Expr): Int32Array;
  /** Coefficient of each term (the first `length` entries are used). */
  coefs(e: Expr): Float64Array;
  /** The model the terms belong to; undefined while there are none. */
  model(e: Expr): object | undefined;
  /**
   * An expression that owns the given arrays (no copy). `clean`: the caller vouches that its
   * columns are distinct and its coefficients finite and non-zero, so the build copies the terms
   * without merging or checking them.
   */
  fromArrays(model: object, cols: Int32Array, coefs: Float64Array, length: number, clean?: boolean): Expr;
  /** True while the terms are known distinct, finite and non-zero (see {@link ExprAccess.fromArrays}). */
  clean(e: Expr): boolean;
  /** Its term arrays are now used elsewhere too (e.g. as a problem's costs): the expression copies them before it next changes. */
  share(e: Expr): void;
  /**
   * Room for `n` terms for {@link ExprAccess.fromArrays}: in the build's row storage while a model
   * produces its rows (see {@link TermArena}), else views into a shared block when small.
   */
  allocate(n: number): { cols: Int32Array; coefs: Float64Array };
  /** The first `w` of terms that {@link ExprAccess.allocate} gave, the rest given back when it was the last allocation. */
  shrink(terms: { cols: Int32Array; coefs: Float64Array }, w: number): { cols: Int32Array; coefs: Float64Array };
  /** Makes `arena` the place of every allocation until it is called again with undefined. */
  useArena(arena: TermArena | undefined): void;
}

/**
 * Where a model's build puts the terms of the sums made while it produces rows: the
 * row storage itself, so that a row made of one sum is already where it belongs (no copy).
 * Not exported from the package, yet kept in the declarations: the row buffer's declaration names it.
 */
export interface TermArena {
  /** Room for `n` terms after everything allocated so far. */
  allocate(n: number): { cols: Int32Array; coefs: Float64Array };
  /** The first `w` of an allocation; the rest is given back when it was the last one. */
  release(terms: { cols: Int32Array; coefs: Float64Array }, w: number): { cols: Int32Array; coefs: Float64Array };
}

/** The arena of the build producing rows now, if any. */
let arena: TermArena | undefined;

/** @internal Set by {@link Expr}'s static block; see {@link ExprAccess}. */
export let exprAccess!: ExprAccess;

/** The arrays of an expression with no room yet: empty, so never written into. */
const NO_COLS = new Int32Array(0);
const NO_COEFS = new Float64Array(0);

/** Terms per shared block: 64 Ki terms, 768 KiB. */
const BLOCK = 1 << 16;
let blockCols = new Int32Array(0);
let blockCoefs = new Float64Array(0);
let blockUsed = 0;

/**
 * Room for `n` terms. Rows and sums are made by the thousand while a model builds: a typed array
 * of its own each would cost an allocation outside the heap and its bookkeeping, twice per row.
 * Small ones are therefore views into a shared block instead, each view the only owner of its
 * range (an expression that outgrows it moves to arrays of its own); a block is freed when no
 * view of it is left.
 */
function allocateTerms(n: number): { cols: Int32Array; coefs: Float64Array } {
  if (arena !== undefined) return arena.allocate(n);
  const size = Math.max(n, 1);
  if (size > BLOCK >> 3) return { cols: new Int32Array(size), coefs: new Float64Array(size) };
  if (blockUsed + size > blockCols.length) {
    blockCols = new Int32Array(BLOCK);
    blockCoefs = new Float64Array(BLOCK);
    blockUsed = 0;
  }
  const at = blockUsed;
  blockUsed += size;
  return { cols: blockCols.subarray(at, at + size), coefs: blockCoefs.subarray(at, at + size) };
}

/** See {@link ExprAccess.shrink}. */
function shrinkTerms(terms: { cols: Int32Array; coefs: Float64Array }, w: number): { cols: Int32Array; coefs: Float64Array } {
  if (arena !== undefined) return arena.release(terms, w);
  const { cols, coefs } = terms;
  // The last view of the current block gives its tail back.
  if (cols.buffer === blockCols.buffer && (cols.byteOffset >> 2) + cols.length === blockUsed) blockUsed -= cols.length - w;
  return { cols: cols.subarray(0, w), coefs: coefs.subarray(0, w) };
}

/**
 * A linear expression `Σ coef·x + constant`. Terms live in growable typed arrays; adding the
 * same variable twice adds the coefficients (never overwrites — LumiX's dict-keyed terms lost
 * `x + 2x`); duplicates are merged once, when the model compiles.
 *
 * `plus`, `minus`, `times`, `neg` return new expressions; `add` changes this one in place (the
 * cheap way to accumulate in a loop).
 */
export class Expr {
  #cols: Int32Array;
  #coefs: Float64Array;
  #length = 0;
  #constant = 0;
  /** The model the terms belong to; undefined while there are none. */
  #model: object | undefined;
  /** True while a Constraint shares the term arrays: the next change copies them first. */
  #shared = false;
  /** True while the terms are known distinct, finite and non-zero (a family's sum): no merge needed. */
  #clean = false;

  /** An empty expression (0) with room for `capacity` terms before it grows. */
  constructor(capacity = 4) {
    // No room asked for (an expression about to take arrays of its own, or a copy of an empty
    // one): shared empty arrays, which nothing writes into, instead of two allocations.
    this.#cols = capacity > 0 ? new Int32Array(capacity) : NO_COLS;
    this.#coefs = capacity > 0 ? new Float64Array(capacity) : NO_COEFS;
  }

  static {
    exprAccess = {
      cols: (e) => e.#cols,
      coefs: (e) => e.#coefs,
      model: (e) => e.#model,
      fromArrays: (model, cols, coefs, length, clean = false) => {
        const e = Expr.#fromArrays(model, cols, coefs, length);
        e.#clean = clean;
        return e;
      },
      clean: (e) => e.#clean,
      share: (e) => {
        e.#shared = true;
      },
      allocate: allocateTerms,
      shrink: shrinkTerms,
      useArena: (a) => {
        arena = a;
      },
    };
  }

  static #fromArrays(model: object | undefined, cols: Int32Array, coefs: Float64Array, length: number): Expr {
    const e = new Expr(0);
    e.#cols = cols;
    e.#coefs = coefs;
    e.#length = length;
    e.#model = length > 0 ? model : undefined;
    return e;
  }

  /** Number of terms stored (duplicates not yet merged). */
  get length(): number {
    return this.#length;
  }

  /** The constant part. */
  get constant(): number {
    return this.#constant;
  }

  #grow(min: number): void {
    let cap = Math.max(4, this.#cols.length * 2);
    while (cap < min) cap *= 2;
    const c = new Int32Array(cap);
    c.set(this.#cols.subarray(0, this.#length));
    const v = new Float64Array(cap);
    v.set(this.#coefs.subarray(0, this.#length));
    this.#cols = c;
    this.#coefs = v;
  }

  #unshare(): void {
    if (!this.#shared) return;
    this.#cols = this.#cols.slice();
    this.#coefs = this.#coefs.slice();
    this.#shared = false;
  }

  /** A frozen view of the terms for a Constraint: no copy now, copy-on-write later. */
  #snapshot(): Expr {
    this.#shared = true;
    const view = Expr.#fromArrays(this.#model, this.#cols, this.#coefs, this.#length);
    view.#model = this.#model;
    view.#constant = this.#constant;
    view.#shared = true;
    view.#clean = this.#clean;
    return view;
  }

  #adopt(model: object, what: string): void {
    if (this.#model === undefined) this.#model = model;
    else if (this.#model !== model) foreign(what);
  }

  /** Appends one term. */
  #push(model: object, col: number, coef: number): void {
    this.#adopt(model, 'A variable');
    this.#unshare();
    this.#clean = false;
    if (this.#length === this.#cols.length) this.#grow(this.#length + 1);
    this.#cols[this.#length] = col;
    this.#coefs[this.#length] = coef;
    this.#length++;
  }

  /** Adds `k·term` to this expression in place and returns it. */
  add(term: Term, k = 1): this {
    if (typeof term === 'number') {
      this.#constant += k * term;
      return this;
    }
    if (term instanceof Var) {
      this.#push(term.family.model, term.column, k);
      return this;
    }
    const n = term.#length;
    if (n > 0) {
      this.#adopt(term.#model!, 'An expression');
      this.#unshare();
      this.#clean = false;
      const len = this.#length;
      const need = len + n;
      if (need > this.#cols.length) this.#grow(need);
      this.#cols.set(term.#cols.subarray(0, n), len);
      const coefs = this.#coefs;
      if (k === 1) coefs.set(term.#coefs.subarray(0, n), len);
      else {
        const from = term.#coefs;
        for (let i = 0; i < n; i++) coefs[len + i] = k * from[i]!;
      }
      this.#length = need;
    }
    this.#constant += k * term.#constant;
    return this;
  }

  /** A copy of this expression. */
  clone(): Expr {
    const e = new Expr(this.#length);
    e.#cols.set(this.#cols.subarray(0, this.#length));
    e.#coefs.set(this.#coefs.subarray(0, this.#length));
    e.#length = this.#length;
    e.#constant = this.#constant;
    e.#model = this.#model;
    return e;
  }

  /** `this + term` as a new expression. */
  plus(term: Term): Expr {
    return this.clone().add(term);
  }

  /** `this - term` as a new expression. */
  minus(term: Term): Expr {
    return this.clone().add(term, -1);
  }

  /** `k · this` as a new expression. */
  times(k: number): Expr {
    const e = this.clone();
    const coefs = e.#coefs;
    for (let i = 0; i < e.#length; i++) coefs[i] = coefs[i]! * k;
    e.#constant *= k;
    return e;
  }

  /** `-this` as a new expression. */
  neg(): Expr {
    return this.times(-1);
  }

  /** `this <= rhs`. */
  le(rhs: Term): Constraint {
    return this.#compare(rhs, Number.NEGATIVE_INFINITY, 0);
  }

  /** `this >= rhs`. */
  ge(rhs: Term): Constraint {
    return this.#compare(rhs, 0, Number.POSITIVE_INFINITY);
  }

  /** `this == rhs`. */
  eq(rhs: Term): Constraint {
    return this.#compare(rhs, 0, 0);
  }

  /** `lo <= this <= hi` (a ranged row). */
  between(lo: number, hi: number): Constraint {
    return new Constraint(this.#snapshot(), lo - this.#constant, hi - this.#constant);
  }

  /** `this - rhs` compared with [lo, hi]. */
  #compare(rhs: Term, lo: number, hi: number): Constraint {
    if (typeof rhs === 'number') {
      // A NaN right-hand side is reported when the model compiles, with the row's name.
      return new Constraint(this.#snapshot(), lo + rhs - this.#constant, hi + rhs - this.#constant);
    }
    const e = this.clone().add(rhs, -1);
    return new Constraint(e, lo - e.#constant, hi - e.#constant);
  }

  /** The expression's value at column values `x` (constant included). */
  evaluate(x: ArrayLike<number>): number {
    let v = this.#constant;
    const cols = this.#cols;
    const coefs = this.#coefs;
    for (let i = 0; i < this.#length; i++) v += coefs[i]! * x[cols[i]!]!;
    return v;
  }
}

/**
 * One variable (column) of a family. Light: a family reference and a column index. Has the same
 * arithmetic as {@link Expr}.
 */
export class Var {
  constructor(
    /** The family the variable belongs to. */
    readonly family: VarOwner,
    /** Its column in the compiled problem. */
    readonly column: number,
  ) {}

  /** Display name, e.g. `make[3]`. */
  get name(): string {
    return this.family.columnName(this.column);
  }

  /** This variable as a one-term expression. */
  toExpr(): Expr {
    return new Expr(1).add(this);
  }

  plus(term: Term): Expr {
    return this.toExpr().add(term);
  }

  minus(term: Term): Expr {
    return this.toExpr().add(term, -1);
  }

  times(k: number): Expr {
    return new Expr(1).add(this, k);
  }

  neg(): Expr {
    return this.times(-1);
  }

  le(rhs: Term): Constraint {
    return this.toExpr().le(rhs);
  }

  ge(rhs: Term): Constraint {
    return this.toExpr().ge(rhs);
  }

  eq(rhs: Term): Constraint {
    return this.toExpr().eq(rhs);
  }

  between(lo: number, hi: number): Constraint {
    return this.toExpr().between(lo, hi);
  }
}

/**
 * A row `lo <= expr <= hi` with the expression's constant already moved to the bounds (LumiX
 * silently dropped row constants in most backends). Made by `le`, `ge`, `eq`, `between`.
 */
export class Constraint {
  constructor(
    /** The terms; its constant is already accounted for in `lo`/`hi`. */
    readonly expr: Expr,
    /** Lower bound of the terms (without the constant); -Infinity when none. */
    readonly lo: number,
    /** Upper bound of the terms (without the constant); +Infinity when none. */
    readonly hi: number,
  ) {}
}

/** Adds up expressions, variables and numbers into a new expression. */
export function sum(terms: Iterable<Term>): Expr {
  const e = new Expr();
  for (const t of terms) e.add(t);
  return e;
}
