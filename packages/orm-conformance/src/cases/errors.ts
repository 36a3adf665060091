// Bad input named: missing tables and columns, stored non-numbers, non-finite writes, duplicate keys, dangling foreign keys, placeholders, writes through a query source, NOT NULL.
import { expect } from 'vitest';
import { Model } from '@lumix/core';
import { MACHINES, PRODUCTS, RECIPES } from '../fixture.js';
import { expectLumixError } from '../expect-lumix-error.js';
import type { OrmConformanceCase } from '../orm-conformance-case.js';

/** Bad input named: missing tables and columns, stored non-numbers, non-finite writes, duplicate keys, dangling foreign keys, placeholders, writes through a query source, NOT NULL. */
export const BAD_INPUT_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'bad-input',
    name: 'missing-table-is-named',
    async run({ adapter: a }) {
      for (const p of [
        () => a.fromTable('no_such_table').load(),
        () => a.lookup('no_such_table', 'id', 'v'),
        () => a.insertRows('no_such_table', [{ id: 1 }]),
        () => a.readRunRows('no_such_table', 1),
        () => a.fromQuery('SELECT * FROM no_such_table').load(),
      ]) {
        const e = await expectLumixError(p, 'SCHEMA_ERROR');
        expect(e.message).toContain('no_such_table');
      }
    },
  },
  {
    area: 'bad-input',
    name: 'missing-column-is-named',
    async run({ adapter: a }) {
      for (const p of [
        () => a.fromTable('products', { where: { colour: 'red' } }).load(),
        () => a.fromTable('products', { orderBy: 'colour' }).load(),
        () => a.fromTable('products', { columns: ['id', 'colour'] }).load(),
        () => a.lookup('products', 'id', 'colour'),
        () => a.lookup('products', ['id', 'colour'], 'profit'),
        () => a.insertRows('products', [{ name: 'x', profit: 1, max_demand: 1, colour: 'red' }]),
        () => a.fromQuery('SELECT colour FROM products').load(),
      ]) {
        const e = await expectLumixError(p, 'SCHEMA_ERROR');
        expect(e.message).toContain('colour');
      }
    },
  },
  {
    area: 'bad-input',
    name: 'non-finite-stored-number-is-named',
    async run(t) {
      const a = t.adapter;
      // SQLite reads 9e999 as Infinity; PostgreSQL refuses it as out of range but stores 'Infinity'.
      await t.execRaw(`INSERT INTO loose (id, a, b, c, v) VALUES (10, 9, 'inf', 9, ${t.dialect === 'sqlite' ? '9e999' : "'Infinity'"})`);
      const e = await expectLumixError(() => a.fromTable('loose').load(), 'DATA_ERROR');
      expect(e.message).toContain('loose');
      expect(e.message).toContain('id=10');
      expect(e.details['column']).toBe('v');
      const e2 = await expectLumixError(a.lookup('loose', ['a', 'b', 'c'], 'v'), 'DATA_ERROR');
      expect(e2.message).toContain('Infinity');
      // Filtered out: the bad row is not read, so nothing fails.
      expect((await a.fromTable('loose', { where: { a: 1 } }).load()).length).toBe(2);
    },
  },
  {
    area: 'bad-input',
    name: 'non-numeric-text-in-a-numeric-column-is-named',
    async run(t) {
      const a = t.adapter;
      const plant = t.execRaw("INSERT INTO products (id, name, profit, max_demand) VALUES (20, 'bad', 'lots', 3)");
      if (t.dialect === 'postgres') {
        // PostgreSQL's typed columns refuse the text itself: there is nothing to find on reading.
        await expect(plant).rejects.toThrow(/double precision/);
        expect((await a.fromTable('products').load()).length).toBe(PRODUCTS.length);
        return;
      }
      await plant;
      const e = await expectLumixError(() => a.fromTable('products').load(), 'DATA_ERROR');
      expect(e.message).toContain('id=20');
      expect(e.message).toContain('profit');
      await expectLumixError(a.lookup('products', 'id', 'profit'), 'DATA_ERROR');
      const e3 = await expectLumixError(() => a.fromQuery('SELECT id, profit FROM products', [], { numeric: ['profit'] }).load(), 'DATA_ERROR');
      expect(e3.message).toContain('profit');
    },
  },
  {
    area: 'bad-input',
    name: 'non-finite-numbers-are-not-written',
    async run({ adapter: a }) {
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        const e = await expectLumixError(a.insertRows('machines', [{ name: 'ok', hours: 1 }, { name: 'bad', hours: bad }]), 'INVALID_NUMBER');
        expect(e.details['row']).toBe(1);
        expect(e.message).toContain('machines');
      }
      expect((await a.fromTable('machines').load()).length).toBe(MACHINES.length);
    },
  },
  {
    area: 'bad-input',
    name: 'duplicate-keys-in-a-key-column',
    async run({ adapter: a }) {
      await expectLumixError(a.lookup('loose', 'b', 'v'), 'DUPLICATE_KEY');
      const m = new Model('dup');
      m.continuous('x', a.fromTable<{ a: number }>('loose'), { key: (r) => r.a });
      await expectLumixError(m.compile(), 'DUPLICATE_KEY');
    },
  },
  {
    area: 'bad-input',
    name: 'foreign-key-to-a-missing-row-is-named',
    async run({ adapter: a }) {
      const e = await expectLumixError(a.insertRows('recipes', [{ product_id: 3, machine_id: 42, hours: 1 }]), 'DATA_ERROR');
      expect(e.message).toContain('recipes');
      expect(e.message).toContain('machines');
      expect(e.details['table']).toBe('recipes');
      expect(e.details['column']).toBe('machine_id');
    },
  },
  {
    area: 'bad-input',
    name: 'placeholder-count-must-match',
    async run({ adapter: a }) {
      await expectLumixError(() => a.fromQuery('SELECT * FROM products WHERE id = ?', []).load(), 'INVALID_ARGUMENT');
      await expectLumixError(() => a.fromQuery('SELECT * FROM products WHERE id = ?', [1, 2]).load(), 'INVALID_ARGUMENT');
      await expectLumixError(() => a.fromQuery('SELECT * FROM products WHERE id = :id', [1]).load(), 'INVALID_ARGUMENT');
    },
  },
  {
    area: 'bad-input',
    name: 'query-sources-only-read',
    async run({ adapter: a, dialect }) {
      await expectLumixError(() => a.fromQuery('DELETE FROM recipes').load(), 'INVALID_ARGUMENT');
      await expectLumixError(a.query('UPDATE products SET profit = 0'), 'INVALID_ARGUMENT');
      if (dialect === 'sqlite') await expectLumixError(a.query('PRAGMA foreign_keys = OFF'), 'INVALID_ARGUMENT');
      else await expectLumixError(a.query("SET session_replication_role = 'replica'"), 'INVALID_ARGUMENT'); // would turn foreign keys off
      expect((await a.fromTable('recipes').load()).length).toBe(RECIPES.length);
      if (dialect === 'sqlite') expect(await a.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      else expect(await a.query('SHOW session_replication_role')).toEqual([{ session_replication_role: 'origin' }]);
    },
  },
  {
    area: 'bad-input',
    name: 'not-null-is-named',
    async run({ adapter: a }) {
      const e = await expectLumixError(a.insertRows('machines', [{ name: 'x' }]), 'DATA_ERROR');
      expect(e.message).toContain('hours');
    },
  },
];
