import { LumixError } from '../errors.js';

/**
 * The column types a {@link TableSpec} knows. Each adapter maps them to its database's types
 * (SQLite: `INTEGER`, `REAL`, `TEXT`, `INTEGER` 0/1, `TEXT` ISO-8601).
 */
export type ColumnType = 'integer' | 'real' | 'text' | 'boolean' | 'datetime';

/** A column of a {@link TableSpec}. */
export interface ColumnSpec {
  readonly type: ColumnType;
  /** Whether `NULL` is allowed. Default `false` (NOT NULL), except for a primary key. */
  readonly nullable?: boolean;
  /** This column alone is the primary key. An `integer` primary key auto-increments. Default `false`. */
  readonly primaryKey?: boolean;
  /** A single-column unique constraint. Default `false`. */
  readonly unique?: boolean;
  /** A foreign key: the parent table (its column defaults to `id`). */
  readonly references?: string | { readonly table: string; readonly column?: string };
  /** What deleting the parent row does. Default `'restrict'`. */
  readonly onDelete?: 'restrict' | 'cascade' | 'set null';
  /** A constant default value. Default: none. */
  readonly default?: string | number | boolean | null;
}

/**
 * A small declarative table description that every ORM adapter can create idempotently
 * (`CREATE TABLE IF NOT EXISTS`), with foreign keys and unique constraints. Column order is the
 * order of `columns`.
 */
export interface TableSpec {
  readonly name: string;
  readonly columns: Readonly<Record<string, ColumnSpec>>;
  /** A composite primary key; use `ColumnSpec.primaryKey` for a single column. */
  readonly primaryKey?: readonly string[];
  /** Composite unique constraints, each a list of columns. */
  readonly unique?: readonly (readonly string[])[];
  /** Plain (non-unique) indexes, each a list of columns. */
  readonly indexes?: readonly (readonly string[])[];
}

/** Name of the run-history table every adapter writes. */
export const SOLVE_RUNS_TABLE = 'solve_runs';

/** Default name of the column that ties solution rows to their `solve_runs` row. */
export const RUN_ID_COLUMN = 'run_id';

/**
 * The `solve_runs` table: one row per saved solve (see `RunInfo`). Times are ISO-8601 text in UTC;
 * `options_json` is the JSON of the solve options.
 */
export const SOLVE_RUNS_SPEC: TableSpec = {
  name: SOLVE_RUNS_TABLE,
  columns: {
    id: { type: 'integer', primaryKey: true },
    started_at: { type: 'datetime' },
    finished_at: { type: 'datetime' },
    model_name: { type: 'text' },
    solver: { type: 'text' },
    status: { type: 'text' },
    objective: { type: 'real', nullable: true },
    build_ms: { type: 'real' },
    solve_ms: { type: 'real' },
    num_variables: { type: 'integer' },
    num_constraints: { type: 'integer' },
    num_nonzeros: { type: 'integer' },
    options_json: { type: 'text' },
    label: { type: 'text', nullable: true },
  },
  indexes: [['model_name']],
};

/** Options of {@link solutionTable}. */
interface SolutionTableOptions {
  /** Composite unique constraints within one run; `run_id` is prepended to each. */
  readonly unique?: readonly (readonly string[])[];
  /** Name of the run id column. Default `run_id`. */
  readonly runIdColumn?: string;
}

/**
 * A {@link TableSpec} for solution rows: an `id` primary key, a `run_id` column referencing
 * `solve_runs(id)` (deleting a run deletes its rows), then `columns`. Unique constraints hold
 * within a run, so earlier runs never clash with a new one.
 */
export function solutionTable(name: string, columns: Readonly<Record<string, ColumnSpec>>, options: SolutionTableOptions = {}): TableSpec {
  const runId = options.runIdColumn ?? RUN_ID_COLUMN;
  assertSqlIdentifier(runId, 'run id column');
  if ('id' in columns || runId in columns) {
    throw new LumixError('INVALID_NAME', `solutionTable ${name}: do not declare "id" or "${runId}"; they are added for you.`, {
      details: { table: name },
    });
  }
  return {
    name,
    columns: {
      id: { type: 'integer', primaryKey: true },
      [runId]: { type: 'integer', references: SOLVE_RUNS_TABLE, onDelete: 'cascade' },
      ...columns,
    },
    unique: (options.unique ?? []).map((cols) => [runId, ...cols]),
    indexes: options.unique !== undefined && options.unique.length > 0 ? [] : [[runId]],
  };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** True when `name` is a plain SQL identifier: a letter or `_`, then letters, digits, `_`; at most 63 characters. */
function isSqlIdentifier(name: unknown): name is string {
  return typeof name === 'string' && IDENTIFIER.test(name);
}

/**
 * Throws `INVALID_NAME` unless `name` is a plain SQL identifier (see {@link isSqlIdentifier}).
 * Adapters call it on every table and column name before it goes into SQL text, so only values
 * ever travel as parameters.
 *
 * @param what what the name is, for the message (`table`, `column of products`).
 */
export function assertSqlIdentifier(name: unknown, what: string): asserts name is string {
  if (!isSqlIdentifier(name)) {
    throw new LumixError(
      'INVALID_NAME',
      `${what} name ${JSON.stringify(name)} is not a plain identifier; use letters, digits and _ (starting with a letter or _), at most 63 characters.`,
      { details: { name, what } },
    );
  }
}

/** Every problem in a {@link TableSpec}'s names and references, checked before any SQL is built. */
export function validateTableSpec(spec: TableSpec): void {
  assertSqlIdentifier(spec.name, 'table');
  const cols = Object.keys(spec.columns);
  if (cols.length === 0) {
    throw new LumixError('INVALID_ARGUMENT', `Table ${spec.name} has no columns; declare at least one.`, { details: { table: spec.name } });
  }
  for (const c of cols) {
    assertSqlIdentifier(c, `column of ${spec.name}`);
    const col = spec.columns[c]!;
    if (col.references !== undefined) {
      const ref = typeof col.references === 'string' ? { table: col.references } : col.references;
      assertSqlIdentifier(ref.table, `table referenced by ${spec.name}.${c}`);
      if (ref.column !== undefined) assertSqlIdentifier(ref.column, `column referenced by ${spec.name}.${c}`);
    }
  }
  const known = new Set(cols);
  const checkList = (list: readonly string[], what: string) => {
    for (const c of list) {
      if (!known.has(c)) {
        throw new LumixError('SCHEMA_ERROR', `Table ${spec.name}: ${what} names column ${c}, which is not declared; declare it in columns.`, {
          details: { table: spec.name, column: c },
        });
      }
    }
  };
  if (spec.primaryKey !== undefined) {
    checkList(spec.primaryKey, 'the primary key');
    if (cols.some((c) => spec.columns[c]!.primaryKey === true)) {
      throw new LumixError('INVALID_ARGUMENT', `Table ${spec.name} declares both a composite primaryKey and a column primaryKey; keep one.`, {
        details: { table: spec.name },
      });
    }
  }
  for (const u of spec.unique ?? []) checkList(u, 'a unique constraint');
  for (const i of spec.indexes ?? []) checkList(i, 'an index');
}

/** The referenced table and column of a column spec's `references`, or `null`. */
export function columnReference(col: ColumnSpec): { table: string; column: string } | null {
  if (col.references === undefined) return null;
  return typeof col.references === 'string'
    ? { table: col.references, column: 'id' }
    : { table: col.references.table, column: col.references.column ?? 'id' };
}
