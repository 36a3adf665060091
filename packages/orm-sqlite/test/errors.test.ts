// convertSqliteError on real sqlite3 errors: each kind is produced by a real statement on a real
// database, then read back, and the adapter's messages built from the kinds are checked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLumixError, type LumixError } from '@lumix/core';
import type { DriverError } from '@lumix/sql';
import { closeDatabase, openDatabase, sqliteAdapter, type Database } from '@lumix/orm-sqlite';
import { convertSqliteError } from '../src/errors.js';
import { all, exec, run } from '../src/sql-exec.js';

const dir = mkdtempSync(join(tmpdir(), 'lumix-sqlite-errors-'));
let n = 0;
const fresh = () => join(dir, `e${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCHEMA = `
  CREATE TABLE parent (id INTEGER PRIMARY KEY);
  CREATE TABLE t (
    id INTEGER PRIMARY KEY,
    a TEXT UNIQUE,
    b INTEGER NOT NULL DEFAULT 0,
    c INTEGER CHECK (c > 0),
    x INTEGER, y INTEGER,
    p INTEGER REFERENCES parent(id),
    UNIQUE (x, y)
  );
  CREATE TABLE guarded (id INTEGER PRIMARY KEY);
  CREATE TRIGGER no_guarded BEFORE INSERT ON guarded BEGIN SELECT RAISE(ABORT, 'guarded rows are read-only'); END;
`;

/** The kind a statement's native error is read into; fails when the statement succeeds. */
async function kindOf(statement: () => Promise<unknown>): Promise<DriverError> {
  try {
    await statement();
  } catch (e) {
    expect(isLumixError(e), 'a native error, not a LumixError').toBe(false);
    return convertSqliteError(e);
  }
  throw new Error('the statement succeeded');
}

describe('sqlite error kinds', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(fresh());
    await exec(db, SCHEMA);
    await run(db, "INSERT INTO t (id, a, x, y) VALUES (1, 'one', 1, 1)");
  });
  afterAll(() => closeDatabase(db));

  it('errors/constraints', async () => {
    expect(await kindOf(() => run(db, "INSERT INTO t (a) VALUES ('one')"))).toEqual({
      kind: 'unique-violation',
      table: 't',
      columns: ['a'],
      originalCode: 'SQLITE_CONSTRAINT',
      originalMessage: 'UNIQUE constraint failed: t.a',
    });
    expect(await kindOf(() => run(db, 'INSERT INTO t (x, y) VALUES (1, 1)'))).toMatchObject({ kind: 'unique-violation', table: 't', columns: ['x', 'y'] });
    expect(await kindOf(() => run(db, 'INSERT INTO t (id) VALUES (1)'))).toMatchObject({ kind: 'unique-violation', columns: ['id'] });
    expect(await kindOf(() => run(db, 'INSERT INTO t (b) VALUES (NULL)'))).toMatchObject({ kind: 'not-null-violation', table: 't', column: 'b' });
    expect(await kindOf(() => run(db, 'INSERT INTO t (c) VALUES (0)'))).toMatchObject({ kind: 'check-violation', constraint: 'c > 0' });
    expect(await kindOf(() => run(db, 'INSERT INTO t (p) VALUES (9)'))).toMatchObject({
      kind: 'foreign-key-violation',
      originalMessage: 'FOREIGN KEY constraint failed',
    });
    expect(await kindOf(() => run(db, 'INSERT INTO guarded (id) VALUES (1)'))).toMatchObject({
      kind: 'constraint-violation',
      originalCode: 'SQLITE_CONSTRAINT',
      originalMessage: 'guarded rows are read-only',
    });
  });

  it('errors/missing-tables-and-columns-and-bad-sql', async () => {
    expect(await kindOf(() => all(db, 'SELECT * FROM nope'))).toMatchObject({ kind: 'no-such-table', table: 'nope', originalCode: 'SQLITE_ERROR' });
    expect(await kindOf(() => all(db, 'SELECT zz FROM t'))).toMatchObject({ kind: 'no-such-column', column: 'zz' });
    expect(await kindOf(() => all(db, 'SELECT t.zz FROM t'))).toMatchObject({ kind: 'no-such-column', column: 't.zz' });
    expect(await kindOf(() => run(db, 'INSERT INTO t (zz) VALUES (1)'))).toMatchObject({ kind: 'no-such-column', table: 't', column: 'zz' });
    expect(await kindOf(() => all(db, 'SELEC 1'))).toMatchObject({ kind: 'syntax-error', originalCode: 'SQLITE_ERROR' });
    // A non-integer rowid is SQLITE_MISMATCH: none of the named kinds.
    expect(await kindOf(() => run(db, "INSERT INTO t (id) VALUES ('x')"))).toMatchObject({ kind: 'other', originalCode: 'SQLITE_MISMATCH' });
  });

  it('errors/busy-read-only-and-full', async () => {
    const file = fresh();
    const holder = await openDatabase(file);
    await exec(holder, 'CREATE TABLE w (v BLOB)');
    await exec(holder, 'BEGIN IMMEDIATE');
    const waiter = await openDatabase(file, { busyTimeoutMs: 0 });
    expect(await kindOf(() => run(waiter, 'INSERT INTO w (v) VALUES (1)'))).toMatchObject({ kind: 'busy', originalCode: 'SQLITE_BUSY' });
    // Through the adapter, the kind becomes a message that says what to do.
    const e = (await sqliteAdapter(waiter)
      .insertRows('w', [{ v: 1 }])
      .catch((x: unknown) => x)) as LumixError;
    expect([e.code, e.details['kind']]).toEqual(['PERSISTENCE_FAILED', 'busy']);
    expect(e.message).toContain('locked by another process or connection');
    await exec(holder, 'ROLLBACK');
    await closeDatabase(waiter);

    const reader = await openDatabase(file, { readonly: true });
    expect(await kindOf(() => run(reader, 'INSERT INTO w (v) VALUES (1)'))).toMatchObject({ kind: 'read-only', originalCode: 'SQLITE_READONLY' });
    const r = (await sqliteAdapter(reader)
      .insertRows('w', [{ v: 1 }])
      .catch((x: unknown) => x)) as LumixError;
    expect([r.code, r.details['kind']]).toEqual(['PERSISTENCE_FAILED', 'read-only']);
    expect(r.message).toContain('read-only');
    await closeDatabase(reader);

    await exec(holder, 'PRAGMA max_page_count = 4');
    expect(await kindOf(() => run(holder, 'INSERT INTO w (v) VALUES (randomblob(100000))'))).toMatchObject({ kind: 'disk-full', originalCode: 'SQLITE_FULL' });
    await closeDatabase(holder);
  });

  it('errors/never-throws-on-anything', () => {
    for (const odd of [undefined, null, 'text', 42, {}, new Error('plain'), { code: 7, message: {} }]) {
      expect(convertSqliteError(odd).kind).toBe('other');
    }
  });
});
