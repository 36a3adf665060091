import { LumixError, isLumixError, type LumixErrorCode } from '@lumix/core';

/** The native driver message under a Sequelize error (`SQLITE_CONSTRAINT: FOREIGN KEY constraint failed`). */
function nativeText(err: unknown): { text: string; constraint: boolean } {
  const e = err as { name?: string; message?: string; parent?: { message?: string; code?: string }; original?: { message?: string; code?: string } };
  const native = e?.original ?? e?.parent;
  const message = native?.message ?? e?.message ?? String(err);
  const constraint =
    native?.code === 'SQLITE_CONSTRAINT' ||
    (typeof e?.name === 'string' && /ForeignKeyConstraintError|UniqueConstraintError|ExclusionConstraintError/.test(e.name));
  return { text: message.replace(/^SQLITE_[A-Z_]+: /, ''), constraint };
}

/**
 * Turns a Sequelize error into a LumixError: a missing table or column becomes `SCHEMA_ERROR`
 * naming it, a constraint violation `DATA_ERROR`; anything else gets `fallback`. LumixErrors pass
 * through unchanged.
 */
export function mapSequelizeError(err: unknown, fallback: LumixErrorCode, context: string, details: Record<string, unknown> = {}): LumixError {
  if (isLumixError(err)) return err;
  const { text, constraint } = nativeText(err);
  let m = /no such table: (?:main\.)?([\w.]+)/.exec(text);
  if (m) {
    return new LumixError('SCHEMA_ERROR', `${context}: table ${m[1]} does not exist; create it or fix the name.`, { cause: err, details: { ...details, table: m[1] } });
  }
  m = /no such column: ([\w."`]+)/.exec(text);
  if (m) {
    return new LumixError('SCHEMA_ERROR', `${context}: column ${m[1]!.replace(/`/g, '')} does not exist; fix the name or migrate the table.`, {
      cause: err,
      details: { ...details, column: m[1] },
    });
  }
  if (constraint) {
    return new LumixError('DATA_ERROR', `${context}: ${text}.`, { cause: err, details: { ...details, constraint: text } });
  }
  return new LumixError(fallback, `${context} failed: ${text}.`, { cause: err, details });
}
