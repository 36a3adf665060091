import type { Solver } from '@lumix/core';
import glpk from '@lumix/solver-glpk';
import highs from '@lumix/solver-highs';
import { chooseSolverName, resolveSolver, type SolverName } from '@lumix/solver-runtime';

/** Where the solver of a solve comes from: the user's folder and environment. */
export interface SolverChoice {
  /** `--solver`, when given: it beats every other rule. */
  readonly name?: SolverName;
  /** The folder the user ran the app from: its `lumix.config.json` or package.json `"lumix"` field counts. */
  readonly cwd: string;
  /** The environment `LUMIX_SOLVER` is read from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The solver to use, and why it is that one (for the console). */
export interface ChosenAppSolver {
  readonly solver: Solver;
  /** `--solver`, `LUMIX_SOLVER`, the config file that named it, or `default`. */
  readonly reason: string;
}

/**
 * Chooses the solver as the `lumix` CLI does: `--solver` if given, else `LUMIX_SOLVER`, else
 * `lumix.config.json` (or the `"lumix"` field of package.json) in the user's folder, else HiGHS.
 * The app ships both backends and hands them over as static modules, so no name is looked up
 * on disk; the config file's `solverOptions` apply as in `resolveSolver`.
 *
 * @throws LumixError `INVALID_ARGUMENT` for an unknown name in `LUMIX_SOLVER` or the config file.
 */
export async function chooseSolver(choice: SolverChoice): Promise<ChosenAppSolver> {
  const where = { cwd: choice.cwd, ...(choice.env === undefined ? {} : { env: choice.env }) };
  const chosen = chooseSolverName(choice.name, where);
  const solver = await resolveSolver(chosen.name, { ...where, modules: { highs, glpk } });
  const reason = chosen.origin === 'code' ? '--solver' : chosen.origin === 'config' ? (chosen.config?.file ?? 'config') : chosen.origin;
  return { solver, reason };
}
