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
 * - `cannot-open`: the database file cannot be opened or created (a folder, a missing or
 *   unwritable folder, a path under a file, no permission).
 * - `not-a-database`: the file exists but is not a database of the dialect.
 * - `corrupt`: the file is a database, but damaged.
 * - `io-error`: the operating system failed a read or write of the file.
 * - `other`: anything else; `originalMessage` says what.
 *
 * `busy` to `io-error` are {@link ENVIRONMENT_ERROR_KINDS}: the database's surroundings failed, not
 * the data or the statement, so the user fixes them outside the program.
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
  | 'cannot-open'
  | 'not-a-database'
  | 'corrupt'
  | 'io-error'
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
  'cannot-open',
  'not-a-database',
  'corrupt',
  'io-error',
  'other',
];

/**
 * The kinds that say the database's surroundings failed, not the data or the statement: locked by
 * another process, read-only, full, unopenable, not a database, damaged, an I/O error. Adapters
 * raise them as a `LumixError` (`SOURCE_FAILED` reading or opening, `PERSISTENCE_FAILED` writing)
 * whose `details` carry `kind` and `file`; apps classify them with {@link isEnvironmentKind}.
 */
export const ENVIRONMENT_ERROR_KINDS: readonly DriverErrorKind[] = ['busy', 'read-only', 'disk-full', 'cannot-open', 'not-a-database', 'corrupt', 'io-error'];

/** True for an {@link ENVIRONMENT_ERROR_KINDS} kind (given as any value, e.g. a LumixError's `details.kind`). */
export function isEnvironmentKind(kind: unknown): kind is DriverErrorKind {
  return typeof kind === 'string' && (ENVIRONMENT_ERROR_KINDS as readonly string[]).includes(kind);
}

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
    | { readonly kind: 'cannot-open' }
    | { readonly kind: 'not-a-database' }
    | { readonly kind: 'corrupt' }
    | { readonly kind: 'io-error' }
    | { readonly kind: 'other' }
  );

/** An adapter's reading of its driver's errors (Prisma's `convertDriverError`). Must not throw. */
export type ConvertDriverError = (err: unknown) => DriverError;

/** True for the kinds that mean a constraint of the schema rejected the data. */
export function isConstraintKind(kind: DriverErrorKind): boolean {
  return kind === 'unique-violation' || kind === 'not-null-violation' || kind === 'foreign-key-violation' || kind === 'check-violation' || kind === 'constraint-violation';
}
