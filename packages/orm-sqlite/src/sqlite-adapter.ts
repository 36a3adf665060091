import type { Database } from 'sqlite3';
import type { OrmAdapter } from '@lumix/core';
import { sqlOrmAdapter, type SqlAdapterOperations } from '@lumix/sql';
import { closeDatabase, openDatabase, type OpenDatabaseOptions } from './database.js';
import { sqliteSession } from './sqlite-driver.js';

/** An {@link OrmAdapter} over a raw sqlite3 connection, plus the connection itself. */
export interface SqliteAdapter extends OrmAdapter, SqlAdapterOperations {
  readonly kind: 'sqlite';
  /** The sqlite3 connection (foreign keys on). */
  readonly db: Database;
}

/**
 * Binds the package's functions to one connection, as an {@link OrmAdapter}, plus
 * `checkWritable()`. Query sources and `query()` run on a read-only second connection to the same
 * file, opened on first use. `close()` closes both connections.
 */
export function sqliteAdapter(db: Database): SqliteAdapter {
  return { kind: 'sqlite', db, ...sqlOrmAdapter(sqliteSession(db)), close: () => closeDatabase(db) };
}

/**
 * Opens a SQLite file with foreign keys on (see {@link openDatabase}) and returns its adapter.
 *
 * @throws LumixError `SOURCE_FAILED` with `details.kind` (`cannot-open`, `not-a-database`, ...) and
 *   `details.file` when the file cannot be opened as a database.
 */
export async function openSqliteAdapter(file: string, options?: OpenDatabaseOptions): Promise<SqliteAdapter> {
  return sqliteAdapter(await openDatabase(file, options));
}
