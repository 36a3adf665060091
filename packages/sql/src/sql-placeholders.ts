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

/** A user's read statement as it is to run (see {@link readStatement}). */
export interface ReadStatement {
  /** The statement to run, in the user's placeholder form. */
  readonly sql: string;
  /**
   * The dialect's read (`PRAGMA foreign_keys`) that `sql` was rewritten from, or `null`. When the
   * rewritten statement fails, the dialect has no reading form of it: the statement would have
   * changed something.
   */
  readonly rewrittenFrom: string | null;
}

/** The index of the first character after whitespace and `--` / `/* *\/` comments from `from`. */
function skipSpace(sql: string, from: number): number {
  let i = from;
  for (;;) {
    const m = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))/.exec(sql.slice(i));
    if (m === null || m[0] === '') return i;
    i += m[0].length;
  }
}

/** The index just past the first `mark` at or after `from`, or the end of `sql` when there is none. */
function afterMark(sql: string, mark: string, from: number): number {
  const at = sql.indexOf(mark, from);
  return at < 0 ? sql.length : at + mark.length;
}

/**
 * `sql` with every quoted string or identifier (`'…'`, `"…"`, `` `…` ``, `[…]`) and comment blanked
 * out, scanned left to right as SQLite tokenizes it (so `"a'b"` is one identifier, not the start of
 * a string that would hide what follows).
 */
function outsideQuotes(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    let end = -1;
    if (c === "'" || c === '"' || c === '`') {
      end = i + 1;
      while (end < sql.length && !(sql[end] === c && sql[end + 1] !== c)) end += sql[end] === c ? 2 : 1;
      end++;
    } else if (c === '[') end = afterMark(sql, ']', i + 1);
    else if (sql.startsWith('--', i)) end = afterMark(sql, '\n', i + 2);
    else if (sql.startsWith('/*', i)) end = afterMark(sql, '*/', i + 2);
    if (end < 0) {
      out += c;
      i++;
    } else {
      out += ' ';
      i = Math.min(Math.max(end, i + 1), sql.length);
    }
  }
  return out;
}

/** The upper-case word at `i` (letters only), or `''`. */
const wordAt = (sql: string, i: number) => (/^[A-Za-z]+/.exec(sql.slice(i))?.[0] ?? '').toUpperCase();

/**
 * A user's statement for a query source or `query()`, checked to be a read and put in the form
 * that can only read: SELECT, WITH (without INSERT/UPDATE/DELETE/REPLACE), VALUES, EXPLAIN of one
 * of these, or a read of the dialect (`compiler.dialectRead`: SQLite's PRAGMA, run as its
 * table-valued function, also after EXPLAIN); one statement, a trailing `;` allowed. Anything else
 * is refused before it reaches the database. The adapter then runs it with `allReadOnly`, on a connection that cannot write.
 * Writes go through `insertRows`/`saveRun`, which validate rows and use transactions.
 *
 * @throws LumixError `INVALID_ARGUMENT` naming the statement's first word.
 */
export function readStatement(sql: string, compiler: Pick<SqlCompiler, 'dialectRead'>): ReadStatement {
  const refuse = (word: string) =>
    new LumixError(
      'INVALID_ARGUMENT',
      `A query source must read: ${JSON.stringify(sql.slice(0, 80))} starts with ${word === '' ? 'no statement' : word}. Write with insertRows or saveRun (they validate rows and use one transaction).`,
      { details: { sql } },
    );
  const bare = outsideQuotes(sql);
  const end = bare.indexOf(';');
  if (end >= 0 && bare.slice(end + 1).trim() !== '') {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `${JSON.stringify(sql.slice(0, 80))} holds more than one statement; a query source runs exactly one (the driver would ignore the rest silently).`,
      { details: { sql } },
    );
  }
  const start = skipSpace(sql, 0);
  const word = wordAt(sql, start);
  if (word === 'SELECT' || word === 'VALUES') return { sql, rewrittenFrom: null };
  if (word === 'WITH') {
    if (/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(outsideQuotes(sql))) throw refuse('WITH ... and a write');
    return { sql, rewrittenFrom: null };
  }
  if (word === 'EXPLAIN') {
    // EXPLAIN prepares the statement without running it, but SQLite applies some pragmas while
    // preparing them: what follows EXPLAIN gets the same check.
    let i = skipSpace(sql, start + word.length);
    if (wordAt(sql, i) === 'QUERY') {
      i = skipSpace(sql, i + 'QUERY'.length);
      if (wordAt(sql, i) !== 'PLAN') throw refuse('EXPLAIN QUERY without PLAN');
      i = skipSpace(sql, i + 'PLAN'.length);
    }
    const inner = readStatement(sql.slice(i), compiler);
    return { sql: `${sql.slice(0, i)}${inner.sql}`, rewrittenFrom: inner.rewrittenFrom };
  }
  const body = sql.slice(start);
  const rewritten = word === '' ? null : compiler.dialectRead(word, body);
  if (rewritten === null) throw refuse(word);
  return { sql: rewritten, rewrittenFrom: body };
}
