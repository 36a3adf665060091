import { LumixError, isLumixError, type LumixErrorCode } from '@lumix/core';

/** The code and message of a native sqlite3 error (`SQLITE_CONSTRAINT: UNIQUE constraint failed: t.a`). */
function nativeParts(err: unknown): { code: string; text: string } {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return { code, text: message.replace(/^SQLITE_[A-Z_]+: /, '') };
}

/**
 * Turns a native sqlite3 error into a LumixError: a missing table or column becomes `SCHEMA_ERROR`
 * naming it, a constraint violation `DATA_ERROR` naming the table; anything else gets `fallback`.
 * LumixErrors pass through unchanged.
 *
 * @param context what was being done, e.g. `Loading table products`.
 */
export function mapSqliteError(err: unknown, fallback: LumixErrorCode, context: string, details: Record<string, unknown> = {}): LumixError {
  if (isLumixError(err)) return err;
  const { code, text } = nativeParts(err);
  let m = /no such table: (?:main\.)?([\w.]+)/.exec(text);
  if (m) {
    return new LumixError('SCHEMA_ERROR', `${context}: table ${m[1]} does not exist; create it or fix the name.`, {
      cause: err,
      details: { ...details, table: m[1] },
    });
  }
  m = /no such column: ([\w."]+)/.exec(text);
  if (m) {
    return new LumixError('SCHEMA_ERROR', `${context}: column ${m[1]} does not exist; fix the name or migrate the table.`, {
      cause: err,
      details: { ...details, column: m[1] },
    });
  }
  if (code === 'SQLITE_CONSTRAINT') {
    return new LumixError('DATA_ERROR', `${context}: ${text}.`, { cause: err, details: { ...details, constraint: text } });
  }
  return new LumixError(fallback, `${context} failed: ${text}.`, { cause: err, details });
}
