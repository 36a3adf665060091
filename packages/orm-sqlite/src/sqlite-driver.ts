import type { Database } from 'sqlite3';
import { SchemaCache, createSqlSession, sqliteDialect, type DatabaseFacts, type SqlDriver, type SqlSession, type TableInfo } from '@lumix/sql';
import { busyTimeoutOf, fileNameOf } from './connection.js';
import { convertSqliteError } from './errors.js';
import { readOnlyConnection } from './read-only-connection.js';
import { all, finalize, prepare, run, runStatement } from './sql-exec.js';
import { withTransaction } from './transaction.js';

const schema = new SchemaCache();

/**
 * The driver role over a sqlite3 connection: statements go straight to it (a transaction is the
 * connection itself, queued by `withTransaction`), and full INSERT batches reuse a prepared
 * statement. Users' statements run on the connection's read-only second connection
 * (`readOnlyConnection`), or on the connection itself for an in-memory database.
 */
function sqliteDriver(db: Database): SqlDriver {
  const driver: SqlDriver = {
    all: (sql, params) => all(db, sql, params),
    allReadOnly: async (sql, params) => all((await readOnlyConnection(db)) ?? db, sql, params),
    run: async (sql, params) => ({ lastInsertId: (await run(db, sql, params)).lastID }),
    prepare: async (sql) => {
      const stmt = await prepare(db, sql);
      return { run: (params) => runStatement(stmt, params), finalize: () => finalize(stmt) };
    },
    transaction: (fn) => withTransaction(db, () => fn(driver)),
  };
  return driver;
}

/** The file of `db` and its busy timeout, as errors name them. */
function databaseFacts(db: Database): DatabaseFacts {
  const ms = busyTimeoutOf(db);
  const file = fileNameOf(db);
  return ms === undefined ? { file } : { file, busyTimeoutMs: ms };
}

/**
 * The `@lumix/sql` session over a sqlite3 connection: this package's driver and error reading,
 * the SQLite dialect, schema facts cached per connection.
 */
export function sqliteSession(db: Database): SqlSession {
  return createSqlSession({
    dialect: sqliteDialect,
    driver: sqliteDriver(db),
    convertError: convertSqliteError,
    schema: { cache: schema, handle: db },
    hints: { create: 'createTables', migrate: 'ALTER TABLE ... ADD COLUMN, see the README' },
    database: databaseFacts(db),
  });
}

/**
 * The columns of a table or view, read once per connection with `PRAGMA table_info` (bound as a
 * parameter through `pragma_table_info(?)`) and cached.
 *
 * @throws LumixError `INVALID_NAME` for a malformed name, `SCHEMA_ERROR` naming a missing table.
 */
export function tableInfo(db: Database, table: string): Promise<TableInfo> {
  return sqliteSession(db).tableInfo(table);
}

/** Forgets what is known about the tables of `db` (after DDL). */
export function invalidateSchema(db: Database, table?: string): void {
  schema.forget(db, table);
}
