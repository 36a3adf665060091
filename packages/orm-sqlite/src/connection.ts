import sqlite3 from 'sqlite3';
import type { Database } from 'sqlite3';

// The connection-level facts the package keeps beside a sqlite3 `Database` (which exposes neither
// its busy timeout nor, in its types, its file name).

/** The busy timeout `openDatabase` sets when none is given. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

const busyTimeouts = new WeakMap<Database, number>();

/**
 * Opens a sqlite3 connection in `mode`; rejects with sqlite3's own error. A connection that failed
 * to open is dropped, never closed: node-sqlite3 queues a `close` until an open that never comes,
 * and its callback never runs.
 */
export function openConnection(file: string, mode: number): Promise<Database> {
  return new Promise<Database>((resolve, reject) => {
    const db: Database = new sqlite3.Database(file, mode, (err: Error | null) => (err ? reject(err) : resolve(db)));
  });
}

/** Makes `db` wait up to `ms` for a lock another connection holds, and remembers it for messages. */
export function setBusyTimeout(db: Database, ms: number): void {
  db.configure('busyTimeout', ms);
  busyTimeouts.set(db, ms);
}

/** The busy timeout set with {@link setBusyTimeout}, when it was. */
export function busyTimeoutOf(db: Database): number | undefined {
  return busyTimeouts.get(db);
}

/** The file name a connection was opened with (`:memory:`, a path; `''` for a temporary database). */
export function fileNameOf(db: Database): string {
  const name = (db as unknown as { filename?: unknown }).filename;
  return typeof name === 'string' ? name : '';
}

/** Closes a connection, ignoring a failure (cleanup after an error, or of a second connection). */
export function closeQuietly(db: Database): Promise<void> {
  return new Promise((resolve) => {
    db.close(() => resolve());
  });
}
