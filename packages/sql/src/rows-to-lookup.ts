import { LumixError, createLookup, type IndexSource, type Lookup, type LookupKeyPart, type LookupKeySpec, type LookupValueSpec, type SqlRow, type TableSourceOptions } from '@lumix/core';
import { sqlLoadTable } from './sql-reads.js';
import type { SqlSession } from './sql-session.js';
import { requireColumn } from './table-info.js';

/**
 * Adapter-building helper: turns loaded rows into a {@link Lookup}, so every form of an adapter's
 * `lookup` behaves alike: key columns must be present, a value column must hold finite numbers
 * (`DATA_ERROR` naming the row), two rows with one key are `DUPLICATE_KEY`.
 *
 * @param label what the rows came from, for messages.
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
  let readValue: (row: R) => V;
  if (typeof value === 'string') {
    let index = 0;
    readValue = (row) => {
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
  } else readValue = value;
  return createLookup(label, rows, keyOf, readValue);
}

/** Adapter-building helper: the distinct columns a lookup reads when key and value are both names, else `null`. */
export function lookupColumnNames<R>(key: LookupKeySpec<R>, value: LookupValueSpec<R, unknown>): string[] | null {
  if (typeof key === 'function' || typeof value !== 'string') return null;
  return [...new Set([...(typeof key === 'string' ? [key] : key), value])];
}

/**
 * Adapter-building helper: a lookup over a table loaded with one SELECT on `session`. When key and
 * value are both column names (and `options.columns` is not given) only those columns are read,
 * after checking they exist.
 *
 * @throws LumixError as {@link rowsToLookup} and `sqlLoadTable`.
 */
export async function sqlTableLookup<V, R extends object = SqlRow>(
  session: SqlSession,
  table: string,
  key: LookupKeySpec<R>,
  value: LookupValueSpec<R, V>,
  options: TableSourceOptions = {},
): Promise<Lookup<V>> {
  let columns = options.columns;
  const names = lookupColumnNames(key, value);
  if (columns === undefined && names !== null) {
    const info = await session.tableInfo(table);
    columns = [...new Set(names.map((n) => requireColumn(info, n, 'lookup column').name))];
  }
  const rows = await sqlLoadTable<R>(session, table, columns === undefined ? options : { ...options, columns });
  const where = options.where === undefined ? '' : ` where ${JSON.stringify(options.where)}`;
  return rowsToLookup(`lookup on table ${table}${where}`, rows, key, value);
}

/** Adapter-building helper: a lookup over any index source, loaded once (`lookup(fromQuery(...), key, value)`). */
export async function lookupFromSource<V, R extends object>(source: IndexSource<R>, key: LookupKeySpec<R>, value: LookupValueSpec<R, V>): Promise<Lookup<V>> {
  return rowsToLookup(`lookup on ${source.label}`, await source.load(), key, value);
}
