import type { Attributes, Model, ModelStatic, Sequelize } from 'sequelize';
import { LumixError, isIndexSource, type IndexSource, type Lookup, type LookupKeySpec, type LookupValueSpec, type SqlRow, type TableSourceOptions } from '@lumix/core';
import { lookupColumnNames, lookupFromSource, rowsToLookup, sqlTableLookup } from '@lumix/sql';
import { isModelClass, loadModel, requireAttributes, type FromModelOptions } from './from-model.js';
import { sequelizeSession } from './sequelize-driver.js';

/** Options of the model form of {@link lookup}. */
export type ModelLookupOptions<M extends Model> = Omit<FromModelOptions<M, Attributes<M>>, 'map' | 'label'>;

/**
 * A cached lookup loaded with ONE query, keyed by 1–3 columns:
 * - from a model: `await lookup(Recipe, (r) => [r.productId, r.machineId], (r) => r.hoursRequired, { where })`
 *   or with attribute names, `lookup(Recipe, ['productId', 'machineId'], 'hoursRequired')`;
 * - from a table: `lookup(sequelize, 'recipes', ['product_id', 'machine_id'], 'hours')`;
 * - from any index source: `lookup(fromQuery(sequelize, sql, params), key, value)`.
 *
 * Key: 1–3 column/attribute names or a function; value: a name (must hold finite numbers) or a function.
 * @throws LumixError `DUPLICATE_KEY` when two rows share a key, `DATA_ERROR` for a non-numeric value
 *   column or an empty key, `SCHEMA_ERROR` for a missing table, column or attribute.
 */
export async function lookup<M extends Model, V = number>(
  model: ModelStatic<M>,
  key: LookupKeySpec<Attributes<M>>,
  value: LookupValueSpec<Attributes<M>, V>,
  options?: ModelLookupOptions<M>,
): Promise<Lookup<V>>;
export async function lookup<V = number, R extends object = SqlRow>(
  sequelize: Sequelize,
  table: string,
  key: LookupKeySpec<R>,
  value: LookupValueSpec<R, V>,
  options?: TableSourceOptions,
): Promise<Lookup<V>>;
export async function lookup<V = number, R extends object = SqlRow>(source: IndexSource<R>, key: LookupKeySpec<R>, value: LookupValueSpec<R, V>): Promise<Lookup<V>>;
export async function lookup(first: unknown, a: unknown, b: unknown, c?: unknown, d?: unknown): Promise<Lookup<unknown>> {
  type Row = Record<string, unknown>;
  if (isIndexSource(first)) return lookupFromSource(first as IndexSource<Row>, a as LookupKeySpec<Row>, b as LookupValueSpec<Row, unknown>);
  if (isModelClass(first)) {
    const key = a as LookupKeySpec<Row>;
    const value = b as LookupValueSpec<Row, unknown>;
    const options = (c ?? {}) as ModelLookupOptions<Model>;
    const names = lookupColumnNames(key, value);
    if (names !== null) requireAttributes(first, names, 'lookup attribute');
    const rows = (await loadModel(first, names !== null && options.attributes === undefined ? { ...options, attributes: names } : options)) as Row[];
    return rowsToLookup(`lookup on model ${first.name}`, rows, key, value);
  }
  if (typeof first === 'object' && first !== null && typeof (first as Sequelize).getQueryInterface === 'function') {
    if (c === undefined) {
      throw new LumixError('INVALID_ARGUMENT', 'lookup(sequelize, table, key, value): value is missing; give a column name or a function.', {});
    }
    return sqlTableLookup(sequelizeSession(first as Sequelize), a as string, b as LookupKeySpec<Row>, c as LookupValueSpec<Row, unknown>, (d ?? {}) as TableSourceOptions);
  }
  throw new LumixError('INVALID_ARGUMENT', 'lookup: the first argument must be a Sequelize model class, a Sequelize instance (with a table name) or an index source.', {});
}
