import { isLumixError } from '@lumix/core';
import type { LumixErrorCode, TerminationStatus } from '@lumix/core';

/** The exit codes of the `lumix` command. */
export const EXIT_CODES = Object.freeze({
  /** Solved to optimality (or a command other than `solve` succeeded). */
  ok: 0,
  /** Internal error: the solver failed or something unexpected happened. */
  internal: 1,
  /** Bad input: command line, missing or unreadable file, unknown extension, parse error. */
  badInput: 2,
  /** Infeasible, unbounded, or infeasible-or-unbounded. */
  noOptimum: 3,
  /** Stopped at a limit (time, iterations) or interrupted, with or without a feasible point. */
  limit: 4,
  /** `lumix result`: the job has no result yet (queued or running). */
  pending: 5,
});

/** Error codes that mean the user has to change the command line, the file or the setup. */
const BAD_INPUT: ReadonlySet<LumixErrorCode> = new Set<LumixErrorCode>([
  'PARSE_ERROR',
  'INVALID_ARGUMENT',
  'INVALID_NUMBER',
  'INVALID_BOUNDS',
  'INVALID_NAME',
  'DUPLICATE_KEY',
  'UNKNOWN_KEY',
  'UNSUPPORTED_FEATURE',
  'SOLVER_NOT_INSTALLED',
]);

/** Exit code of a finished solve, from its termination status. */
export function exitCodeForStatus(status: TerminationStatus): number {
  switch (status) {
    case 'optimal':
      return EXIT_CODES.ok;
    case 'infeasible':
    case 'unbounded':
    case 'infeasible-or-unbounded':
      return EXIT_CODES.noOptimum;
    case 'time-limit':
    case 'iteration-limit':
    case 'interrupted':
      return EXIT_CODES.limit;
    default:
      return EXIT_CODES.internal;
  }
}

/** Exit code of a failed command: 2 for bad input (see {@link EXIT_CODES}), 1 for everything else. */
export function exitCodeForError(e: unknown): number {
  return isLumixError(e) && BAD_INPUT.has(e.code) ? EXIT_CODES.badInput : EXIT_CODES.internal;
}
