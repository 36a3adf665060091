// convertSequelizeError on real Sequelize errors: each kind is produced by a real statement sent
// through Sequelize to SQLite, then read back, and the adapter's messages built from the kinds are
// checked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLumixError, type LumixError } from '@lumix/core';
import type { DriverError } from '@lumix/sql';
import { openSequelize, sequelizeAdapter } from '@lumix/orm-sequelize';
import { convertSequelizeError } from '../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'lumix-sequelize-errors-'));
let n = 0;
const fresh = () => join(dir, `e${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCHEMA = [
  'CREATE TABLE parent (id INTEGER PRIMARY KEY)',
  `CREATE TABLE t (
    id INTEGER PRIMARY KEY,
    a TEXT UNIQUE,
    b INTEGER NOT NULL DEFAULT 0,
    c INTEGER CHECK (c > 0),
    x INTEGER, y INTEGER,
    p INTEGER REFERENCES parent(id),
    UNIQUE (x, y)
  )`,
  'CREATE TABLE guarded (id INTEGER PRIMARY KEY)',
  "CREATE TRIGGER no_guarded BEFORE INSERT ON guarded BEGIN SELECT RAISE(ABORT, 'guarded rows are read-only'); END",
];

/** The kind a statement's Sequelize error is read into; fails when the statement succeeds. */
async function kindOf(statement: () => Promise<unknown>): Promise<DriverError & { sequelizeClass?: string }> {
  try {
    await statement();
  } catch (e) {
    expect(isLumixError(e), 'a Sequelize error, not a LumixError').toBe(false);
    return { ...convertSequelizeError(e), sequelizeClass: (e as Error).name };
  }
  throw new Error('the statement succeeded');
}

/** Opens a SQLite file through Sequelize with sqlite3 opened in `mode`. */
function openWithMode(file: string, mode: number): Sequelize {
  return new Sequelize({ dialect: 'sqlite', dialectModule: sqlite3, storage: file, logging: false, dialectOptions: { mode } });
}

describe('sequelize error kinds', () => {
  let seq: Sequelize;
  beforeAll(async () => {
    seq = await openSequelize(fresh());
    for (const sql of SCHEMA) await seq.query(sql);
    await seq.query("INSERT INTO t (id, a, x, y) VALUES (1, 'one', 1, 1)");
  });
  afterAll(() => seq.close());

  it('errors/constraints', async () => {
    // Sequelize files every SQLite constraint but a foreign key under UniqueConstraintError: the kind comes from the driver's message.
    expect(await kindOf(() => seq.query("INSERT INTO t (a) VALUES ('one')"))).toEqual({
      kind: 'unique-violation',
      table: 't',
      columns: ['a'],
      originalCode: 'SQLITE_CONSTRAINT',
      originalMessage: 'UNIQUE constraint failed: t.a',
      sequelizeClass: 'SequelizeUniqueConstraintError',
    });
    expect(await kindOf(() => seq.query('INSERT INTO t (x, y) VALUES (1, 1)'))).toMatchObject({ kind: 'unique-violation', columns: ['x', 'y'] });
    expect(await kindOf(() => seq.query('INSERT INTO t (b) VALUES (NULL)'))).toMatchObject({
      kind: 'not-null-violation',
      table: 't',
      column: 'b',
      sequelizeClass: 'SequelizeUniqueConstraintError',
    });
    expect(await kindOf(() => seq.query('INSERT INTO t (c) VALUES (0)'))).toMatchObject({ kind: 'check-violation', constraint: 'c > 0' });
    expect(await kindOf(() => seq.query('INSERT INTO t (p) VALUES (9)'))).toMatchObject({
      kind: 'foreign-key-violation',
      sequelizeClass: 'SequelizeForeignKeyConstraintError',
    });
    expect(await kindOf(() => seq.query('INSERT INTO guarded (id) VALUES (1)'))).toMatchObject({
      kind: 'constraint-violation',
      originalMessage: 'guarded rows are read-only',
    });
  });

  it('errors/missing-tables-and-columns-and-bad-sql', async () => {
    expect(await kindOf(() => seq.query('SELECT * FROM nope'))).toMatchObject({ kind: 'no-such-table', table: 'nope', sequelizeClass: 'SequelizeDatabaseError' });
    expect(await kindOf(() => seq.query('SELECT zz FROM t'))).toMatchObject({ kind: 'no-such-column', column: 'zz' });
    expect(await kindOf(() => seq.query('INSERT INTO t (zz) VALUES (1)'))).toMatchObject({ kind: 'no-such-column', table: 't', column: 'zz' });
    expect(await kindOf(() => seq.query('SELEC 1'))).toMatchObject({ kind: 'syntax-error', originalCode: 'SQLITE_ERROR' });
    expect(await kindOf(() => seq.query("INSERT INTO t (id) VALUES ('x')"))).toMatchObject({ kind: 'other', originalCode: 'SQLITE_MISMATCH' });
  });

  it('errors/busy-read-only-and-full', async () => {
    const file = fresh();
    const holder = await openSequelize(file);
    await holder.query('CREATE TABLE w (v BLOB)');
    await holder.query('BEGIN IMMEDIATE');
    const waiter = await openSequelize(file, { busyTimeoutMs: 0 });
    expect(await kindOf(() => waiter.query('INSERT INTO w (v) VALUES (1)'))).toMatchObject({
      kind: 'busy',
      originalCode: 'SQLITE_BUSY',
      sequelizeClass: 'SequelizeTimeoutError',
    });
    const e = (await sequelizeAdapter(waiter)
      .insertRows('w', [{ v: 1 }])
      .catch((x: unknown) => x)) as LumixError;
    expect([e.code, e.details['kind']]).toEqual(['PERSISTENCE_FAILED', 'busy']);
    expect(e.message).toContain('locked by another process or connection');
    await holder.query('ROLLBACK');
    await waiter.close();

    const reader = openWithMode(file, sqlite3.OPEN_READONLY);
    expect(await kindOf(() => reader.query('INSERT INTO w (v) VALUES (1)'))).toMatchObject({ kind: 'read-only', originalCode: 'SQLITE_READONLY' });
    const r = (await sequelizeAdapter(reader)
      .insertRows('w', [{ v: 1 }])
      .catch((x: unknown) => x)) as LumixError;
    expect([r.code, r.details['kind']]).toEqual(['PERSISTENCE_FAILED', 'read-only']);
    expect(r.message).toContain('read-only');
    await reader.close();

    await holder.query('PRAGMA max_page_count = 4');
    expect(await kindOf(() => holder.query('INSERT INTO w (v) VALUES (randomblob(100000))'))).toMatchObject({ kind: 'disk-full', originalCode: 'SQLITE_FULL' });
    await holder.close();
  });

  it('errors/never-throws-on-anything', () => {
    for (const odd of [undefined, null, 'text', 42, {}, new Error('plain'), { name: 'SequelizeDatabaseError', original: { code: 7 } }]) {
      expect(convertSequelizeError(odd).kind).toBe('other');
    }
  });
});
