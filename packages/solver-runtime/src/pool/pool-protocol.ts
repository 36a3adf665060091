// What crosses between the solver pool and its workers.
import type { MessagePort } from 'node:worker_threads';
import type { SolveOptions, SolveProgress, SolveResult } from '@lumix/core';
import type { WorkerErrorPayload } from '../worker-solver.js';
import type { PackedProblem } from './packed-problem.js';

/** What every worker of a pool receives at start-up. */
export interface PoolWorkerData {
  /** File URL of the backend module. */
  readonly backendUrl: string;
  readonly backendOptions: Readonly<Record<string, unknown>> | undefined;
  /** Solve a small MIP once when the worker starts, so that the first real job runs warm. */
  readonly warmup: boolean;
}

/** {@link SolveOptions} as they cross: `log` and `onProgress` become flags, a MIP start a Float64Array. */
export type PoolSolveOptions = Omit<SolveOptions, 'log' | 'mipStart' | 'onProgress' | 'signal'> & {
  readonly log?: boolean;
  readonly mipStart?: Float64Array;
  readonly onProgress?: boolean;
};

/** One job as a worker receives it. */
export interface PoolTask {
  readonly problem: PackedProblem;
  readonly options: PoolSolveOptions;
  /** The job's own channel back: started, log lines, progress, a fatal error. Transferred. */
  readonly port: MessagePort;
  /** Shared flag (one Int32, 1 = aborted) the backend polls as `signal.aborted`. */
  readonly cancelFlag?: SharedArrayBuffer;
}

/** A task that only waits for a worker to be ready: one per worker when the pool starts. */
export interface PoolPing {
  readonly ping: true;
}

/** How a task ended in the worker. */
export type PoolTaskOutcome = { readonly ok: true; readonly result: SolveResult } | { readonly ok: false; readonly error: WorkerErrorPayload };

/** Messages on a task's port. */
export type PoolWorkerMessage =
  | { readonly type: 'started' }
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'progress'; readonly progress: SolveProgress }
  | { readonly type: 'fatal'; readonly error: WorkerErrorPayload }
  /** The last message of a job that returns (not of one whose worker dies). */
  | { readonly type: 'end' };
