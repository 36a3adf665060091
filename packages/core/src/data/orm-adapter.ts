import type { IndexSource } from './index-source.js';
import type { Lookup, LookupKeyPart } from './lookup.js';
import type { RunInfo, SolveRunRecord } from './run-info.js';
import type { SqlRow, SqlValue } from './sql-value.js';
import type { TableSpec } from './table-spec.js';

/**
 * An equality filter on columns: `{ column: value }` means `column = value`, an array means
 * `column IN (...)`, `null` means `column IS NULL`. Conditions are joined with AND. Values are
 * always bound as parameters, so quotes and SQL fragments match literally.
 */
type WhereEquals = Readonly<Record<string, SqlValue | readonly SqlValue[]>>;

/** A sort order: a column, or a list of columns and `[column, 'ASC' | 'DESC']` pairs. */
export type OrderBy = string | readonly (string | readonly [string, 'ASC' | 'DESC' | 'asc' | 'desc'])[];

/** Options of a table source ({@link OrmAdapter.fromTable}) and of a table lookup. */
export interface TableSourceOptions {
  /** Equality filter pushed into the SQL. Default: every row. */
  readonly where?: WhereEquals;
  /** Sort order. Default: the primary key (so builds are reproducible). */
  readonly orderBy?: OrderBy;
  /** Columns to read. Default: every column. */
  readonly columns?: readonly string[];
}

/** Options of a query source ({@link OrmAdapter.fromQuery}). */
export interface QuerySourceOptions {
  /** What the source is, for messages. Default: the SQL text. */
  readonly label?: string;
  /** Result columns that must hold finite numbers (or null); others are not checked. Default none. */
  readonly numeric?: readonly string[];
}

/** The key of a lookup: one to three column names, or a function of the row returning 1–3 key parts. */
export type LookupKeySpec<R> = string | readonly string[] | ((row: R) => LookupKeyPart | readonly LookupKeyPart[]);

/** The value of a lookup: a column name (which must hold finite numbers) or a function of the row. */
export type LookupValueSpec<R, V> = string | ((row: R) => V);

/**
 * Solution rows to save: table name → rows (plain objects, column → value). Every row gets the
 * run id column set by the adapter.
 */
type SolutionRows = Readonly<Record<string, Iterable<object>>>;

/** Options of {@link OrmAdapter.saveRun}. */
export interface SaveRunOptions {
  /** Free text stored with the run. Default `null`. */
  readonly label?: string | null;
  /** Maps the new run's id to its solution rows. Default: no rows. */
  readonly rows?: (runId: number) => SolutionRows | Promise<SolutionRows>;
  /** Name of the run id column in solution tables. Default `run_id`. */
  readonly runIdColumn?: string;
}

/** A filter on saved runs. */
export interface RunFilter {
  readonly modelName?: string;
  readonly label?: string;
}

/**
 * What every LumiX ORM adapter offers, bound to one open database, so an app can switch between
 * adapters by configuration (`--orm sqlite|sequelize`). The adapter packages also export the same
 * operations as plain functions taking the handle first (`fromTable(db, 'products')`).
 *
 * Semantics shared by all adapters (the `@lumix/orm-conformance` suite checks them):
 * - Table and column names are validated (`INVALID_NAME`) and checked against the schema
 *   (`SCHEMA_ERROR` naming the missing table or column); values are always bound parameters.
 * - A source runs exactly one query per `load()`; numeric columns holding non-numbers or
 *   non-finite values fail with `DATA_ERROR` naming the table, row and column.
 * - Foreign keys are enforced. Writes happen in one transaction: on any failure nothing is written.
 * - `fromQuery` and `query` only read: a statement that would write or change a setting of the
 *   connection (a PRAGMA such as `foreign_keys(0)`) is `INVALID_ARGUMENT` and changes nothing;
 *   the SQL adapters run them on a separate read-only connection.
 * - A database that cannot be used (locked by another process past the busy timeout, read-only,
 *   full, not openable, not a database, damaged) is a LumixError (`SOURCE_FAILED` opening or
 *   reading, `PERSISTENCE_FAILED` writing) whose `details` carry `kind` (`busy`, `read-only`,
 *   `disk-full`, `cannot-open`, `not-a-database`, `corrupt`, `io-error`) and `file`.
 */
export interface OrmAdapter {
  /** Which adapter this is (`sqlite`, `sequelize`). */
  readonly kind: string;

  /** An index source over a table's rows (plain objects), loaded with one query per build. */
  fromTable<T extends object = SqlRow>(table: string, options?: TableSourceOptions): IndexSource<T>;
  /** An index source over a parameterized read query (`?` placeholders), loaded with one query per build. */
  fromQuery<T extends object = SqlRow>(sql: string, params?: readonly SqlValue[], options?: QuerySourceOptions): IndexSource<T>;
  /** Runs a parameterized read query now and returns its rows. */
  query<T extends object = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;

  /**
   * A {@link Lookup} loaded with one query from a table (name) or any index source.
   * @throws `DUPLICATE_KEY` when two rows share a key; `DATA_ERROR` when a value column holds a non-number.
   */
  lookup<V = number, R extends object = SqlRow>(
    from: string | IndexSource<R>,
    key: LookupKeySpec<R>,
    value: LookupValueSpec<R, V>,
    options?: TableSourceOptions,
  ): Promise<Lookup<V>>;

  /**
   * The names of the database's tables, sorted: user tables only (no views, none of the
   * database's own such as SQLite's `sqlite_sequence`). For checking that a database has the
   * schema an app expects without writing catalog SQL.
   */
  listTables(): Promise<string[]>;
  /**
   * Whether a table or view named `name` exists (names match as the database matches them:
   * case-insensitively in SQLite).
   * @throws `INVALID_NAME` for a malformed name.
   */
  tableExists(name: string): Promise<boolean>;

  /** Creates the tables that do not exist yet (in order: parents first) and checks that existing ones have the declared columns. */
  createTables(tables: readonly TableSpec[]): Promise<void>;
  /**
   * Inserts rows (plain objects, column → value; a missing key is NULL) into a table in one
   * transaction; returns how many. Nothing is written on failure.
   */
  insertRows(table: string, rows: Iterable<object>): Promise<number>;

  /** Creates the `solve_runs` table if it does not exist. */
  ensureRunTable(): Promise<void>;
  /**
   * Saves a run (a `Solution`, or anything with `run: RunInfo`) and its solution rows in one
   * transaction; earlier runs are kept. On any failure nothing is written and `PERSISTENCE_FAILED`
   * is thrown with the underlying error as `cause`.
   */
  saveRun(solution: { readonly run: RunInfo }, options?: SaveRunOptions): Promise<SolveRunRecord>;
  /** The run with the highest id (matching the filter), or `null`. */
  latestRun(filter?: RunFilter): Promise<SolveRunRecord | null>;
  /** Run `id`, or `null` when there is none. */
  getRun(id: number): Promise<SolveRunRecord | null>;
  /** Every run (matching the filter), oldest first. */
  listRuns(filter?: RunFilter): Promise<SolveRunRecord[]>;
  /** The rows of `table` saved with run `runId`, ordered by `orderBy` (default: insertion order). */
  readRunRows<T extends object = SqlRow>(table: string, runId: number, options?: { readonly orderBy?: OrderBy; readonly runIdColumn?: string }): Promise<T[]>;

  /** Closes the connection(s). */
  close(): Promise<void>;
}
