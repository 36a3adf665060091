import type { IndexSource, LookupKeySpec, LookupValueSpec, OrmAdapter, TableSourceOptions } from '@lumix/core';
import { sqlInsertRows } from './insert-batches.js';
import { lookupFromSource, sqlTableLookup } from './rows-to-lookup.js';
import { sqlQuery, sqlQuerySource, sqlTableSource } from './sql-reads.js';
import type { SqlSession } from './sql-session.js';
import { sqlEnsureRunTable, sqlGetRun, sqlLatestRun, sqlListRuns, sqlReadRunRows, sqlSaveRun } from './solve-run-store.js';
import { sqlCreateTables } from './table-creation.js';
import { sqlCheckWritable } from './write-check.js';

/** What {@link sqlOrmAdapter} gives: the {@link OrmAdapter} operations, plus `checkWritable`. */
export interface SqlAdapterOperations extends Omit<OrmAdapter, 'kind' | 'close'> {
  /**
   * Checks now that the database can be written (see `sqlCheckWritable`): call it before a long
   * solve whose result will be saved. Leaves nothing behind.
   *
   * @throws LumixError `PERSISTENCE_FAILED` with `details.kind` `busy`, `read-only`, `disk-full`,
   *   `not-a-database`, `corrupt`, `cannot-open` or `io-error` and `details.file`.
   */
  checkWritable(): Promise<void>;
}

/**
 * Adapter-building helper: every {@link OrmAdapter} operation bound to `session`, plus
 * `checkWritable`, for an adapter to complete with its `kind`, its handle and `close`.
 */
export function sqlOrmAdapter(session: SqlSession): SqlAdapterOperations {
  return {
    fromTable: (table, options) => sqlTableSource(session, table, options),
    fromQuery: (sql, params, options) => sqlQuerySource(session, sql, params, options),
    query: (sql, params) => sqlQuery(session, sql, params),
    lookup: <V, R extends object>(from: string | IndexSource<R>, key: LookupKeySpec<R>, value: LookupValueSpec<R, V>, options?: TableSourceOptions) =>
      typeof from === 'string' ? sqlTableLookup<V, R>(session, from, key, value, options) : lookupFromSource(from, key, value),
    listTables: () => session.listTables(),
    tableExists: (table) => session.tableExists(table),
    createTables: (tables) => sqlCreateTables(session, tables),
    insertRows: (table, rows) => sqlInsertRows(session, table, rows),
    ensureRunTable: () => sqlEnsureRunTable(session),
    saveRun: (solution, options) => sqlSaveRun(session, solution, options),
    latestRun: (filter) => sqlLatestRun(session, filter),
    getRun: (id) => sqlGetRun(session, id),
    listRuns: (filter) => sqlListRuns(session, filter),
    readRunRows: (table, runId, options) => sqlReadRunRows(session, table, runId, options),
    checkWritable: () => sqlCheckWritable(session),
  };
}
