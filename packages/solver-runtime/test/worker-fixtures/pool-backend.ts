// A stand-in backend for the solver-pool tests. Each problem's name says what its solve does
// ('ok', 'throw', 'wasm-abort', 'process-abort', 'lumix-error', 'exit', 'uncaught', 'spin:<seconds>',
// 'incumbent-then-spin:<seconds>', 'memory:<MiB>', 'log'), so that one pool can run good and bad jobs side by
// side. The answer's message tells what the worker saw: its thread, how many solves that thread
// ran (the warm-up included), whether the problem arrived in shared memory, and when the solve
// ran.
import { isMainThread, threadId } from 'node:worker_threads';
import { LumixError, defineCapabilities, type SolveOptions, type SolveResult, type Solver, type SolverModule, type StandardForm } from '@lumix/core';

const Wasm = (globalThis as unknown as {
  WebAssembly: { RuntimeError: new (message: string) => Error; Memory: new (d: { initial: number }) => { buffer: ArrayBuffer } };
}).WebAssembly;

let solves = 0;

function answer(p: StandardForm, options: SolveOptions, startedAt: number, status: SolveResult['status'] = 'optimal'): SolveResult {
  const x = new Float64Array(p.numCols);
  let objective = p.objectiveOffset;
  for (let j = 0; j < p.numCols; j++) {
    x[j] = Number.isFinite(p.colLower[j]!) ? p.colLower[j]! : 0;
    objective += p.colCost[j]! * x[j]!;
  }
  const act = new Float64Array(p.numRows);
  for (let i = 0; i < p.numRows; i++) for (let k = p.rowStart[i]!; k < p.rowStart[i + 1]!; k++) act[i] = act[i]! + p.value[k]! * x[p.colIndex[k]!]!;
  return {
    solver: 'pool-fake', status, hasSolution: true, objective, colValues: x, rowActivities: act,
    rowDuals: null, reducedCosts: null, stats: { solveMs: Date.now() - startedAt },
    message: JSON.stringify({
      threadId, solves, startedAt, endedAt: Date.now(),
      shared: p.colCost.buffer instanceof SharedArrayBuffer,
      col0: p.colName(0),
      timeLimit: options.timeLimit ?? null,
      mipStart: options.mipStart === undefined ? null : Array.from(options.mipStart),
    }),
  };
}

function spin(seconds: number, signal?: { readonly aborted: boolean }): boolean {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    // Blocks the thread the way a WebAssembly solve does, polling the signal as HiGHS does.
    if (signal?.aborted === true) return true;
  }
  return false;
}

const backend: SolverModule = {
  name: 'pool-fake',
  createSolver: (raw) => {
    // Option failInWorker: loads in the main thread, refuses to start inside a worker.
    if (raw?.['failInWorker'] === true && !isMainThread) throw new Error('cannot start in a worker');
    return solver();
  },
};

function solver(): Solver {
  return {
    name: 'pool-fake',
    capabilities: defineCapabilities({ integer: true, timeLimit: true, logCallback: true, mipStart: true, progress: true, cancel: true, worker: true }),
    async solve(p, options = {}) {
      solves++;
      const startedAt = Date.now();
      const [mode, arg] = p.name.split(':');
      switch (mode) {
        case 'throw':
          throw new Error('boom inside the backend');
        case 'wasm-abort':
          throw new Wasm.RuntimeError('Aborted(OOM). Build with -sASSERTIONS for more info.');
        case 'lumix-error':
          throw new LumixError('UNSUPPORTED_FEATURE', 'pool-fake cannot do that', { details: { feature: 'x' } });
        case 'process-abort':
          // In a worker thread Node refuses it (it would end the whole process) by throwing.
          process.abort();
          break;
        case 'exit':
          process.exit(7);
          break;
        case 'uncaught':
          setTimeout(() => {
            throw new Error('asynchronous boom');
          }, 1);
          return new Promise<SolveResult>(() => {});
        case 'spin':
          spin(Number(arg));
          break;
        case 'incumbent-then-spin': {
          // Reports the columns at their upper bounds as an incumbent, then works until stopped.
          const point = Float64Array.from(p.colUpper);
          let incumbent = p.objectiveOffset;
          for (let j = 0; j < p.numCols; j++) incumbent += p.colCost[j]! * point[j]!;
          options.onProgress?.({ kind: 'incumbent', incumbent, bound: null, gap: null, nodes: 1, seconds: 0, point });
          if (spin(Number(arg), options.signal)) {
            return { ...answer(p, options, startedAt, 'interrupted'), objective: incumbent, colValues: point, message: 'stopped by the signal' };
          }
          break;
        }
        case 'memory': {
          // Fills <arg> MiB of WebAssembly memory and keeps it, as HiGHS keeps its grown heap.
          const mem = new Wasm.Memory({ initial: (Number(arg) * 1024 * 1024) / 65536 });
          new Uint8Array(mem.buffer).fill(1);
          (globalThis as { held?: unknown[] }).held = [...((globalThis as { held?: unknown[] }).held ?? []), mem];
          break;
        }
        case 'log':
          options.log?.('first line');
          options.log?.('second line');
          break;
        default:
      }
      return answer(p, options, startedAt);
    },
  };
}
export default backend;
