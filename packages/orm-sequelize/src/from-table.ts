import type { Sequelize, Transaction } from 'sequelize';
import type { IndexSource, SqlRow, TableSourceOptions } from '@lumix/core';
import { checkNumericColumns } from './check-rows.js';
import { tableInfo } from './schema-info.js';
import { buildSelect } from './select-sql.js';
import { mapSequelizeError } from './sequelize-errors.js';
import { select } from './sql-query.js';

function describe(table: string, options: TableSourceOptions): string {
  return options.where === undefined || Object.keys(options.where).length === 0 ? `table ${table}` : `table ${table} where ${JSON.stringify(options.where)}`;
}

/**
 * Loads a table's rows (plain objects) with one SELECT through Sequelize: the filter, order and
 * projection are pushed into the SQL, values are bound. Numeric columns are checked for
 * non-numbers and non-finite values.
 *
 * @throws LumixError `SCHEMA_ERROR` naming a missing table or column, `DATA_ERROR` naming a bad row.
 */
export async function loadTable<T extends object = SqlRow>(
  seq: Sequelize,
  table: string,
  options: TableSourceOptions = {},
  transaction?: Transaction,
): Promise<T[]> {
  const label = describe(table, options);
  const info = await tableInfo(seq, table, transaction);
  const built = buildSelect(info, options);
  let rows: T[];
  try {
    rows = await select<T>(seq, built.sql, built.params, { transaction });
  } catch (e) {
    throw mapSequelizeError(e, 'SOURCE_FAILED', `Loading ${label}`, { table });
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
 * An index source over a table: `fromTable(sequelize, 'products', { where: { active: 1 }, orderBy: 'name' })`.
 * Nothing runs until the model is built; each build runs one SELECT. Rows are plain objects with
 * the table's column names. Default order: the primary key.
 */
export function fromTable<T extends object = SqlRow>(seq: Sequelize, table: string, options: TableSourceOptions = {}): IndexSource<T> {
  return { isIndexSource: true, label: describe(table, options), load: () => loadTable<T>(seq, table, options) };
}
