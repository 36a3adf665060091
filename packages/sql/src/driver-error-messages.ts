import { LumixError, isLumixError, type LumixErrorCode } from '@lumix/core';
import type { ConvertDriverError, DriverError } from './driver-error.js';

/**
 * The user-facing error of a driver error read into a kind: a missing table or column becomes
 * `SCHEMA_ERROR` naming it, a constraint violation `DATA_ERROR` saying which constraint (the
 * insert path names the row too, see `insertRowsInTransaction`), anything else `fallback` with
 * what to do about a busy, read-only or full database. `details` gets `kind`, `originalCode` and
 * what the driver named; `cause` is the driver's own error.
 *
 * @param context what was being done, e.g. `Loading table products`.
 */
export function lumixErrorFromDriver(
  e: DriverError,
  cause: unknown,
  fallback: LumixErrorCode,
  context: string,
  details: Record<string, unknown> = {},
): LumixError {
  const facts = { ...details, kind: e.kind, originalCode: e.originalCode, originalMessage: e.originalMessage };
  const data = (message: string, extra: Record<string, unknown> = {}) =>
    new LumixError('DATA_ERROR', `${context}: ${message}`, { cause, details: { ...facts, constraint: e.originalMessage, ...extra } });
  switch (e.kind) {
    case 'no-such-table': {
      const table = e.table ?? String(details['table'] ?? '(unnamed)');
      return new LumixError('SCHEMA_ERROR', `${context}: table ${table} does not exist; create it or fix the name.`, { cause, details: { ...facts, table } });
    }
    case 'no-such-column': {
      const column = e.column ?? '(unnamed)';
      return new LumixError('SCHEMA_ERROR', `${context}: column ${column} does not exist; fix the name or migrate the table.`, {
        cause,
        details: { ...facts, column },
      });
    }
    case 'unique-violation': {
      const on = e.columns === undefined ? 'a unique key' : `(${e.columns.join(', ')})`;
      return data(`${on}${e.table === undefined ? '' : ` of ${e.table}`} repeats a value already stored; the table requires it to be unique.`, {
        ...(e.columns === undefined ? {} : { columns: e.columns }),
      });
    }
    case 'not-null-violation':
      return data(`column ${e.column ?? '(unnamed)'}${e.table === undefined ? '' : ` of ${e.table}`} is empty but NOT NULL; give it a value.`, {
        ...(e.column === undefined ? {} : { column: e.column }),
      });
    case 'foreign-key-violation':
      return data(`a foreign key failed (${e.originalMessage}): a referenced parent row is missing, or a parent still has rows referencing it.`);
    case 'check-violation':
      return data(`CHECK constraint${e.constraint === undefined ? '' : ` ${e.constraint}`}${e.table === undefined ? '' : ` of ${e.table}`} failed; fix the value.`);
    case 'constraint-violation':
      return data(`${e.originalMessage}.`);
    case 'syntax-error':
      return new LumixError(fallback, `${context} failed: the SQL is not valid here (${e.originalMessage}); fix the statement.`, { cause, details: facts });
    case 'busy':
      return new LumixError(
        fallback,
        `${context} failed: the database is locked by another connection (${e.originalMessage}); retry when it is free, or let the adapter wait longer (busy timeout).`,
        { cause, details: facts },
      );
    case 'read-only':
      return new LumixError(fallback, `${context} failed: the database is read-only (${e.originalMessage}); open it for writing and check the file's permissions.`, {
        cause,
        details: facts,
      });
    case 'disk-full':
      return new LumixError(fallback, `${context} failed: the disk or the database's size limit is full (${e.originalMessage}); free space and retry.`, {
        cause,
        details: facts,
      });
    case 'other':
      return new LumixError(fallback, `${context} failed: ${e.originalMessage}.`, { cause, details: facts });
  }
}

/**
 * Adapter-building helper: turns any error thrown while talking to the database into a
 * LumixError, reading a driver error with the adapter's `convert` first (see
 * {@link lumixErrorFromDriver}). LumixErrors pass through unchanged.
 */
export function mapDriverError(convert: ConvertDriverError, err: unknown, fallback: LumixErrorCode, context: string, details: Record<string, unknown> = {}): LumixError {
  if (isLumixError(err)) return err;
  return lumixErrorFromDriver(convert(err), err, fallback, context, details);
}
