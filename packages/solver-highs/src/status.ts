import type { TerminationStatus } from '@lumix/core';

/** How one native HiGHS model status maps to LumiX. */
export interface HighsStatusEntry {
  /** The LumiX termination status. */
  readonly status: TerminationStatus;
  /** HiGHS' own name of the status, kept in `SolveResult.message`. */
  readonly native: string;
  /**
   * Whether a point found under this status may be returned. Even then it is returned only
   * when HiGHS' `primal_solution_status` says the point is feasible.
   */
  readonly mayHaveSolution: boolean;
}

/**
 * The one table from HiGHS model status codes (`highs.constants.modelStatus`) to LumiX statuses.
 *
 * Node, leaf and improving-solution limits all come back as HiGHS "solution limit" (16): they
 * are work limits the caller set, so they map to `iteration-limit`. Objective bound and target
 * (11, 12) are stopping rules the caller set through `raw` options: `interrupted`.
 */
export const HIGHS_STATUS_TABLE: Readonly<Record<number, HighsStatusEntry>> = Object.freeze({
  0: { status: 'error', native: 'Not set', mayHaveSolution: false },
  1: { status: 'error', native: 'Load error', mayHaveSolution: false },
  2: { status: 'error', native: 'Model error', mayHaveSolution: false },
  3: { status: 'error', native: 'Presolve error', mayHaveSolution: false },
  4: { status: 'error', native: 'Solve error', mayHaveSolution: false },
  5: { status: 'error', native: 'Postsolve error', mayHaveSolution: false },
  6: { status: 'optimal', native: 'Empty', mayHaveSolution: true },
  7: { status: 'optimal', native: 'Optimal', mayHaveSolution: true },
  8: { status: 'infeasible', native: 'Infeasible', mayHaveSolution: false },
  9: { status: 'infeasible-or-unbounded', native: 'Primal infeasible or unbounded', mayHaveSolution: false },
  10: { status: 'unbounded', native: 'Unbounded', mayHaveSolution: false },
  11: { status: 'interrupted', native: 'Bound on objective reached', mayHaveSolution: true },
  12: { status: 'interrupted', native: 'Target for objective reached', mayHaveSolution: true },
  13: { status: 'time-limit', native: 'Time limit reached', mayHaveSolution: true },
  14: { status: 'iteration-limit', native: 'Iteration limit reached', mayHaveSolution: true },
  15: { status: 'error', native: 'Unknown', mayHaveSolution: false },
  16: { status: 'iteration-limit', native: 'Solution, node or leaf limit reached', mayHaveSolution: true },
  17: { status: 'interrupted', native: 'Interrupted', mayHaveSolution: true },
});

/** The table entry of a HiGHS model status; an unknown code maps to `error`. */
export function mapHighsStatus(code: number): HighsStatusEntry {
  return HIGHS_STATUS_TABLE[code] ?? { status: 'error', native: `Unknown model status ${code}`, mayHaveSolution: false };
}
