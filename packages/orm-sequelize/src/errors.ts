import type { LumixError, LumixErrorCode } from '@lumix/core';
import { mapDriverError, postgresDriverError, sqliteDriverError, type DriverError } from '@lumix/sql';

/** The parts of a Sequelize error (`DatabaseError` and its subclasses) this module reads. */
interface SequelizeError {
  readonly name?: unknown;
  readonly message?: unknown;
  /** The driver's own error (Sequelize sets both `original` and `parent`). */
  readonly original?: NativeError;
  readonly parent?: NativeError;
  /** The columns of a `UniqueConstraintError`. */
  readonly fields?: unknown;
}

/** A driver error under a Sequelize error: sqlite3's here (`code` `SQLITE_CONSTRAINT`, message `SQLITE_CONSTRAINT: ...`). */
interface NativeError {
  readonly code?: unknown;
  readonly message?: unknown;
  /** What `pg` reads off a PostgreSQL error besides its SQLSTATE code. */
  readonly table?: unknown;
  readonly column?: unknown;
  readonly constraint?: unknown;
  readonly detail?: unknown;
}

type Base = Pick<DriverError, 'originalCode' | 'originalMessage'>;

/**
 * Sequelize's SQLite dialect runs on node-sqlite3, whose errors the SQLite dialect of `@lumix/sql`
 * reads. Sequelize files every SQLite constraint failure but a foreign key under
 * `UniqueConstraintError`, NOT NULL and CHECK included, so the driver's code and message decide.
 */
function readSqlite(base: Base, code: string): DriverError {
  return sqliteDriverError(code, base.originalMessage);
}

/**
 * A file system error (Node's `code`), which Sequelize's SQLite dialect raises when it cannot create
 * the folder of a new database file: the path runs through a file, or a folder cannot be written.
 */
function readFileSystem(base: Base, code: string): DriverError {
  if (code === 'ENOSPC') return { ...base, kind: 'disk-full' };
  if (code === 'EROFS') return { ...base, kind: 'read-only' };
  if (['EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ENAMETOOLONG', 'ELOOP'].includes(code)) return { ...base, kind: 'cannot-open' };
  // A database server that cannot be reached (Sequelize's postgres dialect, on `pg`).
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN'].includes(code)) return { ...base, kind: 'cannot-open' };
  if (code === 'EIO') return { ...base, kind: 'io-error' };
  return { ...base, kind: 'other' };
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Readers of the driver error under a Sequelize error, by the form of its code. */
const NATIVE_READERS: readonly { readonly matches: (code: string) => boolean; readonly read: (base: Base, code: string, native: NativeError) => DriverError }[] = [
  { matches: (code) => code.startsWith('SQLITE_'), read: readSqlite },
  { matches: (code) => /^E[A-Z_]+$/.test(code), read: readFileSystem },
  // Sequelize's postgres dialect runs on `pg`: five-character SQLSTATE codes, with the table,
  // column, constraint and detail PostgreSQL sent.
  {
    matches: (code) => /^[0-9A-Z]{5}$/.test(code),
    read: (base, code, n) => postgresDriverError(code, base.originalMessage, { table: text(n.table), column: text(n.column), constraint: text(n.constraint), detail: text(n.detail) }),
  },
];

/**
 * Reads an error thrown by Sequelize into a driver-error kind (Prisma's `convertDriverError`):
 * the driver's error under it first (its code and message, which say the most; `SQLITE_CANTOPEN`
 * under a `ConnectionError`, or a bare file system error such as `ENOTDIR`), then Sequelize's own
 * class (`ForeignKeyConstraintError`, `UniqueConstraintError` with its `fields`, `TimeoutError`
 * for a busy database). Never throws; anything unknown is `other`.
 */
export function convertSequelizeError(err: unknown): DriverError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SequelizeError & NativeError;
  // A driver or file system error may also arrive bare (thrown while Sequelize opens a connection).
  const native = e.original ?? e.parent ?? (typeof e.code === 'string' ? e : undefined);
  const code = typeof native?.code === 'string' ? native.code : undefined;
  const rawMessage = typeof native?.message === 'string' ? native.message : typeof e.message === 'string' ? e.message : String(err);
  const base: Base = { originalCode: code, originalMessage: rawMessage.replace(/^SQLITE_[A-Z_]+: /, '') };
  const reader = code === undefined ? undefined : NATIVE_READERS.find((r) => r.matches(code));
  const read = reader?.read(base, code!, native!);
  if (read !== undefined && read.kind !== 'other') return read;
  switch (e.name) {
    case 'SequelizeForeignKeyConstraintError':
      return { ...base, kind: 'foreign-key-violation' };
    case 'SequelizeUniqueConstraintError': {
      const fields = Array.isArray(e.fields) ? e.fields.filter((f): f is string => typeof f === 'string') : typeof e.fields === 'object' && e.fields !== null ? Object.keys(e.fields) : [];
      return { ...base, kind: 'unique-violation', ...(fields.length > 0 ? { columns: fields } : {}) };
    }
    case 'SequelizeTimeoutError':
      return { ...base, kind: 'busy' };
    default:
      return read ?? { ...base, kind: 'other' };
  }
}

/** A Sequelize error as a LumixError (see `lumixErrorFromDriver` in `@lumix/sql`); `context` says what was being done. */
export function mapSequelizeError(err: unknown, fallback: LumixErrorCode, context: string, details: Record<string, unknown> = {}): LumixError {
  return mapDriverError(convertSequelizeError, err, fallback, context, details);
}
