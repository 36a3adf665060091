import { LumixError, columnReference, validateTableSpec, type ColumnSpec, type ColumnType, type TableSpec } from '@lumix/core';
import type { InsertReturningId, SelectSpec, SqlCompiler, WhereTerm } from '../../dialect.js';
import { placeholderPositions } from '../../sql-placeholders.js';

/** Column types of a `TableSpec` in SQLite (booleans are 0/1, datetimes ISO-8601 text). */
const SQLITE_TYPES: Record<ColumnType, string> = {
  integer: 'INTEGER',
  real: 'REAL',
  text: 'TEXT',
  boolean: 'BOOLEAN',
  datetime: 'DATETIME',
};

/** Identifiers reaching the compiler passed `assertSqlIdentifier`, so they hold no quote. */
function quoteId(name: string): string {
  return `"${name}"`;
}

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
  const type = SQLITE_TYPES[col.type];
  if (type === undefined) {
    throw new LumixError('INVALID_ARGUMENT', `Table ${spec.name}, column ${name}: type ${JSON.stringify(col.type)} is not one of ${Object.keys(SQLITE_TYPES).join(', ')}.`, {
      details: { table: spec.name, column: name },
    });
  }
  const parts = [quoteId(name), type];
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

function whereSql(term: WhereTerm): string {
  switch (term.op) {
    case 'eq':
      return `${quoteId(term.column)} = ?`;
    case 'in':
      return `${quoteId(term.column)} IN (${new Array<string>(term.count).fill('?').join(', ')})`;
    case 'is-null':
      return `${quoteId(term.column)} IS NULL`;
    case 'none':
      return '0';
  }
}

/** SQLite's statement compiler: `"` quoting, positional `?`, rowid order, `AUTOINCREMENT` keys. */
export const sqliteCompiler: SqlCompiler = {
  quoteId,
  placeholder: () => '?',
  fromPositional: (sql) => sql,
  toNumbered(sql) {
    const positions = placeholderPositions(sql);
    if (positions.length === 0) return sql;
    let out = '';
    let last = 0;
    positions.forEach((pos, i) => {
      out += `${sql.slice(last, pos)}$${i + 1}`;
      last = pos + 1;
    });
    return out + sql.slice(last);
  },
  select(spec: SelectSpec) {
    const projection = spec.columns === null ? '*' : spec.columns.map(quoteId).join(', ');
    let sql = `SELECT ${projection} FROM ${quoteId(spec.table)}`;
    if (spec.where.length > 0) sql += ` WHERE ${spec.where.map(whereSql).join(' AND ')}`;
    const order = spec.orderBy === 'storage' ? ['rowid ASC'] : spec.orderBy.map((o) => `${quoteId(o.column)} ${o.direction}`);
    if (order.length > 0) sql += ` ORDER BY ${order.join(', ')}`;
    if (spec.limit !== undefined) sql += ` LIMIT ${Math.trunc(spec.limit)}`;
    return sql;
  },
  insert(table, columns, rows) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    return `INSERT INTO ${quoteId(table)} (${columns.map(quoteId).join(', ')}) VALUES ${new Array<string>(rows).fill(tuple).join(', ')}`;
  },
  insertReturningId(table, columns): InsertReturningId {
    return { sql: sqliteCompiler.insert(table, columns, 1), idFrom: 'last-insert-id' };
  },
  createTable(spec) {
    validateTableSpec(spec);
    const defs = Object.entries(spec.columns).map(([name, col]) => columnSql(spec, name, col));
    if (spec.primaryKey !== undefined) defs.push(`PRIMARY KEY (${spec.primaryKey.map(quoteId).join(', ')})`);
    for (const u of spec.unique ?? []) defs.push(`UNIQUE (${u.map(quoteId).join(', ')})`);
    const out = [`CREATE TABLE IF NOT EXISTS ${quoteId(spec.name)} (\n  ${defs.join(',\n  ')}\n)`];
    for (const ix of spec.indexes ?? []) {
      out.push(`CREATE INDEX IF NOT EXISTS ${quoteId(`ix_${spec.name}_${ix.join('_')}`.slice(0, 63))} ON ${quoteId(spec.name)} (${ix.map(quoteId).join(', ')})`);
    }
    return out;
  },
  // `PRAGMA name` and `PRAGMA name(arg)` read; `PRAGMA name = value` writes.
  isDialectRead: (word, body) => word === 'PRAGMA' && !/=/.test(body.replace(/'[^']*'/g, '')),
};
