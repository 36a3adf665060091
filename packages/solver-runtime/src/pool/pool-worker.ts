// The code each solver-pool worker runs. Loading this module loads the backend once and, unless
// told not to, warms it with a small MIP solve; every task then solves on that warm backend.
import type { MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { defineSolver, isLumixError, type DefinedSolver, type SolveOptions, type SolverModule, type StandardForm } from '@lumix/core';
import { toWorkerErrorPayload } from '../worker-solver.js';
import { unpackProblem } from './packed-problem.js';
import type { PoolPing, PoolTask, PoolTaskOutcome, PoolWorkerData, PoolWorkerMessage } from './pool-protocol.js';
import { buffersOf, remaining } from '../worker-transfer.js';

const data = workerData as PoolWorkerData;

const mod = (await import(data.backendUrl)) as { default?: SolverModule };
const solver: DefinedSolver = defineSolver(mod.default!.createSolver(data.backendOptions));

/** A two-column knapsack with one integer column: touches the LP and the MIP code of the backend once. */
function warmupProblem(integer: boolean): StandardForm {
  return {
    name: 'warmup',
    sense: 'max',
    objectiveOffset: 0,
    numCols: 2,
    numRows: 1,
    colCost: Float64Array.of(3, 2),
    colLower: Float64Array.of(0, 0),
    colUpper: Float64Array.of(4, 4),
    colIntegral: Uint8Array.of(integer ? 1 : 0, 0),
    rowLower: Float64Array.of(Number.NEGATIVE_INFINITY),
    rowUpper: Float64Array.of(5.5),
    rowStart: Int32Array.of(0, 2),
    colIndex: Int32Array.of(0, 1),
    value: Float64Array.of(1, 1),
    colName: (j) => `x${j}`,
    rowName: (i) => `r${i}`,
  };
}

if (data.warmup) await solver.solve(warmupProblem(solver.capabilities.integer));

/**
 * Runs one task. Errors come back as values (a LumixError keeps its code); an error that is not
 * a LumixError (a WebAssembly abort, a bug in the backend) may have left the backend broken, so
 * after reporting it this worker exits and the pool starts a fresh one.
 */
export default async function runTask(task: PoolTask | PoolPing): Promise<unknown> {
  // Answered once this worker has loaded and warmed its backend (this module's top level).
  if ('ping' in task) return 'ready';
  const port: MessagePort = task.port;
  const post = (msg: PoolWorkerMessage): void => port.postMessage(msg);
  const startedAt = Date.now();
  post({ type: 'started' });
  try {
    const problem = unpackProblem(task.problem);
    const { log, onProgress, ...rest } = task.options;
    let options: SolveOptions = rest.timeLimit === undefined ? rest : { ...rest, timeLimit: remaining(rest.timeLimit, startedAt) };
    if (log === true) options = { ...options, log: (line) => post({ type: 'log', line }) };
    if (solver.capabilities.progress) {
      // Every incumbent goes back as it is found, so that a job stopped from outside keeps it.
      const all = onProgress === true;
      options = { ...options, onProgress: (progress) => (all || progress.kind === 'incumbent' ? post({ type: 'progress', progress }) : undefined) };
    }
    const flag = task.cancelFlag === undefined ? undefined : new Int32Array(task.cancelFlag);
    if (flag !== undefined) {
      // The backend blocks this thread, so it polls `aborted`, which reads the flag the main thread sets.
      const signal = { get aborted() { return Atomics.load(flag, 0) === 1; } } as AbortSignal;
      options = { ...options, signal };
    }
    const result = await solver.solve(problem, options);
    const outcome: PoolTaskOutcome = { ok: true, result };
    return move({ [transferableSymbol]: buffersOf(result), [valueSymbol]: outcome });
  } catch (e) {
    const outcome: PoolTaskOutcome = { ok: false, error: toWorkerErrorPayload(e) };
    if (!isLumixError(e)) {
      post({ type: 'fatal', error: outcome.error });
      port.close();
      process.exit(1);
    }
    return outcome;
  } finally {
    post({ type: 'end' });
    port.close();
  }
}
