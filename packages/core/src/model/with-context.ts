import { LumixError, isLumixError } from '../errors.js';

/** Marks an error that already carries a model context, so an outer callback does not wrap it again. */
const CONTEXT = Symbol.for('lumix.error.context');

/** The standard error classes a wrapped error keeps: a callback's TypeError stays a TypeError. */
const STANDARD_ERRORS: readonly ErrorConstructor[] = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

/**
 * Re-throws an error raised by user code inside a callback the model calls (a constraint
 * callback, a key function, a `groupBy` key, a variable family's `where`, `filter`, `lb`, `ub` or
 * `integer`, an objective function) with `where` — the family and the key or item — in front of
 * its message, and the original error as `cause`. The one place every callback kind goes through.
 *
 * - A `LumixError` keeps its code; `where` goes into its message and `details.context`.
 * - Any other error stays the caller's: an error of the same standard class (`TypeError`,
 *   `RangeError`, ..., else `Error`), not a `LumixError` — LumiX's codes describe its own
 *   checks, and an application maps a failure of its own callback as it sees fit.
 * - A thrown non-error (`throw 'x'`) becomes an `Error`.
 *
 * An error that already has a context (an inner callback's) is re-thrown unchanged: the
 * innermost context names the exact callback that failed.
 */
export function withContext(e: unknown, where: string): never {
  if (isLumixError(e)) {
    if (e.details['context'] !== undefined) throw e;
    throw new LumixError(e.code, `${where}: ${e.message}`, { cause: e, details: { ...e.details, context: where } });
  }
  if (isErrorLike(e) && (e as unknown as Record<symbol, unknown>)[CONTEXT] !== undefined) throw e;
  const message = isErrorLike(e) ? e.message : String(e);
  const Class = isErrorLike(e) ? (STANDARD_ERRORS.find((C) => e instanceof C) ?? Error) : Error;
  const wrapped = new Class(`${where}: ${message}`, { cause: e });
  Object.defineProperty(wrapped, CONTEXT, { value: where });
  throw wrapped;
}

function isErrorLike(e: unknown): e is Error {
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';
}
