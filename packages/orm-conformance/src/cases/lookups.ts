// Lookups: 1 to 3 key columns by name or function, filters, query sources, duplicate and oversized keys.
import { expect } from 'vitest';
import { RECIPES, SQL_FRAGMENT, type ProductRow } from '../fixture.js';
import { expectLumixError } from '../expect-lumix-error.js';
import type { OrmConformanceCase } from '../orm-conformance-case.js';

/** Lookups: 1 to 3 key columns by name or function, filters, query sources, duplicate and oversized keys. */
export const LOOKUP_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'lookups',
    name: 'one-key-column',
    async run({ adapter: a }) {
      const profit = await a.lookup('products', 'id', 'profit');
      expect(profit.size).toBe(5);
      expect(profit.get(3)).toBe(110);
      expect(profit.has(9)).toBe(false);
      expect(profit.getOr(-1, 9)).toBe(-1);
      await expectLumixError(() => profit.get(9), 'UNKNOWN_KEY');
    },
  },
  {
    area: 'lookups',
    name: 'two-key-columns-by-name-and-by-function',
    async run({ adapter: a }) {
      const byName = await a.lookup('recipes', ['product_id', 'machine_id'], 'hours');
      const byFn = await a.lookup<number, { product_id: number; machine_id: number; hours: number }>(
        'recipes',
        (r) => [r.product_id, r.machine_id],
        (r) => r.hours,
      );
      for (const r of RECIPES) {
        expect(byName.get(r.product_id, r.machine_id)).toBe(r.hours);
        expect(byFn.get(r.product_id, r.machine_id)).toBe(r.hours);
      }
      expect(byName.getOr(0, 1, 3)).toBe(0);
      expect(byName.size).toBe(RECIPES.length);
    },
  },
  {
    area: 'lookups',
    name: 'three-key-columns',
    async run({ adapter: a }) {
      const l = await a.lookup('loose', ['a', 'b', 'c'], 'v');
      expect(l.get(2, 'x', 2)).toBe(4.5);
      expect(l.get(1, 'y', 1)).toBe(2.5);
      expect(l.has(2, 'y', 1)).toBe(false);
    },
  },
  {
    area: 'lookups',
    name: 'where-filter',
    async run({ adapter: a }) {
      const l = await a.lookup('recipes', ['product_id', 'machine_id'], 'hours', { where: { machine_id: 1 } });
      expect(l.size).toBe(3);
      expect(l.has(1, 2)).toBe(false);
    },
  },
  {
    area: 'lookups',
    name: 'from-a-query-source',
    async run({ adapter: a }) {
      const s = a.fromQuery<{ p: number; m: number; h: number }>('SELECT product_id AS p, machine_id AS m, hours * 2 AS h FROM recipes WHERE hours >= ?', [1]);
      const l = await a.lookup(s, ['p', 'm'], 'h');
      expect(l.get(3, 1)).toBe(6);
      expect(l.has(1, 2)).toBe(false);
    },
  },
  {
    area: 'lookups',
    name: 'non-numeric-values-by-function',
    async run({ adapter: a }) {
      const names = await a.lookup<string, ProductRow>('products', 'id', (r) => r.name);
      expect(names.get(5)).toBe(SQL_FRAGMENT);
    },
  },
  {
    area: 'lookups',
    name: 'duplicate-key-is-an-error',
    async run({ adapter: a }) {
      const e = await expectLumixError(a.lookup('loose', ['a', 'c'], 'v'), 'DUPLICATE_KEY');
      expect(e.message).toContain('loose');
      expect(e.details['key']).toEqual(['1', '1']);
      await expectLumixError(a.lookup('loose', 'a', 'v'), 'DUPLICATE_KEY');
    },
  },
  {
    area: 'lookups',
    name: 'key-of-four-columns-is-rejected',
    async run({ adapter: a }) {
      await expectLumixError(a.lookup('loose', ['id', 'a', 'b', 'c'], 'v'), 'INVALID_ARGUMENT');
    },
  },
];
