import type { Sequelize, Transaction } from 'sequelize';
import { LumixError } from '@lumix/core';
import { SchemaCache, createSqlSession, postgresDialect, sqliteDialect, type DatabaseFacts, type SqlDialect, type SqlDriver, type SqlSession, type TableInfo } from '@lumix/sql';
import { convertSequelizeError } from './errors.js';
import { busyTimeoutOf, storageOf } from './open-sequelize.js';
import { postgresConnectionDriver } from './postgres-connection.js';
import { sqliteConnectionDriver } from './sqlite-connection.js';

const schema = new SchemaCache();

/** How this package runs on one Sequelize dialect: the `@lumix/sql` dialect, and the driver over the instance. */
interface DialectSupport {
  readonly dialect: SqlDialect;
  readonly driver: (seq: Sequelize, transaction?: Transaction) => SqlDriver;
}

/**
 * Each Sequelize dialect this package runs on: statements come from the `@lumix/sql` dialect, the
 * driver runs them on Sequelize's own connection (node-sqlite3's, `pg`'s).
 */
const DIALECTS: Readonly<Record<string, DialectSupport>> = {
  sqlite: { dialect: sqliteDialect, driver: sqliteConnectionDriver },
  postgres: { dialect: postgresDialect, driver: postgresConnectionDriver },
};

/**
 * How this package runs on the dialect of a Sequelize instance.
 *
 * @throws LumixError `UNSUPPORTED_FEATURE` naming the Sequelize dialect when there is none.
 */
function supportOf(seq: Sequelize): DialectSupport {
  const name = seq.getDialect();
  const support = DIALECTS[name];
  if (support === undefined) {
    throw new LumixError('UNSUPPORTED_FEATURE', `@lumix/orm-sequelize runs on Sequelize's ${Object.keys(DIALECTS).join(', ')} dialect, not ${name}.`, {
      details: { dialect: name },
    });
  }
  return support;
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
  const { dialect, driver } = supportOf(seq);
  return createSqlSession({
    dialect,
    driver: driver(seq, transaction),
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
