import type { Attributes, Model, ModelStatic, Sequelize } from 'sequelize';
import {
  LumixError,
  createLookup,
  isIndexSource,
  type IndexSource,
  type Lookup,
  type LookupKeyPart,
  type LookupKeySpec,
  type LookupValueSpec,
  type SqlRow,
  type TableSourceOptions,
} from '@lumix/core';
import { isModelClass, loadModel, requireAttributes, type FromModelOptions } from './from-model.js';
import { loadTable } from './from-table.js';
import { requireColumn, tableInfo } from './schema-info.js';

/**
 * Turns loaded rows into a Lookup. Shared by the table and the source form so both behave alike:
 * key columns must be present, a value column must hold finite numbers (`DATA_ERROR` naming the
 * row), two rows with one key are `DUPLICATE_KEY`.
 */
export function rowsToLookup<R extends object, V>(label: string, rows: readonly R[], key: LookupKeySpec<R>, value: LookupValueSpec<R, V>): Lookup<V> {
  const keyCols = typeof key === 'string' ? [key] : typeof key === 'function' ? null : [...key];
  if (keyCols !== null && (keyCols.length < 1 || keyCols.length > 3)) {
    throw new LumixError('INVALID_ARGUMENT', `Lookup ${label}: ${keyCols.length} key columns given; use 1 to 3.`, { details: { lookup: label } });
  }
  const first = rows[0] as Record<string, unknown> | undefined;
  if (first !== undefined) {
    for (const c of [...(keyCols ?? []), ...(typeof value === 'string' ? [value] : [])]) {
      if (!(c in first)) {
        throw new LumixError('SCHEMA_ERROR', `Lookup ${label}: the rows have no column ${c}; fix the name or select it.`, {
          details: { lookup: label, column: c },
        });
      }
    }
  }
  const keyOf: (row: R) => LookupKeyPart | readonly LookupKeyPart[] =
    keyCols === null
      ? (key as (row: R) => LookupKeyPart | readonly LookupKeyPart[])
      : keyCols.length === 1
        ? (row) => (row as Record<string, LookupKeyPart>)[keyCols[0]!]!
        : (row) => keyCols.map((c) => (row as Record<string, LookupKeyPart>)[c]!);
  let valueOf: (row: R) => V;
  if (typeof value === 'string') {
    let index = 0;
    valueOf = (row) => {
      const v = (row as Record<string, unknown>)[value];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        const k = keyOf(row);
        throw new LumixError(
          'DATA_ERROR',
          `Lookup ${label}, row #${index + 1} (key ${JSON.stringify(k)}): column ${value} holds ${typeof v === 'number' ? String(v) : JSON.stringify(v)}, not a finite number; fix the stored value.`,
          { details: { lookup: label, row: index, key: Array.isArray(k) ? k.map(String) : [String(k)], column: value } },
        );
      }
      index++;
      return v as V;
    };
  } else valueOf = value;
  return createLookup(label, rows, keyOf, valueOf);
}

/** Options of the model form of {@link lookup}. */
export type ModelLookupOptions<M extends Model> = Omit<FromModelOptions<M, Attributes<M>>, 'map' | 'label'>;

function namedColumns<R>(key: LookupKeySpec<R>, value: LookupValueSpec<R, unknown>): string[] | null {
  if (typeof key === 'function' || typeof value !== 'string') return null;
  return [...new Set([...(typeof key === 'string' ? [key] : key), value])];
}

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
  if (isIndexSource(first)) {
    const rows = (await first.load()) as readonly Row[];
    return rowsToLookup(`lookup on ${first.label}`, rows, a as LookupKeySpec<Row>, b as LookupValueSpec<Row, unknown>);
  }
  if (isModelClass(first)) {
    const key = a as LookupKeySpec<Row>;
    const value = b as LookupValueSpec<Row, unknown>;
    const options = (c ?? {}) as ModelLookupOptions<Model>;
    const names = namedColumns(key, value);
    if (names !== null) requireAttributes(first, names, 'lookup attribute');
    const rows = (await loadModel(first, names !== null && options.attributes === undefined ? { ...options, attributes: names } : options)) as Row[];
    return rowsToLookup(`lookup on model ${first.name}`, rows, key, value);
  }
  if (typeof first === 'object' && first !== null && typeof (first as Sequelize).getQueryInterface === 'function') {
    const seq = first as Sequelize;
    const table = a as string;
    const key = b as LookupKeySpec<Row>;
    const value = c as LookupValueSpec<Row, unknown>;
    const options = (d ?? {}) as TableSourceOptions;
    if (value === undefined) {
      throw new LumixError('INVALID_ARGUMENT', 'lookup(sequelize, table, key, value): value is missing; give a column name or a function.', {});
    }
    let columns = options.columns;
    const names = namedColumns(key, value);
    if (columns === undefined && names !== null) {
      const info = await tableInfo(seq, table);
      columns = [...new Set(names.map((n) => requireColumn(info, n, 'lookup column').name))];
    }
    const rows = await loadTable<Row>(seq, table, columns === undefined ? options : { ...options, columns });
    const where = options.where === undefined ? '' : ` where ${JSON.stringify(options.where)}`;
    return rowsToLookup(`lookup on table ${table}${where}`, rows, key, value);
  }
  throw new LumixError('INVALID_ARGUMENT', 'lookup: the first argument must be a Sequelize model class, a Sequelize instance (with a table name) or an index source.', {});
}
