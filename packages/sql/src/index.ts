// The SQL layer the ORM adapters share. An adapter wraps its driver as a SqlConnection and gets
// sources, lookups, schema creation, batched inserts and the solve_runs store from here.
export { sqlOrmAdapter } from './sql-orm-adapter.js';
export { sqlHandleFunctions } from './sql-handle-functions.js';
export type { SqlHandleFunctions } from './sql-handle-functions.js';
export { mapDriverError } from './sql-connection.js';
export type { SqlConnection, BoundValue, DriverErrorText, PreparedStatement } from './sql-connection.js';
export { SchemaCache, readTableInfo } from './schema-inspection.js';
export type { TableInfo, ColumnInfo, SchemaHints } from './schema-inspection.js';
export { buildSelect, createTableSql } from './sql-statements.js';
export { checkNumericColumns } from './numeric-columns.js';
export { checkPlaceholders, placeholderPositions, assertReadQuery } from './sql-placeholders.js';
export { sqlLoadTable } from './sql-reads.js';
export { rowsToLookup, lookupColumnNames, sqlTableLookup, lookupFromSource } from './rows-to-lookup.js';
export { parentsFirst } from './table-creation.js';
export { sqlInsertRows } from './insert-batches.js';
export type { ReadRunRowsOptions } from './solve-run-store.js';
export { toSqlValue, runInfoToRow, rowToSolveRun } from './sql-row.js';
