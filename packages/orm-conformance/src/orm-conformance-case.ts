import type { ConformanceCase } from '@lumix/conformance-kit';
import type { IndexSource, OrmAdapter, SqlRow } from '@lumix/core';

/**
 * What an adapter may offer beyond `OrmAdapter`, each backed by a member of
 * {@link OrmAdapterUnderTest}; a case needing one is skipped, with the reason printed, for an
 * adapter that does not claim it.
 *
 * - `models`: index sources through the ORM's own model layer (Sequelize `fromModel`): `modelSource`.
 * - `migrations`: numbered SQL migrations applied once each, in order: `migrate`.
 * - `write-check`: the adapter checks up front that the database can be written: `checkWritable`.
 * - `size-limit`: the harness can cap the database's size, so a write fails as on a full disk: `limitPages`.
 * - `sqlite-file`: the database is a SQLite file: its pragmas, paths that cannot be opened, files
 *   that are not databases, and the file's write lock (a PostgreSQL server has none of these).
 * - `postgres-server`: the database is on a PostgreSQL server the harness reaches by URL: a server
 *   that does not answer, a database that does not exist.
 */
export type OrmCapability = 'models' | 'migrations' | 'write-check' | 'size-limit' | 'sqlite-file' | 'postgres-server';

/** The database the suite runs on: what a case may check differently (and says why). */
export type OrmDialect = 'sqlite' | 'postgres';

/** How a case opens another adapter of the kind under test (see {@link OrmCaseSubject.open}). */
export interface OpenOptions {
  /** Milliseconds the adapter waits for a lock another connection holds before failing. Default: the adapter's. */
  readonly busyTimeoutMs?: number;
  /** Open the database read-only: reads work, every write must fail with kind `read-only`. Default `false`. */
  readonly readonly?: boolean;
}

/** One numbered schema change for the `migrations` capability. */
export interface SqlMigration {
  readonly version: number;
  readonly sql: string;
}

/** What an adapter package hands the suite for one fresh database file. */
export interface OrmAdapterUnderTest {
  /** The adapter, open on the file. The suite seeds the fixture tables and closes it. */
  readonly adapter: OrmAdapter;
  /**
   * Every SQL statement the adapter sent to the database, appended synchronously when it is sent
   * (wrap the connection's methods, or Sequelize's `logging`; sqlite3's `trace` event arrives
   * asynchronously and can be late). The suite clears it with `length = 0`.
   */
  readonly statements: string[];
  /** Runs raw SQL on the database, bypassing the adapter's checks: used to plant bad data. */
  execRaw(sql: string): Promise<void>;
  /** `models`: an index source over a fixture table (by name) through the ORM's model layer. */
  modelSource?(table: string): IndexSource<SqlRow>;
  /**
   * `migrations`: applies the migrations newer than the database's recorded version, each in its
   * own transaction, and returns the versions applied; a failing one is rolled back and is a
   * `SCHEMA_ERROR`.
   */
  migrate?(migrations: readonly SqlMigration[]): Promise<number[]>;
  /**
   * `write-check`: the adapter's up-front check that the database can be written (resolves, or
   * throws `PERSISTENCE_FAILED` with `details.kind` and `details.file`), leaving nothing behind.
   */
  checkWritable?(): Promise<void>;
  /**
   * `size-limit`: caps the database at `pages` pages on every connection the adapter writes with
   * (SQLite `PRAGMA max_page_count`), so that growing it fails as on a full disk.
   */
  limitPages?(pages: number): Promise<void>;
}

/**
 * Opens an adapter on `file`: a fresh SQLite file path (the file does not exist yet) or a fresh
 * empty PostgreSQL database's URL for the suite's own databases; for a case, the database under test (to hold a lock from a second
 * adapter, or open it read-only) or a path that cannot be opened. `options` must be honoured.
 */
export type MakeOrmAdapterUnderTest = (file: string, options?: OpenOptions) => Promise<OrmAdapterUnderTest>;

/** What a case runs against: the adapter under test on its seeded file, and how to open more. */
export interface OrmCaseSubject extends OrmAdapterUnderTest {
  /** The database the adapter under test has open: a SQLite file, or a PostgreSQL URL. */
  readonly file: string;
  /** The database it runs on, for the cases that check what differs between them. */
  readonly dialect: OrmDialect;
  /** Opens another adapter of the kind under test, not seeded (see {@link MakeOrmAdapterUnderTest}); the case closes it. */
  open(file: string, options?: OpenOptions): Promise<OrmAdapterUnderTest>;
}

/** One case of the ORM suite: it runs against an adapter on a freshly seeded database. */
export type OrmConformanceCase = ConformanceCase<OrmCaseSubject, OrmCapability>;
