import { inspect } from 'node:util';
import type { Attributes, FindAttributeOptions, Includeable, Model, ModelStatic, Order, Transaction, WhereOptions } from 'sequelize';
import { LumixError, assertSqlIdentifier, type IndexSource } from '@lumix/core';
import { checkNumericColumns } from '@lumix/sql';

import { mapSequelizeError } from './errors.js';

/** Options of {@link fromModel}: the `findAll` options that make sense for an index source. */
export interface FromModelOptions<M extends Model, T> {
  /** Sequelize `where` (operators allowed); values are bound/escaped by Sequelize. Default: every row. */
  readonly where?: WhereOptions<Attributes<M>>;
  /** Sequelize `order`. Default: the primary key, so builds are reproducible. */
  readonly order?: Order;
  /** Associations to load with each record (nested plain objects). Default none. */
  readonly include?: Includeable | Includeable[];
  /** Attributes to read. Default: all. */
  readonly attributes?: FindAttributeOptions;
  /** Maps each plain record to what the family indexes. Default: the plain record. */
  readonly map?: (record: Attributes<M>) => T;
  /** What the source is, for messages. Default `model <Name>` plus the filter. */
  readonly label?: string;
  /** Run inside this transaction. Default none. */
  readonly transaction?: Transaction;
}

/** Sequelize data type keys that hold numbers (checked for finiteness on load). */
const NUMERIC_KEYS = new Set(['INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DOUBLE PRECISION', 'REAL', 'DECIMAL', 'SMALLINT', 'MEDIUMINT', 'TINYINT', 'NUMBER']);

/** Attribute names of `model` whose declared type is numeric. */
function numericAttributes(model: ModelStatic<Model>): string[] {
  const out: string[] = [];
  for (const [name, attr] of Object.entries(model.getAttributes())) {
    const key = (attr.type as { key?: string } | undefined)?.key;
    if (key !== undefined && NUMERIC_KEYS.has(key)) out.push(name);
  }
  return out;
}

/** True when `x` is a Sequelize model class. */
export function isModelClass(x: unknown): x is ModelStatic<Model> {
  return typeof x === 'function' && typeof (x as { findAll?: unknown }).findAll === 'function' && typeof (x as { getAttributes?: unknown }).getAttributes === 'function';
}

function describeModel(model: ModelStatic<Model>, where: unknown): string {
  if (where === undefined) return `model ${model.name}`;
  return `model ${model.name} where ${inspect(where, { depth: 4, breakLength: Infinity })}`;
}

/**
 * Loads a model's records as plain objects with ONE `findAll` (`raw` without `include`,
 * `get({ plain: true })` with it), ordered by the primary key unless `order` says otherwise.
 * Numeric attributes are checked for non-numbers and non-finite values.
 *
 * @throws LumixError `SCHEMA_ERROR` for a missing table or column, `DATA_ERROR` naming a bad record.
 */
export async function loadModel<M extends Model, T = Attributes<M>>(model: ModelStatic<M>, options: FromModelOptions<M, T> = {}): Promise<T[]> {
  const label = options.label ?? describeModel(model as unknown as ModelStatic<Model>, options.where);
  const pk = model.primaryKeyAttributes;
  const order = options.order ?? (pk.length > 0 ? pk.map((k) => [k, 'ASC'] as [string, string]) : undefined);
  const raw = options.include === undefined;
  let records: Attributes<M>[];
  try {
    const found = await model.findAll({
      ...(options.where === undefined ? {} : { where: options.where }),
      ...(order === undefined ? {} : { order }),
      ...(options.include === undefined ? {} : { include: options.include }),
      ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
      ...(options.transaction === undefined ? {} : { transaction: options.transaction }),
      raw,
    });
    records = raw ? (found as unknown as Attributes<M>[]) : found.map((r) => r.get({ plain: true }) as Attributes<M>);
  } catch (e) {
    throw mapSequelizeError(e, 'SOURCE_FAILED', `Loading ${label}`, { model: model.name });
  }
  checkNumericColumns(records as unknown as Record<string, unknown>[], numericAttributes(model as unknown as ModelStatic<Model>), label, pk);
  return options.map === undefined ? (records as unknown as T[]) : records.map(options.map);
}

/**
 * An index source over a Sequelize model: `fromModel(Product, { where: { active: true }, order: [['name', 'ASC']] })`.
 * Nothing runs until the model is built; each build runs one `findAll`.
 */
export function fromModel<M extends Model, T = Attributes<M>>(model: ModelStatic<M>, options: FromModelOptions<M, T> = {}): IndexSource<T> {
  if (!isModelClass(model)) {
    throw new LumixError('INVALID_ARGUMENT', 'fromModel: the first argument must be a Sequelize model class (initialized or registered with the Sequelize instance).', {});
  }
  const label = options.label ?? describeModel(model as unknown as ModelStatic<Model>, options.where);
  return { isIndexSource: true, label, load: () => loadModel(model, { ...options, label }) };
}

/**
 * Checks that `names` are attributes of `model`.
 *
 * @throws LumixError `SCHEMA_ERROR` naming the attribute the model lacks.
 */
export function requireAttributes(model: ModelStatic<Model>, names: readonly string[], role: string): void {
  const attrs = model.getAttributes();
  for (const n of names) {
    assertSqlIdentifier(n, `${role} of ${model.name}`);
    if (!(n in attrs)) {
      throw new LumixError('SCHEMA_ERROR', `Model ${model.name} has no attribute ${n} (used as ${role}); its attributes are ${Object.keys(attrs).join(', ')}.`, {
        details: { model: model.name, column: n },
      });
    }
  }
}
