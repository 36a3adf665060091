export { openDatabase, closeDatabase, enableForeignKeys } from './database.js';
export type { Database, OpenDatabaseOptions } from './database.js';
export {
  fromTable,
  loadTable,
  fromQuery,
  query,
  lookup,
  listTables,
  tableExists,
  createTables,
  createTableSql,
  insertRows,
  ensureRunTable,
  saveRun,
  latestRun,
  getRun,
  listRuns,
  readRunRows,
  checkWritable,
} from './sqlite-functions.js';
export type { ReadRunRowsOptions, TableInfo, ColumnInfo } from '@lumix/sql';
export { ENVIRONMENT_ERROR_KINDS, isEnvironmentKind } from '@lumix/sql';
export { withTransaction } from './transaction.js';
export { migrate } from './migrate.js';
export type { Migration } from './migrate.js';
export { tableInfo } from './sqlite-driver.js';
export { sqliteAdapter, openSqliteAdapter } from './sqlite-adapter.js';
export type { SqliteAdapter } from './sqlite-adapter.js';
