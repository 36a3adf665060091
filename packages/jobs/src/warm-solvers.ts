import { LumixError, type Solver, type SolveOptions, type StandardForm } from '@lumix/core';
import { chooseSolverName, createSolverPool, type SolverName, type SolverPool } from '@lumix/solver-runtime';

/** Where a queue worker stops on purpose, to test that a killed worker's job is retried: `LUMIX_WORKER_PAUSE=solve:MS` or `save:MS`. */
export interface WorkerPause {
  readonly at: 'solve' | 'save';
  readonly ms: number;
}

/**
 * Reads `LUMIX_WORKER_PAUSE` (`solve:MS`: wait MS milliseconds before the solve starts, the job
 * being taken; `save:MS`: wait inside the save's transaction): fault injection for the tests that
 * kill a worker in the middle of a job. `undefined` when unset.
 *
 * @throws LumixError `INVALID_ARGUMENT` for any other value.
 */
export function workerPause(env: Readonly<Record<string, string | undefined>>): WorkerPause | undefined {
  const raw = env['LUMIX_WORKER_PAUSE'];
  if (raw === undefined || raw === '') return undefined;
  const m = /^(solve|save):(\d+)$/.exec(raw);
  if (m === null) {
    throw new LumixError('INVALID_ARGUMENT', `LUMIX_WORKER_PAUSE must be solve:MS or save:MS (milliseconds), not '${raw}'. Unset it outside tests.`, {
      details: { value: raw },
    });
  }
  return { at: m[1] as 'solve' | 'save', ms: Number(m[2]) };
}

/** A solver of a warm pool, and why it was chosen (for the console). */
export interface WarmSolver {
  readonly solver: Solver;
  readonly reason: string;
}

/** The warm solver pools of one queue worker, one per solver name that its jobs ask for. */
export interface WarmSolvers {
  /** The pool of `name` (default: `LUMIX_SOLVER`, the config file in `cwd`, else HiGHS), started on first use. */
  get(name?: string): Promise<WarmSolver>;
  /** Stops every pool (a solve still running is cancelled). */
  close(): Promise<void>;
}

/** Options of {@link createWarmSolvers}. */
export interface WarmSolversOptions {
  /** Workers per pool: the solves that run at the same time. */
  readonly size: number;
  /** The user's folder, whose `LUMIX_SOLVER`/config file choose the solver of a job that names none. */
  readonly cwd: string;
  /** The folder solver backends are resolved from (a package that depends on them). Default `cwd`. */
  readonly backendsFrom?: string;
  /** Environment variables (`LUMIX_SOLVER`). Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** With `at: 'solve'`, every solve first waits `ms` (fault injection, see {@link workerPause}). */
  readonly pause?: WorkerPause;
}

/**
 * Warm solver pools for a queue worker: each keeps `size` workers with the backend loaded (see
 * `createSolverPool` of `@lumix/solver-runtime`), so a job does not pay for a cold solver.
 *
 * @throws LumixError from `get`: `INVALID_ARGUMENT` for an unknown solver name,
 *   `SOLVER_NOT_INSTALLED` for a backend that is not installed.
 */
export function createWarmSolvers(options: WarmSolversOptions): WarmSolvers {
  const pools = new Map<SolverName, SolverPool>();
  return {
    async get(name) {
      const chosen = chooseSolverName(name, { cwd: options.cwd, ...(options.env === undefined ? {} : { env: options.env }) });
      let pool = pools.get(chosen.name);
      if (pool === undefined) {
        pool = await createSolverPool({ solver: chosen.name, size: options.size, cwd: options.backendsFrom ?? options.cwd });
        pools.set(chosen.name, pool);
      }
      const warm = pool;
      const pause = options.pause;
      const solver: Solver =
        pause?.at === 'solve'
          ? {
              name: warm.name,
              capabilities: warm.capabilities,
              solve: async (problem: StandardForm, o?: SolveOptions) => {
                await new Promise((r) => setTimeout(r, pause.ms));
                return warm.solve(problem, o);
              },
            }
          : warm;
      return { solver, reason: `warm pool of ${String(options.size)}, ${chosen.origin === 'code' ? 'named by the job' : chosen.origin}` };
    },
    async close() {
      await Promise.all([...pools.values()].map((p) => p.close({ force: true })));
      pools.clear();
    },
  };
}
