import { type LumixError, type LumixErrorCode } from '@lumix/core';
import { mapDriverError, type DriverErrorText } from '@lumix/sql';

/** The text of a native sqlite3 error (`SQLITE_CONSTRAINT: UNIQUE constraint failed: t.a`) without its code prefix. */
export function sqliteErrorText(err: unknown): DriverErrorText {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return { text: message.replace(/^SQLITE_[A-Z_]+: /, ''), constraint: e?.code === 'SQLITE_CONSTRAINT' };
}

/** A native sqlite3 error as a LumixError (see core's `mapDriverError`); `context` says what was being done. */
export function mapSqliteError(err: unknown, fallback: LumixErrorCode, context: string, details: Record<string, unknown> = {}): LumixError {
  return mapDriverError(sqliteErrorText, err, fallback, context, details);
}
