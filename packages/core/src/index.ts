export { LumixError, isLumixError, LUMIX_ERROR_CODES } from './errors.js';
export type { LumixErrorCode, LumixErrorOptions } from './errors.js';

export { createStandardForm, finishStandardForm, isMip, nonZeroCount } from './solver/standard-form.js';
export type { StandardForm, StandardFormSpec, ProblemColumnSpec, ProblemRowSpec, RawProblem, ObjectiveSense } from './solver/standard-form.js';
export { DEFAULT_CAPABILITIES, defineCapabilities } from './solver/capabilities.js';
export type { SolverCapabilities } from './solver/capabilities.js';
export { TERMINATION_STATUSES } from './solver/solver.js';
export type { Solver, SolverModule, SolveOptions, SolveResult, SolveStats, TerminationStatus } from './solver/solver.js';
export { resolveSolver, isSolver, SOLVER_PACKAGES, DEFAULT_SOLVER } from './solver/registry.js';
export type { SolverName, SolverChoice, ResolveSolverOptions } from './solver/registry.js';
export { checkCapabilities } from './solver/check-capabilities.js';
export { checkFeasibility } from './solver/check-feasibility.js';
export type { FeasibilityReport, FeasibilityTolerances } from './solver/check-feasibility.js';

export { Model } from './model/model.js';
export type {
  VariableOptions,
  ProductOptions,
  ProductItem,
  Dimensions,
  ItemOf,
  ConstraintOptions,
  ObjectiveInput,
  ModelSolveOptions,
  CompiledModel,
} from './model/model.js';
export { VariableFamily } from './model/variable-family.js';
export type { VarType, PerItem, Group, Grouping } from './model/variable-family.js';
export { ConstraintFamily } from './model/constraint-family.js';
export { Expr, Var, Constraint, sum } from './model/expr.js';
export type { Term } from './model/expr.js';
export { Solution } from './model/solution.js';
export { importProblem } from './model/import-problem.js';
export type { ImportedModel, ImportedColumn, ImportedRow } from './model/import-problem.js';
export type { SolutionEntry } from './model/solution.js';
export { formatKey, isKey } from './model/key-index.js';
export { seededRandom } from './util/seeded-random.js';
export type { Key, KeyPart } from './model/key-index.js';
export type { Source } from './model/source.js';

export { isIndexSource, indexSource } from './orm/index-source.js';
export type { IndexSource } from './orm/index-source.js';
export { createLookup } from './orm/lookup.js';
export type { Lookup, LookupKeyPart } from './orm/lookup.js';
export type { RunInfo, SolveRunRecord } from './orm/run-info.js';
export { SOLVE_RUNS_TABLE, SOLVE_RUNS_SPEC, RUN_ID_COLUMN, solutionTable, isSqlIdentifier, assertSqlIdentifier, validateTableSpec, columnReference } from './orm/table-spec.js';
export type { ColumnType, ColumnSpec, TableSpec, SolutionTableOptions } from './orm/table-spec.js';
export { toSqlValue, runInfoToRow, rowToSolveRun } from './orm/sql-row.js';
export type { SqlValue, SqlRow } from './orm/sql-row.js';
export { placeholderPositions, checkPlaceholders, assertReadQuery } from './orm/sql-placeholders.js';
export type {
  OrmAdapter,
  WhereEquals,
  OrderBy,
  TableSourceOptions,
  QuerySourceOptions,
  LookupKeySpec,
  LookupValueSpec,
  SolutionRows,
  SaveRunOptions,
  RunFilter,
} from './orm/orm-adapter.js';
// Adapter-building helpers: what the SQLite ORM adapters share, over a structural SqlConnection.
export { mapDriverError } from './orm/sql-connection.js';
export type { SqlConnection, BoundValue, DriverErrorText, PreparedStatement } from './orm/sql-connection.js';
export { SchemaCache, readTableInfo, requireColumn, tableExists, isNumericType } from './orm/schema-inspection.js';
export type { TableInfo, ColumnInfo, SchemaHints } from './orm/schema-inspection.js';
export { quoteId, bindParams, buildSelect, createTableSql } from './orm/sql-statements.js';
export type { BuiltSelect } from './orm/sql-statements.js';
export { checkNumericColumns } from './orm/numeric-columns.js';
export { sqlLoadTable, sqlTableSource, sqlQuery, sqlQuerySource } from './orm/sql-reads.js';
export { rowsToLookup, lookupColumnNames, sqlTableLookup, lookupFromSource } from './orm/rows-to-lookup.js';
export { parentsFirst, sqlCreateTables, sqlCreateTablesInTransaction } from './orm/table-creation.js';
export { sqlInsertRows } from './orm/insert-batches.js';
export { sqlEnsureRunTable, sqlSaveRun, sqlListRuns, sqlLatestRun, sqlGetRun, sqlReadRunRows } from './orm/solve-run-store.js';
export type { ReadRunRowsOptions } from './orm/solve-run-store.js';
export { sqlOrmAdapter } from './orm/sql-orm-adapter.js';
export { sqlHandleFunctions } from './orm/sql-handle-functions.js';
export type { SqlHandleFunctions } from './orm/sql-handle-functions.js';
export { createWorkerSolver, WorkerSolver } from './solver/worker-solver.js';
export type { WorkerSolverOptions, WorkerBackend } from './solver/worker-solver.js';

export { readMps } from './io/read-mps.js';
export type { ReadMpsOptions, MpsFormat, ObjectiveRhsConvention } from './io/read-mps.js';
export { writeMps } from './io/write-mps.js';
export type { WriteMpsOptions } from './io/write-mps.js';
export { readLp } from './io/read-lp.js';
export type { ReadLpOptions } from './io/read-lp.js';
export { writeLp, isLegalLpName } from './io/write-lp.js';
export type { WriteLpOptions } from './io/write-lp.js';
