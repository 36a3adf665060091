// @lumix/core: modelling, the standard form, the Solver contract, the data-source / lookup /
// run-record interfaces and errors. Platform-neutral: no node: imports, no runtime dependencies.
// LP/MPS files: '@lumix/core/io'. A mock solver and seeded data for tests: '@lumix/core/testing'.
export { LumixError, isLumixError, LUMIX_ERROR_CODES } from './errors.js';
export type { LumixErrorCode, LumixErrorOptions } from './errors.js';

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
export type { SolutionEntry } from './model/solution.js';
export { importProblem } from './model/import-problem.js';
export type { ImportedModel, ImportedColumn, ImportedRow } from './model/import-problem.js';
export { formatKey } from './model/key-index.js';
export type { Key, KeyPart } from './model/key-index.js';
export type { Source } from './model/source.js';

export { createStandardForm, finishStandardForm, isMip } from './solver/standard-form.js';
export type { StandardForm, StandardFormSpec, ProblemColumnSpec, ProblemRowSpec, RawProblem, ObjectiveSense } from './solver/standard-form.js';
export { defineCapabilities } from './solver/capabilities.js';
export type { SolverCapabilities } from './solver/capabilities.js';
export { TERMINATION_STATUSES, isSolver } from './solver/solver.js';
export type { Solver, SolverModule, SolveOptions, SolveResult, SolveStats, TerminationStatus } from './solver/solver.js';
export { checkCapabilities } from './solver/check-capabilities.js';
export { checkFeasibility } from './solver/check-feasibility.js';
export type { FeasibilityReport, FeasibilityTolerances } from './solver/check-feasibility.js';

export { isIndexSource, indexSource } from './data/index-source.js';
export type { IndexSource } from './data/index-source.js';
export { createLookup } from './data/lookup.js';
export type { Lookup, LookupKeyPart } from './data/lookup.js';
export type { RunInfo, SolveRunRecord } from './data/run-info.js';
export type { SqlValue, SqlRow } from './data/sql-value.js';
export { SOLVE_RUNS_TABLE, SOLVE_RUNS_SPEC, RUN_ID_COLUMN, solutionTable, assertSqlIdentifier, validateTableSpec, columnReference } from './data/table-spec.js';
export type { ColumnType, ColumnSpec, TableSpec, SolutionTableOptions } from './data/table-spec.js';
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
} from './data/orm-adapter.js';
