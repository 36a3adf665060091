import type { Database, Statement } from 'sqlite3';

// Promise wrappers over the callback API of sqlite3. Internal: the package's public functions
// add validation, error mapping and transactions on top.

/** Runs a read statement and returns all rows. */
export function all<T = Record<string, unknown>>(db: Database, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => {
    db.all(sql, params as unknown[], (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
  });
}

/** Runs a write statement; resolves with the last inserted rowid and the number of changed rows. */
export function run(db: Database, sql: string, params: readonly unknown[] = []): Promise<{ lastID: number; changes: number }> {
  return new Promise((resolve, reject) => {
    db.run(sql, params as unknown[], function (this: { lastID: number; changes: number }, err: Error | null) {
      if (err) reject(err);
      else resolve({ lastID: this.lastID, changes: this.changes });
    });
  });
}

/** Runs one or more statements without parameters (DDL, PRAGMA, BEGIN/COMMIT). */
export function exec(db: Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    db.exec(sql, (err: Error | null) => (err ? reject(err) : resolve()));
  });
}

/** Prepares a statement. */
export function prepare(db: Database, sql: string): Promise<Statement> {
  return new Promise((resolve, reject) => {
    const stmt: Statement = db.prepare(sql, (err: Error | null) => (err ? reject(err) : resolve(stmt)));
  });
}

/** Runs a prepared statement with new parameters. */
export function runStatement(stmt: Statement, params: readonly unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    stmt.run(params as unknown[], (err: Error | null) => (err ? reject(err) : resolve()));
  });
}

/** Finalizes a prepared statement; never rejects (finalizing is cleanup). */
export function finalize(stmt: Statement): Promise<void> {
  return new Promise((resolve) => {
    stmt.finalize(() => resolve());
  });
}
