// The code a worker solver's worker runs: load the backend, make the call, post the result back.
import { parentPort, workerData } from 'node:worker_threads';
import { toWorkerErrorPayload, type WorkerJob, type WorkerMessage } from './worker-solver.js';
import { defineSolver, type SolveOptions, type SolverModule, type StandardForm } from '@lumix/core';
import { buffersOf, remaining } from './worker-transfer.js';

const port = parentPort!;
const job = workerData as WorkerJob;

function post(msg: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
}

async function main(): Promise<void> {
  const mod = (await import(job.backendUrl)) as { default?: SolverModule };
  // The backend's own front door: a hand-written backend gets one too.
  const solver = defineSolver(mod.default!.createSolver(job.backendOptions));
  const p = job.problem;
  const problem: StandardForm = { ...p, colName: (j) => `x${j}`, rowName: (i) => `r${i}` };
  const { log, onProgress, ...rest } = job.options;
  const limited = rest.timeLimit === undefined ? rest : { ...rest, timeLimit: remaining(rest.timeLimit, job.calledAt) };
  let options: SolveOptions = log === true ? { ...limited, log: (line) => post({ type: 'log', line }) } : limited;
  if (job.incumbents === true) {
    // Every incumbent goes back as it is found, so that a worker terminated from outside keeps it.
    const all = onProgress === true;
    options = { ...options, onProgress: (progress) => (all || progress.kind === 'incumbent' ? post({ type: 'progress', progress }) : undefined) };
  }
  const flag = job.cancelFlag === undefined ? undefined : new Int32Array(job.cancelFlag);
  if (flag !== undefined) {
    // This thread is blocked while the backend runs, so no abort event can reach it: the backend
    // polls `aborted`, which reads the flag the main thread sets.
    const signal = { get aborted() { return Atomics.load(flag, 0) === 1; } };
    options = { ...options, signal };
  }
  const call = job.call;
  const result =
    call.kind === 'iis'
      ? await solver.computeIis(problem, options)
      : call.kind === 'lexicographic'
        ? await solver.solveLexicographic(problem, call.objectives, options)
        : await solver.solve(problem, options);
  post({ type: 'result', result }, buffersOf(result));
}

main().catch((e: unknown) => post({ type: 'error', error: toWorkerErrorPayload(e) }));
