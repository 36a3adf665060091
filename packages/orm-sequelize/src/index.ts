export { openSequelize, enforceForeignKeys, isPostgresUrl } from './open-sequelize.js';
export type { OpenSequelizeOptions } from './open-sequelize.js';
export { fromModel, loadModel } from './from-model.js';
export type { FromModelOptions } from './from-model.js';
export {
  fromTable,
  loadTable,
  fromQuery,
  query,
  listTables,
  tableExists,
  createTables,
  insertRows,
  ensureRunTable,
  saveRun,
  latestRun,
  getRun,
  listRuns,
  readRunRows,
  checkWritable,
} from './sequelize-functions.js';
export { lookup } from './lookup.js';
export type { ModelLookupOptions } from './lookup.js';
export { specAttributes } from './spec-attributes.js';
export { withTransaction } from './transaction.js';
export type { ReadRunRowsOptions, TableInfo, ColumnInfo } from '@lumix/sql';
export { ENVIRONMENT_ERROR_KINDS, isEnvironmentKind } from '@lumix/sql';
export { tableInfo } from './sequelize-driver.js';
export { sequelizeAdapter, openSequelizeAdapter } from './sequelize-adapter.js';
export type { SequelizeAdapter } from './sequelize-adapter.js';
export { defineSolveRunModel, SOLVE_RUN_MODEL_NAME } from './solve-run-model.js';
