import { LumixError, type IndexSource, type QuerySourceOptions, type SqlRow, type SqlValue, type TableSourceOptions } from '@lumix/core';
import { isEnvironmentKind } from './driver-error.js';
import { checkNumericColumns } from './numeric-columns.js';
import { checkPlaceholders, readStatement, type ReadStatement } from './sql-placeholders.js';
import { bindParams, buildSelect } from './sql-select.js';
import type { SqlSession } from './sql-session.js';

function describeTable(table: string, options: TableSourceOptions): string {
  return options.where === undefined || Object.keys(options.where).length === 0 ? `table ${table}` : `table ${table} where ${JSON.stringify(options.where)}`;
}

/**
 * Adapter-building helper: loads a table's rows (plain objects) with one SELECT on `session`: the
 * filter, order and projection are pushed into the SQL, values are bound. Numeric columns are
 * checked for non-numbers and non-finite values.
 *
 * @throws LumixError `SCHEMA_ERROR` naming a missing table or column, `DATA_ERROR` naming a bad row.
 */
export async function sqlLoadTable<T extends object = SqlRow>(session: SqlSession, table: string, options: TableSourceOptions = {}): Promise<T[]> {
  const label = describeTable(table, options);
  const info = await session.tableInfo(table);
  const built = buildSelect(session.dialect.compiler, info, options);
  let rows: T[];
  try {
    rows = await session.driver.all<T>(built.sql, built.params);
  } catch (e) {
    throw session.error(e, 'SOURCE_FAILED', `Loading ${label}`, { table });
  }
  checkNumericColumns(
    rows as unknown as Record<string, unknown>[],
    built.columns.filter((c) => c.numeric).map((c) => c.name),
    label,
    info.primaryKey,
  );
  return rows;
}

/**
 * Adapter-building helper: an index source over a table (see `OrmAdapter.fromTable`). Nothing
 * runs until the model is built; each build runs one {@link sqlLoadTable}.
 */
export function sqlTableSource<T extends object = SqlRow>(session: SqlSession, table: string, options: TableSourceOptions = {}): IndexSource<T> {
  return { isIndexSource: true, label: describeTable(table, options), load: () => sqlLoadTable<T>(session, table, options) };
}

/**
 * Adapter-building helper: runs a parameterized read query (SELECT/WITH/VALUES/EXPLAIN or a read
 * of the dialect; positional `?` placeholders) on `session` and returns its rows, checking
 * `options.numeric` columns. The statement is checked and put in its reading form by
 * {@link readStatement} and runs with the driver's `allReadOnly`, on a connection that cannot
 * write the database or change the adapter's own connection.
 *
 * @throws LumixError `INVALID_ARGUMENT` when the parameters do not match the placeholders or the
 *   statement would write or change a setting, `SCHEMA_ERROR` naming a missing table or column,
 *   `SOURCE_FAILED` otherwise (with an environment `kind` for a locked, unreadable or damaged database).
 */
export async function sqlQuery<T extends object = SqlRow>(session: SqlSession, sql: string, params: readonly SqlValue[] = [], options: QuerySourceOptions = {}): Promise<T[]> {
  const label = options.label ?? `query ${sql}`;
  const { compiler } = session.dialect;
  const read = readStatement(sql, compiler);
  const bound = bindParams(sql, params, label);
  let rows: T[];
  try {
    rows = await session.driver.allReadOnly<T>(compiler.fromPositional(read.sql), bound);
  } catch (e) {
    throw readFailure(session, e, read, label, sql);
  }
  checkNumericColumns(rows as unknown as Record<string, unknown>[], options.numeric ?? [], label);
  return rows;
}

/**
 * The error of a failed user read: a write refused by the read-only connection, or a dialect read
 * the database has no reading form of (a PRAGMA that sets something), is `INVALID_ARGUMENT`;
 * anything else as the kind says.
 */
function readFailure(session: SqlSession, err: unknown, read: ReadStatement, label: string, sql: string): LumixError {
  const mapped = session.error(err, 'SOURCE_FAILED', `Running ${label}`, { sql });
  const kind = mapped.details['kind'];
  const how = 'Query sources and query() only read; change settings and data with the adapter (createTables, insertRows, saveRun) or on a connection of your own.';
  if (kind === 'read-only') {
    return new LumixError('INVALID_ARGUMENT', `${JSON.stringify(sql.slice(0, 80))} would write to the database, and query sources run on a read-only connection. ${how}`, {
      cause: err,
      details: { ...mapped.details, sql },
    });
  }
  if (read.rewrittenFrom !== null && !isEnvironmentKind(kind)) {
    const said = typeof mapped.details['originalMessage'] === 'string' ? ` (${mapped.details['originalMessage']})` : '';
    return new LumixError(
      'INVALID_ARGUMENT',
      `${JSON.stringify(read.rewrittenFrom.slice(0, 80))} does not only read: the database reads it only as ${read.sql}, which it refused${said}. ${how}`,
      { cause: err, details: { ...mapped.details, sql, ranAs: read.sql } },
    );
  }
  return mapped;
}

/**
 * Adapter-building helper: an index source over a parameterized query (see
 * `OrmAdapter.fromQuery`), checked now and run once per build. Default label: the SQL text,
 * cut at 80 characters.
 */
export function sqlQuerySource<T extends object = SqlRow>(session: SqlSession, sql: string, params: readonly SqlValue[] = [], options: QuerySourceOptions = {}): IndexSource<T> {
  readStatement(sql, session.dialect.compiler);
  checkPlaceholders(sql, params);
  const label = options.label ?? `query ${sql.length > 80 ? `${sql.slice(0, 77)}...` : sql}`;
  return { isIndexSource: true, label, load: () => sqlQuery<T>(session, sql, params, { ...options, label }) };
}
