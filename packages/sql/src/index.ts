// The SQL layer the ORM adapters share, organised by dialect (Kysely's shape): an adapter brings
// its driver (SqlDriver) and its reading of the driver's errors (ConvertDriverError), picks a
// dialect (src/dialect/<name>/: statement compiler + schema introspector), binds them with
// createSqlSession, and gets sources, lookups, schema creation, batched inserts and the
// solve_runs store from here.

// Roles an adapter implements or picks.
export type { SqlDriver, BoundValue, PreparedStatement, RunResult } from './driver.js';
export type { SqlDialect, SqlCompiler, SchemaIntrospector, SelectSpec, WhereTerm, OrderTerm, InsertReturningId, ForeignKeyInfo } from './dialect.js';
export { DRIVER_ERROR_KINDS, ENVIRONMENT_ERROR_KINDS, isConstraintKind, isEnvironmentKind } from './driver-error.js';
export type { DriverError, DriverErrorKind, ConvertDriverError } from './driver-error.js';
export { sqliteDialect } from './dialect/sqlite/sqlite-dialect.js';
export { sqliteDriverError } from './dialect/sqlite/sqlite-error.js';
export { postgresDialect } from './dialect/postgres/postgres-dialect.js';
export { postgresDriverError } from './dialect/postgres/postgres-error.js';
export type { PostgresErrorFields } from './dialect/postgres/postgres-error.js';

// Binding them, and what a bound session offers.
export { createSqlSession, readTableInfo } from './sql-session.js';
export type { SqlSession, SqlSessionOptions, SchemaHints, DatabaseFacts } from './sql-session.js';
export { SchemaCache } from './schema-cache.js';
export { makeTableInfo } from './table-info.js';
export type { TableInfo, ColumnInfo } from './table-info.js';
export { lumixErrorFromDriver, mapDriverError } from './driver-error-messages.js';
export { sqlOrmAdapter } from './sql-orm-adapter.js';
export type { SqlAdapterOperations } from './sql-orm-adapter.js';
export { sqlCheckWritable } from './write-check.js';
export { sqlHandleFunctions } from './sql-handle-functions.js';
export type { SqlHandleFunctions } from './sql-handle-functions.js';

// Dialect-neutral building blocks.
export { buildSelect } from './sql-select.js';
export type { BuiltSelect } from './sql-select.js';
export { checkNumericColumns } from './numeric-columns.js';
export { checkPlaceholders, placeholderPositions, readStatement } from './sql-placeholders.js';
export type { ReadStatement } from './sql-placeholders.js';
export { sqlLoadTable } from './sql-reads.js';
export { rowsToLookup, lookupColumnNames, sqlTableLookup, lookupFromSource } from './rows-to-lookup.js';
export { parentsFirst } from './table-creation.js';
export { sqlInsertRows } from './insert-batches.js';
export type { ReadRunRowsOptions } from './solve-run-store.js';
export { toSqlValue, runInfoToRow, rowToSolveRun } from './sql-row.js';
