import type { TerminationStatus } from '../solver/solver.js';

/**
 * The facts about one solve that are saved as a `solve_runs` row. A `Solution` carries one as
 * `solution.run`; ORM adapters persist it.
 */
export interface RunInfo {
  readonly modelName: string;
  readonly solver: string;
  readonly status: TerminationStatus;
  /** Objective of the solution, offset included; `null` when there is no feasible point. */
  readonly objective: number | null;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** Milliseconds spent loading sources, expanding families and compiling. */
  readonly buildMs: number;
  /** Milliseconds the solver took. */
  readonly solveMs: number;
  readonly numVariables: number;
  readonly numConstraints: number;
  readonly numNonzeros: number;
  /** The solve options that matter for reproducing the run (no functions). */
  readonly options: Readonly<Record<string, unknown>>;
}

/** A saved `solve_runs` row as the adapters read it back. */
export interface SolveRunRecord extends RunInfo {
  readonly id: number;
  /** Free text the caller attached, or `null`. */
  readonly label: string | null;
}
