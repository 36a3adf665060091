// Query sources and query() only read, whatever the statement: SQLite's setting pragmas (in every
// form, EXPLAIN included), and writes written to slip past a text check, change nothing, and a
// later save still enforces what the adapter promises (foreign keys, all or nothing).
import { expect } from 'vitest';
import { isLumixError, type LumixError, type OrmAdapter } from '@lumix/core';
import { MACHINES, makeRun } from '../fixture.js';
import { expectLumixError } from '../expect-lumix-error.js';
import { snapshotDatabase } from '../snapshot.js';
import type { OrmConformanceCase } from '../orm-conformance-case.js';

/**
 * Sends each statement through `query` and through a query source, and returns what each did
 * (`'ran'`, or the LumixError code), without stopping at the first: the checks of the database
 * state come first, then the refusals.
 */
async function attempt(a: OrmAdapter, statements: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const sql of statements) {
    for (const [via, run] of [
      ['query', () => a.query(sql)],
      ['fromQuery', () => a.fromQuery(sql).load()],
    ] as const) {
      try {
        await run();
        out[`${via}: ${sql}`] = 'ran';
      } catch (e) {
        out[`${via}: ${sql}`] = isLumixError(e) ? e.code : `not a LumixError: ${String(e)}`;
      }
    }
  }
  return out;
}

/** Every attempt was refused as a write through a read (INVALID_ARGUMENT). */
function expectAllRefused(outcomes: Record<string, string>): void {
  expect(outcomes).toEqual(Object.fromEntries(Object.keys(outcomes).map((k) => [k, 'INVALID_ARGUMENT'])));
}

/** Query sources and query() only read: pragmas that set something and writes change nothing. */
export const READ_ONLY_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'read-only',
    name: 'foreign-keys-pragma-in-function-form-is-refused-and-orphans-stay-out',
    needs: ['sqlite-file'],
    async run({ adapter: a }) {
      const outcomes = await attempt(a, ['PRAGMA foreign_keys(0)', 'PRAGMA foreign_keys(OFF)', 'pragma main.foreign_keys("no")', 'EXPLAIN PRAGMA foreign_keys = 0']);
      // A save of a row whose parent is missing must still fail, and leave nothing behind.
      const before = await snapshotDatabase(a);
      const e = await expectLumixError(a.saveRun({ run: makeRun() }, { rows: () => ({ plan: [{ product_id: 999, quantity: 1 }] }) }), 'PERSISTENCE_FAILED');
      expect(isLumixError((e as Error & { cause?: unknown }).cause, 'DATA_ERROR')).toBe(true);
      expect(await snapshotDatabase(a)).toEqual(before);
      await expectLumixError(a.insertRows('recipes', [{ product_id: 999, machine_id: 1, hours: 1 }]), 'DATA_ERROR');
      expect(await a.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      expectAllRefused(outcomes);
    },
  },
  {
    area: 'read-only',
    name: 'journal-mode-pragma-in-function-form-is-refused-and-saves-stay-all-or-nothing',
    needs: ['sqlite-file'],
    async run({ adapter: a }) {
      const outcomes = await attempt(a, ['PRAGMA journal_mode(OFF)', 'PRAGMA main.journal_mode(off)', 'PRAGMA journal_mode = MEMORY']);
      expect(await a.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'delete' }]);
      // Without a rollback journal a failed save could not be undone: it still must be.
      const before = await snapshotDatabase(a);
      const notes = Array.from({ length: 600 }, (_, i) => ({ product_id: i === 550 ? 999 : (i % 5) + 1, text: `n${i}` }));
      await expectLumixError(a.saveRun({ run: makeRun() }, { rows: () => ({ notes }) }), 'PERSISTENCE_FAILED');
      expect(await snapshotDatabase(a)).toEqual(before);
      expectAllRefused(outcomes);
    },
  },
  {
    area: 'read-only',
    name: 'user-version-pragma-in-function-form-is-refused-and-unchanged',
    needs: ['sqlite-file'],
    async run({ adapter: a }) {
      const outcomes = await attempt(a, ['PRAGMA user_version(42)', 'PRAGMA main.user_version(42)', "PRAGMA user_version = '7'"]);
      expect(await a.query('PRAGMA user_version')).toEqual([{ user_version: 0 }]);
      expectAllRefused(outcomes);
      // Reading pragmas still work, in every form.
      expect(await a.query('PRAGMA main.user_version;')).toEqual([{ user_version: 0 }]);
      expect((await a.query<{ name: string }>('PRAGMA table_info(machines)')).map((c) => c.name)).toEqual(['id', 'name', 'hours']);
      expect((await a.fromQuery<{ name: string }>("PRAGMA table_info('machines')").load()).length).toBe(3);
    },
  },
  {
    area: 'read-only',
    name: 'writes-are-refused-however-they-are-written',
    async run({ adapter: a, dialect }) {
      const before = await snapshotDatabase(a);
      const outcomes = await attempt(a, [
        "INSERT INTO machines (name, hours) VALUES ('sneaky', 1)",
        // A quote inside a quoted identifier once hid the INSERT from the read check.
        `WITH "x'y" AS (SELECT 1) INSERT INTO machines (name, hours) SELECT 'sneaky', 1 FROM "x'y"`,
        'SELECT 1; DELETE FROM recipes',
        ...(dialect === 'sqlite'
          ? ['PRAGMA incremental_vacuum(1)', "VACUUM INTO 'copy.db'"]
          : // SELECTs that write: the read-only connection is what refuses them.
            ['SELECT * INTO stolen FROM products', "SELECT nextval(pg_get_serial_sequence('machines', 'id'))", "SELECT setval(pg_get_serial_sequence('machines', 'id'), 1000)", 'SET search_path TO nowhere']),
      ]);
      expect(await snapshotDatabase(a)).toEqual(before);
      expect((await a.fromTable('machines').load()).length).toBe(MACHINES.length);
      expectAllRefused(outcomes);
      const e = (await a.query('DELETE FROM recipes').catch((x: unknown) => x)) as LumixError;
      expect(e.message).toContain('insertRows or saveRun');
    },
  },
];
