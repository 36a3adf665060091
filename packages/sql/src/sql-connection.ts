import { LumixError, isLumixError, type LumixErrorCode, type SqlRow, type TableSpec } from '@lumix/core';
import type { SchemaHints, TableInfo } from './schema-inspection.js';

/** A value as a driver binds it (what `toSqlValue` returns). */
export type BoundValue = string | number | bigint | null;

/** What a driver error says: its message without the `SQLITE_…: ` prefix, and whether a constraint failed. */
export interface DriverErrorText {
  readonly text: string;
  readonly constraint: boolean;
}

/** A prepared statement run many times with new parameters (a full INSERT batch). */
export interface PreparedStatement {
  run(params: readonly BoundValue[]): Promise<void>;
  /** Releases it; must not reject. */
  finalize(): Promise<void>;
}

/**
 * Adapter-building helper: the small structural view of one SQLite handle (a sqlite3 `Database`,
 * a Sequelize instance, possibly inside a transaction) on which core's SQL helpers
 * (`sqlTableSource`, `sqlInsertRows`, `sqlSaveRun`, `sqlOrmAdapter`, ...) run the logic every
 * SQLite adapter shares. An adapter implements only what depends on its driver: running a
 * statement, transactions, creating a table, reading its errors, caching schema facts.
 */
export interface SqlConnection {
  /** Runs a read statement with positional `?` parameters and returns every row. */
  all<T = SqlRow>(sql: string, params?: readonly BoundValue[]): Promise<T[]>;
  /** Runs a write statement with positional `?` parameters; resolves with the last inserted rowid. */
  run(sql: string, params?: readonly BoundValue[]): Promise<number>;
  /** Prepares a statement to run many times. Optional: without it each batch goes through `run`. */
  prepare?(sql: string): Promise<PreparedStatement>;
  /** Reads a driver error (see {@link mapDriverError}). Must not use `this`. */
  readonly errorText: (err: unknown) => DriverErrorText;
  /** The schema of a table or view, typically cached (see `SchemaCache`). */
  tableInfo(table: string): Promise<TableInfo>;
  /** Forgets cached schema facts of one table, or of all when `table` is omitted (after DDL). */
  forgetSchema(table?: string): void;
  /**
   * Runs `fn` in one transaction on a connection bound to it: committed when `fn` resolves,
   * rolled back when it throws. Foreign keys must be enforced inside it.
   */
  transaction<T>(fn: (tx: SqlConnection) => Promise<T>): Promise<T>;
  /** Creates one table and its indexes if missing (`IF NOT EXISTS`), inside the current transaction. */
  createTable(spec: TableSpec): Promise<void>;
  /** Parameters per multi-row INSERT statement (at most 500 rows each go in one statement). */
  readonly maxInsertParams: number;
  /** How the adapter's users create and migrate tables, for messages. */
  readonly hints: SchemaHints;
}

/**
 * Adapter-building helper: turns a driver error into a LumixError. A missing table or column
 * becomes `SCHEMA_ERROR` naming it, a constraint violation `DATA_ERROR` (with the driver's text
 * in `details.constraint`); anything else gets `fallback`. LumixErrors pass through unchanged.
 *
 * @param errorText how the driver's errors read (`SqlConnection.errorText`).
 * @param context what was being done, e.g. `Loading table products`.
 */
export function mapDriverError(
  errorText: (err: unknown) => DriverErrorText,
  err: unknown,
  fallback: LumixErrorCode,
  context: string,
  details: Record<string, unknown> = {},
): LumixError {
  if (isLumixError(err)) return err;
  const { text, constraint } = errorText(err);
  let m = /no such table: (?:main\.)?([\w.]+)/.exec(text);
  if (m) {
    return new LumixError('SCHEMA_ERROR', `${context}: table ${m[1]} does not exist; create it or fix the name.`, { cause: err, details: { ...details, table: m[1] } });
  }
  m = /no such column: ([\w."`]+)/.exec(text);
  if (m) {
    return new LumixError('SCHEMA_ERROR', `${context}: column ${m[1]!.replace(/`/g, '')} does not exist; fix the name or migrate the table.`, {
      cause: err,
      details: { ...details, column: m[1] },
    });
  }
  if (constraint) {
    return new LumixError('DATA_ERROR', `${context}: ${text}.`, { cause: err, details: { ...details, constraint: text } });
  }
  return new LumixError(fallback, `${context} failed: ${text}.`, { cause: err, details });
}
