import { readJsonFile } from '@lumix/app-kit';
import type { ProductionData } from './production-data.js';
import { validateProductionData } from './validate-production-data.js';

/**
 * Reads and validates a data file in the shape of `production_step2.json` (through app-kit's
 * `readJsonFile`: a UTF-8 BOM is skipped, syntax errors give the line, nesting deeper than a data
 * file needs is refused).
 *
 * @throws LumixError `INVALID_ARGUMENT` when the file cannot be read, `PARSE_ERROR` (with the
 *   line) when it is not JSON, `DATA_ERROR` naming each invalid record.
 */
export function readDataFile(path: string): ProductionData {
  const json = readJsonFile(path, { flag: '--data', fix: 'Fix the JSON and run seed again.' });
  return validateProductionData(json, path);
}
