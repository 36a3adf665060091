import { LumixError } from '../errors.js';

/** A key part of a {@link Lookup}: what database key columns hold. */
export type LookupKeyPart = string | number | bigint | boolean;

/**
 * A read-only map from one to three key parts to a value, filled from one query: the cached
 * coefficient tables of a model (hours per product and machine). Build one with {@link createLookup}.
 */
export interface Lookup<V> {
  /** What it was loaded from, for messages. */
  readonly label: string;
  /** Number of entries. */
  readonly size: number;
  /** The value at the key; throws `UNKNOWN_KEY` when there is none (use `getOr` for sparse data). */
  get(...key: LookupKeyPart[]): V;
  /** The value at the key, or `fallback` when there is none. */
  getOr(fallback: V, ...key: LookupKeyPart[]): V;
  has(...key: LookupKeyPart[]): boolean;
  /** Every `[key parts, value]` pair, in load order. */
  entries(): IterableIterator<[LookupKeyPart[], V]>;
}

const SEP = '\u001f';

function keyString(parts: readonly LookupKeyPart[]): string {
  if (parts.length === 1) return typeof parts[0] + ':' + String(parts[0]);
  let s = '';
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) s += SEP;
    s += typeof parts[i] + ':' + String(parts[i]);
  }
  return s;
}

/**
 * Builds a {@link Lookup} from rows: one Map, built once.
 *
 * @param label what the rows came from, for messages.
 * @param key the key parts of a row (1 to 3).
 * @param value the value of a row.
 * @throws LumixError `DUPLICATE_KEY` when two rows share a key (the data is ambiguous),
 *   `INVALID_ARGUMENT` for an empty or too long key, `INVALID_NUMBER` for a non-finite numeric value.
 */
export function createLookup<R, V>(
  label: string,
  rows: Iterable<R>,
  key: (row: R) => readonly LookupKeyPart[] | LookupKeyPart,
  value: (row: R) => V,
): Lookup<V> {
  const map = new Map<string, { parts: LookupKeyPart[]; value: V }>();
  for (const row of rows) {
    const k = key(row);
    const parts = Array.isArray(k) ? [...(k as readonly LookupKeyPart[])] : [k as LookupKeyPart];
    if (parts.length < 1 || parts.length > 3) {
      throw new LumixError('INVALID_ARGUMENT', `Lookup ${label}: a key has ${parts.length} parts; use 1 to 3 key columns.`);
    }
    for (const p of parts) {
      if (p === null || p === undefined) {
        throw new LumixError('DATA_ERROR', `Lookup ${label}: a row has an empty key column (${JSON.stringify(parts)}).`, {
          details: { lookup: label, key: parts },
        });
      }
    }
    const v = value(row);
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new LumixError('INVALID_NUMBER', `Lookup ${label}: the value at key ${JSON.stringify(parts.map(String))} is ${v}; it must be a finite number.`, {
        details: { lookup: label, key: parts.map(String), value: v },
      });
    }
    const s = keyString(parts);
    if (map.has(s)) {
      throw new LumixError('DUPLICATE_KEY', `Lookup ${label}: two rows have the key ${JSON.stringify(parts.map(String))}; make the key columns unique.`, {
        details: { lookup: label, key: parts.map(String) },
      });
    }
    map.set(s, { parts, value: v });
  }
  return {
    label,
    get size() {
      return map.size;
    },
    get(...k) {
      const e = map.get(keyString(k));
      if (e === undefined) {
        throw new LumixError('UNKNOWN_KEY', `Lookup ${label} has no entry for key ${JSON.stringify(k.map(String))}; use getOr(default, ...key) where a missing pair means a default.`, {
          details: { lookup: label, key: k.map(String) },
        });
      }
      return e.value;
    },
    getOr(fallback, ...k) {
      const e = map.get(keyString(k));
      return e === undefined ? fallback : e.value;
    },
    has(...k) {
      return map.has(keyString(k));
    },
    *entries() {
      for (const e of map.values()) yield [e.parts, e.value];
    },
  };
}
