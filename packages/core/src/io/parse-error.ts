import { LumixError } from '../errors.js';

/**
 * A `PARSE_ERROR` for line `line` of `file`: the message starts with `file:line:` (the form
 * editors and terminals turn into a link) and `details` carries `{ file, line }`.
 */
export function parseError(file: string, line: number, message: string): LumixError {
  return new LumixError('PARSE_ERROR', `${file}:${line}: ${message}`, { details: { file, line } });
}
