import type { LumixError, LumixErrorCode } from '@lumix/core';
import { mapDriverError, sqliteDriverError, type DriverError } from '@lumix/sql';

/** The parts of a native sqlite3 error this module reads. */
interface Sqlite3Error {
  /** The primary result code (`SQLITE_CONSTRAINT`); node-sqlite3 reports no extended codes. */
  readonly code?: unknown;
  /** `SQLITE_CONSTRAINT: UNIQUE constraint failed: t.a, t.b`. */
  readonly message?: unknown;
}

/**
 * Reads a native sqlite3 error into a driver-error kind (Prisma's `convertDriverError`): its code
 * and message, read by the SQLite dialect's `sqliteDriverError`. Never throws; anything unknown
 * is `other`.
 */
export function convertSqliteError(err: unknown): DriverError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Sqlite3Error;
  const rawMessage = typeof e.message === 'string' ? e.message : String(err);
  const originalCode = typeof e.code === 'string' ? e.code : undefined;
  return sqliteDriverError(originalCode, rawMessage);
}

/** A native sqlite3 error as a LumixError (see `lumixErrorFromDriver` in `@lumix/sql`); `context` says what was being done. */
export function mapSqliteError(err: unknown, fallback: LumixErrorCode, context: string, details: Record<string, unknown> = {}): LumixError {
  return mapDriverError(convertSqliteError, err, fallback, context, details);
}
