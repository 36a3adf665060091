/** A scalar part of a key: what database key columns and record ids hold. */
export type KeyPart = string | number | bigint | boolean;

/** The key of a column, row or group: a scalar, or a tuple of scalars (product families, group keys). */
export type Key = KeyPart | readonly KeyPart[];

interface Node {
  id: number;
  next: Map<KeyPart, Node> | undefined;
}

/** Radix per part of a packed tuple of 1 to 4 parts: small packs stay small integers, wide ones fit a double. */
const SMALL_RADIX = [0, 2 ** 30, 2 ** 15, 2 ** 10, 2 ** 7];
const WIDE_RADIX = [0, 2 ** 52, 2 ** 26, 2 ** 17, 2 ** 13];

/**
 * A tuple of 1 to 4 non-negative integers as one number, the parts in mixed radix, or -1 when
 * it has other parts. Small packs (every part below {@link SMALL_RADIX}) stay small integers,
 * the cheapest Map keys; the others use {@link WIDE_RADIX}.
 */
function packSmall(parts: readonly KeyPart[], len: number): number {
  const radix = SMALL_RADIX[len]!;
  let code = 0;
  for (let i = 0; i < len; i++) {
    const p = parts[i] as number;
    // (p | 0) === p is false for non-numbers, fractions, NaN and anything outside int32.
    if ((p | 0) !== p || p < 0 || p >= radix) return -1;
    code = code * radix + p;
  }
  return code;
}

function packWide(parts: readonly KeyPart[], len: number): number {
  const radix = WIDE_RADIX[len]!;
  let code = 0;
  for (let i = 0; i < len; i++) {
    const p = parts[i];
    if (typeof p !== 'number' || !(p >= 0 && p < radix) || Math.floor(p) !== p) return -1;
    code = code * radix + p;
  }
  return code;
}

/**
 * Maps keys to dense ids 0..n-1 without building strings: scalars go straight into a Map
 * (so `1` and `'1'` stay different keys); tuples of up to 4 small non-negative integers (row
 * and group keys made of ids and indices, the common case) are packed into one number, one Map
 * per length and width; other tuples walk nested Maps, one level per part. Used for family
 * keys, row keys and group keys alike, so lookups by key cost O(key length).
 */
export class KeyIndex {
  private readonly root = new Map<KeyPart, Node>();
  private readonly empty: Node = { id: -1, next: undefined };
  /** Packed tuples by length (1..4) and width: index `2 * length + (wide ? 1 : 0)`. */
  private readonly packed: Array<Map<number, number> | undefined> = [];
  private count = 0;
  /**
   * Scalar keys that are small non-negative integers (record ids: the common case), by value: id + 1,
   * 0 when absent. No Map, no node per key. It grows to fit new keys while it stays within a few
   * cells per key; once a key does not fit, it stops growing, and larger integers go to the root Map.
   */
  private small = new Int32Array(0);
  private smallGrows = true;

  /** The slot of a scalar key in {@link small}, or -1 when it belongs in the root Map. */
  private smallSlot(key: KeyPart, adding: boolean): number {
    if (typeof key !== 'number' || (key | 0) !== key || key < 0) return -1;
    if (key < this.small.length) return key;
    if (!adding || !this.smallGrows) return -1;
    let len = Math.max(64, this.small.length * 2);
    while (len <= key) len *= 2;
    if (len > 8 * this.count + 1024) {
      // Too sparse: this key and every larger one go to the root Map from now on.
      this.smallGrows = false;
      return -1;
    }
    const wider = new Int32Array(len);
    wider.set(this.small);
    this.small = wider;
    return key;
  }

  /** The pack of `parts` (its Map slot in {@link slot}), or -1 when they do not pack. */
  private packedOf(parts: readonly KeyPart[]): number {
    const len = parts.length;
    if (len === 0 || len > 4) return -1;
    let code = packSmall(parts, len);
    let slot = 2 * len;
    if (code < 0) {
      code = packWide(parts, len);
      if (code < 0) return -1;
      slot++;
    }
    this.slot = slot;
    return code;
  }

  /** The slot of the last successful {@link packedOf}. */
  private slot = 0;

  /** Number of distinct keys. */
  get size(): number {
    return this.count;
  }

  /** The id of `key`, or -1 when it is not there. */
  get(key: Key): number {
    if (!Array.isArray(key)) {
      const at = this.smallSlot(key as KeyPart, false);
      if (at >= 0) return this.small[at]! - 1;
      return this.root.get(key as KeyPart)?.id ?? -1;
    }
    const parts = key as readonly KeyPart[];
    const code = this.packedOf(parts);
    if (code >= 0) return this.packed[this.slot]?.get(code) ?? -1;
    if (parts.length === 0) return this.empty.id;
    let node = this.root.get(parts[0]!);
    for (let i = 1; i < parts.length && node !== undefined; i++) node = node.next?.get(parts[i]!);
    return node?.id ?? -1;
  }

  /**
   * The id of `key`, adding it with the next id when absent. Returns `-(id + 1)` — a negative
   * number — when the key was already there, so callers detect duplicates without a second lookup.
   */
  add(key: Key): number {
    let node: Node;
    if (!Array.isArray(key)) {
      const at = this.smallSlot(key as KeyPart, true);
      if (at >= 0) {
        const had = this.small[at]!;
        if (had > 0) return -had;
        this.small[at] = this.count + 1;
        return this.count++;
      }
      const found = this.root.get(key as KeyPart);
      if (found !== undefined) {
        if (found.id >= 0) return -(found.id + 1);
        found.id = this.count++;
        return found.id;
      }
      node = { id: this.count++, next: undefined };
      this.root.set(key as KeyPart, node);
      return node.id;
    }
    const parts = key as readonly KeyPart[];
    const code = this.packedOf(parts);
    if (code >= 0) {
      let map = this.packed[this.slot];
      if (map === undefined) {
        map = new Map();
        this.packed[this.slot] = map;
      }
      const found = map.get(code);
      if (found !== undefined) return -(found + 1);
      map.set(code, this.count);
      return this.count++;
    }
    if (parts.length === 0) {
      node = this.empty;
    } else {
      let level = this.root;
      node = undefined as unknown as Node;
      for (let i = 0; i < parts.length; i++) {
        let n = level.get(parts[i]!);
        if (n === undefined) {
          n = { id: -1, next: undefined };
          level.set(parts[i]!, n);
        }
        node = n;
        if (i < parts.length - 1) {
          if (n.next === undefined) n.next = new Map();
          level = n.next;
        }
      }
    }
    if (node.id >= 0) return -(node.id + 1);
    node.id = this.count++;
    return node.id;
  }
}

/** True when `x` is a valid {@link KeyPart}. */
function isKeyPart(x: unknown): x is KeyPart {
  const t = typeof x;
  return t === 'string' || (t === 'number' && !Number.isNaN(x)) || t === 'bigint' || t === 'boolean';
}

/** True when `x` is a valid {@link Key}. */
export function isKey(x: unknown): x is Key {
  return isKeyPart(x) || (Array.isArray(x) && x.every(isKeyPart));
}

/** A key as people read it: `3`, `chair`, `1,7,2`. */
export function formatKey(key: Key): string {
  return Array.isArray(key) ? key.map(String).join(',') : String(key);
}
