import { readFileSync } from 'node:fs';
import { LumixError } from '@lumix/core';
import type { ProductionData } from './production-data.js';
import { jsonErrorPosition, lineAndColumn } from './json-error-position.js';
import { validateProductionData } from './validate-production-data.js';

/**
 * Reads and validates a data file in the shape of `production_step2.json`.
 *
 * @throws LumixError `INVALID_ARGUMENT` when the file cannot be read, `PARSE_ERROR` (with the
 *   line) when it is not JSON, `DATA_ERROR` naming each invalid record.
 */
export function readDataFile(path: string): ProductionData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LumixError('INVALID_ARGUMENT', `Cannot read the data file ${path}${code === 'ENOENT' ? ': it does not exist' : `: ${(e as Error).message}`}. Check the --data path.`, {
      cause: e,
      details: { file: path },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorPosition(text);
    const at = offset === null ? undefined : lineAndColumn(text, offset);
    throw new LumixError(
      'PARSE_ERROR',
      `The data file ${path} is not valid JSON${at === undefined ? '' : ` (line ${at.line}, column ${at.column})`}: ${(e as Error).message}. Fix the JSON and run seed again.`,
      { cause: e, details: { file: path, ...(at === undefined ? {} : { line: at.line, column: at.column }) } },
    );
  }
  return validateProductionData(json, path);
}
