import type { DriverError } from '../../driver-error.js';

/** `t.a, t.b` (SQLite's list of the columns of a failed constraint) as a table and its columns. */
function qualifiedColumns(list: string): { table?: string; columns: string[] } {
  const parts = list.split(',').map((s) => s.trim());
  const first = parts[0] ?? '';
  const columns = parts.map((p) => p.slice(p.lastIndexOf('.') + 1));
  return first.includes('.') ? { table: first.slice(0, first.lastIndexOf('.')), columns } : { columns };
}

/** What a `SQLITE_CONSTRAINT` message says about the constraint. */
function constraintKind(base: Pick<DriverError, 'originalCode' | 'originalMessage'>, message: string): DriverError {
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

/** What a `SQLITE_ERROR` message says: a missing table or column, bad syntax, or something else. */
function errorKind(base: Pick<DriverError, 'originalCode' | 'originalMessage'>, message: string): DriverError {
  const table = /no such table: (?:main\.)?([\w.]+)/.exec(message);
  if (table) return { ...base, kind: 'no-such-table', table: table[1]! };
  const column = /no such column: ([\w."`[\]]+)/.exec(message);
  if (column) return { ...base, kind: 'no-such-column', column: column[1]!.replace(/[`"[\]]/g, '') };
  const named = /table (\w+) has no column named (\w+)/.exec(message);
  if (named) return { ...base, kind: 'no-such-column', table: named[1]!, column: named[2]! };
  if (/syntax error|incomplete input|unrecognized token/.test(message)) return { ...base, kind: 'syntax-error' };
  return { ...base, kind: 'other' };
}

/**
 * What a SQLite result code and message say, as a driver-error kind: the code first
 * (`SQLITE_BUSY`, `SQLITE_READONLY`, `SQLITE_FULL`, `SQLITE_CANTOPEN`, `SQLITE_NOTADB`, ...), then
 * SQLite's message text for what the code does not say (which constraint, which table or column;
 * node-sqlite3 reports only primary codes). Both adapters run on node-sqlite3 and read its errors
 * here; each finds the code and message on its own driver's error object. `originalMessage` drops
 * the `SQLITE_…: ` prefix node-sqlite3 adds. Never throws; anything unknown is `other`.
 */
export function sqliteDriverError(originalCode: string | undefined, rawMessage: string): DriverError {
  const base = { originalCode, originalMessage: rawMessage.replace(/^SQLITE_[A-Z_]+: /, '') };
  switch (originalCode) {
    case 'SQLITE_CONSTRAINT':
      return constraintKind(base, base.originalMessage);
    case 'SQLITE_ERROR':
      return errorKind(base, base.originalMessage);
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return { ...base, kind: 'busy' };
    case 'SQLITE_READONLY':
      return { ...base, kind: 'read-only' };
    case 'SQLITE_FULL':
      return { ...base, kind: 'disk-full' };
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
      return { ...base, kind: 'cannot-open' };
    case 'SQLITE_NOTADB':
      return { ...base, kind: 'not-a-database' };
    case 'SQLITE_CORRUPT':
      return { ...base, kind: 'corrupt' };
    case 'SQLITE_IOERR':
      return { ...base, kind: 'io-error' };
    default:
      return { ...base, kind: 'other' };
  }
}

