// Table and query sources: rows, filters, order, projection, parameters, literal quoting, reloads.
import { expect } from 'vitest';
import { PRODUCTS, SQL_FRAGMENT, type ProductRow } from '../fixture.js';
import type { OrmConformanceCase } from '../orm-conformance-case.js';

/** Table and query sources: rows, filters, order, projection, parameters, literal quoting, reloads. */
export const SOURCE_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'sources',
    name: 'table-all-rows-in-key-order',
    async run({ adapter: a }) {
      const rows = await a.fromTable<ProductRow>('products').load();
      expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
      expect(rows[3]).toEqual(PRODUCTS[3]);
    },
  },
  {
    area: 'sources',
    name: 'table-where-equality-in-and-null',
    async run({ adapter: a }) {
      expect((await a.fromTable<ProductRow>('products', { where: { family: 'wood' } }).load()).map((r) => r.name)).toEqual(['chair', 'table']);
      expect((await a.fromTable<ProductRow>('products', { where: { id: [3, 1, 99] } }).load()).map((r) => r.id)).toEqual([1, 3]);
      expect((await a.fromTable<ProductRow>('products', { where: { family: null } }).load()).map((r) => r.id)).toEqual([4]);
      expect(await a.fromTable('products', { where: { id: [] } }).load()).toEqual([]);
      expect((await a.fromTable<ProductRow>('products', { where: { family: 'wood', id: 2 } }).load()).map((r) => r.id)).toEqual([2]);
    },
  },
  {
    area: 'sources',
    name: 'table-order-by',
    async run({ adapter: a }) {
      const byProfitDesc = await a.fromTable<ProductRow>('products', { orderBy: [['profit', 'DESC']] }).load();
      expect(byProfitDesc.map((r) => r.id)).toEqual([3, 2, 1, 4, 5]);
      const byName = await a.fromTable<ProductRow>('products', { orderBy: 'name' }).load();
      expect(byName.map((r) => r.name)).toEqual([...PRODUCTS.map((p) => p.name)].sort());
      const two = await a.fromTable<{ a: number; c: number; id: number }>('loose', { orderBy: [['a', 'desc'], ['c', 'DESC'], 'id'] }).load();
      expect(two.map((r) => r.id)).toEqual([4, 3, 1, 2]);
    },
  },
  {
    area: 'sources',
    name: 'table-columns-projection',
    async run({ adapter: a }) {
      const rows = await a.fromTable('products', { columns: ['id', 'profit'], where: { id: 1 } }).load();
      expect(rows).toEqual([{ id: 1, profit: 45 }]);
    },
  },
  {
    area: 'sources',
    name: 'empty-table-empty-source',
    async run({ adapter: a }) {
      const s = a.fromTable('empty_things');
      expect(s.isIndexSource).toBe(true);
      expect(await s.load()).toEqual([]);
      expect(await a.fromQuery('SELECT * FROM products WHERE profit > ?', [1e9]).load()).toEqual([]);
    },
  },
  {
    area: 'sources',
    name: 'query-with-params',
    async run({ adapter: a }) {
      const rows = await a.fromQuery<{ name: string }>('SELECT name FROM products WHERE profit >= ? AND family = ? ORDER BY id', [50, 'wood']).load();
      expect(rows).toEqual([{ name: 'table' }]);
      // A ? inside a string literal is text, not a placeholder.
      const q = await a.fromQuery<{ q: string; n: number }>("SELECT '?' AS q, COUNT(*) AS n FROM products WHERE id < ?", [3]).load();
      expect(q).toEqual([{ q: '?', n: 2 }]);
    },
  },
  {
    area: 'sources',
    name: 'values-with-quotes-and-sql-match-literally',
    async run({ adapter: a }) {
      const hit = await a.fromTable<ProductRow>('products', { where: { name: SQL_FRAGMENT } }).load();
      expect(hit.map((r) => r.id)).toEqual([5]);
      const q = await a.fromQuery<ProductRow>('SELECT * FROM products WHERE name = ?', ["o'brien stool"]).load();
      expect(q.map((r) => r.id)).toEqual([4]);
      expect(await a.fromTable('products', { where: { name: "chair' OR '1'='1" } }).load()).toEqual([]);
      expect((await a.fromTable('products').load()).length).toBe(PRODUCTS.length);
    },
  },
  {
    area: 'sources',
    name: 'labels-name-the-source',
    async run({ adapter: a }) {
      expect(a.fromTable('products').label).toContain('products');
      expect(a.fromQuery('SELECT * FROM machines', [], { label: 'all machines' }).label).toBe('all machines');
    },
  },
  {
    area: 'sources',
    name: 'reloads-see-new-rows',
    async run({ adapter: a }) {
      const s = a.fromTable('machines');
      expect((await s.load()).length).toBe(3);
      await a.insertRows('machines', [{ name: 'drill', hours: 10 }]);
      expect((await s.load()).length).toBe(4);
    },
  },
];
