import type { Database } from 'sqlite3';
import type { IndexSource, Lookup, LookupKeySpec, LookupValueSpec, OrmAdapter, SqlRow, TableSourceOptions } from '@lumix/core';
import { closeDatabase, openDatabase, type OpenDatabaseOptions } from './database.js';
import { createTables } from './create-tables.js';
import { fromQuery, query } from './from-query.js';
import { fromTable } from './from-table.js';
import { insertRows } from './insert-rows.js';
import { lookup } from './lookup.js';
import { ensureRunTable, getRun, latestRun, listRuns, readRunRows, saveRun } from './solve-runs.js';

/** An {@link OrmAdapter} over a raw sqlite3 connection, plus the connection itself. */
export interface SqliteAdapter extends OrmAdapter {
  readonly kind: 'sqlite';
  /** The sqlite3 connection (foreign keys on). */
  readonly db: Database;
}

/**
 * Binds the package's functions to one connection, as an {@link OrmAdapter}. `close()` closes
 * the connection.
 */
export function sqliteAdapter(db: Database): SqliteAdapter {
  return {
    kind: 'sqlite',
    db,
    fromTable: (table, options) => fromTable(db, table, options),
    fromQuery: (sql, params, options) => fromQuery(db, sql, params, options),
    query: (sql, params) => query(db, sql, params),
    lookup: <V, R extends object = SqlRow>(
      from: string | IndexSource<R>,
      key: LookupKeySpec<R>,
      value: LookupValueSpec<R, V>,
      options?: TableSourceOptions,
    ): Promise<Lookup<V>> => (typeof from === 'string' ? lookup<V, R>(db, from, key, value, options) : lookup<V, R>(from, key, value)),
    createTables: (tables) => createTables(db, tables),
    insertRows: (table, rows) => insertRows(db, table, rows),
    ensureRunTable: () => ensureRunTable(db),
    saveRun: (solution, options) => saveRun(db, solution, options),
    latestRun: (filter) => latestRun(db, filter),
    getRun: (id) => getRun(db, id),
    listRuns: (filter) => listRuns(db, filter),
    readRunRows: (table, runId, options) => readRunRows(db, table, runId, options),
    close: () => closeDatabase(db),
  };
}

/** Opens a SQLite file with foreign keys on (see {@link openDatabase}) and returns its adapter. */
export async function openSqliteAdapter(file: string, options?: OpenDatabaseOptions): Promise<SqliteAdapter> {
  return sqliteAdapter(await openDatabase(file, options));
}
