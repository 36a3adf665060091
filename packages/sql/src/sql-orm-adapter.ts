import { type IndexSource, type LookupKeySpec, type LookupValueSpec, type OrmAdapter, type TableSourceOptions } from '@lumix/core';
import { sqlInsertRows } from './insert-batches.js';
import { lookupFromSource, sqlTableLookup } from './rows-to-lookup.js';
import type { SqlConnection } from './sql-connection.js';
import { sqlQuery, sqlQuerySource, sqlTableSource } from './sql-reads.js';
import { sqlEnsureRunTable, sqlGetRun, sqlLatestRun, sqlListRuns, sqlReadRunRows, sqlSaveRun } from './solve-run-store.js';
import { sqlCreateTables } from './table-creation.js';

/**
 * Adapter-building helper: every {@link OrmAdapter} operation bound to `conn`, for an adapter to
 * complete with its `kind`, its handle and `close`.
 */
export function sqlOrmAdapter(conn: SqlConnection): Omit<OrmAdapter, 'kind' | 'close'> {
  return {
    fromTable: (table, options) => sqlTableSource(conn, table, options),
    fromQuery: (sql, params, options) => sqlQuerySource(conn, sql, params, options),
    query: (sql, params) => sqlQuery(conn, sql, params),
    lookup: <V, R extends object>(from: string | IndexSource<R>, key: LookupKeySpec<R>, value: LookupValueSpec<R, V>, options?: TableSourceOptions) =>
      typeof from === 'string' ? sqlTableLookup<V, R>(conn, from, key, value, options) : lookupFromSource(from, key, value),
    createTables: (tables) => sqlCreateTables(conn, tables),
    insertRows: (table, rows) => sqlInsertRows(conn, table, rows),
    ensureRunTable: () => sqlEnsureRunTable(conn),
    saveRun: (solution, options) => sqlSaveRun(conn, solution, options),
    latestRun: (filter) => sqlLatestRun(conn, filter),
    getRun: (id) => sqlGetRun(conn, id),
    listRuns: (filter) => sqlListRuns(conn, filter),
    readRunRows: (table, runId, options) => sqlReadRunRows(conn, table, runId, options),
  };
}
