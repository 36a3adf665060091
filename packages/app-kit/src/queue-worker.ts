import { LumixError, type Solver, type StandardForm, type SolveOptions } from '@lumix/core';
import { chooseSolverName, createSolverPool, type SolverName, type SolverPool } from '@lumix/solver-runtime';
import { fileURLToPath } from 'node:url';
import type { ChosenAppSolver } from './choose-solver.js';

const APP_KIT_DIR = fileURLToPath(new URL('..', import.meta.url));

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
export function workerPause(env: Readonly<Record<string, string | undefined>> = process.env): WorkerPause | undefined {
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

/** The warm solver pools of one queue worker, one per solver name that its jobs ask for. */
export interface WorkerSolvers {
  /** The pool of `name` (default: the worker's `LUMIX_SOLVER`, config file or HiGHS), started on first use. */
  get(name?: SolverName): Promise<ChosenAppSolver>;
  close(): Promise<void>;
}

/**
 * Warm solver pools for a queue worker: each keeps `size` workers with the backend loaded (see
 * `createSolverPool`), so a job does not pay for a cold solver. `cwd` is the user's folder, whose
 * `LUMIX_SOLVER`/config file choose the solver of a job that names none. With `pause.at === 'solve'` every
 * solve first waits `pause.ms` (fault injection, see {@link workerPause}).
 */
export function createWorkerSolvers(options: { readonly size: number; readonly cwd: string; readonly pause?: WorkerPause }): WorkerSolvers {
  const pools = new Map<SolverName, SolverPool>();
  return {
    async get(name) {
      const chosen = chooseSolverName(name, { cwd: options.cwd });
      let pool = pools.get(chosen.name);
      if (pool === undefined) {
        // Backends are resolved from app-kit's own folder, which depends on both (the app's folder need not).
        pool = await createSolverPool({ solver: chosen.name, size: options.size, cwd: APP_KIT_DIR });
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
