// The code a WorkerSolver's worker runs: load the backend, solve, post the result back.
import { parentPort, workerData } from 'node:worker_threads';
import { toWorkerErrorPayload, type WorkerJob, type WorkerMessage } from './worker-solver.js';
import type { SolveOptions, SolveResult, SolverModule, StandardForm } from '@lumix/core';

const port = parentPort!;
const job = workerData as WorkerJob;

function post(msg: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
}

/** The result's own buffers, each once: moved to the main thread rather than copied. */
function buffersOf(result: SolveResult): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const v of Object.values(result)) {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) seen.add(v.buffer);
    else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      for (const w of Object.values(v as Record<string, unknown>)) {
        if (ArrayBuffer.isView(w) && w.buffer instanceof ArrayBuffer) seen.add(w.buffer);
      }
    }
  }
  return [...seen];
}

async function main(): Promise<void> {
  const mod = (await import(job.backendUrl)) as { default?: SolverModule };
  const solver = mod.default!.createSolver(job.backendOptions);
  const p = job.problem;
  const problem: StandardForm = { ...p, colName: (j) => `x${j}`, rowName: (i) => `r${i}` };
  const { log, ...rest } = job.options;
  const options: SolveOptions = log === true ? { ...rest, log: (line) => post({ type: 'log', line }) } : rest;
  const result = await solver.solve(problem, options);
  post({ type: 'result', result }, buffersOf(result));
}

main().catch((e: unknown) => post({ type: 'error', error: toWorkerErrorPayload(e) }));
