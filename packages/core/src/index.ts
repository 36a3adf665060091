// @lumix/core: modelling, the standard form, the Solver contract, the data-source / lookup /
// run-record interfaces and errors. Platform-neutral: no node: imports, no runtime dependencies.
// LP/MPS files: '@lumix/core/io'. A mock solver and seeded data for tests: '@lumix/core/testing'.
export { LumixError, isLumixError, LUMIX_ERROR_CODES } from './errors.js';
export type { LumixErrorCode } from './errors.js';

// The modelling API. Option and item types (VariableOptions, ProductItem, ...) are inferred at
// the call sites and not exported: the classes below are what user code names.
export { Model } from './model/model.js';
export { VariableFamily } from './model/variable-family.js';
export { ConstraintFamily } from './model/constraint-family.js';
export { Expr, Var, Constraint, sum } from './model/expr.js';
export { Solution } from './model/solution.js';
export type { ConstraintEntry } from './model/solution.js';
export { GoalReport } from './goals/goal-report.js';
export type { GoalOptions, GoalSolveOptions } from './goals/goal.js';
export type { GoalRowReport, PriorityReport, LevelReport } from './goals/goal-report.js';
export { importProblem } from './model/import-problem.js';
export { abs, min, max, indicator, and, or, product, piecewise } from './model/linearize.js';
export type { HelperOptions, IndicatorSpec, PiecewiseSpec, ProductSpec } from './model/linearize.js';
export type { MipStart, StartEntry } from './model/mip-start.js';
export type { Key } from './model/key-index.js';
export type { Source } from './model/source.js';

export { createStandardForm, finishStandardForm, isMip } from './solver/standard-form.js';
export type { StandardForm, StandardFormSpec } from './solver/standard-form.js';
export { defineCapabilities } from './solver/capabilities.js';
export type { SolverCapabilities, CapabilityFlag } from './solver/capabilities.js';
export { isSolver } from './solver/solver.js';
export type { CancelSignal, Solver, SolverModule, SolveOptions, SolveProgress, SolveResult, SolveStats, TerminationStatus } from './solver/solver.js';
export { defineSolver } from './solver/define-solver.js';
export type { SolverDefinition, SessionDefinition, DefinedSolver, DefinedSession } from './solver/define-solver.js';
export type { SolverSession } from './solver/solver-session.js';
export { BASIS_STATUS } from './solver/basis.js';
export type { Basis } from './solver/basis.js';
export type { Ranging } from './solver/ranging.js';
export type { Iis, IisBound } from './solver/iis.js';
export type { LexicographicObjective, LexicographicResult } from './solver/lexicographic.js';
export { checkFeasibility } from './solver/check-feasibility.js';

// Analysis by family and key: warm re-solves, what-if, scenarios, sensitivity, infeasibility explained.
export { openAnalysis, Analysis } from './analysis/analysis.js';
export type { AnalysisOptions, WhatIfResult, DecisionChange, SweepTarget, SweepPoint, BottleneckEntry } from './analysis/analysis.js';
export type { AnalysisRun, ResolvePath } from './analysis/run.js';
export type { RowFamilyRef, ColumnFamilyRef } from './analysis/address.js';
export type { AnalysisChange, RhsChange, RowBoundsChange, BoundsChange, CostChange, ValueEdit, AppliedChange } from './analysis/changes.js';
export { sequentialRunner } from './analysis/scenarios.js';
export type { Scenario, ScenarioMetric, JobRunner, ScenarioOptions, ScenarioResult, ScenarioComparison } from './analysis/scenarios.js';
export type { SensitivityOptions, SensitivityReport, RowSensitivity, ColumnSensitivity, RangeInterval } from './analysis/sensitivity.js';
export type { ExplainOptions, InfeasibilityExplanation, ExplainedMember, RowRelaxation } from './analysis/explain.js';

export { isIndexSource, indexSource } from './data/index-source.js';
export type { IndexSource } from './data/index-source.js';
export { createLookup } from './data/lookup.js';
export type { Lookup, LookupKeyPart } from './data/lookup.js';
export type { RunInfo, SolveRunRecord } from './data/run-info.js';
export type { SqlValue, SqlRow } from './data/sql-value.js';
export { SOLVE_RUNS_TABLE, SOLVE_RUNS_SPEC, RUN_ID_COLUMN, solutionTable, assertSqlIdentifier, validateTableSpec, columnReference } from './data/table-spec.js';
export type { ColumnType, ColumnSpec, TableSpec } from './data/table-spec.js';
export type {
  OrmAdapter,
  OrderBy,
  TableSourceOptions,
  QuerySourceOptions,
  LookupKeySpec,
  LookupValueSpec,
  SaveRunOptions,
  RunFilter,
} from './data/orm-adapter.js';
