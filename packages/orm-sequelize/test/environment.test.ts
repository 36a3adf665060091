// What Sequelize itself did to a broken environment, fixed here: an open that never settled on a
// path SQLite cannot create, a locked database that failed only after five busy timeouts with
// "killing its connection" printed, and users' queries on the connection the adapter writes on.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { Sequelize } from 'sequelize';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isLumixError, solutionTable, type LumixError } from '@lumix/core';
import { openSequelize, openSequelizeAdapter, sequelizeAdapter, withTransaction } from '@lumix/orm-sequelize';
import { makeRun } from '@lumix/orm-conformance';

const dir = mkdtempSync(join(tmpdir(), 'lumix-sequelize-env-'));
let n = 0;
const fresh = () => join(dir, `v${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUN = makeRun();

const TABLES = [
  { name: 'p', columns: { id: { type: 'integer' as const, primaryKey: true } } },
  solutionTable('plan', { p_id: { type: 'integer', references: 'p' } }),
];

/** `p`, or a rejection saying it did not settle within `ms`. */
async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** A raw sqlite3 connection holding the write lock of `file` until `release()`. */
async function holdLock(file: string): Promise<{ release(): Promise<void> }> {
  const db = await new Promise<InstanceType<typeof sqlite3.Database>>((resolve, reject) => {
    const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  await new Promise<void>((resolve, reject) => db.exec('BEGIN IMMEDIATE', (err) => (err ? reject(err) : resolve())));
  return {
    release: () =>
      new Promise<void>((resolve) => {
        db.exec('ROLLBACK', () => db.close(() => resolve()));
      }),
  };
}

describe('sequelize environment', () => {
  it('open/path-sqlite-cannot-create-settles-promptly', async () => {
    // node-sqlite3 never calls back a close of a connection that failed to open, and Sequelize kept
    // that connection: closing it after the failed open never settled, and the process exited 13.
    const folder = fresh();
    const paths = [folder, ...(existsSync('/proc/self') ? ['/proc/lumix-sequelize.db'] : [])];
    mkdirSync(folder);
    for (const file of paths) {
      const e = (await within(3000, openSequelize(file)).catch((x: unknown) => x)) as LumixError;
      expect([isLumixError(e, 'SOURCE_FAILED'), e.details['kind'], e.details['file']], file).toEqual([true, 'cannot-open', file]);
      await expect(within(3000, openSequelizeAdapter(file))).rejects.toThrow(/cannot be opened/);
      // A Sequelize instance opened elsewhere: its failed connection no longer blocks close().
      const a = sequelizeAdapter(new Sequelize({ dialect: 'sqlite', dialectModule: sqlite3, storage: file, logging: false }));
      const q = (await within(3000, a.query('SELECT 1')).catch((x: unknown) => x)) as LumixError;
      expect(q.details['kind'], file).toBe('cannot-open');
      await within(3000, a.close());
    }
  });

  it('busy/fails-after-one-busy-timeout-without-console-noise', async () => {
    const file = fresh();
    const a = await openSequelizeAdapter(file, { busyTimeoutMs: 300 });
    await a.createTables(TABLES);
    const lock = await holdLock(file);
    const warn = vi.spyOn(console, 'warn');
    try {
      for (const write of [
        () => a.saveRun({ run: RUN }),
        () => a.insertRows('p', [{ id: 2 }]),
        () => a.checkWritable(),
        () => withTransaction(a.sequelize, async () => undefined),
      ]) {
        const started = Date.now();
        const e = (await within<unknown>(5000, write()).catch((x: unknown) => x)) as LumixError;
        const waited = Date.now() - started;
        // Sequelize retried a busy BEGIN five times (5 × the busy timeout: 25 s by default).
        expect(waited).toBeLessThan(1000);
        expect(waited).toBeGreaterThanOrEqual(250);
        if (isLumixError(e)) expect([e.code, e.details['kind'], e.details['file']]).toEqual(['PERSISTENCE_FAILED', 'busy', file]);
        else expect((e as { original?: { code?: string } }).original?.code).toBe('SQLITE_BUSY'); // withTransaction: Sequelize's own error
      }
      // Sequelize rolled back a BEGIN that had failed, and printed "... killing its connection".
      expect(warn).not.toHaveBeenCalled();
      // Reads go on beside the lock.
      expect(await a.query('SELECT count(*) AS n FROM p')).toEqual([{ n: 0 }]);
    } finally {
      warn.mockRestore();
      await lock.release();
    }
    await a.insertRows('p', [{ id: 2 }]);
    await a.close();
  });

  it('read-only/queries-run-on-their-own-read-only-connection', async () => {
    const file = fresh();
    const statements: string[] = [];
    const a = await openSequelizeAdapter(file, { logging: (sql) => statements.push(sql) });
    await a.createTables(TABLES);
    await a.insertRows('p', [{ id: 1 }]);
    statements.length = 0;
    expect(await a.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(statements).toEqual(['SELECT * FROM pragma_foreign_keys']); // logged as Sequelize logs any statement
    const cm = a.sequelize.connectionManager as unknown as { connections: Record<string, { open: boolean }> };
    expect(cm.connections['lumix-read-only']?.open).toBe(true);
    const e = await a.query('PRAGMA foreign_keys(0)').catch((x: unknown) => x);
    expect(isLumixError(e, 'INVALID_ARGUMENT')).toBe(true);
    const orphan = await a.saveRun({ run: RUN }, { rows: () => ({ plan: [{ p_id: 99 }] }) }).catch((x: unknown) => x);
    expect(isLumixError(orphan, 'PERSISTENCE_FAILED')).toBe(true);
    await a.close();
    expect(cm.connections['lumix-read-only']?.open).toBe(false);
  });

  it('read-only/concurrent-reads-take-a-second-read-only-connection', async () => {
    const file = fresh();
    const a = await openSequelizeAdapter(file);
    await a.createTables(TABLES);
    await a.insertRows('p', Array.from({ length: 50 }, (_, i) => ({ id: i + 1 })));
    const cm = a.sequelize.connectionManager as unknown as { connections: Record<string, { open: boolean; run(sql: string, cb: (err: (Error & { code?: string }) | null) => void): void }> };
    // One read at a time: the first read-only connection only.
    expect(await a.query('SELECT count(*) AS n FROM p')).toEqual([{ n: 50 }]);
    expect(await a.query('SELECT max(id) AS m FROM p')).toEqual([{ m: 50 }]);
    expect(cm.connections['lumix-read-only-2']).toBeUndefined();
    // Two at once: the second runs on a connection of its own, with the same answers.
    const [low, high] = await Promise.all([a.query<{ id: number }>('SELECT id FROM p WHERE id <= ? ORDER BY id', [25]), a.query<{ id: number }>('SELECT id FROM p WHERE id > ? ORDER BY id', [25])]);
    expect(low.map((r) => r.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(high.map((r) => r.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 26));
    const spare = cm.connections['lumix-read-only-2'];
    expect(spare?.open).toBe(true);
    // Opened read-only: SQLite itself refuses a write on it.
    const write = await new Promise<(Error & { code?: string }) | null>((resolve) => spare!.run('INSERT INTO p (id) VALUES (99)', resolve));
    expect(write?.code).toBe('SQLITE_READONLY');
    expect(await a.query('SELECT count(*) AS n FROM p')).toEqual([{ n: 50 }]);
    await a.close();
    expect(spare?.open).toBe(false);
  });

  it('read-only/in-memory-database-queries-still-only-read', async () => {
    const a = await openSequelizeAdapter(':memory:');
    await a.createTables(TABLES);
    await a.insertRows('p', [{ id: 1 }]);
    expect(await a.query('SELECT id FROM p')).toEqual([{ id: 1 }]);
    for (const sql of ['PRAGMA foreign_keys(0)', 'EXPLAIN PRAGMA foreign_keys = 0', 'PRAGMA user_version(3)']) {
      expect(isLumixError(await a.query(sql).catch((x: unknown) => x), 'INVALID_ARGUMENT'), sql).toBe(true);
    }
    const orphan = await a.saveRun({ run: RUN }, { rows: () => ({ plan: [{ p_id: 99 }] }) }).catch((x: unknown) => x);
    expect(isLumixError(orphan, 'PERSISTENCE_FAILED')).toBe(true);
    expect(await a.query('PRAGMA user_version')).toEqual([{ user_version: 0 }]);
    await a.close();
  });
});
