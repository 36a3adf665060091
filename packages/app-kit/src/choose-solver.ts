import type { Solver } from '@lumix/core';
import glpk from '@lumix/solver-glpk';
import highs from '@lumix/solver-highs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseSolverName, createWorkerSolver, resolveSolver, SOLVER_PACKAGES, type SolverName } from '@lumix/solver-runtime';

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
  /**
   * The config file's `solverOptions` that the solver was made with (when the config names the
   * same solver or none), so that {@link chosenInWorker} makes the worker's backend with them too.
   */
  readonly solverOptions?: Readonly<Record<string, unknown>>;
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
  // The options resolveSolver applied: the config's, when it names this solver or none.
  const config = chosen.config;
  const solverOptions = config?.solver === undefined || config.solver === chosen.name ? config?.solverOptions : undefined;
  return { solver, reason, ...(solverOptions === undefined ? {} : { solverOptions }) };
}

/**
 * The same backend in a worker thread (`createWorkerSolver`), so that the main thread stays free
 * during a long solve: Ctrl-C can abort it through the solve's `signal` and the backend returns
 * its best point (HiGHS reports each incumbent; GLPK's worker is stopped with none). The backend
 * package is looked up from app-kit's own folder, where both are dependencies, and made with
 * the config file's `solverOptions` as in this thread. A solver that is not one of the named
 * backends is returned as it is.
 */
export async function chosenInWorker(chosen: ChosenAppSolver): Promise<ChosenAppSolver> {
  const name = chosen.solver.name;
  if (!(name in SOLVER_PACKAGES)) return chosen;
  const options = chosen.solverOptions;
  const backend = options === undefined ? (name as SolverName) : { module: SOLVER_PACKAGES[name as SolverName], options };
  const solver = await createWorkerSolver({ solver: backend, cwd: dirname(fileURLToPath(import.meta.url)) });
  return { ...chosen, solver };
}
