import type { ConformanceCase } from '@lumix/conformance-kit';
import type { IndexSource, OrmAdapter, SqlRow } from '@lumix/core';

/**
 * What an adapter may offer beyond `OrmAdapter`, each backed by a member of
 * {@link OrmAdapterUnderTest}; a case needing one is skipped, with the reason printed, for an
 * adapter that does not claim it.
 *
 * - `models`: index sources through the ORM's own model layer (Sequelize `fromModel`): `modelSource`.
 * - `migrations`: numbered SQL migrations applied once each, in order: `migrate`.
 */
export type OrmCapability = 'models' | 'migrations';

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
}

/** Opens an adapter on a fresh SQLite file path (the file does not exist yet). */
export type MakeOrmAdapterUnderTest = (file: string) => Promise<OrmAdapterUnderTest>;

/** One case of the ORM suite: it runs against an adapter on a freshly seeded database. */
export type OrmConformanceCase = ConformanceCase<OrmAdapterUnderTest, OrmCapability>;
