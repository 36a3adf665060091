import type { Sequelize } from 'sequelize';
import type { IndexSource, Lookup, LookupKeySpec, LookupValueSpec, OrmAdapter, SqlRow, TableSourceOptions } from '@lumix/core';
import { createTables } from './create-tables.js';
import { fromQuery, query } from './from-query.js';
import { fromTable } from './from-table.js';
import { insertRows } from './insert-rows.js';
import { lookup } from './lookup.js';
import { enforceForeignKeys, openSequelize, type OpenSequelizeOptions } from './open-sequelize.js';
import { ensureRunTable, getRun, latestRun, listRuns, readRunRows, saveRun } from './solve-runs.js';

/** An {@link OrmAdapter} over a Sequelize instance, plus the instance itself. */
export interface SequelizeAdapter extends OrmAdapter {
  readonly kind: 'sequelize';
  /** The Sequelize instance (foreign keys enforced on every connection when opened here). */
  readonly sequelize: Sequelize;
}

/**
 * Binds the package's functions to one Sequelize instance, as an {@link OrmAdapter}. `close()`
 * closes the instance. Makes SQLite enforce foreign keys on every connection of the instance
 * (`enforceForeignKeys`).
 */
export function sequelizeAdapter(sequelize: Sequelize): SequelizeAdapter {
  enforceForeignKeys(sequelize);
  return {
    kind: 'sequelize',
    sequelize,
    fromTable: (table, options) => fromTable(sequelize, table, options),
    fromQuery: (sql, params, options) => fromQuery(sequelize, sql, params, options),
    query: (sql, params) => query(sequelize, sql, params),
    lookup: <V, R extends object = SqlRow>(
      from: string | IndexSource<R>,
      key: LookupKeySpec<R>,
      value: LookupValueSpec<R, V>,
      options?: TableSourceOptions,
    ): Promise<Lookup<V>> => (typeof from === 'string' ? lookup<V, R>(sequelize, from, key, value, options) : lookup<V, R>(from, key, value)),
    createTables: (tables) => createTables(sequelize, tables),
    insertRows: (table, rows) => insertRows(sequelize, table, rows),
    ensureRunTable: () => ensureRunTable(sequelize),
    saveRun: (solution, options) => saveRun(sequelize, solution, options),
    latestRun: (filter) => latestRun(sequelize, filter),
    getRun: (id) => getRun(sequelize, id),
    listRuns: (filter) => listRuns(sequelize, filter),
    readRunRows: (table, runId, options) => readRunRows(sequelize, table, runId, options),
    close: () => sequelize.close(),
  };
}

/** Opens a SQLite file through Sequelize (see {@link openSequelize}) and returns its adapter. */
export async function openSequelizeAdapter(file: string, options?: OpenSequelizeOptions): Promise<SequelizeAdapter> {
  return sequelizeAdapter(await openSequelize(file, options));
}
