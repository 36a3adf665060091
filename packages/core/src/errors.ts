/**
 * The closed set of error codes every LumiX package throws with.
 *
 * - `INVALID_NUMBER`: a NaN or infinite coefficient, bound, right-hand side or data value; a
 *   finite one too large for the chosen solver (its capabilities `largestFiniteBound`,
 *   `largestCoefficient`, `largestCost`); an objective that overflows to ±Infinity.
 * - `INVALID_BOUNDS`: a lower bound above its upper bound (column or row).
 * - `DUPLICATE_KEY`: two items of one family (or one key column) share a key.
 * - `UNKNOWN_KEY`: a key or item that is not in the family it was looked up in.
 * - `FOREIGN_VARIABLE`: a variable or expression of another model.
 * - `INVALID_NAME`: an empty, malformed or clashing family/identifier name.
 * - `INVALID_ARGUMENT`: any other argument of the wrong shape or value.
 * - `INVALID_STATE`: an operation that is not allowed in the object's current state.
 * - `PARSE_ERROR`: an LP or MPS file (or other text input) that cannot be read; `details` has `file` and `line`.
 * - `SOLVER_NOT_INSTALLED`: the package of a solver chosen by name is not installed.
 * - `UNSUPPORTED_FEATURE`: the chosen solver lacks a capability the problem or the options need.
 * - `SOLVER_FAILED`: the solver crashed or returned something unusable (the native error is the `cause`).
 * - `NO_SOLUTION`: a value, dual or reduced cost was asked of a result that has none.
 * - `SOURCE_FAILED`: an index source could not be loaded.
 * - `SCHEMA_ERROR`: a missing table or column, or a schema that does not fit.
 * - `DATA_ERROR`: stored data that breaks a rule (duplicate key column, missing foreign row, non-finite value).
 * - `PERSISTENCE_FAILED`: saving a solution failed; nothing was written.
 */
export type LumixErrorCode =
  | 'INVALID_NUMBER'
  | 'INVALID_BOUNDS'
  | 'DUPLICATE_KEY'
  | 'UNKNOWN_KEY'
  | 'FOREIGN_VARIABLE'
  | 'INVALID_NAME'
  | 'INVALID_ARGUMENT'
  | 'INVALID_STATE'
  | 'PARSE_ERROR'
  | 'SOLVER_NOT_INSTALLED'
  | 'UNSUPPORTED_FEATURE'
  | 'SOLVER_FAILED'
  | 'NO_SOLUTION'
  | 'SOURCE_FAILED'
  | 'SCHEMA_ERROR'
  | 'DATA_ERROR'
  | 'PERSISTENCE_FAILED';

/** Every code of {@link LumixErrorCode}, for exhaustive checks and docs. */
export const LUMIX_ERROR_CODES: readonly LumixErrorCode[] = [
  'INVALID_NUMBER',
  'INVALID_BOUNDS',
  'DUPLICATE_KEY',
  'UNKNOWN_KEY',
  'FOREIGN_VARIABLE',
  'INVALID_NAME',
  'INVALID_ARGUMENT',
  'INVALID_STATE',
  'PARSE_ERROR',
  'SOLVER_NOT_INSTALLED',
  'UNSUPPORTED_FEATURE',
  'SOLVER_FAILED',
  'NO_SOLUTION',
  'SOURCE_FAILED',
  'SCHEMA_ERROR',
  'DATA_ERROR',
  'PERSISTENCE_FAILED',
];

const BRAND = Symbol.for('lumix.error');

/** Options of {@link LumixError}: the underlying cause and structured details. */
export interface LumixErrorOptions {
  /** The error this one wraps; always kept so the native message is not lost. */
  readonly cause?: unknown;
  /** Structured facts about the error (family, key, file, line, table, column, ...). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The one error class of LumiX. `code` says what kind of problem it is (a closed set), the message
 * says what is wrong and how to fix it, `details` carries the facts (family, key, file, line ...).
 *
 * Use {@link isLumixError} rather than `instanceof` across package copies.
 */
export class LumixError extends Error {
  /** What kind of problem this is. */
  readonly code: LumixErrorCode;
  /** Structured facts about the error; empty when there are none. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: LumixErrorCode, message: string, options: LumixErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LumixError';
    this.code = code;
    this.details = options.details ?? {};
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True when `e` is a {@link LumixError} (optionally of the given code), across package copies. */
export function isLumixError(e: unknown, code?: LumixErrorCode): e is LumixError {
  if (typeof e !== 'object' || e === null || (e as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (e as LumixError).code === code;
}
