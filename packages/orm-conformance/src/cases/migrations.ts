// The `migrations` capability: numbered migrations run once each, in order, all or nothing.
import { expect } from 'vitest';
import { expectLumixError } from '../expect-lumix-error.js';
import type { OrmConformanceCase, SqlMigration } from '../orm-conformance-case.js';

const STEPS: readonly SqlMigration[] = [
  { version: 1, sql: 'CREATE TABLE migrated (id INTEGER PRIMARY KEY, name TEXT NOT NULL)' },
  { version: 2, sql: 'ALTER TABLE migrated ADD COLUMN price REAL NOT NULL DEFAULT 0' },
];

/** Migrations: each version once, in order; a failing one rolled back and named, earlier ones kept. */
export const MIGRATION_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'migrations',
    name: 'each-version-runs-once-and-a-failing-one-is-rolled-back',
    needs: ['migrations'],
    async run(t) {
      if (t.migrate === undefined) throw new Error('the adapter claims `migrations` but gives no migrate');
      const a = t.adapter;
      expect(await t.migrate(STEPS)).toEqual([1, 2]);
      expect(await t.migrate(STEPS)).toEqual([]);
      await a.insertRows('migrated', [{ name: 'x', price: 2 }]);
      expect(await a.fromTable('migrated', { columns: ['name', 'price'] }).load()).toEqual([{ name: 'x', price: 2 }]);
      const broken = [...STEPS, { version: 3, sql: 'CREATE TABLE half_done (id INTEGER PRIMARY KEY); ALTER TABLE no_such_table ADD COLUMN y INTEGER' }];
      await expectLumixError(t.migrate(broken), 'SCHEMA_ERROR');
      expect(await a.tableExists('half_done')).toBe(false);
      expect(await t.migrate([...STEPS, { version: 3, sql: 'CREATE TABLE half_done (id INTEGER PRIMARY KEY)' }])).toEqual([3]);
    },
  },
];
