import type { TableSpec } from '@lumix/core';
import type { SqlDriver } from './driver.js';
import type { TableInfo } from './table-info.js';

/** One condition of a {@link SelectSpec}; the values are bound in the order of the terms. */
export type WhereTerm =
  | { readonly op: 'eq'; readonly column: string }
  | { readonly op: 'in'; readonly column: string; readonly count: number }
  | { readonly op: 'is-null'; readonly column: string }
  /** Matches no row (an empty `IN` list). */
  | { readonly op: 'none' };

/** One sort key of a {@link SelectSpec}. */
export interface OrderTerm {
  readonly column: string;
  readonly direction: 'ASC' | 'DESC';
}

/**
 * A SELECT of one table, with every identifier already validated against the schema: what the
 * layer asks a {@link SqlCompiler} to render.
 */
export interface SelectSpec {
  /** The table or view, as the database names it. */
  readonly table: string;
  /** Columns to read, or `null` for every column. */
  readonly columns: readonly string[] | null;
  /** Conditions joined with AND. */
  readonly where: readonly WhereTerm[];
  /**
   * Sort keys; `'storage'` asks for the dialect's stable order of a keyless table (SQLite's
   * rowid), which a dialect without one renders as no order.
   */
  readonly orderBy: readonly OrderTerm[] | 'storage';
  /** At most this many rows. Default: all. */
  readonly limit?: number;
}

/** An INSERT of one row that reports the new row's key (the `solve_runs` row). */
export interface InsertReturningId {
  readonly sql: string;
  /**
   * Where the key comes from: the driver's `RunResult.lastInsertId` (SQLite), or the one row the
   * statement returns (`RETURNING`, run with `all`), in the column named like the key.
   */
  readonly idFrom: 'last-insert-id' | 'returned-row';
}

/**
 * The statement compiler of a dialect: the SQL text of everything the layer runs, in the
 * dialect's quoting and placeholder form (Kysely's `QueryCompiler`). Identifiers it receives have
 * passed `assertSqlIdentifier`; values never reach it (they are bound).
 */
export interface SqlCompiler {
  /** Quotes a validated identifier (`"name"`). */
  quoteId(name: string): string;
  /** The placeholder of the `index`-th parameter (1-based): `?` in SQLite, `$1` in PostgreSQL. */
  placeholder(index: number): string;
  /**
   * A statement written with positional `?` (what users pass to `fromQuery`; checked by
   * `checkPlaceholders`) in this dialect's placeholder form.
   */
  fromPositional(sql: string): string;
  /**
   * A statement of this dialect with its placeholders numbered `$1…$n`, the bind form some drivers
   * take whatever the database (Sequelize's `bind`).
   */
  toNumbered(sql: string): string;
  /** Renders a SELECT. */
  select(spec: SelectSpec): string;
  /** One multi-row INSERT of `rows` rows into `columns`. */
  insert(table: string, columns: readonly string[], rows: number): string;
  /** A one-row INSERT reporting the new key of `idColumn`. */
  insertReturningId(table: string, columns: readonly string[], idColumn: string): InsertReturningId;
  /**
   * The `CREATE TABLE IF NOT EXISTS` statement of a spec, then one `CREATE INDEX IF NOT EXISTS`
   * per index. Validates the spec first.
   */
  createTable(spec: TableSpec): string[];
  /**
   * A statement to run after rows were inserted with explicit values of the integer key `column`,
   * so that keys the database numbers later continue after them: PostgreSQL's identity sequence
   * does not see explicit values (SQLite's AUTOINCREMENT does). Absent when nothing is needed.
   */
  keySequenceSync?(table: string, column: string): string;
  /**
   * A user's statement (a query source, `query()`) that starts with `word` (upper case), a word
   * other than SELECT/WITH/VALUES/EXPLAIN, as the read to run instead; `null` when the dialect has
   * no read starting with that word. `body` is the statement without leading comments.
   *
   * SQLite: a `PRAGMA [schema.]name[(value) | = value]` becomes a SELECT from the pragma's
   * table-valued function (`PRAGMA table_info(t)` → `SELECT * FROM pragma_table_info('t')`). SQLite
   * offers those functions only for pragmas that return results without side effects, and takes
   * an argument only where the pragma reads with one, so a pragma that would set something
   * (`PRAGMA foreign_keys(0)`, `PRAGMA user_version = 42`) is refused by SQLite itself and never
   * runs. (A PRAGMA statement cannot be checked before it runs: SQLite applies many of them while
   * preparing the statement, EXPLAIN included.)
   *
   * @throws LumixError `INVALID_ARGUMENT` for a statement of that word the dialect cannot read as
   *   one (a PRAGMA of another shape).
   */
  dialectRead(word: string, body: string): string | null;
  /**
   * Statements that write without leaving anything behind once their transaction is rolled back,
   * run by `checkWritable` to find a locked, read-only or full database before any work is done
   * (SQLite: creating a table, which writes the schema page and may need a new page).
   */
  writeProbe(): string[];
}

/** A single- or multi-column foreign key, as an introspector reads it. */
export interface ForeignKeyInfo {
  /** The referencing columns, in key order. */
  readonly columns: readonly string[];
  readonly parentTable: string;
  /** The referenced columns; `null` for one that defaults to the parent's primary key. */
  readonly parentColumns: readonly (string | null)[];
}

/**
 * The schema introspector of a dialect (Kysely's `DatabaseIntrospector`): reads the catalog
 * through a driver. Names match as the database matches them (SQLite: case-insensitively).
 */
export interface SchemaIntrospector {
  /** A table's or view's columns, or `null` when there is none. */
  table(driver: SqlDriver, name: string): Promise<TableInfo | null>;
  /** Whether a table or view exists. */
  tableExists(driver: SqlDriver, name: string): Promise<boolean>;
  /** The user tables (not views, not the database's own), sorted by name. */
  listTables(driver: SqlDriver): Promise<string[]>;
  /** The foreign keys of a table. */
  foreignKeys(driver: SqlDriver, table: string): Promise<ForeignKeyInfo[]>;
}

/**
 * A SQL dialect: how the layer talks to one kind of database, whatever the driver (Kysely's
 * `Dialect`). Everything specific to the database lives in its folder `src/dialect/<name>/`;
 * the rest of the layer reads only this object.
 */
export interface SqlDialect {
  /** `sqlite`, `postgres`, ... */
  readonly name: string;
  readonly compiler: SqlCompiler;
  readonly introspector: SchemaIntrospector;
  /** Parameters one statement may carry, with a margin under the database's hard limit. */
  readonly maxParams: number;
  /**
   * True when a failed statement aborts the whole transaction until it is rolled back
   * (PostgreSQL: every later statement fails with `25P02`): the layer then sets a savepoint
   * before inserting a table's rows and rolls back to it on failure, so that it can still find
   * the offending row (and the transaction be rolled back cleanly). SQLite keeps the transaction.
   */
  readonly failedStatementAbortsTransaction?: boolean;
}
