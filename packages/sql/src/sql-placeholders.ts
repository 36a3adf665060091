import { LumixError } from '@lumix/core';
import type { SqlCompiler } from './dialect.js';

/**
 * The positions of the `?` parameter placeholders of a SQL statement, skipping quoted strings and
 * identifiers (`'…'`, `"…"`, `` `…` ``, `[…]`) and comments (`-- …`, `/* … *\/`). Adapters use it to
 * check that the number of parameters matches (SQLite would bind missing ones as NULL) and to
 * rewrite `?` into a driver's numbered form.
 *
 * @throws LumixError `INVALID_ARGUMENT` for numbered or named placeholders (`?1`, `:name`, `$x`, `@x`):
 *   adapters take positional `?` only, so one statement means the same in every adapter.
 */
export function placeholderPositions(sql: string): number[] {
  const out: number[] = [];
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < n) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) i += 2;
          else break;
        } else i++;
      }
      i++;
    } else if (c === '[') {
      const end = sql.indexOf(']', i + 1);
      i = end < 0 ? n : end + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '?') {
      if (/[0-9]/.test(sql[i + 1] ?? '')) throw numbered(sql, '?NNN');
      out.push(i);
      i++;
    } else if (c === ':' && sql[i + 1] === ':') {
      i += 2; // a cast (a::int), not a parameter
    } else if ((c === ':' || c === '$' || c === '@') && /[A-Za-z_0-9]/.test(sql[i + 1] ?? '') && !/[A-Za-z_0-9]/.test(sql[i - 1] ?? '')) {
      throw numbered(sql, `${c}name`);
    } else i++;
  }
  return out;
}

function numbered(sql: string, form: string): LumixError {
  return new LumixError('INVALID_ARGUMENT', `SQL ${JSON.stringify(sql.slice(0, 120))} uses ${form} parameters; use positional ? placeholders with a params array.`, {
    details: { sql },
  });
}

/**
 * Checks that `params` has one value per `?` of `sql` and returns the placeholder positions.
 *
 * @throws LumixError `INVALID_ARGUMENT` naming both counts when they differ.
 */
export function checkPlaceholders(sql: string, params: readonly unknown[]): number[] {
  const pos = placeholderPositions(sql);
  if (pos.length !== params.length) {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `SQL ${JSON.stringify(sql.slice(0, 120))} has ${pos.length} ? placeholder(s) but ${params.length} parameter(s) were given; pass one value per ?.`,
      { details: { sql, placeholders: pos.length, params: params.length } },
    );
  }
  return pos;
}

/**
 * Checks that `sql` is a read statement: it starts (after comments) with SELECT, WITH, VALUES or
 * EXPLAIN, or is a read of the dialect (`compiler.isDialectRead`: SQLite's PRAGMA without an
 * assignment). Adapters' query sources and `query()` are for reading; writes go through
 * `insertRows`/`saveRun`, which validate rows and use transactions.
 *
 * @throws LumixError `INVALID_ARGUMENT` naming the statement's first word.
 */
export function assertReadQuery(sql: string, compiler: Pick<SqlCompiler, 'isDialectRead'>): void {
  const body = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  const word = (/^[A-Za-z]+/.exec(body)?.[0] ?? '').toUpperCase();
  const ok = word === 'SELECT' || word === 'WITH' || word === 'VALUES' || word === 'EXPLAIN' || compiler.isDialectRead(word, body);
  if (!ok || (word === 'WITH' && /\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(body.replace(/'(?:[^']|'')*'/g, '')))) {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `A query source must read: ${JSON.stringify(sql.slice(0, 80))} starts with ${word === '' ? 'no statement' : word}. Write with insertRows or saveRun (they validate rows and use one transaction).`,
      { details: { sql } },
    );
  }
}
