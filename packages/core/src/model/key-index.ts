/** A scalar part of a key: what database key columns and record ids hold. */
export type KeyPart = string | number | bigint | boolean;

/** The key of a column, row or group: a scalar, or a tuple of scalars (product families, group keys). */
export type Key = KeyPart | readonly KeyPart[];

interface Node {
  id: number;
  next: Map<KeyPart, Node> | undefined;
}

/**
 * Maps keys to dense ids 0..n-1 without building strings: scalars go straight into a Map
 * (so `1` and `'1'` stay different keys), tuples walk nested Maps, one level per part. Used for
 * family keys, row keys and group keys alike, so lookups by key cost O(key length).
 */
export class KeyIndex {
  private readonly root = new Map<KeyPart, Node>();
  private readonly empty: Node = { id: -1, next: undefined };
  private count = 0;

  /** Number of distinct keys. */
  get size(): number {
    return this.count;
  }

  /** The id of `key`, or -1 when it is not there. */
  get(key: Key): number {
    if (!Array.isArray(key)) return this.root.get(key as KeyPart)?.id ?? -1;
    const parts = key as readonly KeyPart[];
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
