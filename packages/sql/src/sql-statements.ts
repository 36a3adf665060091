import { LumixError, columnReference, validateTableSpec, type ColumnSpec, type ColumnType, type OrderBy, type SqlValue, type TableSourceOptions, type TableSpec } from '@lumix/core';
import { checkPlaceholders } from './sql-placeholders.js';
import { toSqlValue } from './sql-row.js';
import { requireColumn, type ColumnInfo, type TableInfo } from './schema-inspection.js';
import type { BoundValue } from './sql-connection.js';

/** Adapter-building helper: quotes an identifier that already passed `assertSqlIdentifier` (so it holds no quote). */
export function quoteId(name: string): string {
  return `"${name}"`;
}

/**
 * Adapter-building helper: binds the parameters of a statement, checking their number against
 * its `?` placeholders; `label` names the statement in messages.
 */
export function bindParams(sql: string, params: readonly SqlValue[], label: string): BoundValue[] {
  checkPlaceholders(sql, params);
  return params.map((p, i) => toSqlValue(p, { table: label, row: -1, column: `parameter ${i + 1}` }));
}

/** `ORDER BY` terms of an {@link OrderBy}, validated against the table. */
function orderTerms(info: TableInfo, orderBy: OrderBy): string[] {
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
  readonly params: BoundValue[];
  /** The selected columns (all of them when none were named). */
  readonly columns: readonly ColumnInfo[];
}

/**
 * Adapter-building helper: the one SELECT a table source or lookup runs. Every identifier is
 * checked against the schema; default order: the primary key, else the rowid of a table.
 *
 * @throws LumixError `SCHEMA_ERROR` naming an unknown column, `INVALID_ARGUMENT` for an empty
 *   projection or a bad direction, `INVALID_NUMBER`/`DATA_ERROR` for a bad filter value.
 */
export function buildSelect(info: TableInfo, options: TableSourceOptions): BuiltSelect {
  const columns = options.columns === undefined ? info.columns : options.columns.map((c) => requireColumn(info, c, 'selected column'));
  if (columns.length === 0) {
    throw new LumixError('INVALID_ARGUMENT', `Source on ${info.name}: columns is empty; name at least one column or omit it.`, {
      details: { table: info.name },
    });
  }
  const params: BoundValue[] = [];
  const conds: string[] = [];
  for (const [name, value] of Object.entries(options.where ?? {})) {
    const col = requireColumn(info, name, 'where column');
    const q = quoteId(col.name);
    const bind = (v: unknown) => params.push(toSqlValue(v, { table: info.name, row: -1, column: col.name }));
    if (value === null) conds.push(`${q} IS NULL`);
    else if (Array.isArray(value)) {
      if (value.length === 0) conds.push('0');
      else {
        conds.push(`${q} IN (${value.map(() => '?').join(', ')})`);
        for (const v of value as readonly SqlValue[]) bind(v);
      }
    } else {
      conds.push(`${q} = ?`);
      bind(value);
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

const SQL_TYPES: Record<ColumnType, string> = {
  integer: 'INTEGER',
  real: 'REAL',
  text: 'TEXT',
  boolean: 'BOOLEAN',
  datetime: 'DATETIME',
};

function literal(v: string | number | boolean | null, where: string): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new LumixError('INVALID_NUMBER', `${where}: default ${v} is not a finite number.`, {});
    return String(v);
  }
  // DDL cannot take parameters: the one inlined value is a string literal with quotes doubled.
  return `'${v.replace(/'/g, "''")}'`;
}

function columnSql(spec: TableSpec, name: string, col: ColumnSpec): string {
  const parts = [quoteId(name), SQL_TYPES[col.type]];
  if (SQL_TYPES[col.type] === undefined) {
    throw new LumixError('INVALID_ARGUMENT', `Table ${spec.name}, column ${name}: type ${JSON.stringify(col.type)} is not one of ${Object.keys(SQL_TYPES).join(', ')}.`, {
      details: { table: spec.name, column: name },
    });
  }
  if (col.primaryKey === true) parts.push(col.type === 'integer' ? 'PRIMARY KEY AUTOINCREMENT' : 'PRIMARY KEY');
  if (col.nullable !== true && col.primaryKey !== true) parts.push('NOT NULL');
  if (col.unique === true) parts.push('UNIQUE');
  if (col.default !== undefined) parts.push(`DEFAULT ${literal(col.default, `Table ${spec.name}, column ${name}`)}`);
  const ref = columnReference(col);
  if (ref !== null) {
    parts.push(`REFERENCES ${quoteId(ref.table)}(${quoteId(ref.column)})`);
    parts.push(`ON DELETE ${(col.onDelete ?? 'restrict').toUpperCase()}`);
  }
  return parts.join(' ');
}

/**
 * Adapter-building helper: the `CREATE TABLE IF NOT EXISTS` statement of a spec, then one
 * `CREATE INDEX IF NOT EXISTS` per index (named `ix_<table>_<columns>`, at most 63 characters).
 * Validates the whole spec first.
 *
 * @throws LumixError `INVALID_NAME` for a malformed identifier, `INVALID_ARGUMENT` for an unknown
 *   column type, `INVALID_NUMBER` for a non-finite default, `SCHEMA_ERROR` for an undeclared column.
 */
export function createTableSql(spec: TableSpec): string[] {
  validateTableSpec(spec);
  const defs = Object.entries(spec.columns).map(([name, col]) => columnSql(spec, name, col));
  if (spec.primaryKey !== undefined) defs.push(`PRIMARY KEY (${spec.primaryKey.map(quoteId).join(', ')})`);
  for (const u of spec.unique ?? []) defs.push(`UNIQUE (${u.map(quoteId).join(', ')})`);
  const out = [`CREATE TABLE IF NOT EXISTS ${quoteId(spec.name)} (\n  ${defs.join(',\n  ')}\n)`];
  for (const ix of spec.indexes ?? []) {
    out.push(`CREATE INDEX IF NOT EXISTS ${quoteId(`ix_${spec.name}_${ix.join('_')}`.slice(0, 63))} ON ${quoteId(spec.name)} (${ix.map(quoteId).join(', ')})`);
  }
  return out;
}
