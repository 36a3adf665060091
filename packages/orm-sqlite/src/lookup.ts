import type { Database } from 'sqlite3';
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
import { loadTable } from './from-table.js';
import { tableInfo, requireColumn } from './schema-info.js';

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

/**
 * A cached lookup loaded with ONE query: hours per product and machine,
 * `await lookup(db, 'recipes', ['product_id', 'machine_id'], 'hours')`, or with functions,
 * `lookup(db, 'recipes', (r) => [r.product_id, r.machine_id], (r) => r.hours)`. The first argument
 * may also be any index source (`lookup(fromQuery(db, sql, params), key, value)`).
 *
 * Key: 1–3 column names or a function; value: a column name (must hold finite numbers) or a function.
 * @throws LumixError `DUPLICATE_KEY` when two rows share a key, `DATA_ERROR` for a non-numeric value
 *   column or an empty key, `SCHEMA_ERROR` for a missing table or column.
 */
export async function lookup<V = number, R extends object = SqlRow>(
  db: Database,
  table: string,
  key: LookupKeySpec<R>,
  value: LookupValueSpec<R, V>,
  options?: TableSourceOptions,
): Promise<Lookup<V>>;
export async function lookup<V = number, R extends object = SqlRow>(source: IndexSource<R>, key: LookupKeySpec<R>, value: LookupValueSpec<R, V>): Promise<Lookup<V>>;
export async function lookup<V, R extends object>(
  first: Database | IndexSource<R>,
  a: string | LookupKeySpec<R>,
  b: LookupKeySpec<R> | LookupValueSpec<R, V>,
  c?: LookupValueSpec<R, V>,
  options: TableSourceOptions = {},
): Promise<Lookup<V>> {
  if (isIndexSource(first)) {
    const source = first as IndexSource<R>;
    const rows = await source.load();
    return rowsToLookup(`lookup on ${source.label}`, rows, a as LookupKeySpec<R>, b as LookupValueSpec<R, V>);
  }
  const db = first as Database;
  const table = a as string;
  const key = b as LookupKeySpec<R>;
  const value = c as LookupValueSpec<R, V>;
  if (value === undefined) {
    throw new LumixError('INVALID_ARGUMENT', 'lookup(db, table, key, value): value is missing; give a column name or a function.', {});
  }
  let columns = options.columns;
  if (columns === undefined && typeof key !== 'function' && typeof value === 'string') {
    // Both named: read only the key and value columns (after checking they exist).
    const info = await tableInfo(db, table);
    const names = [...(typeof key === 'string' ? [key] : key), value];
    columns = [...new Set(names.map((n) => requireColumn(info, n, 'lookup column').name))];
  }
  const rows = await loadTable<R>(db, table, columns === undefined ? options : { ...options, columns });
  const where = options.where === undefined ? '' : ` where ${JSON.stringify(options.where)}`;
  return rowsToLookup(`lookup on table ${table}${where}`, rows, key, value);
}
