import { readFileSync } from 'node:fs';
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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LumixError(
      'INVALID_ARGUMENT',
      code === 'ENOENT'
        ? `Data file ${file} does not exist. Check the --data path (it is relative to the directory you ran pnpm from).`
        : `Cannot read data file ${file} (${code ?? String(e)}).`,
      { cause: e, details: { file } },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new LumixError('PARSE_ERROR', `Data file ${file} is not valid JSON: ${(e as Error).message}. Fix the file and run seed again.`, {
      cause: e,
      details: { file },
    });
  }
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
