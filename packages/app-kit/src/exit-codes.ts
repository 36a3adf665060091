import { isLumixError, type LumixErrorCode } from '@lumix/core';

/**
 * The exit codes every LumiX app uses: `ok` 0 (success), `internal` 1 (a bug or an environment
 * failure), `badInput` 2 (wrong arguments, missing or invalid data: the user can fix it),
 * `infeasible` 3 (valid data, but no feasible plan or timetable exists).
 */
export const EXIT_CODES = Object.freeze({
  ok: 0,
  internal: 1,
  badInput: 2,
  infeasible: 3,
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

/** The exit code for an error: its {@link EXIT_CODE_BY_ERROR} entry for a LumixError, else `internal`. */
export function exitCodeForError(error: unknown): ExitCode {
  if (isLumixError(error)) return EXIT_CODE_BY_ERROR[error.code] ?? EXIT_CODES.internal;
  return EXIT_CODES.internal;
}
