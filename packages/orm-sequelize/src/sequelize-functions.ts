// The adapter's operations as plain functions taking the Sequelize instance first; the logic is
// @lumix/sql's, run over `sequelizeSession(seq)`.
import type { Sequelize, Transaction } from 'sequelize';
import type { SqlRow, TableSourceOptions } from '@lumix/core';
import { sqlHandleFunctions, sqlLoadTable } from '@lumix/sql';
import { sequelizeSession } from './sequelize-driver.js';

/** See `SqlHandleFunctions` in `@lumix/sql`; the handle is the Sequelize instance. */
export const { fromTable, query, fromQuery, listTables, tableExists, createTables, insertRows, ensureRunTable, saveRun, listRuns, latestRun, getRun, readRunRows, checkWritable } =
  sqlHandleFunctions<Sequelize>((seq) => sequelizeSession(seq));

/**
 * Loads a table's rows (plain objects) with one SELECT through Sequelize (inside `transaction`
 * when given): the filter, order and projection are pushed into the SQL, values are bound.
 * Numeric columns are checked for non-numbers and non-finite values.
 *
 * @throws LumixError `SCHEMA_ERROR` naming a missing table or column, `DATA_ERROR` naming a bad row.
 */
export function loadTable<T extends object = SqlRow>(seq: Sequelize, table: string, options: TableSourceOptions = {}, transaction?: Transaction): Promise<T[]> {
  return sqlLoadTable<T>(sequelizeSession(seq, transaction), table, options);
}
