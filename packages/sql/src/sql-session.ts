import { LumixError, assertSqlIdentifier, type LumixErrorCode } from '@lumix/core';
import type { SqlDialect } from './dialect.js';
import type { SqlDriver } from './driver.js';
import type { ConvertDriverError } from './driver-error.js';
import { mapDriverError } from './driver-error-messages.js';
import type { SchemaCache } from './schema-cache.js';
import type { TableInfo } from './table-info.js';

/** How an adapter's users create and migrate tables, quoted in schema messages. */
export interface SchemaHints {
  /** E.g. `createTables`, or `createTables or sequelize.sync()`. */
  readonly create: string;
  /** E.g. `ALTER TABLE ... ADD COLUMN, see the README`. */
  readonly migrate: string;
}

/** What an adapter hands the layer: its driver, the dialect it speaks, and how to read its errors. */
export interface SqlSessionOptions {
  readonly dialect: SqlDialect;
  readonly driver: SqlDriver;
  /** The adapter's reading of its driver's errors (its `errors.ts`). */
  readonly convertError: ConvertDriverError;
  /** Where table facts are cached, and the handle they are cached on (a sqlite3 `Database`, a Sequelize instance). */
  readonly schema: { readonly cache: SchemaCache; readonly handle: object };
  /** How the adapter's users create and migrate tables. Default: `createTables`, and a migration. */
  readonly hints?: SchemaHints;
  /**
   * The driver already runs inside a transaction its caller opened (which may still roll back),
   * so nothing it reads is cached. Default `false`.
   */
  readonly inTransaction?: boolean;
}

/**
 * One database handle as the layer's functions use it: the adapter's driver, the dialect's
 * compiler and introspector, the adapter's error reading and a schema cache, bound together.
 * `sqlTableSource`, `sqlInsertRows`, `sqlSaveRun`, `sqlOrmAdapter`, ... all take one.
 */
export interface SqlSession {
  readonly dialect: SqlDialect;
  readonly driver: SqlDriver;
  readonly hints: SchemaHints;
  /** Parameters per statement: the dialect's cap, lowered by the driver's own. */
  readonly maxParams: number;
  /**
   * The schema of a table or view, cached per handle (but never what is read inside a
   * transaction, which may still roll back).
   *
   * @throws LumixError `INVALID_NAME` for a malformed name, `SCHEMA_ERROR` naming a missing table.
   */
  tableInfo(table: string): Promise<TableInfo>;
  /** Forgets cached facts of one table, or of all when `table` is omitted (after DDL). */
  forgetSchema(table?: string): void;
  /** Whether a table or view exists. @throws LumixError `INVALID_NAME` for a malformed name. */
  tableExists(table: string): Promise<boolean>;
  /** The user tables, sorted by name. */
  listTables(): Promise<string[]>;
  /** The adapter's reading of its driver's errors. */
  readonly convertError: ConvertDriverError;
  /** A failure while talking to the database as a LumixError (see `lumixErrorFromDriver`); LumixErrors pass through. */
  error(err: unknown, fallback: LumixErrorCode, context: string, details?: Record<string, unknown>): LumixError;
  /**
   * Runs `fn` in one transaction of the driver, on a session bound to it. What `fn` throws is
   * rethrown as it is; a failure to begin or commit becomes a LumixError (`PERSISTENCE_FAILED`
   * unless the kind says otherwise).
   */
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
}

const DEFAULT_HINTS: SchemaHints = { create: 'createTables', migrate: 'a migration, see the adapter README' };

/**
 * Adapter-building helper: reads a table's or view's schema with the dialect's introspector,
 * uncached.
 *
 * @throws LumixError `INVALID_NAME` for a malformed name, `SCHEMA_ERROR` naming a missing table.
 */
export async function readTableInfo(session: Pick<SqlSession, 'dialect' | 'driver' | 'hints'>, table: string): Promise<TableInfo> {
  assertSqlIdentifier(table, 'table');
  const info = await session.dialect.introspector.table(session.driver, table);
  if (info === null) {
    throw new LumixError('SCHEMA_ERROR', `Table ${table} does not exist; create it first (${session.hints.create}) or fix the name.`, { details: { table } });
  }
  return info;
}

/** Adapter-building helper: binds an adapter's driver, dialect and error reading into a {@link SqlSession}. */
export function createSqlSession(options: SqlSessionOptions): SqlSession {
  return bind(options, options.driver, options.inTransaction === true);
}

function bind(options: SqlSessionOptions, driver: SqlDriver, inTransaction: boolean): SqlSession {
  const { dialect, convertError, schema } = options;
  const session: SqlSession = {
    dialect,
    driver,
    hints: options.hints ?? DEFAULT_HINTS,
    convertError,
    maxParams: Math.min(dialect.maxParams, driver.maxParams ?? Number.POSITIVE_INFINITY),
    tableInfo: (table) => schema.cache.tableInfo(schema.handle, table, (t) => readTableInfo(session, t), !inTransaction),
    forgetSchema: (table) => schema.cache.forget(schema.handle, table),
    tableExists: async (table) => {
      assertSqlIdentifier(table, 'table');
      return dialect.introspector.tableExists(driver, table);
    },
    listTables: () => dialect.introspector.listTables(driver),
    error: (err, fallback, context, details = {}) => mapDriverError(convertError, err, fallback, context, details),
    transaction: async (fn) => {
      let failedInside = false;
      try {
        return await driver.transaction(async (tx) => {
          try {
            return await fn(bind(options, tx, true));
          } catch (e) {
            failedInside = true;
            throw e;
          }
        });
      } catch (e) {
        // What `fn` threw is its caller's to explain; a failed BEGIN or COMMIT (busy, read-only, full) is read here.
        if (failedInside) throw e;
        throw mapDriverError(convertError, e, 'PERSISTENCE_FAILED', 'Running a transaction');
      }
    },
  };
  return session;
}
