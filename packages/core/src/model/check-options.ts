import { LumixError } from '../errors.js';

/**
 * Refuses option keys that `where` does not know (a typo, or an option of another method such as
 * `cost:` on a variable family), listing the valid ones. TypeScript catches these at compile time;
 * this catches them in JavaScript and in objects built at run time.
 *
 * @throws LumixError `INVALID_ARGUMENT` naming the unknown keys and the valid ones.
 */
export function checkOptionKeys(where: string, options: unknown, valid: readonly string[]): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new LumixError('INVALID_ARGUMENT', `${where}: options must be an object, got ${Array.isArray(options) ? 'an array' : typeof options}.`);
  }
  const unknown = Object.keys(options).filter((k) => !valid.includes(k));
  if (unknown.length > 0) {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `${where}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; valid options are ${valid.map((k) => `'${k}'`).join(', ')}.`,
      { details: { unknown, valid } },
    );
  }
}
