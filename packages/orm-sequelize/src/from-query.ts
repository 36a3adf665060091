import type { Sequelize } from 'sequelize';
import { assertReadQuery, checkPlaceholders, type IndexSource, type QuerySourceOptions, type SqlRow, type SqlValue } from '@lumix/core';
import { checkNumericColumns } from './check-rows.js';
import { mapSequelizeError } from './sequelize-errors.js';
import { bindValues, select } from './sql-query.js';

/**
 * Runs a parameterized read query (SELECT/WITH/VALUES/EXPLAIN or a reading PRAGMA; positional `?` placeholders, sent as bind parameters) and
 * returns its rows.
 *
 * @throws LumixError `INVALID_ARGUMENT` when the parameters do not match the placeholders,
 *   `SCHEMA_ERROR` naming a missing table or column, `SOURCE_FAILED` for other SQL errors.
 */
export async function query<T extends object = SqlRow>(seq: Sequelize, sql: string, params: readonly SqlValue[] = [], options: QuerySourceOptions = {}): Promise<T[]> {
  const label = options.label ?? `query ${sql}`;
  assertReadQuery(sql);
  checkPlaceholders(sql, params);
  const bound = bindValues(params, label);
  let rows: T[];
  try {
    rows = await select<T>(seq, sql, bound);
  } catch (e) {
    throw mapSequelizeError(e, 'SOURCE_FAILED', `Running ${label}`, { sql });
  }
  checkNumericColumns(rows as unknown as Record<string, unknown>[], options.numeric ?? [], label);
  return rows;
}

/**
 * An index source over a parameterized SQL query: `fromQuery(sequelize, 'SELECT * FROM rooms WHERE capacity >= ?', [30])`.
 * Each build runs the query once. Use `options.numeric` to have result columns checked for
 * non-finite values.
 */
export function fromQuery<T extends object = SqlRow>(seq: Sequelize, sql: string, params: readonly SqlValue[] = [], options: QuerySourceOptions = {}): IndexSource<T> {
  assertReadQuery(sql);
  checkPlaceholders(sql, params);
  const label = options.label ?? `query ${sql.length > 80 ? sql.slice(0, 77) + '...' : sql}`;
  return { isIndexSource: true, label, load: () => query<T>(seq, sql, params, { ...options, label }) };
}
