import { LumixError, toSqlValue, type OrderBy, type SqlValue, type TableSourceOptions } from '@lumix/core';
import { requireColumn, type ColumnInfo, type TableInfo } from './schema-info.js';
import { quoteId } from './sql-query.js';

/** Converts a filter value to a bound parameter, naming the table and column on error. */
export function bindValue(value: unknown, table: string, column: string): string | number | bigint | null {
  return toSqlValue(value, { table, row: -1, column });
}

/** `ORDER BY` terms of an {@link OrderBy}, validated against the table. */
export function orderTerms(info: TableInfo, orderBy: OrderBy): string[] {
  const list = typeof orderBy === 'string' ? [orderBy] : orderBy;
  return list.map((term) => {
    const [name, dir] = typeof term === 'string' ? [term, 'ASC'] : [term[0], term[1]];
    const d = String(dir).toUpperCase();
    if (d !== 'ASC' && d !== 'DESC') {
      throw new LumixError('INVALID_ARGUMENT', `orderBy on ${info.name}: direction ${JSON.stringify(dir)} must be ASC or DESC.`, {
        details: { table: info.name, column: name },
      });
    }
    const col = requireColumn(info, name, 'orderBy column');
    return `${quoteId(col.name)} ${d}`;
  });
}

/** A SELECT of a table with an equality filter, an order and a projection; values go to `params`. */
export interface BuiltSelect {
  readonly sql: string;
  readonly params: (string | number | bigint | null)[];
  /** The selected columns (all of them when none were named). */
  readonly columns: readonly ColumnInfo[];
}

/** Builds the one SELECT a table source or lookup runs. Every identifier is checked against the schema. */
export function buildSelect(info: TableInfo, options: TableSourceOptions): BuiltSelect {
  const columns = options.columns === undefined ? info.columns : options.columns.map((c) => requireColumn(info, c, 'selected column'));
  if (columns.length === 0) {
    throw new LumixError('INVALID_ARGUMENT', `Source on ${info.name}: columns is empty; name at least one column or omit it.`, {
      details: { table: info.name },
    });
  }
  const params: (string | number | bigint | null)[] = [];
  const conds: string[] = [];
  for (const [name, value] of Object.entries(options.where ?? {})) {
    const col = requireColumn(info, name, 'where column');
    const q = quoteId(col.name);
    if (value === null) conds.push(`${q} IS NULL`);
    else if (Array.isArray(value)) {
      if (value.length === 0) conds.push('0');
      else {
        conds.push(`${q} IN (${value.map(() => '?').join(', ')})`);
        for (const v of value as readonly SqlValue[]) params.push(bindValue(v, info.name, col.name));
      }
    } else {
      conds.push(`${q} = ?`);
      params.push(bindValue(value, info.name, col.name));
    }
  }
  let order: string[];
  if (options.orderBy !== undefined) order = orderTerms(info, options.orderBy);
  else if (info.primaryKey.length > 0) order = info.primaryKey.map((c) => `${quoteId(c)} ASC`);
  else order = info.kind === 'table' ? ['rowid ASC'] : [];
  const projection = options.columns === undefined ? '*' : columns.map((c) => quoteId(c.name)).join(', ');
  let sql = `SELECT ${projection} FROM ${quoteId(info.name)}`;
  if (conds.length > 0) sql += ` WHERE ${conds.join(' AND ')}`;
  if (order.length > 0) sql += ` ORDER BY ${order.join(', ')}`;
  return { sql, params, columns };
}
