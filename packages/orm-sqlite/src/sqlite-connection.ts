import type { Database } from 'sqlite3';
import { SchemaCache, createTableSql, type SqlConnection, type TableInfo } from '@lumix/sql';
import { all, exec, finalize, prepare, run, runStatement } from './sql-exec.js';
import { sqliteErrorText } from './sqlite-errors.js';
import { withTransaction } from './transaction.js';

const schema = new SchemaCache();

/**
 * The core {@link SqlConnection} over a sqlite3 connection: statements go straight to the
 * driver (a transaction is the connection itself, queued by `withTransaction`), full INSERT
 * batches reuse a prepared statement, schema facts are cached per connection.
 */
export function sqliteConnection(db: Database): SqlConnection {
  const conn: SqlConnection = {
    all: (sql, params) => all(db, sql, params),
    run: async (sql, params) => (await run(db, sql, params)).lastID,
    prepare: async (sql) => {
      const stmt = await prepare(db, sql);
      return { run: (params) => runStatement(stmt, params), finalize: () => finalize(stmt) };
    },
    errorText: sqliteErrorText,
    tableInfo: (table) => schema.tableInfo(db, conn, table),
    forgetSchema: (table) => schema.forget(db, table),
    transaction: (fn) => withTransaction(db, () => fn(conn)),
    createTable: async (spec) => {
      for (const sql of createTableSql(spec)) await exec(db, sql);
    },
    // SQLite (3.32+) accepts 32766 parameters per statement; batches stay well under it.
    maxInsertParams: 30000,
    hints: { create: 'createTables', migrate: 'ALTER TABLE ... ADD COLUMN, see the README' },
  };
  return conn;
}

/**
 * The columns of a table or view, read once per connection with `PRAGMA table_info` (bound as a
 * parameter through `pragma_table_info(?)`) and cached.
 *
 * @throws LumixError `INVALID_NAME` for a malformed name, `SCHEMA_ERROR` naming a missing table.
 */
export function tableInfo(db: Database, table: string): Promise<TableInfo> {
  return schema.tableInfo(db, sqliteConnection(db), table);
}

/** Forgets what is known about the tables of `db` (after DDL). */
export function invalidateSchema(db: Database, table?: string): void {
  schema.forget(db, table);
}
