import type { Database } from 'sqlite3';
import { exec } from './sql-exec.js';

const queues = new WeakMap<Database, Promise<unknown>>();
const foreignKeysOn = new WeakSet<Database>();

/**
 * Runs `fn` inside `BEGIN IMMEDIATE ... COMMIT` on `db`, rolling back when it throws. Transactions
 * of one connection are queued: SQLite has one transaction per connection, and two interleaved
 * `BEGIN`s would fail. Statements other code runs on the same connection meanwhile join the open
 * transaction; open a second connection for concurrent writers. The first transaction on a
 * connection turns foreign keys on (the pragma is a no-op inside a transaction), so writes are
 * checked even on a connection opened without `openDatabase`.
 */
export function withTransaction<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const next = previous.then(
    () => runInTransaction(db, fn),
    () => runInTransaction(db, fn),
  );
  queues.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

async function runInTransaction<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  if (!foreignKeysOn.has(db)) {
    await exec(db, 'PRAGMA foreign_keys = ON');
    foreignKeysOn.add(db);
  }
  await exec(db, 'BEGIN IMMEDIATE');
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    try {
      await exec(db, 'ROLLBACK');
    } catch {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL); the original error matters.
    }
    throw e;
  }
  try {
    await exec(db, 'COMMIT');
  } catch (e) {
    await exec(db, 'ROLLBACK').catch(() => undefined);
    throw e;
  }
  return result;
}
