import type { Database } from 'sqlite3';
import { assertReadQuery, checkPlaceholders, toSqlValue, type IndexSource, type QuerySourceOptions, type SqlRow, type SqlValue } from '@lumix/core';
import { checkNumericColumns } from './check-rows.js';
import { all } from './sql-exec.js';
import { mapSqliteError } from './sqlite-errors.js';

/** Binds the parameters of a statement, checking their number against the `?` placeholders. */
export function bindParams(sql: string, params: readonly SqlValue[], label: string): (string | number | bigint | null)[] {
  checkPlaceholders(sql, params);
  return params.map((p, i) => toSqlValue(p, { table: label, row: -1, column: `parameter ${i + 1}` }));
}

/**
 * Runs a parameterized read query (SELECT/WITH/VALUES/EXPLAIN or a reading PRAGMA; positional `?` placeholders) and returns its rows.
 *
 * @throws LumixError `INVALID_ARGUMENT` when the parameters do not match the placeholders,
 *   `SCHEMA_ERROR` naming a missing table or column, `SOURCE_FAILED` for other SQL errors.
 */
export async function query<T extends object = SqlRow>(db: Database, sql: string, params: readonly SqlValue[] = [], options: QuerySourceOptions = {}): Promise<T[]> {
  const label = options.label ?? `query ${sql}`;
  assertReadQuery(sql);
  const bound = bindParams(sql, params, label);
  let rows: T[];
  try {
    rows = await all<T>(db, sql, bound);
  } catch (e) {
    throw mapSqliteError(e, 'SOURCE_FAILED', `Running ${label}`, { sql });
  }
  checkNumericColumns(rows as unknown as Record<string, unknown>[], options.numeric ?? [], label);
  return rows;
}

/**
 * An index source over a parameterized SQL query: `fromQuery(db, 'SELECT * FROM rooms WHERE capacity >= ?', [30])`.
 * Each build runs the query once. Use `options.numeric` to have result columns checked for
 * non-finite values.
 */
export function fromQuery<T extends object = SqlRow>(db: Database, sql: string, params: readonly SqlValue[] = [], options: QuerySourceOptions = {}): IndexSource<T> {
  assertReadQuery(sql);
  checkPlaceholders(sql, params);
  const label = options.label ?? `query ${sql.length > 80 ? sql.slice(0, 77) + '...' : sql}`;
  return { isIndexSource: true, label, load: () => query<T>(db, sql, params, { ...options, label }) };
}
