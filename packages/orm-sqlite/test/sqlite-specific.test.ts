// Behaviour of @lumix/orm-sqlite beyond the shared conformance suite: opening, migrations,
// transaction queueing on one connection, the generated DDL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLumixError, solutionTable, type LumixErrorCode } from '@lumix/core';
import { closeDatabase, createTableSql, migrate, openDatabase, query, saveRun, sqliteAdapter, tableInfo, withTransaction } from '@lumix/orm-sqlite';
import { makeRun } from '@lumix/orm-conformance';

const dir = mkdtempSync(join(tmpdir(), 'lumix-sqlite-'));
let n = 0;
const fresh = () => join(dir, `s${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function expectCode(p: Promise<unknown>, code: LumixErrorCode): Promise<Error> {
  try {
    await p;
  } catch (e) {
    expect(isLumixError(e, code), `expected ${code}, got ${String(e)}`).toBe(true);
    return e as Error;
  }
  throw new Error(`expected ${code}, nothing thrown`);
}

const RUN = makeRun();

describe('open', () => {
  it('open/foreign-keys-on', async () => {
    const db = await openDatabase(fresh());
    expect(await query(db, 'PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    await closeDatabase(db);
  });

  it('open/unopenable-path-is-source-failed', async () => {
    const e = await expectCode(openDatabase(join(dir, 'no', 'such', 'dir', 'x.db')), 'SOURCE_FAILED');
    expect(e.message).toContain('x.db');
  });

  it('open/readonly-refuses-writes', async () => {
    const file = fresh();
    const w = sqliteAdapter(await openDatabase(file));
    await w.createTables([{ name: 't', columns: { id: { type: 'integer', primaryKey: true }, x: { type: 'real' } } }]);
    await w.close();
    const r = sqliteAdapter(await openDatabase(file, { readonly: true }));
    expect(await r.fromTable('t').load()).toEqual([]);
    await expect(r.insertRows('t', [{ x: 1 }])).rejects.toThrow();
    await r.close();
  });
});

describe('migrate', () => {
  it('migrate/applies-each-version-once-in-order', async () => {
    const db = await openDatabase(fresh());
    const steps = [
      { version: 1, name: 'products', up: 'CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL)' },
      { version: 2, name: 'add price', up: 'ALTER TABLE products ADD COLUMN price REAL NOT NULL DEFAULT 0' },
    ];
    expect(await migrate(db, steps)).toEqual([1, 2]);
    expect(await migrate(db, steps)).toEqual([]);
    expect((await tableInfo(db, 'products')).columns.map((c) => c.name)).toEqual(['id', 'name', 'price']);
    expect(await query(db, 'PRAGMA user_version')).toEqual([{ user_version: 2 }]);
    const more = [...steps, { version: 3, up: async () => undefined }];
    expect(await migrate(db, more)).toEqual([3]);
    await closeDatabase(db);
  });

  it('migrate/a-failing-step-is-rolled-back-and-named', async () => {
    const db = await openDatabase(fresh());
    const e = await expectCode(
      migrate(db, [
        { version: 1, up: 'CREATE TABLE a (id INTEGER PRIMARY KEY)' },
        { version: 2, name: 'broken', up: 'CREATE TABLE b (id INTEGER PRIMARY KEY); ALTER TABLE missing ADD COLUMN x INTEGER' },
      ]),
      'SCHEMA_ERROR',
    );
    expect(e.message).toContain('Migration 2 (broken)');
    expect(await query(db, 'PRAGMA user_version')).toEqual([{ user_version: 1 }]);
    expect(await query(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b') ORDER BY name")).toEqual([{ name: 'a' }]);
    await closeDatabase(db);
  });

  it('migrate/versions-must-increase', async () => {
    const db = await openDatabase(fresh());
    await expectCode(migrate(db, [{ version: 2, up: '' }, { version: 1, up: '' }]), 'INVALID_ARGUMENT');
    await closeDatabase(db);
  });
});

describe('transactions', () => {
  it('transactions/concurrent-saves-on-one-connection-are-queued', async () => {
    const db = await openDatabase(fresh());
    const a = sqliteAdapter(db);
    await a.createTables([solutionTable('vals', { v: { type: 'real' } })]);
    const saved = await Promise.all(
      Array.from({ length: 5 }, (_, i) => saveRun(db, { run: { ...RUN, objective: i } }, { rows: () => ({ vals: [{ v: i }, { v: i + 0.5 }] }) })),
    );
    expect(new Set(saved.map((s) => s.id)).size).toBe(5);
    expect((await a.listRuns()).map((r) => r.objective).sort()).toEqual([0, 1, 2, 3, 4]);
    expect((await a.fromTable('vals').load()).length).toBe(10);
    await a.close();
  });

  it('transactions/failure-rolls-back-and-the-queue-goes-on', async () => {
    const db = await openDatabase(fresh());
    await expect(
      withTransaction(db, async () => {
        await query(db, 'SELECT 1');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await withTransaction(db, async () => 42)).toBe(42);
    await closeDatabase(db);
  });
});

describe('ddl', () => {
  it('ddl/foreign-keys-unique-and-indexes', () => {
    const [table, index] = createTableSql(solutionTable('plan', { product_id: { type: 'integer', references: 'products' }, qty: { type: 'real', default: 0 } }));
    expect(table).toContain('"run_id" INTEGER NOT NULL REFERENCES "solve_runs"("id") ON DELETE CASCADE');
    expect(table).toContain('"product_id" INTEGER NOT NULL REFERENCES "products"("id") ON DELETE RESTRICT');
    expect(table).toContain('"qty" REAL NOT NULL DEFAULT 0');
    expect(index).toBe('CREATE INDEX IF NOT EXISTS "ix_plan_run_id" ON "plan" ("run_id")');
    const [withUnique] = createTableSql(solutionTable('plan', { product_id: { type: 'integer' } }, { unique: [['product_id']] }));
    expect(withUnique).toContain('UNIQUE ("run_id", "product_id")');
  });

  it('ddl/string-defaults-are-quoted', () => {
    const [sql] = createTableSql({ name: 't', columns: { id: { type: 'integer', primaryKey: true }, s: { type: 'text', default: "it's" } } });
    expect(sql).toContain(`DEFAULT 'it''s'`);
  });
});

describe('foreign keys', () => {
  it('foreign-keys/enforced-on-writes-through-a-connection-opened-elsewhere', async () => {
    const sqlite3 = (await import('sqlite3')).default;
    const file = fresh();
    const db = await new Promise<InstanceType<typeof sqlite3.Database>>((resolve, reject) => {
      const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
    });
    // The connection itself (query() runs on the adapter's read-only second connection).
    const onConnection = () => new Promise<unknown[]>((resolve, reject) => db.all('PRAGMA foreign_keys', (err: Error | null, rows: unknown[]) => (err ? reject(err) : resolve(rows))));
    expect(await onConnection()).toEqual([{ foreign_keys: 0 }]);
    const a = sqliteAdapter(db);
    await a.createTables([
      { name: 'p', columns: { id: { type: 'integer', primaryKey: true } } },
      { name: 'c', columns: { id: { type: 'integer', primaryKey: true }, p_id: { type: 'integer', references: 'p' } } },
    ]);
    await expectCode(a.insertRows('c', [{ p_id: 5 }]), 'DATA_ERROR');
    expect(await a.fromTable('c').load()).toEqual([]);
    await a.close();
  });
});
