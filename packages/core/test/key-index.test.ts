// KeyIndex gives dense ids to keys of every shape. Scalar keys that are small non-negative
// integers go to a table by value, the others to Maps; the ids must not depend on which.
import { describe, expect, it } from 'vitest';
import { KeyIndex, type Key } from '../src/model/key-index.js';
import { seededRandom } from '../src/testing/index.js';

/** The key as a reference Map key: its type and value (0 and -0 are one key, as in a Map). */
function canonical(key: Key): string {
  const part = (p: unknown) => `${typeof p}:${Object.is(p, -0) ? 0 : String(p)}`;
  return Array.isArray(key) ? `[${key.map(part).join('|')}]` : part(key);
}

describe('KeyIndex', () => {
  it('key-index/ids-of-a-random-mix-of-keys-match-a-reference-map-whichever-store-holds-them', () => {
    for (const seed of [1, 2, 3, 4]) {
      const r = seededRandom(seed);
      const pick = (): Key => {
        const u = r();
        const n = Math.floor(r() * 300);
        if (u < 0.35) return n; // small integers, dense
        if (u < 0.45) return n * 1000 + 7; // integers too sparse for the table
        if (u < 0.5) return -n; // negative (and -0)
        if (u < 0.55) return n + 0.5;
        if (u < 0.65) return String(n); // '5' is not 5
        if (u < 0.7) return n % 2 === 0;
        if (u < 0.8) return [n, 'x']; // a tuple whose first part is also a scalar key
        if (u < 0.9) return [n % 7, n % 5];
        return BigInt(n);
      };
      const index = new KeyIndex();
      const ref = new Map<string, number>();
      for (let i = 0; i < 3000; i++) {
        const key = pick();
        const c = canonical(key);
        const known = ref.get(c);
        const got = index.add(key);
        if (known === undefined) {
          expect(got).toBe(ref.size);
          ref.set(c, got);
        } else expect(got).toBe(-(known + 1));
        const probe = pick();
        expect(index.get(probe)).toBe(ref.get(canonical(probe)) ?? -1);
      }
      expect(index.size).toBe(ref.size);
    }
  });

  it('key-index/a-first-key-too-large-for-the-table-sends-the-rest-to-the-map-and-they-stay-found', () => {
    const index = new KeyIndex();
    expect(index.add(5_000_000)).toBe(0);
    for (let k = 0; k < 2000; k++) expect(index.add(k)).toBe(k + 1);
    for (let k = 0; k < 2000; k++) expect(index.get(k)).toBe(k + 1);
    expect(index.get(5_000_000)).toBe(0);
    expect(index.add(3)).toBe(-(3 + 1 + 1));
    expect(index.get(2000)).toBe(-1);
  });
});
