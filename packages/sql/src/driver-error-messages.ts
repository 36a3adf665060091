import { LumixError, isLumixError, type LumixErrorCode } from '@lumix/core';
import type { ConvertDriverError, DriverError } from './driver-error.js';

/** `database /data/plan.db` when `details.file` names it, else `the database`. */
function databaseName(details: Record<string, unknown>): string {
  const file = details['file'];
  return typeof file === 'string' && file !== '' ? `database ${file}` : 'the database';
}

/**
 * What an environment kind means and what to do about it, naming the database file (`details.file`)
 * and, for a lock, how long the adapter waited (`details.busyTimeoutMs`).
 */
function environmentSentence(e: DriverError, details: Record<string, unknown>): string {
  const db = databaseName(details);
  const said = e.originalMessage === '' ? '' : ` (${e.originalMessage})`;
  // A database server (postgres://…) rather than a file: other causes, other fixes.
  if (typeof details['file'] === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(details['file'])) {
    if (e.kind === 'cannot-open') {
      return `${db} cannot be reached${said}: the server is not running or not listening at that address, the database does not exist, or the user or password is refused. Start the server, create the database, or correct the URL.`;
    }
    if (e.kind === 'read-only') {
      return `${db} cannot be written${said}: the server is a read-only standby, the connection is read-only (default_transaction_read_only), or the user lacks the permissions to write. Connect to the primary with a user that may write.`;
    }
    if (e.kind === 'busy') {
      return `${db} is locked by another session${said}, or two transactions conflicted. Let the other session finish (another solve, a tool holding a transaction) and retry.`;
    }
  }
  switch (e.kind) {
    case 'busy': {
      const ms = details['busyTimeoutMs'];
      const waited = typeof ms === 'number' ? `, still locked after waiting ${ms} ms (the busy timeout)` : '';
      return `${db} is locked by another process or connection${said}${waited}. Let the other program finish (another solve, a database tool holding a transaction) and retry, or open the database with a longer busyTimeoutMs.`;
    }
    case 'read-only':
      return `${db} cannot be written${said}: the file, its folder or its disk is read-only, or it was opened read-only. Check the permissions of the file and its folder (the database also writes a -journal file next to it), or work on a copy you can write.`;
    case 'disk-full':
      return `${db} cannot grow${said}: the disk is full, or the database reached its size limit (max_page_count). Free disk space (or raise the limit) and retry.`;
    case 'cannot-open':
      return `${db} cannot be opened${said}: the path is a folder, its folder does not exist or cannot be written, or the path runs through a file. Give the path of a database file, or of a new file in a folder you can write.`;
    case 'not-a-database':
      return `${db} is not a database file${said}: it holds something else, or the path is wrong. Give the path of an existing database, or a new path to create one.`;
    case 'corrupt':
      return `${db} is damaged${said}. Restore it from a backup, or recover what it holds with the database's own tools (sqlite3's .recover).`;
    default:
      return `reading or writing ${db} failed in the operating system${said}. Check the disk and its free space, then retry.`;
  }
}

/**
 * The user-facing error of a driver error read into a kind: a missing table or column becomes
 * `SCHEMA_ERROR` naming it, a constraint violation `DATA_ERROR` saying which constraint (the
 * insert path names the row too, see `insertRowsInTransaction`), anything else `fallback`; an
 * environment kind (busy, read-only, full, unopenable, not a database, damaged, I/O) says what is
 * wrong with the database named by `details.file` and what to do. `details` gets `kind`,
 * `originalCode`, `originalMessage` and what the driver named; `cause` is the driver's own error.
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
    case 'read-only':
    case 'disk-full':
    case 'cannot-open':
    case 'not-a-database':
    case 'corrupt':
    case 'io-error':
      return new LumixError(fallback, `${context} failed: ${environmentSentence(e, details)}`, { cause, details: facts });
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
