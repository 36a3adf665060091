import { QueryTypes, type QueryOptions, type Sequelize, type Transaction } from 'sequelize';
import { checkPlaceholders, type BoundValue } from '@lumix/sql';

/**
 * Rewrites positional `?` placeholders into Sequelize's numbered bind parameters (`$1`, `$2`, ...),
 * which Sequelize passes to the driver as real parameters (its `replacements` would inline
 * escaped values instead).
 */
export function toBindSql(sql: string, params: readonly unknown[]): string {
  const positions = checkPlaceholders(sql, params);
  if (positions.length === 0) return sql;
  let out = '';
  let last = 0;
  positions.forEach((pos, i) => {
    out += sql.slice(last, pos) + '$' + (i + 1);
    last = pos + 1;
  });
  return out + sql.slice(last);
}

/** Options of {@link select} and {@link execute}. */
export interface RunOptions {
  readonly transaction?: Transaction | undefined;
}

function queryOptions(type: QueryTypes, params: readonly BoundValue[], options: RunOptions): QueryOptions {
  return {
    type,
    raw: true,
    transaction: options.transaction ?? null,
    ...(params.length > 0 ? { bind: params as BoundValue[] } : {}),
  } as QueryOptions;
}

/** Runs a read statement with `?` parameters through Sequelize and returns plain rows. */
export async function select<T = Record<string, unknown>>(seq: Sequelize, sql: string, params: readonly BoundValue[] = [], options: RunOptions = {}): Promise<T[]> {
  const rows: unknown = await seq.query(toBindSql(sql, params), queryOptions(QueryTypes.SELECT, params, options));
  return rows as T[];
}

/**
 * Runs a write statement with `?` parameters; resolves with the last inserted row id (SQLite's
 * `lastID`, the only dialect this package targets).
 */
export async function execute(seq: Sequelize, sql: string, params: readonly BoundValue[] = [], options: RunOptions = {}): Promise<number> {
  const isInsert = /^\s*INSERT\b/i.test(sql);
  const result: unknown = await seq.query(toBindSql(sql, params), queryOptions(isInsert ? QueryTypes.INSERT : QueryTypes.RAW, params, options));
  return Array.isArray(result) && typeof result[0] === 'number' ? result[0] : 0;
}
