// Users' statements (query sources, query()) run on a second connection opened read-only: SQLite
// refuses every write there, and what a statement changes of that connection's state never
// reaches the connection the adapter writes on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLumixError, solutionTable } from '@lumix/core';
import { openDatabase, openSqliteAdapter, query, sqliteAdapter } from '@lumix/orm-sqlite';
import { readOnlyConnection } from '../src/read-only-connection.js';
import { all, exec, run } from '../src/sql-exec.js';
import { makeRun } from '@lumix/orm-conformance';

const dir = mkdtempSync(join(tmpdir(), 'lumix-sqlite-ro-'));
let n = 0;
const fresh = () => join(dir, `r${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUN = makeRun();

const TABLES = [
  { name: 'p', columns: { id: { type: 'integer' as const, primaryKey: true } } },
  solutionTable('plan', { p_id: { type: 'integer', references: 'p' } }),
];

describe('read-only connection', () => {
  it('read-only/second-connection-refuses-writes-and-keeps-its-state-to-itself', async () => {
    const a = await openSqliteAdapter(fresh());
    await a.createTables(TABLES);
    await a.insertRows('p', [{ id: 1 }]);
    const reader = await readOnlyConnection(a.db);
    expect(reader).not.toBeNull();
    expect(reader).not.toBe(a.db);
    expect(await readOnlyConnection(a.db)).toBe(reader); // opened once
    const refused = await run(reader!, 'INSERT INTO p (id) VALUES (2)').catch((e: unknown) => e);
    expect((refused as { code?: string }).code).toBe('SQLITE_READONLY');
    // Even a pragma run on it directly stays there: the adapter's writes still enforce foreign keys.
    await exec(reader!, 'PRAGMA foreign_keys = OFF');
    await exec(reader!, 'PRAGMA journal_mode = OFF');
    const e = await a.saveRun({ run: RUN }, { rows: () => ({ plan: [{ p_id: 99 }] }) }).catch((x: unknown) => x);
    expect(isLumixError(e, 'PERSISTENCE_FAILED')).toBe(true);
    expect(await all(a.db, 'PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await all(a.db, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'delete' }]);
    expect(await a.query('SELECT count(*) AS n FROM plan')).toEqual([{ n: 0 }]);
    await a.close();
  });

  it('read-only/queries-see-committed-data-beside-an-open-write', async () => {
    const a = await openSqliteAdapter(fresh());
    await a.createTables(TABLES);
    await a.insertRows('p', [{ id: 1 }]);
    // While a save holds the write lock, a query still reads, and sees what is committed.
    const seen: unknown[] = [];
    await a.saveRun(
      { run: RUN },
      {
        rows: async () => {
          seen.push(await a.query('SELECT count(*) AS n FROM solve_runs'));
          return { plan: [{ p_id: 1 }] };
        },
      },
    );
    expect(seen).toEqual([[{ n: 0 }]]);
    expect(await a.query('SELECT count(*) AS n FROM solve_runs')).toEqual([{ n: 1 }]);
    await a.close();
  });

  it('read-only/in-memory-database-queries-still-only-read', async () => {
    // No second connection reaches :memory:; the statements run on the one connection, and the
    // read check (pragmas as their table-valued functions) is what keeps them reads.
    const a = sqliteAdapter(await openDatabase(':memory:'));
    await a.createTables(TABLES);
    await a.insertRows('p', [{ id: 1 }]);
    expect(await readOnlyConnection(a.db)).toBeNull();
    expect(await a.query('SELECT id FROM p')).toEqual([{ id: 1 }]);
    expect(await a.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    for (const sql of ['PRAGMA foreign_keys(0)', 'EXPLAIN PRAGMA foreign_keys = 0', 'PRAGMA journal_mode(OFF)', `WITH "x'y" AS (SELECT 1) INSERT INTO p SELECT 5 FROM "x'y"`]) {
      const e = await a.query(sql).catch((x: unknown) => x);
      expect(isLumixError(e, 'INVALID_ARGUMENT'), sql).toBe(true);
    }
    const e = await a.saveRun({ run: RUN }, { rows: () => ({ plan: [{ p_id: 99 }] }) }).catch((x: unknown) => x);
    expect(isLumixError(e, 'PERSISTENCE_FAILED')).toBe(true);
    expect(await all(a.db, 'SELECT id FROM p')).toEqual([{ id: 1 }]);
    await a.close();
  });

  it('read-only/second-connection-closes-with-the-connection', async () => {
    const file = fresh();
    const a = await openSqliteAdapter(file);
    await a.createTables(TABLES);
    await a.query('SELECT 1');
    const reader = (await readOnlyConnection(a.db))!;
    await a.close();
    const after = await all(reader, 'SELECT 1').catch((e: unknown) => e);
    expect(String(after)).toMatch(/closed/i);
    // Closing the connection directly (not through the adapter) closes it too.
    const db = await openDatabase(file);
    await query(db, 'SELECT 1');
    const second = (await readOnlyConnection(db))!;
    await new Promise<void>((resolve) => db.close(() => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(String(await all(second, 'SELECT 1').catch((e: unknown) => e))).toMatch(/closed/i);
  });
});
