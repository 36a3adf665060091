import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { LumixError, defineSolver, isLumixError, type CancelSignal, type DefinedSolver, type SolveOptions, type SolveResult, type StandardForm } from '@lumix/core';
import {
  RUNNING_FROM_SOURCE,
  fromWorkerError,
  loadWorkerBackend,
  stoppedResult,
  tsxApiUrl,
  watchSignal,
  eitherSignal,
  type StopReason,
  type WorkerBackend,
  type WorkerErrorPayload,
} from '../worker-solver.js';
import { packProblem, type PackedProblem } from './packed-problem.js';
import type { PoolPing, PoolSolveOptions, PoolTask, PoolTaskOutcome, PoolWorkerData, PoolWorkerMessage } from './pool-protocol.js';

/** Options of {@link createSolverPool}. */
export interface SolverPoolOptions {
  /** The backend every worker loads: `'highs'`, `'glpk'` or `{ module, options }` (see `WorkerBackend`). */
  readonly solver: WorkerBackend;
  /**
   * Number of workers, started at once and kept: at most this many solves run at the same time,
   * the others wait in the queue. Default: `os.availableParallelism()`.
   */
  readonly size?: number;
  /**
   * Jobs allowed to wait beyond the running ones; a solve called when the queue is full is
   * refused with `INVALID_STATE`. Default: unlimited.
   */
  readonly maxQueue?: number;
  /**
   * Wall-clock seconds a job may run in its worker before the worker is terminated (and replaced):
   * the result then has status `time-limit` and the last incumbent the backend reported (HiGHS
   * reports each one), or no solution. Counted from the moment a worker takes the job (time in
   * the queue does not count). Default: `timeLimit × 1.25 + 5` when the solve has a `timeLimit`,
   * otherwise none.
   */
  readonly hardTimeLimit?: number;
  /**
   * Solve a small MIP in each worker when it starts, so that the first job does not pay for the
   * backend's first solve (HiGHS' first solve in a thread is several times slower than later
   * ones). Default `true`.
   */
  readonly warmup?: boolean;
  /** The application's root folder, where a solver name or package name is resolved. Default: `process.cwd()`. */
  readonly cwd?: string;
}

/** One job of {@link SolverPool.solveMany}: a problem and the options of its solve. */
export interface PoolJob {
  readonly problem: StandardForm;
  readonly options?: SolveOptions;
}

/** How one job of {@link SolverPool.solveMany} ended: its result, or the error its solve threw. */
export type PoolJobOutcome = { readonly ok: true; readonly result: SolveResult } | { readonly ok: false; readonly error: LumixError };

/** Options of {@link SolverPool.solveMany}. */
export interface SolveManyOptions {
  /**
   * Aborts every job: running ones stop with their incumbent (status `interrupted`), waiting
   * ones end as `interrupted` without a solution. A job's own `signal` applies too. An
   * `AbortSignal`, or any `{ aborted }` object (polled).
   */
  readonly signal?: CancelSignal;
  /** At most this many jobs of this call in the pool at once (running or queued). Default: the pool's size. */
  readonly concurrency?: number;
  /** Called as each job ends, in the order they end, with the job's index. */
  readonly onOutcome?: (index: number, outcome: PoolJobOutcome) => void;
}

/** What a pool is doing, for monitoring and tests. */
export interface SolverPoolStats {
  /** Workers alive now. */
  readonly workers: number;
  /** Workers started since the pool was made (more than `size` when some were replaced). */
  readonly workersStarted: number;
  /** Jobs running in a worker now. */
  readonly running: number;
  /** Jobs waiting for a worker. */
  readonly queued: number;
  /** Most jobs that ran at the same time so far. */
  readonly peakRunning: number;
}

/**
 * A fixed set of worker threads (piscina) that each keep a backend loaded and warm, presented
 * as a {@link DefinedSolver}: `model.solve({ solver: pool })` and `pool.solve(problem, options)`
 * go through core's front door, then to a free worker. Capabilities are the backend's for
 * `solve` (one-shot; no sessions, IIS or lexicographic solves in a pool) plus `cancel`.
 *
 * A problem's arrays are copied once into one SharedArrayBuffer that the worker reads in place
 * (a problem given to several jobs of one `solveMany` is copied once for all); results move back
 * as transferred buffers. A job aborted by its `signal` stops with the backend's incumbent when
 * the backend claims `cancel` (HiGHS), otherwise its worker is terminated and replaced. A job
 * that crashes its worker (a WebAssembly abort, an exception that is not a LumixError, a worker
 * exit) fails with `SOLVER_FAILED`; the worker is replaced and the pool goes on. Backend
 * messages name columns and rows `x{j}` and `r{i}`.
 */
export interface SolverPool extends DefinedSolver {
  /** Number of workers. */
  readonly size: number;
  /**
   * Solves independent jobs (problems, or problems with their options) on the pool. Resolves
   * once every job has ended, with one outcome per job in the order given: a job whose solve
   * throws (bad input, a crash) has `ok: false` and does not stop the others.
   */
  solveMany(jobs: readonly (StandardForm | PoolJob)[], options?: SolveManyOptions): Promise<PoolJobOutcome[]>;
  /**
   * Runs independent async jobs (functions that typically solve on this pool) with at most
   * `size` of them started at a time, and resolves with their results in the order given. At
   * the first job that throws, no further job starts; the ones started are awaited, then that
   * error is thrown. Its shape is core's scenario `JobRunner`: pass `pool.runJobs` as a runner
   * and the pool as the solver, and independent scenarios solve side by side.
   */
  runJobs<T>(jobs: ReadonlyArray<() => Promise<T>>): Promise<T[]>;
  /** What the pool is doing now. */
  stats(): SolverPoolStats;
  /**
   * Stops the workers and returns their memory; later calls are refused with `INVALID_STATE`.
   * Waits for running and queued jobs to end first, unless `force`, which aborts them (they end
   * as after their signal aborted).
   */
  close(options?: { readonly force?: boolean }): Promise<void>;
}

/** Seconds a backend that claims `cancel` gets to stop by itself after an abort before its worker is terminated. */
const ABORT_GRACE = 2;

/** Problems packed for the jobs of a running solveMany, so that one problem given to many jobs is copied once. */
const batchPacked = new WeakMap<StandardForm, PackedProblem>();

/**
 * Makes a {@link SolverPool}: resolves and checks the backend in this thread (as
 * `createWorkerSolver` does), starts `size` workers and resolves once each has loaded the
 * backend and warmed it.
 *
 * @example
 * ```ts
 * const pool = await createSolverPool({ solver: 'highs', size: 2 });
 * try {
 *   const outcomes = await pool.solveMany([problemA, { problem: problemB, options: { timeLimit: 10 } }]);
 *   for (const o of outcomes) console.log(o.ok ? o.result.objective : o.error.code);
 * } finally {
 *   await pool.close();
 * }
 * ```
 * @throws LumixError `INVALID_ARGUMENT` for a size, queue or limit that is not a positive
 *   number, an unknown solver name or a module without a `SolverModule`; `SOLVER_NOT_INSTALLED`
 *   for a missing package; `UNSUPPORTED_FEATURE` for a backend that cannot run in a worker;
 *   `SOLVER_FAILED` for a backend that fails to load or warm up in a worker.
 */
export async function createSolverPool(options: SolverPoolOptions): Promise<SolverPool> {
  const size = options.size ?? availableParallelism();
  if (!Number.isInteger(size) || size < 1) throw new LumixError('INVALID_ARGUMENT', `size must be a whole number of workers ≥ 1, got ${options.size}.`);
  if (options.maxQueue !== undefined && !(Number.isInteger(options.maxQueue) && options.maxQueue >= 0)) {
    throw new LumixError('INVALID_ARGUMENT', `maxQueue must be a whole number ≥ 0, got ${options.maxQueue}.`);
  }
  if (options.hardTimeLimit !== undefined && !(options.hardTimeLimit > 0)) {
    throw new LumixError('INVALID_ARGUMENT', `hardTimeLimit must be a positive number of seconds, got ${options.hardTimeLimit}.`);
  }
  const { url, backendOptions, backend } = await loadWorkerBackend(options.solver, options.cwd);
  const name = backend.name;
  const caps = backend.capabilities;
  const data: PoolWorkerData & { entry?: string; tsx?: string } = {
    backendUrl: url,
    backendOptions,
    warmup: options.warmup ?? true,
    ...(RUNNING_FROM_SOURCE ? { entry: new URL('./pool-worker.ts', import.meta.url).href, tsx: tsxApiUrl() } : {}),
  };
  const needsTs = !RUNNING_FROM_SOURCE && /\.[mc]?ts$/.test(new URL(url).pathname);
  if (needsTs) {
    throw new LumixError('INVALID_ARGUMENT', `The built solver pool cannot load the TypeScript backend ${url}; build the backend, or run from sources with tsx.`, { details: { module: url } });
  }
  const piscina = new Piscina({
    // From sources a plain module installs tsx in the worker first (no --import hook reaches a worker in Node 20).
    filename: fileURLToPath(new URL(RUNNING_FROM_SOURCE ? './source-bootstrap.mjs' : './pool-worker.js', import.meta.url)),
    minThreads: size,
    maxThreads: size,
    concurrentTasksPerWorker: 1,
    workerData: data,
    execArgv: RUNNING_FROM_SOURCE ? ['--conditions=@lumix/source'] : [],
  });
  let workersStarted = 0;
  piscina.on('workerCreate', () => {
    workersStarted++;
  });
  // A worker that fails outside a job (start-up) is reported here; the job it would have taken fails on its own.
  piscina.on('error', () => undefined);
  // Every worker answers one ping once it has loaded and warmed the backend: the pool is warm
  // when it is returned, and a backend that cannot start in a worker fails here.
  try {
    await Promise.all(Array.from({ length: size }, () => piscina.run({ ping: true } satisfies PoolPing)));
  } catch (e) {
    await piscina.destroy();
    throw new LumixError('SOLVER_FAILED', `Solver '${name}' could not start in a pool worker: ${(e as Error)?.message ?? String(e)}.`, { cause: e, details: { solver: name } });
  }

  let closed = false;
  let running = 0;
  /** Jobs handed to piscina whose worker has not started them yet. */
  let waiting = 0;
  let peakRunning = 0;
  const inflight = new Map<Promise<unknown>, () => void>();
  const hardFor = (o: SolveOptions): number | undefined => options.hardTimeLimit ?? (o.timeLimit !== undefined ? o.timeLimit * 1.25 + 5 : undefined);

  const solve = (problem: StandardForm, opts: SolveOptions): Promise<SolveResult> => {
    if (closed) return Promise.reject(closedError(name));
    const { log, mipStart, onProgress, signal, ...rest } = opts;
    const crossing: PoolSolveOptions = {
      ...rest,
      ...(log === undefined ? {} : { log: true }),
      ...(mipStart === undefined ? {} : { mipStart: Float64Array.from(mipStart) }),
      ...(onProgress === undefined ? {} : { onProgress: true }),
    };
    const stop = (reason: StopReason, ms: number, point: Float64Array | undefined): SolveResult => stoppedResult(name, problem, reason, ms, point);
    if (signal?.aborted === true) return Promise.resolve(stop({ kind: 'abort' }, 0, undefined));
    if (options.maxQueue !== undefined && waiting >= options.maxQueue) {
      return Promise.reject(
        new LumixError('INVALID_STATE', `The solver pool for '${name}' has ${waiting} jobs waiting, its maxQueue. Wait for running jobs, or raise maxQueue.`, {
          details: { solver: name, maxQueue: options.maxQueue },
        }),
      );
    }
    waiting++;
    const hard = hardFor(opts);
    const cancelFlag = signal !== undefined && caps.cancel ? new SharedArrayBuffer(4) : undefined;
    const packed = batchPacked.get(problem) ?? packProblem(problem);
    const { port1, port2 } = new MessageChannel();
    const kill = new AbortController();
    let abortAll: () => void = () => undefined;
    const promise = new Promise<SolveResult>((resolve, reject) => {
      let settled = false;
      let startedAt: number | undefined;
      let hardTimer: NodeJS.Timeout | undefined;
      let graceTimer: NodeJS.Timeout | undefined;
      let unwatch: (() => void) | undefined;
      let incumbent: Float64Array | undefined;
      let fatal: WorkerErrorPayload | undefined;
      // The worker's answer comes through piscina, its log and progress through the job's port:
      // the job ends once both are in, so that no log line or incumbent is left behind.
      let answer: PoolTaskOutcome | undefined;
      let ended = false;
      const settle = (): void => {
        const out = answer;
        if (out === undefined || !ended) return;
        finish(() => (out.ok ? resolve(out.result) : reject(fromWorkerError(out.error, name))));
      };
      const elapsed = (): number => (startedAt === undefined ? 0 : performance.now() - startedAt);
      const finish = (fn: () => void, terminate = false): void => {
        if (settled) return;
        settled = true;
        if (hardTimer !== undefined) clearTimeout(hardTimer);
        if (graceTimer !== undefined) clearTimeout(graceTimer);
        unwatch?.();
        if (startedAt !== undefined) running--;
        else waiting--;
        port1.close();
        fn();
        // Terminates the worker of a running job (piscina starts a fresh one) or drops a queued one.
        if (terminate) kill.abort();
      };
      const stopNow = (reason: StopReason): void => finish(() => resolve(stop(reason, elapsed(), incumbent)), true);
      const onAbort = (): void => {
        if (startedAt !== undefined && cancelFlag !== undefined) {
          // The backend polls the flag and stops with its incumbent; terminate it if it does not.
          Atomics.store(new Int32Array(cancelFlag), 0, 1);
          graceTimer = setTimeout(() => stopNow({ kind: 'abort' }), ABORT_GRACE * 1000);
        } else {
          stopNow({ kind: 'abort' });
        }
      };
      abortAll = onAbort;
      port1.on('message', (msg: PoolWorkerMessage) => {
        if (settled) return;
        if (msg.type === 'started') {
          startedAt = performance.now();
          waiting--;
          running++;
          peakRunning = Math.max(peakRunning, running);
          if (hard !== undefined) hardTimer = setTimeout(() => stopNow({ kind: 'hard', hard }), Math.min(hard * 1000, 2 ** 31 - 1));
        } else if (msg.type === 'fatal') {
          fatal = msg.error;
        } else if (msg.type === 'end') {
          ended = true;
          settle();
        } else {
          try {
            if (msg.type === 'log') log?.(msg.line);
            else {
              if (msg.progress.kind === 'incumbent' && msg.progress.point !== undefined) incumbent = msg.progress.point;
              onProgress?.(msg.progress);
            }
          } catch (e) {
            finish(() => reject(e), true);
          }
        }
      });
      const task: PoolTask = { problem: packed, options: crossing, port: port2, ...(cancelFlag === undefined ? {} : { cancelFlag }) };
      let run: Promise<PoolTaskOutcome>;
      try {
        run = piscina.run(task, { transferList: [port2], signal: kill.signal }) as Promise<PoolTaskOutcome>;
      } catch (e) {
        finish(() => reject(refusedError(name, e)));
        return;
      }
      run.then(
        (out) => {
          answer = out;
          settle();
        },
        (e: unknown) => {
          if (settled) return;
          // The worker died: its last word, if any, is on the job's port; read it first.
          setImmediate(() => finish(() => reject(fatal !== undefined ? fromWorkerError(fatal, name) : crashError(name, e, closed))));
        },
      );
      if (signal !== undefined) unwatch = watchSignal(signal, onAbort);
    });
    const tracked = promise.finally(() => inflight.delete(tracked)).catch(() => undefined);
    inflight.set(tracked, () => abortAll());
    return promise;
  };

  const solveMany = async (jobs: readonly (StandardForm | PoolJob)[], o: SolveManyOptions = {}): Promise<PoolJobOutcome[]> => {
    const limit = o.concurrency ?? size;
    if (!Number.isInteger(limit) || limit < 1) throw new LumixError('INVALID_ARGUMENT', `concurrency must be a whole number ≥ 1, got ${o.concurrency}.`);
    const list: PoolJob[] = jobs.map((j) => (isPoolJob(j) ? j : { problem: j }));
    const packedHere: StandardForm[] = [];
    for (const j of list) {
      if (j !== null && typeof j === 'object' && j.problem !== null && typeof j.problem === 'object' && !batchPacked.has(j.problem) && list.filter((k) => k.problem === j.problem).length > 1) {
        try {
          batchPacked.set(j.problem, packProblem(j.problem));
          packedHere.push(j.problem);
        } catch {
          // A malformed problem is refused by the front door of its own job.
        }
      }
    }
    const outcomes = new Array<PoolJobOutcome>(list.length);
    const one = async (i: number): Promise<void> => {
      const job = list[i]!;
      let outcome: PoolJobOutcome;
      try {
        const jobOptions = job.options ?? {};
        const signal = o.signal === undefined ? jobOptions.signal : jobOptions.signal === undefined ? o.signal : eitherSignal(o.signal, jobOptions.signal);
        outcome = { ok: true, result: await pool.solve(job.problem, signal === undefined ? jobOptions : { ...jobOptions, signal }) };
      } catch (e) {
        outcome = { ok: false, error: isLumixError(e) ? e : new LumixError('SOLVER_FAILED', `Job ${i} failed: ${(e as Error)?.message ?? String(e)}`, { cause: e, details: { solver: name, job: i } }) };
      }
      outcomes[i] = outcome;
      o.onOutcome?.(i, outcome);
    };
    try {
      await runLimited(list.map((_, i) => () => one(i)), limit);
    } finally {
      for (const p of packedHere) batchPacked.delete(p);
    }
    return outcomes;
  };

  const close = async (o: { readonly force?: boolean } = {}): Promise<void> => {
    closed = true;
    if (o.force === true) for (const abort of inflight.values()) abort();
    await Promise.all(inflight.keys());
    await piscina.destroy();
  };

  const stats = (): SolverPoolStats => ({ workers: piscina.threads.length, workersStarted, running, queued: waiting, peakRunning });

  const pool = defineSolver({
    name,
    capabilities: { ...caps, sessions: false, iis: false, multiObjective: false, worker: true, cancel: true },
    solve,
    size,
    solveMany,
    runJobs: <T>(jobs: ReadonlyArray<() => Promise<T>>): Promise<T[]> => runLimited(jobs, size),
    stats,
    close,
  } as Parameters<typeof defineSolver>[0]) as SolverPool;
  return pool;
}

/**
 * Runs `jobs` with at most `limit` started at a time; results in order. After the first error no
 * job starts; the started ones are awaited, then the first error is thrown.
 */
async function runLimited<T>(jobs: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results = new Array<T>(jobs.length);
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < jobs.length) {
      const i = next++;
      try {
        results[i] = await jobs[i]!();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, lane));
  if (failure !== undefined) throw failure.error;
  return results;
}

function isPoolJob(j: StandardForm | PoolJob): j is PoolJob {
  return j !== null && typeof j === 'object' && 'problem' in j && !('numCols' in j);
}

function closedError(solver: string): LumixError {
  return new LumixError('INVALID_STATE', `The solver pool for '${solver}' is closed. Make a new pool with createSolverPool().`, { details: { solver } });
}

function refusedError(solver: string, e: unknown): LumixError {
  return new LumixError('INVALID_STATE', `The solver pool for '${solver}' refused the job: ${(e as Error)?.message ?? String(e)}. Is the pool closing? Make a new one with createSolverPool().`, {
    cause: e,
    details: { solver },
  });
}

function crashError(solver: string, e: unknown, closed: boolean): LumixError {
  if (closed) return closedError(solver);
  const message = (e as Error)?.message ?? String(e);
  return new LumixError('SOLVER_FAILED', `Solver '${solver}' crashed in its pool worker: ${message}. The worker was replaced and the pool goes on; check the model and the solver options.`, {
    cause: e,
    details: { solver },
  });
}
