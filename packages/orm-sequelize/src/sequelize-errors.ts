import { type LumixError, type LumixErrorCode } from '@lumix/core';
import { mapDriverError, type DriverErrorText } from '@lumix/sql';

/** The native driver message under a Sequelize error (`SQLITE_CONSTRAINT: FOREIGN KEY constraint failed`), without its code prefix. */
export function sequelizeErrorText(err: unknown): DriverErrorText {
  const e = err as { name?: string; message?: string; parent?: { message?: string; code?: string }; original?: { message?: string; code?: string } };
  const native = e?.original ?? e?.parent;
  const message = native?.message ?? e?.message ?? String(err);
  const constraint =
    native?.code === 'SQLITE_CONSTRAINT' ||
    (typeof e?.name === 'string' && /ForeignKeyConstraintError|UniqueConstraintError|ExclusionConstraintError/.test(e.name));
  return { text: message.replace(/^SQLITE_[A-Z_]+: /, ''), constraint };
}

/** A Sequelize error as a LumixError (see core's `mapDriverError`); `context` says what was being done. */
export function mapSequelizeError(err: unknown, fallback: LumixErrorCode, context: string, details: Record<string, unknown> = {}): LumixError {
  return mapDriverError(sequelizeErrorText, err, fallback, context, details);
}
