// The adapter's operations as plain functions taking the Sequelize instance first; the logic is
// core's, run over `sequelizeConnection(seq)`.
import type { Sequelize, Transaction } from 'sequelize';
import { type SqlRow, type TableSourceOptions } from '@lumix/core';
import { sqlHandleFunctions, sqlLoadTable } from '@lumix/sql';
import { sequelizeConnection } from './sequelize-connection.js';

/** See core's `SqlHandleFunctions`; the handle is the Sequelize instance. */
export const { fromTable, query, fromQuery, createTables, insertRows, ensureRunTable, saveRun, listRuns, latestRun, getRun, readRunRows } = sqlHandleFunctions<Sequelize>(
  (seq) => sequelizeConnection(seq),
);

/**
 * Loads a table's rows (plain objects) with one SELECT through Sequelize (inside `transaction`
 * when given): the filter, order and projection are pushed into the SQL, values are bound.
 * Numeric columns are checked for non-numbers and non-finite values.
 *
 * @throws LumixError `SCHEMA_ERROR` naming a missing table or column, `DATA_ERROR` naming a bad row.
 */
export function loadTable<T extends object = SqlRow>(seq: Sequelize, table: string, options: TableSourceOptions = {}, transaction?: Transaction): Promise<T[]> {
  return sqlLoadTable<T>(sequelizeConnection(seq, transaction), table, options);
}
