// Schema: idempotent creation, missing columns and tables, foreign keys and unique constraints enforced with the row named, identifiers validated.
import { expect } from 'vitest';
import { FIXTURE_TABLES, PRODUCTS, RECIPES } from '../fixture.js';
import { expectLumixError } from '../expect-lumix-error.js';
import type { OrmConformanceCase } from '../orm-conformance-case.js';

/** Schema: idempotent creation, missing columns and tables, foreign keys and unique constraints enforced with the row named, identifiers validated. */
export const SCHEMA_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'schema',
    name: 'create-tables-is-idempotent',
    async run({ adapter: a }) {
      await a.createTables(FIXTURE_TABLES);
      await a.createTables(FIXTURE_TABLES);
      expect((await a.fromTable('products').load()).length).toBe(PRODUCTS.length);
    },
  },
  {
    area: 'schema',
    name: 'list-tables-and-table-exists',
    async run({ adapter: a }) {
      // User tables only, sorted; the database's own (SQLite's sqlite_sequence) are not listed.
      expect(await a.listTables()).toEqual([...FIXTURE_TABLES.map((s) => s.name), 'solve_runs'].sort());
      expect(await a.tableExists('products')).toBe(true);
      expect(await a.tableExists('PRODUCTS')).toBe(true);
      expect(await a.tableExists('no_such_table')).toBe(false);
      await expectLumixError(a.tableExists('products; DROP TABLE products'), 'INVALID_NAME');
      await a.createTables([{ name: 'added_later', columns: { id: { type: 'integer', primaryKey: true } } }]);
      expect(await a.listTables()).toContain('added_later');
      expect(await a.tableExists('added_later')).toBe(true);
    },
  },
  {
    area: 'schema',
    name: 'existing-table-missing-a-column-is-reported',
    async run({ adapter: a }) {
      const e = await expectLumixError(
        a.createTables([{ name: 'machines', columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text' }, speed: { type: 'real' } } }]),
        'SCHEMA_ERROR',
      );
      expect(e.message).toContain('speed');
      expect(e.details['table']).toBe('machines');
    },
  },
  {
    area: 'schema',
    name: 'foreign-keys-are-enforced',
    async run({ adapter: a, dialect }) {
      const e = await expectLumixError(a.insertRows('recipes', [{ product_id: 1, machine_id: 3, hours: 1 }, { product_id: 77, machine_id: 1, hours: 1 }]), 'DATA_ERROR');
      expect(e.details['table']).toBe('recipes');
      expect(e.message).toContain('recipes');
      expect(e.message).toContain('products');
      expect(e.details['row']).toBe(1);
      expect((await a.fromTable('recipes').load()).length).toBe(RECIPES.length);
      // SQLite enforces foreign keys per connection once turned on; PostgreSQL always does.
      if (dialect === 'sqlite') {
        const fk = await a.query<{ foreign_keys: number }>('PRAGMA foreign_keys');
        expect(fk[0]?.foreign_keys).toBe(1);
      }
    },
  },
  {
    area: 'schema',
    name: 'deleting-a-referenced-parent-is-rejected',
    async run(t) {
      const a = t.adapter;
      const deleted = await t.execRaw('DELETE FROM products WHERE id = 1').then(
        () => true,
        () => false,
      );
      expect(deleted).toBe(false);
      expect((await a.fromTable('products', { where: { id: 1 } }).load()).length).toBe(1);
    },
  },
  {
    area: 'schema',
    name: 'unique-constraints-are-enforced',
    async run({ adapter: a }) {
      const e = await expectLumixError(a.insertRows('recipes', [{ product_id: 1, machine_id: 3, hours: 1 }, { product_id: 1, machine_id: 3, hours: 2 }]), 'DATA_ERROR');
      expect(e.message).toContain('recipes');
      expect(e.details['row']).toBe(1);
      const e2 = await expectLumixError(a.insertRows('machines', [{ name: 'cutter', hours: 1 }]), 'DATA_ERROR');
      expect(e2.message).toContain('machines');
      expect((await a.fromTable('recipes').load()).length).toBe(RECIPES.length);
    },
  },
  {
    area: 'schema',
    name: 'invalid-identifiers-are-rejected',
    async run({ adapter: a }) {
      await expectLumixError(() => a.fromTable('products; DROP TABLE products').load(), 'INVALID_NAME');
      await expectLumixError(() => a.fromTable('products', { where: { 'id = 1 OR 1': 1 } }).load(), 'INVALID_NAME');
      await expectLumixError(a.createTables([{ name: 'bad name', columns: { id: { type: 'integer' } } }]), 'INVALID_NAME');
      await expectLumixError(a.insertRows('machines', [{ 'name"': 'x', hours: 1 }]), 'INVALID_NAME');
      expect((await a.fromTable('products').load()).length).toBe(PRODUCTS.length);
    },
  },
  {
    area: 'schema',
    name: 'references-to-a-missing-table-are-reported',
    async run({ adapter: a }) {
      const e = await expectLumixError(
        a.createTables([{ name: 'orders', columns: { id: { type: 'integer', primaryKey: true }, customer_id: { type: 'integer', references: 'customers' } } }]),
        'SCHEMA_ERROR',
      );
      expect(e.message).toContain('customers');
    },
  },
];
