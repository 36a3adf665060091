import { readJsonFile } from '@lumix/app-kit';
import { LumixError } from '@lumix/core';
import { INPUT_TABLES, type InputTable } from './school-data.js';
import type { RawSchoolData } from './validate-school-data.js';

/** What {@link readSchoolJson} found in a data file. */
export interface SchoolJson {
  /** The six input tables, unchecked (pass them to `validateSchoolData`). */
  readonly raw: RawSchoolData;
  /** Top-level keys that are not input tables and were skipped (not counting `_…` keys and `expected`). */
  readonly ignored: readonly string[];
}

/**
 * Reads a data file of the shape of the tutorial's `timetabling_step2.json`: an object with the
 * lists `teachers`, `classrooms`, `classes`, `subjects`, `timeslots`, `lectures`. Keys beginning
 * with `_` and the `expected` block are ignored silently; other unknown keys (such as step 3's
 * `teacher_preferences`) are ignored and reported in `ignored`.
 *
 * @throws LumixError `INVALID_ARGUMENT` when the file cannot be read, `PARSE_ERROR` when it is not
 *   JSON or not an object (the message gives the file and, when known, the position).
 */
export function readSchoolJson(file: string): SchoolJson {
  // app-kit's reader: a UTF-8 BOM is skipped, syntax errors give the line, nesting deeper than a
  // data file needs is refused before anything walks the value.
  const parsed = readJsonFile(file, { flag: '--data', fix: 'Fix the file and run seed again.' });
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LumixError(
      'PARSE_ERROR',
      `Data file ${file} must hold a JSON object with the lists ${INPUT_TABLES.join(', ')} (like timetabling_step2.json).`,
      { details: { file } },
    );
  }
  const raw: Partial<Record<InputTable, unknown>> = {};
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if ((INPUT_TABLES as readonly string[]).includes(key)) raw[key as InputTable] = value;
    else if (!key.startsWith('_') && key !== 'expected') ignored.push(key);
  }
  return { raw, ignored };
}
