/**
 * What went wrong in the database, as a closed set of kinds (Prisma's driver-adapter error
 * `kind`s). Each adapter reads its own driver's errors into one of these in its `errors.ts`
 * (`convertDriverError`); the shared layer turns kinds into `LumixError` messages and never reads
 * a driver's message text.
 *
 * - `unique-violation`: a UNIQUE or PRIMARY KEY constraint failed.
 * - `not-null-violation`: a NOT NULL column got no value.
 * - `foreign-key-violation`: a row references a missing parent, or a parent still has children.
 * - `check-violation`: a CHECK constraint failed.
 * - `constraint-violation`: another constraint failed (a trigger's `RAISE`, a STRICT column type).
 * - `no-such-table`: the statement names a table or view that does not exist.
 * - `no-such-column`: the statement names a column the table lacks.
 * - `syntax-error`: the statement is not valid SQL for the database.
 * - `busy`: the database is locked by another connection (or transaction) and stayed locked.
 * - `read-only`: the database (or its file) cannot be written.
 * - `disk-full`: the disk, or the database's size limit, is full.
 * - `other`: anything else; `originalMessage` says what.
 */
export type DriverErrorKind =
  | 'unique-violation'
  | 'not-null-violation'
  | 'foreign-key-violation'
  | 'check-violation'
  | 'constraint-violation'
  | 'no-such-table'
  | 'no-such-column'
  | 'syntax-error'
  | 'busy'
  | 'read-only'
  | 'disk-full'
  | 'other';

/** Every {@link DriverErrorKind}, for exhaustive checks and docs. */
export const DRIVER_ERROR_KINDS: readonly DriverErrorKind[] = [
  'unique-violation',
  'not-null-violation',
  'foreign-key-violation',
  'check-violation',
  'constraint-violation',
  'no-such-table',
  'no-such-column',
  'syntax-error',
  'busy',
  'read-only',
  'disk-full',
  'other',
];

/** What every driver error carries: the driver's own code and message, unparsed. */
interface DriverErrorBase {
  /** The driver's code (`SQLITE_CONSTRAINT`, a PostgreSQL SQLSTATE such as `23505`), when it has one. */
  readonly originalCode: string | undefined;
  /** The driver's message, without a code prefix the driver adds (`SQLITE_CONSTRAINT: `). */
  readonly originalMessage: string;
}

/**
 * A driver error read into a kind, with what the driver said about it (table, columns) when it
 * said it. The adapter fills in what it can; every field but `kind` and the originals is optional.
 */
export type DriverError = DriverErrorBase &
  (
    | { readonly kind: 'unique-violation'; readonly table?: string; readonly columns?: readonly string[] }
    | { readonly kind: 'not-null-violation'; readonly table?: string; readonly column?: string }
    | { readonly kind: 'foreign-key-violation'; readonly table?: string }
    | { readonly kind: 'check-violation'; readonly table?: string; readonly constraint?: string }
    | { readonly kind: 'constraint-violation' }
    | { readonly kind: 'no-such-table'; readonly table?: string }
    | { readonly kind: 'no-such-column'; readonly table?: string; readonly column?: string }
    | { readonly kind: 'syntax-error' }
    | { readonly kind: 'busy' }
    | { readonly kind: 'read-only' }
    | { readonly kind: 'disk-full' }
    | { readonly kind: 'other' }
  );

/** An adapter's reading of its driver's errors (Prisma's `convertDriverError`). Must not throw. */
export type ConvertDriverError = (err: unknown) => DriverError;

/** True for the kinds that mean a constraint of the schema rejected the data. */
export function isConstraintKind(kind: DriverErrorKind): boolean {
  return kind === 'unique-violation' || kind === 'not-null-violation' || kind === 'foreign-key-violation' || kind === 'check-violation' || kind === 'constraint-violation';
}
