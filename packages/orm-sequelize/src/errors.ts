import type { LumixError, LumixErrorCode } from '@lumix/core';
import { mapDriverError, type DriverError } from '@lumix/sql';

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
}

type Base = Pick<DriverError, 'originalCode' | 'originalMessage'>;

/** `t.a, t.b` (SQLite's list of the columns of a failed constraint) as a table and its columns. */
function qualifiedColumns(list: string): { table?: string; columns: string[] } {
  const parts = list.split(',').map((s) => s.trim());
  const first = parts[0] ?? '';
  const columns = parts.map((p) => p.slice(p.lastIndexOf('.') + 1));
  return first.includes('.') ? { table: first.slice(0, first.lastIndexOf('.')), columns } : { columns };
}

/**
 * Sequelize's SQLite dialect (driver sqlite3): its result code, then the message for what the
 * code does not say. Sequelize files every SQLite constraint failure but a foreign key under
 * `UniqueConstraintError`, NOT NULL and CHECK included, so the message decides.
 */
function readSqlite(base: Base, code: string): DriverError {
  const message = base.originalMessage;
  if (code === 'SQLITE_CONSTRAINT') {
    const unique = /UNIQUE constraint failed: (.+)$/.exec(message);
    if (unique) return { ...base, kind: 'unique-violation', ...qualifiedColumns(unique[1]!) };
    const notNull = /NOT NULL constraint failed: (.+)$/.exec(message);
    if (notNull) {
      const { table, columns } = qualifiedColumns(notNull[1]!);
      return { ...base, kind: 'not-null-violation', ...(table === undefined ? {} : { table }), ...(columns[0] === undefined ? {} : { column: columns[0] }) };
    }
    if (/FOREIGN KEY constraint failed/.test(message)) return { ...base, kind: 'foreign-key-violation' };
    const check = /CHECK constraint failed: (.+)$/.exec(message);
    if (check) return { ...base, kind: 'check-violation', constraint: check[1]!.trim() };
    return { ...base, kind: 'constraint-violation' };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return { ...base, kind: 'busy' };
  if (code === 'SQLITE_READONLY') return { ...base, kind: 'read-only' };
  if (code === 'SQLITE_FULL') return { ...base, kind: 'disk-full' };
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') return { ...base, kind: 'cannot-open' };
  if (code === 'SQLITE_NOTADB') return { ...base, kind: 'not-a-database' };
  if (code === 'SQLITE_CORRUPT') return { ...base, kind: 'corrupt' };
  if (code === 'SQLITE_IOERR') return { ...base, kind: 'io-error' };
  if (code === 'SQLITE_ERROR') {
    const table = /no such table: (?:main\.)?([\w.]+)/.exec(message);
    if (table) return { ...base, kind: 'no-such-table', table: table[1]! };
    const column = /no such column: ([\w."`[\]]+)/.exec(message);
    if (column) return { ...base, kind: 'no-such-column', column: column[1]!.replace(/[`"[\]]/g, '') };
    const named = /table (\w+) has no column named (\w+)/.exec(message);
    if (named) return { ...base, kind: 'no-such-column', table: named[1]!, column: named[2]! };
    if (/syntax error|incomplete input|unrecognized token/.test(message)) return { ...base, kind: 'syntax-error' };
  }
  return { ...base, kind: 'other' };
}

/**
 * A file system error (Node's `code`), which Sequelize's SQLite dialect raises when it cannot create
 * the folder of a new database file: the path runs through a file, or a folder cannot be written.
 */
function readFileSystem(base: Base, code: string): DriverError {
  if (code === 'ENOSPC') return { ...base, kind: 'disk-full' };
  if (code === 'EROFS') return { ...base, kind: 'read-only' };
  if (['EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ENAMETOOLONG', 'ELOOP'].includes(code)) return { ...base, kind: 'cannot-open' };
  if (code === 'EIO') return { ...base, kind: 'io-error' };
  return { ...base, kind: 'other' };
}

/**
 * Readers of the driver error under a Sequelize error, by the form of its code. A PostgreSQL
 * reader (five-character SQLSTATE codes from `pg`) goes here next to SQLite's.
 */
const NATIVE_READERS: readonly { readonly matches: (code: string) => boolean; readonly read: (base: Base, code: string) => DriverError }[] = [
  { matches: (code) => code.startsWith('SQLITE_'), read: readSqlite },
  { matches: (code) => /^E[A-Z]+$/.test(code), read: readFileSystem },
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
  const read = reader?.read(base, code!);
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
