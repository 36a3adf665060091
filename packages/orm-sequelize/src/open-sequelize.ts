import 'reflect-metadata';
import { Sequelize, type ModelCtor } from 'sequelize-typescript';
import type { Sequelize as BaseSequelize } from 'sequelize';
import { LumixError } from '@lumix/core';

/** Options of {@link openSequelize}. */
export interface OpenSequelizeOptions {
  /** sequelize-typescript model classes to register (`@Table` classes). Default none. */
  readonly models?: readonly ModelCtor[];
  /** Receives each SQL statement (and its time in ms with `benchmark`). Default: no logging. */
  readonly logging?: false | ((sql: string, timingMs?: number) => void);
  /** Pass the time each statement took to `logging`. Default `false`. */
  readonly benchmark?: boolean;
  /** Milliseconds to wait for a lock held by another connection. Default 5000. */
  readonly busyTimeoutMs?: number;
}

/**
 * sqlite3, loaded when a SQLite database is opened: it is an optional peer dependency, so the
 * package loads without it (a user of another database never installs it).
 *
 * @throws LumixError `SOURCE_FAILED` naming the package to add when it is not installed.
 */
async function loadSqlite3(): Promise<object> {
  try {
    return ((await import('sqlite3')) as { default: object }).default;
  } catch (cause) {
    throw new LumixError('SOURCE_FAILED', 'Opening a SQLite database through Sequelize needs the sqlite3 package: pnpm add sqlite3 (or npm install sqlite3).', { cause });
  }
}

/** The part of a sqlite3 connection this module touches. */
interface SqliteConnection {
  run(sql: string, cb: (err: Error | null) => void): unknown;
  configure(option: 'busyTimeout', value: number): void;
}

const prepared = new WeakSet<object>();

/**
 * Makes every connection Sequelize opens enforce foreign keys before it is used. Sequelize's
 * SQLite dialect opens a new connection for each transaction and fires `PRAGMA FOREIGN_KEYS=ON`
 * without waiting for it (and its `afterConnect` hook never runs for SQLite), so the pragma is
 * awaited here, on every connection, before the first statement. Idempotent; a no-op for other
 * dialects. `sequelizeAdapter` and every write of this package call it.
 */
export function enforceForeignKeys(sequelize: BaseSequelize, busyTimeoutMs = 5000): void {
  if (sequelize.getDialect() !== 'sqlite') return;
  const cm = sequelize.connectionManager as unknown as { getConnection(options?: unknown): Promise<SqliteConnection>; lumixPatched?: true };
  if (cm.lumixPatched === true) return;
  const original = cm.getConnection.bind(cm);
  cm.getConnection = async (options?: unknown) => {
    const conn = await original(options);
    if (!prepared.has(conn)) {
      conn.configure('busyTimeout', busyTimeoutMs);
      await new Promise<void>((resolve, reject) => conn.run('PRAGMA foreign_keys = ON', (err) => (err ? reject(err) : resolve())));
      prepared.add(conn);
    }
    return conn;
  };
  cm.lumixPatched = true;
}

/**
 * Opens a SQLite file through Sequelize (sequelize-typescript's `Sequelize`, dialect module
 * `sqlite3`) with foreign keys enforced on every connection, and registers `models`. Does not
 * create tables: call `sequelize.sync()` for registered models, or `createTables` for specs.
 *
 * @throws LumixError `SOURCE_FAILED` when the file cannot be opened.
 */
export async function openSequelize(file: string, options: OpenSequelizeOptions = {}): Promise<Sequelize> {
  const logging = options.logging ?? false;
  const sequelize = new Sequelize({
    dialect: 'sqlite',
    dialectModule: await loadSqlite3(),
    storage: file,
    // Sequelize calls logging(message, options) or, with benchmark, logging(message, ms, options).
    logging:
      logging === false
        ? false
        : (sql: string, timing?: unknown) => logging(sql.replace(/^Execut(?:ed|ing) \([^)]*\): /, ''), typeof timing === 'number' ? timing : undefined),
    benchmark: options.benchmark ?? false,
    models: options.models === undefined ? [] : [...options.models],
  });
  enforceForeignKeys(sequelize, options.busyTimeoutMs);
  try {
    await sequelize.authenticate({ logging: false });
  } catch (cause) {
    await sequelize.close().catch(() => undefined);
    throw new LumixError('SOURCE_FAILED', `Cannot open SQLite database ${file} through Sequelize: ${(cause as Error).message}. Check the path and its permissions.`, {
      cause,
      details: { file },
    });
  }
  return sequelize;
}
