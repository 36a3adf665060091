import { LumixError, assertSqlIdentifier, isLumixError, type LumixErrorCode } from '@lumix/core';
import type { SqlDialect } from './dialect.js';
import type { BoundValue, SqlDriver } from './driver.js';
import { isEnvironmentKind, type ConvertDriverError } from './driver-error.js';
import { lumixErrorFromDriver, mapDriverError } from './driver-error-messages.js';
import type { SchemaCache } from './schema-cache.js';
import type { TableInfo } from './table-info.js';

/** How an adapter's users create and migrate tables, quoted in schema messages. */
export interface SchemaHints {
  /** E.g. `createTables`, or `createTables or sequelize.sync()`. */
  readonly create: string;
  /** E.g. `ALTER TABLE ... ADD COLUMN, see the README`. */
  readonly migrate: string;
}

/** Which database a session talks to, as messages and `details` name it. */
export interface DatabaseFacts {
  /** The database as the user named it: its file (`/data/plan.db`, `:memory:`). */
  readonly file: string;
  /** How long the driver waits for a lock held by another connection before failing, when known. */
  readonly busyTimeoutMs?: number;
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
   * The database the driver talks to. Every error of an environment kind (locked, read-only,
   * full, unopenable, not a database, damaged) names it and carries `file` (and `busyTimeoutMs`)
   * in its `details`. Default: unnamed.
   */
  readonly database?: DatabaseFacts;
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
  /**
   * The adapter's driver, guarded: an error of an environment kind (busy, read-only, disk-full,
   * cannot-open, not-a-database, corrupt, io-error) from any of its calls is thrown as a
   * LumixError naming the database, `SOURCE_FAILED` from `all`/`allReadOnly` outside a transaction
   * and `PERSISTENCE_FAILED` from writes and transactions; other errors are thrown as the driver
   * threw them (callers explain them with {@link SqlSession.error}).
   */
  readonly driver: SqlDriver;
  /** The database, as errors name it. */
  readonly database: DatabaseFacts | undefined;
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
  /**
   * A failure while talking to the database as a LumixError (see `lumixErrorFromDriver`), with the
   * database's `file` in its details; LumixErrors pass through.
   */
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

/** `file` and `busyTimeoutMs` of the database, for `details`. */
function databaseDetails(database: DatabaseFacts | undefined): Record<string, unknown> {
  if (database === undefined) return {};
  return database.busyTimeoutMs === undefined ? { file: database.file } : { file: database.file, busyTimeoutMs: database.busyTimeoutMs };
}

/**
 * `raw` with every error of an environment kind thrown as a LumixError naming the database (see
 * {@link SqlSession.driver}); other errors pass unchanged.
 */
function guardDriver(raw: SqlDriver, options: SqlSessionOptions, inTransaction: boolean): SqlDriver {
  const where = databaseDetails(options.database);
  const guard = (err: unknown, code: LumixErrorCode): unknown => {
    if (isLumixError(err)) return err;
    const e = options.convertError(err);
    if (!isEnvironmentKind(e.kind)) return err;
    return lumixErrorFromDriver(e, err, code, code === 'SOURCE_FAILED' ? 'Reading the database' : 'Writing to the database', where);
  };
  const readCode: LumixErrorCode = inTransaction ? 'PERSISTENCE_FAILED' : 'SOURCE_FAILED';
  const guarded: SqlDriver = {
    all: <T>(sql: string, params?: readonly BoundValue[]) => raw.all<T>(sql, params).catch((e: unknown) => Promise.reject(guard(e, readCode))),
    allReadOnly: <T>(sql: string, params?: readonly BoundValue[]) => raw.allReadOnly<T>(sql, params).catch((e: unknown) => Promise.reject(guard(e, 'SOURCE_FAILED'))),
    run: (sql, params) => raw.run(sql, params).catch((e: unknown) => Promise.reject(guard(e, 'PERSISTENCE_FAILED'))),
    transaction: (fn) => raw.transaction((tx) => fn(guardDriver(tx, options, true))).catch((e: unknown) => Promise.reject(guard(e, 'PERSISTENCE_FAILED'))),
    ...(raw.maxParams === undefined ? {} : { maxParams: raw.maxParams }),
  };
  const prepare = raw.prepare?.bind(raw);
  if (prepare === undefined) return guarded;
  return {
    ...guarded,
    prepare: async (sql) => {
      const stmt = await prepare(sql).catch((e: unknown) => Promise.reject(guard(e, 'PERSISTENCE_FAILED')));
      return { run: (params) => stmt.run(params).catch((e: unknown) => Promise.reject(guard(e, 'PERSISTENCE_FAILED'))), finalize: () => stmt.finalize() };
    },
  };
}

function bind(options: SqlSessionOptions, rawDriver: SqlDriver, inTransaction: boolean): SqlSession {
  const { dialect, convertError, schema } = options;
  const driver = guardDriver(rawDriver, options, inTransaction);
  const where = databaseDetails(options.database);
  const session: SqlSession = {
    dialect,
    driver,
    database: options.database,
    hints: options.hints ?? DEFAULT_HINTS,
    convertError,
    maxParams: Math.min(dialect.maxParams, rawDriver.maxParams ?? Number.POSITIVE_INFINITY),
    tableInfo: (table) => schema.cache.tableInfo(schema.handle, table, (t) => readTableInfo(session, t), !inTransaction),
    forgetSchema: (table) => schema.cache.forget(schema.handle, table),
    tableExists: async (table) => {
      assertSqlIdentifier(table, 'table');
      return dialect.introspector.tableExists(driver, table);
    },
    listTables: () => dialect.introspector.listTables(driver),
    error: (err, fallback, context, details = {}) => mapDriverError(convertError, err, fallback, context, { ...where, ...details }),
    transaction: async (fn) => {
      let failedInside = false;
      try {
        return await rawDriver.transaction(async (tx) => {
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
        const kind = isLumixError(e) ? undefined : convertError(e).kind;
        throw mapDriverError(convertError, e, 'PERSISTENCE_FAILED', isEnvironmentKind(kind) ? 'Writing to the database' : 'Running a transaction', where);
      }
    },
  };
  return session;
}
