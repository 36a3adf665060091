import { QueryTypes, type QueryOptions, type Sequelize, type Transaction } from 'sequelize';
import type { BoundValue } from '@lumix/sql';
import { NO_RETRY, READ_ONLY_UUID } from './open-sequelize.js';

/** Options of {@link select} and {@link execute}. */
export interface RunOptions {
  readonly transaction?: Transaction | undefined;
  /** Run on the instance's read-only connection (users' statements; see `enforceForeignKeys`). */
  readonly readOnly?: boolean;
}

// Parameters travel as Sequelize bind parameters (`$1`, `$2`, ...), which Sequelize passes to the
// driver as real parameters (its `replacements` would inline escaped values instead). Sequelize's
// retry of busy statements is off: the busy timeout is the one wait.
function queryOptions(type: QueryTypes, params: readonly BoundValue[], options: RunOptions): QueryOptions {
  return {
    type,
    raw: true,
    transaction: options.transaction ?? null,
    retry: NO_RETRY,
    ...(options.readOnly === true ? { uuid: READ_ONLY_UUID } : {}),
    ...(params.length > 0 ? { bind: params as BoundValue[] } : {}),
  } as QueryOptions;
}

/** Runs a read statement with `$n` bind parameters through Sequelize and returns plain rows. */
export async function select<T = Record<string, unknown>>(seq: Sequelize, sql: string, params: readonly BoundValue[] = [], options: RunOptions = {}): Promise<T[]> {
  const rows: unknown = await seq.query(sql, queryOptions(QueryTypes.SELECT, params, options));
  return rows as T[];
}

/**
 * Runs a write statement with `$n` bind parameters; resolves with the last inserted row id that
 * Sequelize reports for an INSERT (SQLite's `lastID`), else `null`.
 */
export async function execute(seq: Sequelize, sql: string, params: readonly BoundValue[] = [], options: RunOptions = {}): Promise<number | null> {
  const isInsert = /^\s*INSERT\b/i.test(sql);
  const result: unknown = await seq.query(sql, queryOptions(isInsert ? QueryTypes.INSERT : QueryTypes.RAW, params, options));
  return Array.isArray(result) && typeof result[0] === 'number' ? result[0] : null;
}
