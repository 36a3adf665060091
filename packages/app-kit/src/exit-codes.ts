import { isLumixError, type LumixErrorCode } from '@lumix/core';
import { environmentKind } from './environment-errors.js';

/**
 * The exit codes every LumiX app uses: `ok` 0 (success), `internal` 1 (a bug, or a solver
 * failure), `badInput` 2 (what the user can fix: wrong arguments, missing or invalid data, an
 * output that would overwrite a file the command did not create, and the environment: a locked,
 * read-only or non-database file, a full disk, a path where no file can be created),
 * `infeasible` 3 (valid data, but no feasible plan or timetable exists, or the time limit ended
 * the solve before one was found), `interrupted` 130 (Ctrl-C stopped a solve before it found a
 * plan, or a second Ctrl-C quit; 128 + SIGINT, as shells report it). A command that exits with
 * anything but 0 has changed nothing.
 */
export const EXIT_CODES = Object.freeze({
  ok: 0,
  internal: 1,
  badInput: 2,
  infeasible: 3,
  interrupted: 130,
} as const);

/** One of the values of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * Which exit code each LumixError code maps to. Codes describing input the user controls
 * (arguments, data, files, the choice of solver) are `badInput`; codes describing a failure of
 * the program or its environment are `internal`.
 */
export const EXIT_CODE_BY_ERROR: Readonly<Record<LumixErrorCode, ExitCode>> = Object.freeze({
  INVALID_NUMBER: EXIT_CODES.badInput,
  INVALID_BOUNDS: EXIT_CODES.badInput,
  DUPLICATE_KEY: EXIT_CODES.badInput,
  UNKNOWN_KEY: EXIT_CODES.badInput,
  FOREIGN_VARIABLE: EXIT_CODES.internal,
  INVALID_NAME: EXIT_CODES.badInput,
  INVALID_ARGUMENT: EXIT_CODES.badInput,
  INVALID_STATE: EXIT_CODES.internal,
  PARSE_ERROR: EXIT_CODES.badInput,
  SOLVER_NOT_INSTALLED: EXIT_CODES.badInput,
  UNSUPPORTED_FEATURE: EXIT_CODES.badInput,
  SOLVER_FAILED: EXIT_CODES.internal,
  NO_SOLUTION: EXIT_CODES.internal,
  SOURCE_FAILED: EXIT_CODES.internal,
  SCHEMA_ERROR: EXIT_CODES.badInput,
  DATA_ERROR: EXIT_CODES.badInput,
  PERSISTENCE_FAILED: EXIT_CODES.internal,
});

/**
 * The exit code for an error: `badInput` for an environment failure (see `environmentKind`:
 * read from the SQL layer's error kinds and the driver's or the file system's codes, on the
 * error or its causes), else its {@link EXIT_CODE_BY_ERROR} entry for a LumixError, else
 * `internal`.
 */
export function exitCodeForError(error: unknown): ExitCode {
  if (environmentKind(error) !== undefined) return EXIT_CODES.badInput;
  if (isLumixError(error)) return EXIT_CODE_BY_ERROR[error.code] ?? EXIT_CODES.internal;
  return EXIT_CODES.internal;
}
