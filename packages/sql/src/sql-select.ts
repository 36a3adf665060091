import { LumixError, type OrderBy, type SqlValue, type TableSourceOptions } from '@lumix/core';
import type { OrderTerm, SqlCompiler, WhereTerm } from './dialect.js';
import type { BoundValue } from './driver.js';
import { checkPlaceholders } from './sql-placeholders.js';
import { toSqlValue } from './sql-row.js';
import { requireColumn, type ColumnInfo, type TableInfo } from './table-info.js';

/**
 * Adapter-building helper: converts the parameters of a user statement (positional `?`),
 * checking their number against its placeholders; `label` names the statement in messages.
 *
 * @throws LumixError `INVALID_ARGUMENT` for a count mismatch, `INVALID_NUMBER`/`DATA_ERROR` for a bad value.
 */
export function bindParams(sql: string, params: readonly SqlValue[], label: string): BoundValue[] {
  checkPlaceholders(sql, params);
  return params.map((p, i) => toSqlValue(p, { table: label, row: -1, column: `parameter ${i + 1}` }));
}

/** Sort terms of an {@link OrderBy}, validated against the table. */
function orderTerms(info: TableInfo, orderBy: OrderBy): OrderTerm[] {
  const list = typeof orderBy === 'string' ? [orderBy] : orderBy;
  return list.map((term) => {
    const [name, dir] = typeof term === 'string' ? [term, 'ASC'] : [term[0], term[1]];
    const d = String(dir).toUpperCase();
    if (d !== 'ASC' && d !== 'DESC') {
      throw new LumixError('INVALID_ARGUMENT', `orderBy on ${info.name}: direction ${JSON.stringify(dir)} must be ASC or DESC.`, {
        details: { table: info.name, column: name },
      });
    }
    return { column: requireColumn(info, name, 'orderBy column').name, direction: d };
  });
}

/** A SELECT of a table with an equality filter, an order and a projection; values go to `params`. */
export interface BuiltSelect {
  readonly sql: string;
  readonly params: BoundValue[];
  /** The selected columns (all of them when none were named). */
  readonly columns: readonly ColumnInfo[];
}

/**
 * Adapter-building helper: the one SELECT a table source or lookup runs, rendered by `compiler`.
 * Every identifier is checked against the schema; default order: the primary key, else the
 * dialect's storage order of a table.
 *
 * @throws LumixError `SCHEMA_ERROR` naming an unknown column, `INVALID_ARGUMENT` for an empty
 *   projection or a bad direction, `INVALID_NUMBER`/`DATA_ERROR` for a bad filter value.
 */
export function buildSelect(compiler: SqlCompiler, info: TableInfo, options: TableSourceOptions): BuiltSelect {
  const columns = options.columns === undefined ? info.columns : options.columns.map((c) => requireColumn(info, c, 'selected column'));
  if (columns.length === 0) {
    throw new LumixError('INVALID_ARGUMENT', `Source on ${info.name}: columns is empty; name at least one column or omit it.`, {
      details: { table: info.name },
    });
  }
  const params: BoundValue[] = [];
  const where: WhereTerm[] = [];
  for (const [name, value] of Object.entries(options.where ?? {})) {
    const col = requireColumn(info, name, 'where column');
    const bind = (v: unknown) => params.push(toSqlValue(v, { table: info.name, row: -1, column: col.name }));
    if (value === null) where.push({ op: 'is-null', column: col.name });
    else if (Array.isArray(value)) {
      if (value.length === 0) where.push({ op: 'none' });
      else {
        where.push({ op: 'in', column: col.name, count: value.length });
        for (const v of value as readonly SqlValue[]) bind(v);
      }
    } else {
      where.push({ op: 'eq', column: col.name });
      bind(value);
    }
  }
  let orderBy: readonly OrderTerm[] | 'storage';
  if (options.orderBy !== undefined) orderBy = orderTerms(info, options.orderBy);
  else if (info.primaryKey.length > 0) orderBy = info.primaryKey.map((c) => ({ column: c, direction: 'ASC' as const }));
  else orderBy = info.kind === 'table' ? 'storage' : [];
  const sql = compiler.select({ table: info.name, columns: options.columns === undefined ? null : columns.map((c) => c.name), where, orderBy });
  return { sql, params, columns };
}
