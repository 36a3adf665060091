import sqlite3 from 'sqlite3';
import type { Database } from 'sqlite3';
import { LumixError, isLumixError } from '@lumix/core';
import { lumixErrorFromDriver } from '@lumix/sql';
import { DEFAULT_BUSY_TIMEOUT_MS, closeQuietly, openConnection, setBusyTimeout } from './connection.js';
import { convertSqliteError } from './errors.js';
import { closeReadOnlyConnection } from './read-only-connection.js';
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
 * (`PRAGMA foreign_keys = ON`, which SQLite leaves off by default) and a busy timeout. The schema
 * is read once at open, so a file that is not a database (or is damaged, or locked) fails here
 * rather than at the first query.
 *
 * @throws LumixError `SOURCE_FAILED` when the file cannot be opened, with `details.kind`
 *   (`cannot-open`, `not-a-database`, `corrupt`, `busy`, ...), `details.file` and the native error as
 *   the cause.
 */
export async function openDatabase(file: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const mode = options.readonly === true ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const openError = (err: unknown) =>
    isLumixError(err) ? err : lumixErrorFromDriver(convertSqliteError(err), err, 'SOURCE_FAILED', 'Opening the database', { file, busyTimeoutMs });
  let db: Database;
  try {
    db = await openConnection(file, mode);
  } catch (err) {
    throw openError(err);
  }
  setBusyTimeout(db, busyTimeoutMs);
  try {
    // sqlite3 reads the file lazily: reading the schema now is what finds a file that is not a database.
    await all(db, 'SELECT count(*) AS n FROM sqlite_master');
    await enableForeignKeys(db);
  } catch (err) {
    await closeQuietly(db);
    throw openError(err);
  }
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

/** Closes a database opened with {@link openDatabase}, and the read-only connection its queries ran on. */
export async function closeDatabase(db: Database): Promise<void> {
  await closeReadOnlyConnection(db);
  return new Promise((resolve, reject) => {
    db.close((err: Error | null) => (err ? reject(new LumixError('INVALID_STATE', `Closing the database failed: ${err.message}.`, { cause: err })) : resolve()));
  });
}
