import type { Sequelize, Transaction } from 'sequelize';
import { LumixError } from '@lumix/core';
import { SchemaCache, createSqlSession, sqliteDialect, type DatabaseFacts, type SqlDialect, type SqlDriver, type SqlSession, type TableInfo } from '@lumix/sql';
import { convertSequelizeError } from './errors.js';
import { busyTimeoutOf, storageOf } from './open-sequelize.js';
import { execute, select } from './sql-query.js';
import { withTransaction } from './transaction.js';

const schema = new SchemaCache();

/** The `@lumix/sql` dialect of each Sequelize dialect this package runs on. */
const DIALECTS: Readonly<Record<string, SqlDialect>> = { sqlite: sqliteDialect };

/**
 * The `@lumix/sql` dialect of a Sequelize instance.
 *
 * @throws LumixError `UNSUPPORTED_FEATURE` naming the Sequelize dialect when there is none.
 */
function dialectOf(seq: Sequelize): SqlDialect {
  const name = seq.getDialect();
  const dialect = DIALECTS[name];
  if (dialect === undefined) {
    throw new LumixError('UNSUPPORTED_FEATURE', `@lumix/orm-sequelize runs on Sequelize's ${Object.keys(DIALECTS).join(', ')} dialect, not ${name}.`, {
      details: { dialect: name },
    });
  }
  return dialect;
}

/**
 * The driver role over a Sequelize instance, bound to `transaction` when given: statements go
 * through `sequelize.query` with bind parameters (`$1`…, rewritten from the dialect's form),
 * transactions are this package's `withTransaction` (BEGIN IMMEDIATE on a connection of their
 * own). Users' statements run on the instance's read-only connection (see `enforceForeignKeys`).
 */
function sequelizeDriver(seq: Sequelize, dialect: SqlDialect, transaction?: Transaction): SqlDriver {
  const bindSql = (sql: string) => dialect.compiler.toNumbered(sql);
  return {
    all: (sql, params) => select(seq, bindSql(sql), params, { transaction }),
    allReadOnly: (sql, params) => select(seq, bindSql(sql), params, { readOnly: true }),
    run: async (sql, params) => ({ lastInsertId: await execute(seq, bindSql(sql), params, { transaction }) }),
    transaction: (fn) => withTransaction(seq, (t) => fn(sequelizeDriver(seq, dialect, t))),
    // Sequelize hands SQLite bind arrays as named parameters (`{ $1: v }`), and sqlite3 resolves
    // each name with a linear scan, so a statement costs O(params²): 100k rows of 3 columns take
    // ~2.2 s at 1500 parameters per statement and ~0.85 s at 300 (measured here).
    maxParams: 300,
  };
}

/** The database file of `seq` and its busy timeout, as errors name them. */
function databaseFacts(seq: Sequelize): DatabaseFacts {
  const ms = busyTimeoutOf(seq);
  const file = storageOf(seq);
  return ms === undefined ? { file } : { file, busyTimeoutMs: ms };
}

/**
 * The `@lumix/sql` session over a Sequelize instance, bound to `transaction` when given: this
 * package's driver and error reading, the dialect of the instance, schema facts cached per
 * instance (never ones read inside a transaction, which may still roll back).
 *
 * @throws LumixError `UNSUPPORTED_FEATURE` for a Sequelize dialect the package does not run on.
 */
export function sequelizeSession(seq: Sequelize, transaction?: Transaction): SqlSession {
  const dialect = dialectOf(seq);
  return createSqlSession({
    dialect,
    driver: sequelizeDriver(seq, dialect, transaction),
    convertError: convertSequelizeError,
    schema: { cache: schema, handle: seq },
    hints: { create: 'createTables or sequelize.sync()', migrate: 'see the README: umzug' },
    inTransaction: transaction !== undefined,
    database: databaseFacts(seq),
  });
}

/**
 * The columns of a table or view, read once per Sequelize instance (with `pragma_table_info(?)`,
 * the name bound as a parameter) and cached. Inside a transaction nothing is cached, since the
 * transaction may still roll back.
 *
 * @throws LumixError `INVALID_NAME` for a malformed name, `SCHEMA_ERROR` naming a missing table.
 */
export function tableInfo(seq: Sequelize, table: string, transaction?: Transaction): Promise<TableInfo> {
  return sequelizeSession(seq, transaction).tableInfo(table);
}
