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

/** The tokens of a PRAGMA statement: words, quoted names, strings, numbers and punctuation. */
type PragmaToken =
  | { readonly type: 'name'; readonly text: string }
  | { readonly type: 'string'; readonly text: string }
  | { readonly type: 'number'; readonly text: string }
  | { readonly type: 'punct'; readonly text: string };

/** Where the next token starts: past whitespace and comments, as SQLite's tokenizer skips them. */
function skipSpace(sql: string, from: number): number {
  let i = from;
  for (;;) {
    if (/[ \t\n\f\r]/.test(sql[i] ?? '')) i++;
    else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else return i;
  }
}

/** The tokens of `sql`, or `null` at anything a PRAGMA cannot hold (a parameter, an operator). */
function pragmaTokens(sql: string): PragmaToken[] | null {
  const out: PragmaToken[] = [];
  let i = skipSpace(sql, 0);
  while (i < sql.length) {
    const c = sql[i]!;
    const quote = c === '[' ? ']' : c === '"' || c === '`' || c === "'" ? c : null;
    if (quote !== null) {
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) return null;
        if (sql[j] === quote) {
          if (quote !== ']' && sql[j + 1] === quote) {
            text += quote;
            j += 2;
            continue;
          }
          break;
        }
        text += sql[j++];
      }
      out.push({ type: c === "'" ? 'string' : 'name', text });
      i = j + 1;
    } else {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i))?.[0];
      const num = /^[+-]?(?:0[xX][0-9A-Fa-f]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/.exec(sql.slice(i))?.[0];
      if (word !== undefined) out.push({ type: 'name', text: word });
      else if (num !== undefined) out.push({ type: 'number', text: num });
      else if ('.=();'.includes(c)) out.push({ type: 'punct', text: c });
      else return null;
      i += word?.length ?? num?.length ?? 1;
    }
    i = skipSpace(sql, i);
  }
  return out;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * `PRAGMA [schema.]name [= value | (value)] [;]` as a SELECT from the pragma's table-valued
 * function: the value becomes its argument, a schema other than `main` its `schema` column. SQLite has such a
 * function only for a pragma that returns results and has no side effects, with an argument only
 * where it reads with one, so setting forms fail in SQLite ("too many arguments on
 * pragma_foreign_keys()", "no such table: pragma_wal_checkpoint") without running.
 *
 * @throws LumixError `INVALID_ARGUMENT` for a PRAGMA of another shape.
 */
function pragmaAsSelect(body: string): string {
  const t = pragmaTokens(body);
  const at = (k: number) => t?.[k];
  const isPunct = (k: number, p: string) => at(k)?.type === 'punct' && at(k)?.text === p;
  const refuse = () =>
    new LumixError('INVALID_ARGUMENT', `${JSON.stringify(body.slice(0, 80))} is not a PRAGMA of the form PRAGMA [schema.]name or PRAGMA name(value).`, { details: { sql: body } });
  if (t === null || at(0)?.type !== 'name' || at(0)?.text.toUpperCase() !== 'PRAGMA' || at(1)?.type !== 'name') throw refuse();
  let k = 1;
  let schema: string | undefined;
  if (isPunct(2, '.')) {
    if (at(3)?.type !== 'name') throw refuse();
    schema = at(1)!.text;
    k = 3;
  }
  const name = at(k)!.text;
  k++;
  let value: string | undefined;
  const valueAt = (j: number) => {
    const v = at(j);
    if (v === undefined || v.type === 'punct') throw refuse();
    return v.text;
  };
  if (isPunct(k, '=')) {
    value = valueAt(k + 1);
    k += 2;
  } else if (isPunct(k, '(')) {
    value = valueAt(k + 1);
    if (!isPunct(k + 2, ')')) throw refuse();
    k += 3;
  }
  if (isPunct(k, ';')) k++;
  if (k !== t.length || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw refuse();
  const fn = `pragma_${name.toLowerCase()}${value === undefined ? '' : `(${sqlString(value)})`}`;
  // `main` is where a pragma reads anyway, and not every pragma function has a `schema` column.
  const onSchema = schema === undefined || schema.toLowerCase() === 'main' ? '' : ` WHERE schema = ${sqlString(schema)}`;
  return `SELECT * FROM ${fn}${onSchema}`;
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
  dialectRead: (word, body) => (word === 'PRAGMA' ? pragmaAsSelect(body) : null),
  writeProbe: () => [`CREATE TABLE ${quoteId(`lumix_write_check_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`)} ("x" INTEGER)`],
};
