import sqlite3 from 'sqlite3';
import type { Database } from 'sqlite3';
import { DEFAULT_BUSY_TIMEOUT_MS, busyTimeoutOf, closeQuietly, openConnection, setBusyTimeout } from './connection.js';
import { all, exec } from './sql-exec.js';

/**
 * The second connection of each connection on which users' statements run (query sources,
 * `query()`), opened on first use; `null` when no second connection can reach the database.
 */
const readers = new WeakMap<Database, Promise<Database | null>>();

/**
 * The read-only second connection of `db` (see `SqlDriver.allReadOnly` in `@lumix/sql`): opened
 * with `SQLITE_OPEN_READONLY` on the file `db` has open, with `db`'s busy timeout and foreign keys
 * on (so `PRAGMA foreign_keys` reads as it does on `db`). SQLite refuses every write on it, and
 * whatever a statement changes of its state stays on it, away from `db`. `null` for an in-memory
 * or temporary database, which no second connection can reach. Closed with `db`.
 */
export function readOnlyConnection(db: Database): Promise<Database | null> {
  let reader = readers.get(db);
  if (reader === undefined) {
    reader = openReadOnly(db);
    readers.set(db, reader);
    // A failed open is tried again on the next use.
    reader.catch(() => {
      if (readers.get(db) === reader) readers.delete(db);
    });
  }
  return reader;
}

async function openReadOnly(db: Database): Promise<Database | null> {
  // The path SQLite resolved when `db` was opened, whatever the working folder is now.
  const main = (await all<{ name: string; file: string }>(db, 'PRAGMA database_list')).find((d) => d.name === 'main');
  if (main === undefined || main.file === '') return null;
  const reader = await openConnection(main.file, sqlite3.OPEN_READONLY);
  setBusyTimeout(reader, busyTimeoutOf(db) ?? DEFAULT_BUSY_TIMEOUT_MS);
  await exec(reader, 'PRAGMA foreign_keys = ON');
  // Closed with `db`, also when `db` is closed directly rather than with closeDatabase.
  db.once('close', () => void closeReadOnlyConnection(db));
  return reader;
}

/** Closes the read-only second connection of `db`, if it has one; never rejects. */
export async function closeReadOnlyConnection(db: Database): Promise<void> {
  const reader = readers.get(db);
  if (reader === undefined) return;
  readers.delete(db);
  const conn = await reader.catch(() => null);
  if (conn !== null) await closeQuietly(conn);
}
