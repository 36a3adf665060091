import 'reflect-metadata';
import { Sequelize, type ModelCtor } from 'sequelize-typescript';
import type { Sequelize as BaseSequelize } from 'sequelize';
import { LumixError, isLumixError } from '@lumix/core';
import { lumixErrorFromDriver } from '@lumix/sql';
import { convertSequelizeError } from './errors.js';

/** Options of {@link openSequelize}. */
export interface OpenSequelizeOptions {
  /** sequelize-typescript model classes to register (`@Table` classes). Default none. */
  readonly models?: readonly ModelCtor[];
  /** Receives each SQL statement (and its time in ms with `benchmark`). Default: no logging. */
  readonly logging?: false | ((sql: string, timingMs?: number) => void);
  /** Pass the time each statement took to `logging`. Default `false`. */
  readonly benchmark?: boolean;
  /** Milliseconds to wait for a lock held by another connection before failing. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** Open read-only (`SQLITE_OPEN_READONLY`): reads work, every write fails with kind `read-only`. Default `false`. */
  readonly readonly?: boolean;
}

/** The busy timeout used when none is given. */
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Sequelize's retry of a statement that failed with SQLITE_BUSY, turned off: by default it tries 5
 * times, each after the busy timeout, so a locked database failed only after 5 × 5 s. The busy
 * timeout is the one wait.
 */
export const NO_RETRY = { max: 1 } as const;

/**
 * The `uuid` the statements users write (query sources, `query()`) are sent with: Sequelize's
 * SQLite connection manager keeps one connection per uuid, and {@link enforceForeignKeys} opens
 * this one read-only.
 */
export const READ_ONLY_UUID = 'lumix-read-only';

/**
 * The uuid of a second read-only connection, for a read that starts while the first one is busy
 * (`sqliteConnectionDriver`'s `allReadOnly`): SQLite runs one statement at a time per connection,
 * so two reads on two connections run at once on two cores.
 */
export const READ_ONLY_SPARE_UUID = 'lumix-read-only-2';

const READ_ONLY_UUIDS: ReadonlySet<string> = new Set([READ_ONLY_UUID, READ_ONLY_SPARE_UUID]);

/**
 * sqlite3, loaded when a SQLite database is opened: it is an optional peer dependency, so the
 * package loads without it (a user of another database never installs it).
 *
 * @throws LumixError `SOURCE_FAILED` naming the package to add when it is not installed.
 */
async function loadSqlite3(): Promise<Sqlite3Module> {
  try {
    return ((await import('sqlite3')) as { default: Sqlite3Module }).default;
  } catch (cause) {
    throw new LumixError('SOURCE_FAILED', 'Opening a SQLite database through Sequelize needs the sqlite3 package: pnpm add sqlite3 (or npm install sqlite3).', { cause });
  }
}

/**
 * pg, loaded when a PostgreSQL database is opened (an optional peer dependency, like sqlite3).
 *
 * @throws LumixError `SOURCE_FAILED` naming the package to add when it is not installed.
 */
async function loadPg(): Promise<unknown> {
  try {
    // No @types/pg: the driver reads pg's objects structurally (src/postgres-connection.ts).
    const name: string = 'pg';
    return ((await import(name)) as { default: unknown }).default;
  } catch (cause) {
    throw new LumixError('SOURCE_FAILED', 'Opening a PostgreSQL database through Sequelize needs the pg package: pnpm add pg (or npm install pg).', { cause });
  }
}

/** True for a PostgreSQL connection URL (`postgres://…`, `postgresql://…`), which {@link openSequelize} opens with Sequelize's postgres dialect. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** A database URL without its password, as messages may show it. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** The part of a sqlite3 connection this module touches. */
interface SqliteConnection {
  run(sql: string, cb: (err: Error | null) => void): unknown;
  configure(option: 'busyTimeout', value: number): void;
  /** Whether it is open (false while it opens, and for good once opening failed). */
  readonly open?: boolean;
}

/** The part of the sqlite3 module this module touches. */
interface Sqlite3Module {
  readonly OPEN_READONLY: number;
  readonly Database: new (file: string, mode: number, cb: (err: Error | null) => void) => SqliteConnection;
}

/** The part of Sequelize's SQLite connection manager this module touches. */
interface SqliteConnectionManager {
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
  /** Sequelize's connections by uuid (by `1` for `:memory:`); `close()` closes every one. */
  connections?: Record<string | number, SqliteConnection>;
  readonly lib: Sqlite3Module;
  lumixPatched?: true;
}

const prepared = new WeakSet<object>();
const busyTimeouts = new WeakMap<BaseSequelize, number>();

/**
 * Where a SQLite Sequelize instance keeps its database, as its connection manager reads it: the
 * `storage` file, else `:memory:`.
 */
export function storageOf(sequelize: BaseSequelize): string {
  if (sequelize.getDialect() === 'postgres') {
    const c = (sequelize as unknown as { config: { host?: string; port?: number | string; username?: string; database?: string } }).config;
    return `postgres://${c.username === undefined ? '' : `${encodeURIComponent(c.username)}@`}${c.host ?? 'localhost'}${c.port === undefined ? '' : `:${c.port}`}/${c.database ?? ''}`;
  }
  const o = (sequelize as unknown as { options: { storage?: string | null; host?: string } }).options;
  return typeof o.storage === 'string' ? o.storage : o.host || ':memory:';
}

/** The busy timeout {@link enforceForeignKeys} set on the connections of `sequelize`, when it did. */
export function busyTimeoutOf(sequelize: BaseSequelize): number | undefined {
  return busyTimeouts.get(sequelize);
}

function run(conn: SqliteConnection, sql: string): Promise<void> {
  return new Promise<void>((resolve, reject) => conn.run(sql, (err) => (err ? reject(err) : resolve())));
}

/** Busy timeout and foreign keys on a connection, once, before its first statement. */
async function prepareConnection(conn: SqliteConnection, busyTimeoutMs: number): Promise<SqliteConnection> {
  if (!prepared.has(conn)) {
    conn.configure('busyTimeout', busyTimeoutMs);
    await run(conn, 'PRAGMA foreign_keys = ON');
    prepared.add(conn);
  }
  return conn;
}

/**
 * The read-only connection users' statements run on: opened with `SQLITE_OPEN_READONLY` on the
 * instance's file and kept among Sequelize's connections (so `close()` closes it). SQLite refuses
 * every write on it, and whatever a statement changes of its state stays on it.
 */
async function openReadOnly(cm: SqliteConnectionManager, file: string, busyTimeoutMs: number, uuid: string): Promise<SqliteConnection> {
  const conn = await new Promise<SqliteConnection>((resolve, reject) => {
    const c = new cm.lib.Database(file, cm.lib.OPEN_READONLY, (err) => (err ? reject(err) : resolve(c)));
  });
  await prepareConnection(conn, busyTimeoutMs);
  if (cm.connections !== undefined) cm.connections[uuid] = conn;
  return conn;
}

/**
 * Makes every connection Sequelize opens enforce foreign keys and wait `busyTimeoutMs` for locks
 * before it is used. Sequelize's SQLite dialect opens a new connection for each transaction and
 * fires `PRAGMA FOREIGN_KEYS=ON` without waiting for it (and its `afterConnect` hook never runs for
 * SQLite), so the pragma is awaited here, on every connection, before the first statement. Also:
 *
 * - a connection that failed to open is dropped from Sequelize's connections: node-sqlite3 never
 *   calls back a `close` of it, so `sequelize.close()` would otherwise never settle;
 * - statements sent with `uuid` {@link READ_ONLY_UUID} (or {@link READ_ONLY_SPARE_UUID}) run on
 *   a connection of their own opened read-only (the instance's own one for `:memory:`, which no
 *   other connection reaches).
 *
 * Idempotent (the first call's busy timeout stays); a no-op for other dialects. `sequelizeAdapter`
 * and every write of this package call it.
 */
export function enforceForeignKeys(sequelize: BaseSequelize, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): void {
  if (sequelize.getDialect() !== 'sqlite') return;
  const cm = sequelize.connectionManager as unknown as SqliteConnectionManager;
  if (cm.lumixPatched === true) return;
  busyTimeouts.set(sequelize, busyTimeoutMs);
  const original = cm.getConnection.bind(cm);
  const readers = new Map<string, Promise<SqliteConnection>>();
  const getConnection = async (options?: { uuid?: string }): Promise<SqliteConnection> => {
    const file = storageOf(sequelize);
    const uuid = options?.uuid;
    if (uuid !== undefined && READ_ONLY_UUIDS.has(uuid) && file !== ':memory:') {
      const open = cm.connections?.[uuid];
      if (open !== undefined && prepared.has(open)) return open;
      let reader = readers.get(uuid);
      if (reader === undefined) {
        reader = (async () => {
          // The instance's own connection first, so that a path it cannot open fails the same way
          // whichever statement comes first (sqlite3 opens a folder read-only, then fails to read it).
          await getConnection({ uuid: 'default' });
          return openReadOnly(cm, file, busyTimeoutMs, uuid);
        })().finally(() => {
          readers.delete(uuid);
        });
        readers.set(uuid, reader);
      }
      return reader;
    }
    const key = file === ':memory:' ? 1 : (options?.uuid ?? 'default');
    let conn: SqliteConnection;
    try {
      conn = await original(options);
    } catch (e) {
      const failed = cm.connections?.[key];
      if (failed !== undefined && failed.open !== true) delete cm.connections![key];
      throw e;
    }
    return prepareConnection(conn, busyTimeoutMs);
  };
  cm.getConnection = getConnection;
  cm.lumixPatched = true;
}

/** Sequelize's `logging` option from ours: Sequelize calls logging(message, options) or, with benchmark, logging(message, ms, options). */
function sequelizeLogging(logging: false | ((sql: string, timingMs?: number) => void)) {
  return logging === false
    ? false
    : (sql: string, timing?: unknown) => logging(sql.replace(/^Execut(?:ed|ing) \([^)]*\): /, ''), typeof timing === 'number' ? timing : undefined);
}

/**
 * A PostgreSQL database through Sequelize's postgres dialect (on `pg`): the busy timeout becomes
 * the server's `lock_timeout` (a lock not granted in time fails with kind `busy`), `readonly` its
 * `default_transaction_read_only`. The server is reached once here, so a wrong URL fails now.
 */
async function openPostgres(url: string, options: OpenSequelizeOptions): Promise<Sequelize> {
  const pg = await loadPg();
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const settings = [`-c lock_timeout=${Math.max(1, Math.trunc(busyTimeoutMs))}`, ...(options.readonly === true ? ['-c default_transaction_read_only=on'] : [])];
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    dialectModule: pg as object,
    logging: sequelizeLogging(options.logging ?? false),
    benchmark: options.benchmark ?? false,
    models: options.models === undefined ? [] : [...options.models],
    retry: NO_RETRY,
    dialectOptions: { options: settings.join(' ') },
  });
  busyTimeouts.set(sequelize, busyTimeoutMs);
  try {
    await sequelize.authenticate({ logging: false });
  } catch (cause) {
    await sequelize.close().catch(() => undefined);
    throw lumixErrorFromDriver(convertSequelizeError(cause), cause, 'SOURCE_FAILED', 'Opening the database', { file: redactUrl(url), busyTimeoutMs });
  }
  return sequelize;
}

/**
 * Opens a SQLite file through Sequelize (sequelize-typescript's `Sequelize`, dialect module
 * `sqlite3`) with foreign keys enforced on every connection, and registers `models`. Does not
 * create tables: call `sequelize.sync()` for registered models, or `createTables` for specs. The
 * schema is read once at open, so a file that is not a database fails here, not at the first
 * query. Sequelize's own retry of a busy statement is off: a lock fails after the busy timeout.
 *
 * @throws LumixError `SOURCE_FAILED` when the file cannot be opened, with `details.kind`
 *   (`cannot-open`, `not-a-database`, `corrupt`, `busy`, ...), `details.file` and the cause.
 */
export async function openSequelize(file: string, options: OpenSequelizeOptions = {}): Promise<Sequelize> {
  if (isPostgresUrl(file)) return openPostgres(file, options);
  const logging = options.logging ?? false;
  const sqlite3 = await loadSqlite3();
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const sequelize = new Sequelize({
    dialect: 'sqlite',
    dialectModule: sqlite3,
    storage: file,
    logging: sequelizeLogging(logging),
    benchmark: options.benchmark ?? false,
    models: options.models === undefined ? [] : [...options.models],
    retry: NO_RETRY,
    ...(options.readonly === true ? { dialectOptions: { mode: sqlite3.OPEN_READONLY } } : {}),
  });
  enforceForeignKeys(sequelize, busyTimeoutMs);
  try {
    // One statement on the instance's own connection (opened as every one is, `enforceForeignKeys`):
    // reading the schema finds a file that is not a database now (Sequelize's `authenticate`,
    // `SELECT 1+1`, does not read the file). Not through `sequelize.query`: its SQLite dialect
    // formats a stack trace for every statement, which under source maps (tsx) cost 4-8 ms here.
    const conn = await (sequelize.connectionManager as unknown as SqliteConnectionManager).getConnection({ uuid: 'default' });
    await run(conn, 'SELECT count(*) AS n FROM sqlite_master');
  } catch (cause) {
    await sequelize.close().catch(() => undefined);
    throw isLumixError(cause) ? cause : lumixErrorFromDriver(convertSequelizeError(cause), cause, 'SOURCE_FAILED', 'Opening the database', { file, busyTimeoutMs });
  }
  return sequelize;
}
