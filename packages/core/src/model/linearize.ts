import { LumixError } from '../errors.js';
import { Constraint, Expr, Var, exprAccess, type Term } from './expr.js';
import { formatKey, type Key, type KeyPart } from './key-index.js';
import type { Model, VariableOptions } from './model.js';
import type { Source } from './source.js';
import { VariableFamily, defaultKey } from './variable-family.js';

// Modelling helpers that linearise abs, min, max, indicators, piecewise-linear functions, AND / OR
// of binaries and binary × bounded products into ordinary columns and rows. Every helper is
// exact whatever the objective (no "it only works when minimised" epigraph tricks): where a
// choice is needed it takes binaries and a big-M, and every big-M is derived from the bounds
// of the variables in the expression, when the model is built. A needed bound that is infinite
// is refused with `INVALID_BOUNDS` naming the variable.
//
// Each helper has two forms:
// - a family over a source, `abs(m, 'gap', products, (p) => expr, { key, where })`, which
//   returns a VariableFamily keyed like the source (one result per item);
// - a single one, `abs(m, 'gap', expr)` (or `() => expr`, evaluated when the model is built),
//   which returns a Var.
// Auxiliary columns and rows are families named `<name>.<role>` with the item's key, e.g.
// `gap.sign[P1]`, `gap.split[P1]`, so that LP files and solutions read well.

/** Options of a helper declared over a source: the same `key` and `where` as a variable family. */
export interface HelperOptions<I> {
  /** Key of an item; default `item.id`, or the item itself when it is a string or number. */
  readonly key?: (item: I) => Key;
  /** Keep only the items for which it returns true. */
  readonly where?: (item: I) => boolean;
}

/** An indicator: when the binary `when` equals `is` (default 1), the row `enforce` must hold. */
export interface IndicatorSpec {
  /** A binary variable (binary family, or integer with bounds within [0, 1]). */
  readonly when: Var;
  /** The row that must hold, e.g. `ship.sum(...).le(0)`; any sense, ranged rows too. */
  readonly enforce: Constraint;
  /** The value of `when` that activates the row; default 1. */
  readonly is?: 0 | 1;
}

/** A piecewise-linear function `y = f(x)` through breakpoints, for {@link piecewise}. */
export interface PiecewiseSpec {
  /** The argument: a variable or expression whose value must lie within the breakpoints' x range. */
  readonly x: Term;
  /** Breakpoints `[x, y]`, at least two, x strictly increasing; f is linear between neighbours. */
  readonly points: readonly (readonly [number, number])[];
}

/** A product `binary · value` for {@link product}: the binary variable and a bounded term. */
export type ProductSpec = readonly [binary: Var, value: Term];

/** How a helper was called: a family over a source, or one instance. */
interface Declared<I, T> {
  readonly source: Source<I>;
  readonly key: ((item: I) => Key) | undefined;
  readonly where: ((item: I) => boolean) | undefined;
  readonly build: (item: I) => T;
  readonly single: boolean;
}

function declared<I, T>(name: string, args: readonly unknown[]): Declared<I, T> {
  const [third, fourth, fifth] = args;
  if (typeof fourth === 'function') {
    const options = (fifth ?? {}) as HelperOptions<I>;
    if (typeof options !== 'object' || options === null) {
      throw new LumixError('INVALID_ARGUMENT', `Helper '${name}': options must be an object { key?, where? }.`);
    }
    for (const k of Object.keys(options)) {
      if (k !== 'key' && k !== 'where') {
        throw new LumixError('INVALID_ARGUMENT', `Helper '${name}': unknown option '${k}'; a helper over a source takes { key, where }.`, { details: { name, option: k } });
      }
    }
    return { source: third as Source<I>, key: options.key, where: options.where, build: fourth as (item: I) => T, single: false };
  }
  const value = third;
  if (value === undefined) {
    throw new LumixError('INVALID_ARGUMENT', `Helper '${name}': give the argument (or a function returning it), or a source and a function item => argument.`);
  }
  const build = typeof value === 'function' ? (value as () => T) : () => value as T;
  return { source: [name] as unknown as Source<I>, key: (x: I) => x as unknown as Key, where: undefined, build, single: true };
}

/** Where a message is about; a function, so that the string is made only for an error. */
type Where = string | (() => string);

function say(w: Where): string {
  return typeof w === 'function' ? w() : w;
}

/**
 * A term as an expression (the user's own Expr, never changed here), checked to belong to `m`.
 */
function toExpr(m: Model, t: Term, where: Where): Expr {
  let e: Expr;
  if (typeof t === 'number') {
    if (!Number.isFinite(t)) throw new LumixError('INVALID_NUMBER', `${say(where)}: the constant ${t} is not a finite number.`);
    e = new Expr(1).add(t);
  } else if (t instanceof Var) e = t.toExpr();
  else if (t instanceof Expr) e = t; // read only: the helpers never change it
  else throw new LumixError('INVALID_ARGUMENT', `${say(where)}: expected a variable, an expression or a number, got ${t === null ? 'null' : typeof t}.`);
  const owner = exprAccess.model(e);
  if (owner !== undefined && owner !== m) {
    throw new LumixError('FOREIGN_VARIABLE', `${say(where)} uses variables of another model.`);
  }
  return e;
}

/** The range of an expression over its variables' bounds, and the variables that make an end infinite. */
interface Range {
  readonly lo: number;
  readonly hi: number;
  readonly loBy: string | undefined;
  readonly hiBy: string | undefined;
}

function rangeOf(m: Model, e: Expr, withConstant = true): Range {
  const cols = exprAccess.cols(e);
  const coefs = exprAccess.coefs(e);
  let lo = withConstant ? e.constant : 0;
  let hi = lo;
  let loBy: string | undefined;
  let hiBy: string | undefined;
  for (let i = 0; i < e.length; i++) {
    const a = coefs[i]!;
    if (a === 0) continue;
    const b = m.columnBounds(cols[i]!);
    const low = a > 0 ? a * b.lb : a * b.ub;
    const high = a > 0 ? a * b.ub : a * b.lb;
    if (low === Number.NEGATIVE_INFINITY && loBy === undefined) loBy = `${b.name} (${a > 0 ? 'lower' : 'upper'} bound ${a > 0 ? b.lb : b.ub})`;
    if (high === Number.POSITIVE_INFINITY && hiBy === undefined) hiBy = `${b.name} (${a > 0 ? 'upper' : 'lower'} bound ${a > 0 ? b.ub : b.lb})`;
    lo += low;
    hi += high;
  }
  return { lo, hi, loBy, hiBy };
}

/** `Σ kᵢ·termᵢ` as one expression sized for its terms (no growing, no intermediate copies). */
function lin(...terms: readonly (readonly [Expr | Var | number, number])[]): Expr {
  let n = 0;
  for (const [t] of terms) n += t instanceof Expr ? t.length : 1;
  const e = new Expr(n);
  for (const [t, k] of terms) e.add(t, k);
  return e;
}

/** Refuses a needed end of a range that is infinite, naming the variable. */
function need(r: Range, end: 'lo' | 'hi', where: Where): number {
  const v = r[end];
  if (Number.isFinite(v)) return v;
  const what = say(where);
  const by = end === 'lo' ? r.loBy : r.hiBy;
  throw new LumixError(
    'INVALID_BOUNDS',
    `${what} needs a finite ${end === 'lo' ? 'lower' : 'upper'} bound on its expression to derive a big-M, but ${by ?? 'a term'} is infinite. ` +
      'Give that variable a finite bound (lb/ub on its family) that holds in every solution you accept.',
    { details: { variable: by } },
  );
}

/** Checks that a variable is binary (a binary family, or integer within [0, 1]). */
function binaryVar(m: Model, v: unknown, where: Where): Var {
  if (!(v instanceof Var)) throw new LumixError('INVALID_ARGUMENT', `${say(where)}: expected a binary variable, got ${v === null ? 'null' : typeof v}.`);
  const fam = v.family;
  if (fam instanceof VariableFamily && fam.model !== m) throw new LumixError('FOREIGN_VARIABLE', `${say(where)}: ${v.name} belongs to another model.`);
  const b = m.columnBounds(v.column);
  const ok = fam instanceof VariableFamily && (fam.type === 'binary' || (fam.type === 'integer' && b.lb >= 0 && b.ub <= 1));
  if (!ok) {
    throw new LumixError('INVALID_ARGUMENT', `${say(where)}: ${v.name} is not binary; declare it with m.binary(...) (or as integer with bounds within [0, 1]).`, {
      details: { variable: v.name },
    });
  }
  return v;
}

/** One part of an item (its `at`-th term, segment, ...): the item of a derived family. */
interface Part<I> {
  readonly item: I;
  readonly at: number;
  readonly key: Key;
}

/**
 * The parts of every item of `base`, `count(item)` each, computed once when first read (inside
 * the model's build, after the sources are loaded): a lazy row / family source.
 */
function partsOf<I>(base: VariableFamily<I>, count: (item: I) => number): { readonly source: Iterable<Part<I>>; of(item: I): readonly Part<I>[] } {
  let list: Part<I>[] | undefined;
  let byItem: Map<I, Part<I>[]> | undefined;
  const compute = (): Part<I>[] => {
    if (list !== undefined) return list;
    const items = base.items();
    const keys = base.keys();
    const out: Part<I>[] = [];
    const map = new Map<I, Part<I>[]>();
    for (let c = 0; c < items.length; c++) {
      const item = items[c]!;
      const key = keys[c]!;
      const prefix: readonly KeyPart[] = Array.isArray(key) ? (key as readonly KeyPart[]) : [key as KeyPart];
      const n = count(item);
      const mine: Part<I>[] = [];
      for (let at = 0; at < n; at++) mine.push({ item, at, key: [...prefix, at] });
      out.push(...mine);
      map.set(item, mine);
    }
    list = out;
    byItem = map;
    return out;
  };
  return {
    source: { [Symbol.iterator]: () => compute()[Symbol.iterator]() },
    of: (item) => {
      compute();
      return byItem!.get(item) ?? [];
    },
  };
}

/**
 * A one-item memo for the rows of one item's parts (emitted one after the other): the first
 * part (`fresh`) computes, the next ones of the same item reuse. Never reused across row
 * families or builds, so a model built again reads its data again.
 */
function partMemo<I, T>(f: (item: I) => T): (item: I, fresh: boolean) => T {
  let last: { item: I; value: T } | undefined;
  return (item, fresh) => {
    if (!fresh && last !== undefined && last.item === item) return last.value;
    const value = f(item);
    last = { item, value };
    return value;
  };
}

/** Declares a row family over the helper's source (or over parts), skipping items filtered out. */
function rowsOver<I>(m: Model, name: string, d: Declared<I, unknown>, build: (item: I) => Constraint | null) {
  const where = d.where;
  return m.constraints(name, d.source, (item) => (where !== undefined && !where(item) ? null : build(item)), d.key === undefined ? {} : { key: d.key });
}

function rowsOverParts<I>(m: Model, name: string, parts: Iterable<Part<I>>, build: (p: Part<I>) => Constraint | null) {
  return m.constraints(name, parts, build, { key: (p) => p.key });
}

/** The key of a helper's item, for messages; undefined for a single helper. */
function keyOf<I>(d: Declared<I, unknown>, name: string, item: I): Key | undefined {
  if (d.single) return undefined;
  return d.key !== undefined ? d.key(item) : defaultKey(item, name);
}

function familyOptions<I>(d: Declared<I, unknown>, lb: number, ub = Number.POSITIVE_INFINITY): VariableOptions<I> {
  return { lb, ub, ...(d.key === undefined ? {} : { key: d.key }), ...(d.where === undefined ? {} : { where: d.where }) };
}

function result<I>(d: Declared<I, unknown>, fam: VariableFamily<I>, name: string): VariableFamily<I> | Var {
  return d.single ? fam.get(name) : fam;
}

/** Where a helper's item is, for messages: `abs 'gap' [P1]`. */
function at(kind: string, name: string, key: Key | undefined): string {
  return key === undefined ? `${kind} '${name}'` : `${kind} '${name}'[${formatKey(key)}]`;
}

/**
 * `|expr|`, exactly (also when maximised): `expr = plus − minus`, `result = plus + minus`, with a
 * binary `sign` choosing which of `plus` / `minus` may be positive, `plus ≤ U·sign`,
 * `minus ≤ −L·(1 − sign)`, where [L, U] is the expression's range over its variables' bounds.
 * When the range does not cross 0 the needed side alone is kept and an infinite bound on the
 * other side is fine.
 *
 * Columns: `<name>` (the result, ≥ 0), `<name>.plus`, `<name>.minus`, `<name>.sign`; rows
 * `<name>.split`, `<name>.sum`, `<name>.plusMax`, `<name>.minusMax`.
 *
 * @example
 * const gap = abs(m, 'gap', products, (p) => make.get(p).minus(p.target));
 * m.minimize(() => gap.sum());
 * @throws LumixError `INVALID_BOUNDS` when the expression's range crosses 0 and one end is
 *   infinite, naming the variable whose bound is missing.
 */
export function abs<I>(m: Model, name: string, source: Source<I>, build: (item: I) => Term, options?: HelperOptions<I>): VariableFamily<I>;
export function abs(m: Model, name: string, term: Term | (() => Term)): Var;
export function abs(m: Model, name: string, ...args: unknown[]): VariableFamily<unknown> | Var {
  const d = declared<unknown, Term>(name, [args[0], args[1], args[2]]);
  const t = m.continuous(name, d.source, familyOptions(d, 0));
  const plus = m.continuous(`${name}.plus`, d.source, familyOptions(d, 0));
  const minus = m.continuous(`${name}.minus`, d.source, familyOptions(d, 0));
  const sign = m.binary(`${name}.sign`, d.source, familyOptions(d, 0, 1));
  const arg = (item: unknown) => {
    const e = toExpr(m, d.build(item), `abs '${name}'`);
    return { e, r: rangeOf(m, e) };
  };
  rowsOver(m, `${name}.split`, d, (item) => lin([arg(item).e, 1], [plus.get(item), -1], [minus.get(item), 1]).eq(0));
  rowsOver(m, `${name}.sum`, d, (item) => lin([t.get(item), 1], [plus.get(item), -1], [minus.get(item), -1]).eq(0));
  rowsOver(m, `${name}.plusMax`, d, (item) => {
    const { r } = arg(item);
    if (r.lo >= 0) return null; // never negative: plus is the value itself
    if (r.hi <= 0) return plus.get(item).le(0);
    const u = need(r, 'hi', () => at('abs', name, keyOf(d, name, item)));
    need(r, 'lo', () => at('abs', name, keyOf(d, name, item)));
    return lin([plus.get(item), 1], [sign.get(item), -u]).le(0);
  });
  rowsOver(m, `${name}.minusMax`, d, (item) => {
    const { r } = arg(item);
    if (r.hi <= 0) return null;
    if (r.lo >= 0) return minus.get(item).le(0);
    const l = need(r, 'lo', () => at('abs', name, keyOf(d, name, item)));
    return lin([minus.get(item), 1], [sign.get(item), -l]).le(-l);
  });
  return result(d, t, name);
}

function minMax(kind: 'min' | 'max', m: Model, name: string, args: unknown[]): VariableFamily<unknown> | Var {
  const d = declared<unknown, readonly Term[]>(name, args);
  const y = m.continuous(name, d.source, familyOptions(d, Number.NEGATIVE_INFINITY));
  const termsOf = (item: unknown): readonly Term[] => {
    const ts = d.build(item);
    if (!Array.isArray(ts) || ts.length === 0) {
      throw new LumixError('INVALID_ARGUMENT', `${kind} '${name}': expected a non-empty array of variables, expressions or numbers, got ${Array.isArray(ts) ? 'an empty array' : typeof ts}.`);
    }
    return ts;
  };
  const parts = partsOf(y, (item) => termsOf(item).length);
  const pick = m.binary(`${name}.pick`, parts.source, { key: (p: Part<unknown>) => p.key });
  const args2 = partMemo((item: unknown) => {
    const es = termsOf(item).map((t, i) => toExpr(m, t, () => `${kind} '${name}', term ${i}`));
    if (es.length !== parts.of(item).length) {
      throw new LumixError('INVALID_STATE', `${kind} '${name}': an item now has ${es.length} terms where the model was built with ${parts.of(item).length}; build a new model after changing the data.`);
    }
    const rs = es.map((e) => rangeOf(m, e));
    // min Lⱼ and max Uⱼ once per item (the big-Ms of all its terms use them): O(k), not O(k²).
    let lowest = rs[0]!;
    let highest = rs[0]!;
    for (const r of rs) {
      if (r.lo < lowest.lo) lowest = r;
      if (r.hi > highest.hi) highest = r;
    }
    return { es, rs, lowest, highest };
  });
  rowsOverParts(m, `${name}.bound`, parts.source, (p) => {
    const e = args2(p.item, p.at === 0).es[p.at]!;
    const row = lin([y.get(p.item), 1], [e, -1]);
    return kind === 'min' ? row.le(0) : row.ge(0);
  });
  rowsOverParts(m, `${name}.tight`, parts.source, (p) => {
    const { es, rs, lowest, highest } = args2(p.item, p.at === 0);
    const e = es[p.at]!;
    const where = () => at(kind, name, (p.key as readonly KeyPart[]).slice(0, -1));
    if (kind === 'min') {
      // y ≥ e_k − M_k (1 − pick_k), M_k = U_k − min_j L_j.
      const mk = need(rs[p.at]!, 'hi', where) - need(lowest, 'lo', where);
      return lin([y.get(p.item), 1], [e, -1], [pick.get(p), -mk]).ge(-mk);
    }
    // y ≤ e_k + M_k (1 − pick_k), M_k = max_j U_j − L_k.
    const mk = need(highest, 'hi', where) - need(rs[p.at]!, 'lo', where);
    return lin([y.get(p.item), 1], [e, -1], [pick.get(p), mk]).le(mk);
  });
  rowsOver(m, `${name}.one`, d, (item) => {
    const ps = parts.of(item);
    const e = new Expr(ps.length);
    for (const p of ps) e.add(pick.get(p));
    return e.eq(1);
  });
  return result(d, y, name);
}

/**
 * `min(e₁, …, eₖ)`, exactly: `y ≤ eᵢ` for every i, and a binary `pick` per term choosing the
 * one that y equals, `y ≥ eᵢ − Mᵢ·(1 − pickᵢ)`, `Σ pick = 1`, with `Mᵢ = Uᵢ − minⱼ Lⱼ` from the
 * terms' ranges over their variables' bounds. Terms may be numbers (a cap).
 *
 * Columns: `<name>` (free), `<name>.pick[key, i]`; rows `<name>.bound[key, i]`,
 * `<name>.tight[key, i]`, `<name>.one[key]`.
 *
 * @example
 * const served = min(m, 'served', customers, (c) => [ship.get(c), c.demand]);
 * @throws LumixError `INVALID_BOUNDS` naming the variable when a needed bound is infinite.
 */
export function min<I>(m: Model, name: string, source: Source<I>, build: (item: I) => readonly Term[], options?: HelperOptions<I>): VariableFamily<I>;
export function min(m: Model, name: string, terms: readonly Term[] | (() => readonly Term[])): Var;
export function min(m: Model, name: string, ...args: unknown[]): VariableFamily<unknown> | Var {
  return minMax('min', m, name, args);
}

/**
 * `max(e₁, …, eₖ)`, exactly: `y ≥ eᵢ`, a binary `pick` per term, `y ≤ eᵢ + Mᵢ·(1 − pickᵢ)`,
 * `Σ pick = 1`, `Mᵢ = maxⱼ Uⱼ − Lᵢ`. Same names and errors as {@link min}.
 *
 * @example
 * const peak = max(m, 'peak', () => periods.map((t) => load.get(t)));
 */
export function max<I>(m: Model, name: string, source: Source<I>, build: (item: I) => readonly Term[], options?: HelperOptions<I>): VariableFamily<I>;
export function max(m: Model, name: string, terms: readonly Term[] | (() => readonly Term[])): Var;
export function max(m: Model, name: string, ...args: unknown[]): VariableFamily<unknown> | Var {
  return minMax('max', m, name, args);
}

/**
 * Indicator constraints: when the binary `when` equals `is` (default 1), the row `enforce` holds;
 * otherwise it is relaxed by a big-M from the row's activity range over its variables' bounds
 * (`terms ≤ hi + M·(1 − on)` with `M = max(terms) − hi`, and the same for a lower side). A side
 * that the bounds already imply gets no row. The build function may return null to skip an item.
 *
 * Rows `<name>.upper[key]` (for `≤` and `=` rows) and `<name>.lower[key]` (for `≥` and `=`).
 * Adds no column; returns nothing.
 *
 * @example
 * // a closed facility ships nothing
 * indicator(m, 'closedShipsNothing', facilities, (f) => ({ when: open.get(f), is: 0, enforce: ship.sum({ facility: f }).le(0) }));
 * @throws LumixError `INVALID_BOUNDS` naming the variable whose infinite bound leaves the
 *   relaxed row without a big-M; `INVALID_ARGUMENT` when `when` is not binary.
 */
export function indicator<I>(m: Model, name: string, source: Source<I>, build: (item: I) => IndicatorSpec | null | undefined, options?: HelperOptions<I>): void;
export function indicator(m: Model, name: string, spec: IndicatorSpec | (() => IndicatorSpec)): void;
export function indicator(m: Model, name: string, ...args: unknown[]): void {
  const d = declared<unknown, IndicatorSpec | null | undefined>(name, args);
  const keyFn = (item: unknown): Key | undefined => keyOf(d, name, item);
  const spec = (item: unknown) => {
    const s = d.build(item);
    if (s === null || s === undefined) return undefined;
    const where = (): string => at('indicator', name, keyFn(item));
    if (typeof s !== 'object' || !(s.enforce instanceof Constraint)) {
      throw new LumixError('INVALID_ARGUMENT', `${where()}: expected { when: binaryVar, enforce: expr.le(...) | .ge(...) | .eq(...), is?: 0 | 1 }.`);
    }
    if (s.is !== undefined && s.is !== 0 && s.is !== 1) throw new LumixError('INVALID_ARGUMENT', `${where()}: 'is' must be 0 or 1, got ${String(s.is)}.`);
    const z = binaryVar(m, s.when, where);
    const c = s.enforce;
    const given = toExpr(m, c.expr, where);
    // The row's terms without its constant (already moved into lo / hi), as one new expression.
    const terms = new Expr(given.length).add(given).add(-given.constant);
    return { z, on: s.is ?? 1, terms, lo: c.lo, hi: c.hi, r: rangeOf(m, terms, false), where };
  };
  rowsOver(m, `${name}.upper`, d, (item) => {
    const s = spec(item);
    if (s === undefined || s.hi === Number.POSITIVE_INFINITY) return null;
    if (s.r.hi <= s.hi) return null; // implied by the bounds
    const big = need(s.r, 'hi', s.where) - s.hi;
    // on = z: terms + M z ≤ hi + M; on = 1 − z: terms − M z ≤ hi.
    return s.on === 1 ? lin([s.terms, 1], [s.z, big]).le(s.hi + big) : lin([s.terms, 1], [s.z, -big]).le(s.hi);
  });
  rowsOver(m, `${name}.lower`, d, (item) => {
    const s = spec(item);
    if (s === undefined || s.lo === Number.NEGATIVE_INFINITY) return null;
    if (s.r.lo >= s.lo) return null;
    const big = s.lo - need(s.r, 'lo', s.where);
    return s.on === 1 ? lin([s.terms, 1], [s.z, -big]).ge(s.lo - big) : lin([s.terms, 1], [s.z, big]).ge(s.lo);
  });
}

function logical(kind: 'and' | 'or', m: Model, name: string, args: unknown[]): VariableFamily<unknown> | Var {
  const d = declared<unknown, readonly Var[]>(name, args);
  const y = m.binary(name, d.source, familyOptions(d, 0, 1));
  const varsOf = partMemo((item: unknown): readonly Var[] => {
    const vs = d.build(item);
    if (!Array.isArray(vs)) throw new LumixError('INVALID_ARGUMENT', `${kind} '${name}': expected an array of binary variables, got ${typeof vs}.`);
    return vs.map((v, i) => binaryVar(m, v, () => `${kind} '${name}', operand ${i}`));
  });
  const parts = partsOf(y, (item) => varsOf(item, true).length);
  rowsOverParts(m, `${name}.each`, parts.source, (p) => {
    const b = varsOf(p.item, p.at === 0)[p.at];
    if (b === undefined) throw new LumixError('INVALID_STATE', `${kind} '${name}': an item now has fewer operands than when the model was built; build a new model after changing the data.`);
    // and: y ≤ bᵢ; or: y ≥ bᵢ.
    const row = lin([y.get(p.item), 1], [b, -1]);
    return kind === 'and' ? row.le(0) : row.ge(0);
  });
  rowsOver(m, `${name}.${kind === 'and' ? 'all' : 'any'}`, d, (item) => {
    const vs = varsOf(item, true);
    const e = new Expr(vs.length + 1).add(y.get(item));
    for (const b of vs) e.add(b, -1);
    // and: y ≥ Σb − (n − 1); or: y ≤ Σb.
    return kind === 'and' ? e.ge(1 - vs.length) : e.le(0);
  });
  return result(d, y, name);
}

/**
 * Logical AND of binaries: a binary `y = b₁ ∧ … ∧ bₖ` (`y ≤ bᵢ`, `y ≥ Σ b − (k − 1)`); the AND of
 * none is 1. Rows `<name>.each[key, i]`, `<name>.all[key]`.
 *
 * @example
 * const both = and(m, 'both', pairs, (p) => [take.get(p.a), take.get(p.b)]);
 * @throws LumixError `INVALID_ARGUMENT` naming an operand that is not binary.
 */
export function and<I>(m: Model, name: string, source: Source<I>, build: (item: I) => readonly Var[], options?: HelperOptions<I>): VariableFamily<I>;
export function and(m: Model, name: string, vars: readonly Var[] | (() => readonly Var[])): Var;
export function and(m: Model, name: string, ...args: unknown[]): VariableFamily<unknown> | Var {
  return logical('and', m, name, args);
}

/**
 * Logical OR of binaries: a binary `y = b₁ ∨ … ∨ bₖ` (`y ≥ bᵢ`, `y ≤ Σ b`); the OR of none is 0.
 * Rows `<name>.each[key, i]`, `<name>.any[key]`.
 *
 * @example
 * const used = or(m, 'used', rooms, (r) => slots.map((s) => occupy.get([r.id, s.id])));
 * @throws LumixError `INVALID_ARGUMENT` naming an operand that is not binary.
 */
export function or<I>(m: Model, name: string, source: Source<I>, build: (item: I) => readonly Var[], options?: HelperOptions<I>): VariableFamily<I>;
export function or(m: Model, name: string, vars: readonly Var[] | (() => readonly Var[])): Var;
export function or(m: Model, name: string, ...args: unknown[]): VariableFamily<unknown> | Var {
  return logical('or', m, name, args);
}

/**
 * The product `z = b · x` of a binary `b` and a bounded term `x` with range [L, U] over its
 * variables' bounds, exactly (four rows: `L·b ≤ z ≤ U·b`, `x − U·(1 − b) ≤ z ≤ x − L·(1 − b)`).
 *
 * Columns `<name>` (free); rows `<name>.ub`, `<name>.lb`, `<name>.ubx`, `<name>.lbx`.
 *
 * @example
 * const paidHours = product(m, 'paid', shifts, (s) => [works.get(s), hours.get(s)]);
 * @throws LumixError `INVALID_BOUNDS` naming the variable when x's range is not finite.
 */
export function product<I>(m: Model, name: string, source: Source<I>, build: (item: I) => ProductSpec, options?: HelperOptions<I>): VariableFamily<I>;
export function product(m: Model, name: string, binary: Var, value: Term): Var;
export function product(m: Model, name: string, ...args: unknown[]): VariableFamily<unknown> | Var {
  const d =
    typeof args[1] === 'function'
      ? declared<unknown, ProductSpec>(name, args)
      : declared<unknown, ProductSpec>(name, [() => [args[0], args[1]] as unknown as ProductSpec]);
  const z = m.continuous(name, d.source, familyOptions(d, Number.NEGATIVE_INFINITY));
  const keyFn = (item: unknown): Key | undefined => keyOf(d, name, item);
  const spec = (item: unknown) => {
    const s = d.build(item);
    const where = (): string => at('product', name, keyFn(item));
    if (!Array.isArray(s) || s.length !== 2) throw new LumixError('INVALID_ARGUMENT', `${where()}: expected [binaryVar, term].`);
    const b = binaryVar(m, s[0], where);
    const x = toExpr(m, s[1] as Term, where);
    const r = rangeOf(m, x);
    return { b, x, lo: need(r, 'lo', where), hi: need(r, 'hi', where) };
  };
  rowsOver(m, `${name}.ub`, d, (item) => {
    const s = spec(item);
    return lin([z.get(item), 1], [s.b, -s.hi]).le(0);
  });
  rowsOver(m, `${name}.lb`, d, (item) => {
    const s = spec(item);
    return lin([z.get(item), 1], [s.b, -s.lo]).ge(0);
  });
  rowsOver(m, `${name}.ubx`, d, (item) => {
    const s = spec(item);
    // z ≤ x − L (1 − b)  ⇔  z − x − L·b ≤ −L
    return lin([z.get(item), 1], [s.x, -1], [s.b, -s.lo]).le(-s.lo);
  });
  rowsOver(m, `${name}.lbx`, d, (item) => {
    const s = spec(item);
    // z ≥ x − U (1 − b)  ⇔  z − x − U·b ≥ −U
    return lin([z.get(item), 1], [s.x, -1], [s.b, -s.hi]).ge(-s.hi);
  });
  return result(d, z, name);
}

/**
 * A piecewise-linear function `y = f(x)` through breakpoints `(x₀, y₀) … (xₙ, yₙ)`, exact for any
 * function (convex or not) and any objective, without SOS2: the incremental (delta) formulation.
 * A fill `δₖ ∈ [0, 1]` per segment, `x = x₀ + Σ (xₖ − xₖ₋₁)·δₖ`, `y = y₀ + Σ (yₖ − yₖ₋₁)·δₖ`, and a
 * binary per inner breakpoint forcing the segments to fill in order (`δₖ₊₁ ≤ zₖ ≤ δₖ`). So `x`
 * is confined to [x₀, xₙ] (extend the end segments to cover its bounds). Binaries are used even
 * for convex cases, where a minimisation would not need them: the result stays exact when the
 * function is used in a constraint or maximised.
 *
 * Columns `<name>` (y, free), `<name>.fill[key, k]`, `<name>.order[key, k]`; rows `<name>.x`,
 * `<name>.y`, `<name>.next[key, k]`, `<name>.prev[key, k]`.
 *
 * @example
 * const cost = piecewise(m, 'cost', products, (p) => ({ x: make.get(p), points: [[0, 0], [100, 500], [300, 1100]] }));
 * m.minimize(() => cost.sum());
 * @throws LumixError `INVALID_ARGUMENT` for fewer than two breakpoints, x not strictly
 *   increasing or a non-finite number.
 */
export function piecewise<I>(m: Model, name: string, source: Source<I>, build: (item: I) => PiecewiseSpec, options?: HelperOptions<I>): VariableFamily<I>;
export function piecewise(m: Model, name: string, spec: PiecewiseSpec | (() => PiecewiseSpec)): Var;
export function piecewise(m: Model, name: string, ...args: unknown[]): VariableFamily<unknown> | Var {
  const d = declared<unknown, PiecewiseSpec>(name, args);
  const y = m.continuous(name, d.source, familyOptions(d, Number.NEGATIVE_INFINITY));
  const keyFn = (item: unknown): Key | undefined => keyOf(d, name, item);
  const pointsOf = (item: unknown): readonly (readonly [number, number])[] => {
    const s = d.build(item);
    const where = (): string => at('piecewise', name, keyFn(item));
    const pts = s?.points;
    if (!Array.isArray(pts) || pts.length < 2) throw new LumixError('INVALID_ARGUMENT', `${where()}: needs at least two breakpoints [x, y], got ${Array.isArray(pts) ? pts.length : typeof pts}.`);
    for (let k = 0; k < pts.length; k++) {
      const p = pts[k];
      if (!Array.isArray(p) || p.length !== 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        throw new LumixError('INVALID_ARGUMENT', `${where()}: breakpoint ${k} must be [x, y] with finite numbers, got ${JSON.stringify(p)}.`);
      }
      if (k > 0 && !(p[0] > pts[k - 1]![0])) {
        throw new LumixError('INVALID_ARGUMENT', `${where()}: breakpoint x values must increase strictly; breakpoint ${k} has x = ${p[0]} after ${pts[k - 1]![0]}.`);
      }
    }
    return pts;
  };
  const segments = partsOf(y, (item) => pointsOf(item).length - 1);
  const inner = partsOf(y, (item) => pointsOf(item).length - 2);
  const fill = m.continuous(`${name}.fill`, segments.source, { key: (p: Part<unknown>) => p.key, lb: 0, ub: 1 });
  const order = m.binary(`${name}.order`, inner.source, { key: (p: Part<unknown>) => p.key });
  const spec = (item: unknown) => {
    const pts = pointsOf(item);
    const segs = segments.of(item);
    if (pts.length - 1 !== segs.length) {
      throw new LumixError('INVALID_STATE', `${at('piecewise', name, keyFn(item))}: now ${pts.length} breakpoints where the model was built with ${segs.length + 1}; build a new model after changing the data.`);
    }
    return { pts, segs, x: toExpr(m, d.build(item).x, () => at('piecewise', name, keyFn(item))) };
  };
  rowsOver(m, `${name}.x`, d, (item) => {
    const { pts, segs, x } = spec(item);
    const e = new Expr(x.length + segs.length).add(x);
    for (const p of segs) e.add(fill.get(p), -(pts[p.at + 1]![0] - pts[p.at]![0]));
    return e.eq(pts[0]![0]);
  });
  rowsOver(m, `${name}.y`, d, (item) => {
    const { pts, segs } = spec(item);
    const e = new Expr(segs.length + 1).add(y.get(item));
    for (const p of segs) e.add(fill.get(p), -(pts[p.at + 1]![1] - pts[p.at]![1]));
    return e.eq(pts[0]![1]);
  });
  rowsOverParts(m, `${name}.next`, inner.source, (p) => lin([fill.get(segments.of(p.item)[p.at + 1]!), 1], [order.get(p), -1]).le(0));
  rowsOverParts(m, `${name}.prev`, inner.source, (p) => lin([order.get(p), 1], [fill.get(segments.of(p.item)[p.at]!), -1]).le(0));
  return result(d, y, name);
}
