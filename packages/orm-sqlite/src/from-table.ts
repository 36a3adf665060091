import type { Database } from 'sqlite3';
import type { IndexSource, SqlRow, TableSourceOptions } from '@lumix/core';
import { checkNumericColumns } from './check-rows.js';
import { tableInfo } from './schema-info.js';
import { buildSelect } from './select-sql.js';
import { all } from './sql-exec.js';
import { mapSqliteError } from './sqlite-errors.js';

function describe(table: string, options: TableSourceOptions): string {
  return options.where === undefined || Object.keys(options.where).length === 0 ? `table ${table}` : `table ${table} where ${JSON.stringify(options.where)}`;
}

/**
 * Loads a table's rows (plain objects) with one SELECT: the filter, order and projection are
 * pushed into the SQL, values are bound. Numeric columns are checked for non-numbers and
 * non-finite values.
 *
 * @throws LumixError `SCHEMA_ERROR` naming a missing table or column, `DATA_ERROR` naming a bad row.
 */
export async function loadTable<T extends object = SqlRow>(db: Database, table: string, options: TableSourceOptions = {}): Promise<T[]> {
  const label = describe(table, options);
  const info = await tableInfo(db, table);
  const select = buildSelect(info, options);
  let rows: T[];
  try {
    rows = await all<T>(db, select.sql, select.params);
  } catch (e) {
    throw mapSqliteError(e, 'SOURCE_FAILED', `Loading ${label}`, { table });
  }
  checkNumericColumns(
    rows as unknown as Record<string, unknown>[],
    select.columns.filter((c) => c.numeric).map((c) => c.name),
    label,
    info.primaryKey,
  );
  return rows;
}

/**
 * An index source over a table: `fromTable(db, 'products', { where: { active: 1 }, orderBy: 'name' })`.
 * Nothing runs until the model is built; each build runs one SELECT. Rows are plain objects with
 * the table's column names. Default order: the primary key.
 */
export function fromTable<T extends object = SqlRow>(db: Database, table: string, options: TableSourceOptions = {}): IndexSource<T> {
  return { isIndexSource: true, label: describe(table, options), load: () => loadTable<T>(db, table, options) };
}
