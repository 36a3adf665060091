import type { SqlRow } from '@lumix/core';

/** A value as a driver binds it (what `toSqlValue` returns). */
export type BoundValue = string | number | bigint | null;

/** What a write statement reports. */
export interface RunResult {
  /**
   * The key the database gave the row inserted last (SQLite's `last_insert_rowid()`), or `null`
   * when the driver does not report one (a dialect without it uses `RETURNING`, see
   * `SqlCompiler.insertReturningId`).
   */
  readonly lastInsertId: number | null;
}

/** A prepared statement run many times with new parameters (a full INSERT batch). */
export interface PreparedStatement {
  run(params: readonly BoundValue[]): Promise<void>;
  /** Releases it; must not reject. */
  finalize(): Promise<void>;
}

/**
 * The driver role of an adapter: running statements on one database handle (a sqlite3 `Database`,
 * a Sequelize instance, possibly inside a transaction). Statements arrive in the dialect's own SQL
 * and placeholder form (`SqlCompiler`), with their values already converted and checked; errors
 * are thrown as the driver throws them (the adapter's `convertDriverError` reads them).
 *
 * Modelled on Kysely's `Driver`/`DatabaseConnection`: nothing here knows SQL, schemas or messages.
 */
export interface SqlDriver {
  /** Runs a read statement and returns every row as a plain object. */
  all<T = SqlRow>(sql: string, params?: readonly BoundValue[]): Promise<T[]>;
  /**
   * Runs a statement a user wrote (a query source, `query()`), already checked and put in its
   * reading form by the layer (`readStatement`), where it can neither write the database nor
   * change the state of the connection `run` and `transaction` use: on a second connection to the
   * same database opened read-only (SQLite: `SQLITE_OPEN_READONLY`), opened on first use and closed
   * with the adapter. It sees what is committed, not an open transaction of this driver.
   *
   * When no second connection can reach the database (SQLite `:memory:` or a temporary database),
   * it runs on this driver's connection; the layer's check (only SELECT/WITH/VALUES/EXPLAIN reach
   * the database, pragmas as their table-valued functions) is then what keeps it a read.
   */
  allReadOnly<T = SqlRow>(sql: string, params?: readonly BoundValue[]): Promise<T[]>;
  /** Runs a write or DDL statement. */
  run(sql: string, params?: readonly BoundValue[]): Promise<RunResult>;
  /** Prepares a statement to run many times. Optional: without it each batch goes through `run`. */
  prepare?(sql: string): Promise<PreparedStatement>;
  /**
   * Runs `fn` in one transaction on a driver bound to it: committed when `fn` resolves, rolled
   * back when it throws. Foreign keys must be enforced inside it.
   */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
  /**
   * Parameters per statement this driver handles well, when that is fewer than the dialect
   * allows (Sequelize binds SQLite parameters by name, which costs O(parameters²) per statement).
   * Default: the dialect's `maxParams`.
   */
  readonly maxParams?: number;
}
