import sqlite3 from 'sqlite3';
import type { Database } from 'sqlite3';
import { LumixError } from '@lumix/core';
import { all, exec } from './sql-exec.js';

export type { Database } from 'sqlite3';

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Open read-only. Default `false` (read-write, created when missing). */
  readonly readonly?: boolean;
  /** Milliseconds to wait for a lock held by another connection before failing. Default 5000. */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens a SQLite database file (or `:memory:`) with foreign keys enforced
 * (`PRAGMA foreign_keys = ON`, which SQLite leaves off by default) and a busy timeout.
 *
 * @throws LumixError `SOURCE_FAILED` when the file cannot be opened (the native error is the cause).
 */
export async function openDatabase(file: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const mode = options.readonly === true ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
  const db = await new Promise<Database>((resolve, reject) => {
    const d: Database = new sqlite3.Database(file, mode, (err: Error | null) => {
      if (err) {
        reject(
          new LumixError('SOURCE_FAILED', `Cannot open SQLite database ${file}: ${err.message}. Check the path and its permissions.`, {
            cause: err,
            details: { file },
          }),
        );
      } else resolve(d);
    });
  });
  db.configure('busyTimeout', options.busyTimeoutMs ?? 5000);
  await enableForeignKeys(db);
  return db;
}

/**
 * Turns on foreign key enforcement for a connection opened elsewhere and checks that it took
 * (it is a no-op inside a transaction and in builds without foreign key support).
 *
 * @throws LumixError `SCHEMA_ERROR` when the pragma did not take effect.
 */
export async function enableForeignKeys(db: Database): Promise<void> {
  await exec(db, 'PRAGMA foreign_keys = ON');
  const rows = await all<{ foreign_keys: number }>(db, 'PRAGMA foreign_keys');
  if (rows[0]?.foreign_keys !== 1) {
    throw new LumixError('SCHEMA_ERROR', 'SQLite did not enable foreign keys; call enableForeignKeys outside a transaction.', {});
  }
}

/** Closes a database opened with {@link openDatabase}. */
export function closeDatabase(db: Database): Promise<void> {
  return new Promise((resolve, reject) => {
    db.close((err: Error | null) => (err ? reject(new LumixError('INVALID_STATE', `Closing the database failed: ${err.message}.`, { cause: err })) : resolve()));
  });
}
