import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  LUMIX_ERROR_CODES,
  LumixError,
  defineSolver,
  isLumixError,
  type CancelSignal,
  type DefinedSolver,
  type Iis,
  type LexicographicObjective,
  type LexicographicResult,
  type LumixErrorCode,
  type SolveOptions,
  type SolveProgress,
  type SolveResult,
  type SolverModule,
  type StandardForm,
} from '@lumix/core';
import { SOLVER_PACKAGES, packageEntryUrl, type SolverName } from './solver-packages.js';

/**
 * The backend a worker solver runs: a solver name (`'highs'`, `'glpk'`), or any module whose
 * default export is a {@link SolverModule}, given as a package name, a file URL or an absolute
 * path, with the options its `createSolver` receives.
 */
export type WorkerBackend =
  | SolverName
  | { readonly module: string | URL; readonly options?: Readonly<Record<string, unknown>> };

/** Options of {@link createWorkerSolver}. */
export interface WorkerSolverOptions {
  /** The backend to run in the worker. */
  readonly solver: WorkerBackend;
  /**
   * Wall-clock seconds after which the worker is terminated, whatever the backend is doing.
   * The result then has status `time-limit` and the last incumbent the backend reported (a
   * backend that claims `progress`, such as HiGHS, reports each one as it is found), or no
   * solution when there was none. Counted from the `solve` call,
   * worker start-up included. Default: `timeLimit × 1.25 + 5` when the solve has a `timeLimit`
   * (a backstop for a backend that overruns its own limit), otherwise none.
   */
  readonly hardTimeLimit?: number;
  /**
   * The application's root folder, where a solver name or package name is resolved (see
   * `resolveSolver`). Default: `process.cwd()`.
   */
  readonly cwd?: string;
}

/** A problem as it crosses to the worker: its numbers, without the name functions. */
type WorkerProblem = Omit<StandardForm, 'colName' | 'rowName'>;

/**
 * {@link SolveOptions} as they cross to the worker: `log` becomes a flag (lines come back as
 * messages) and a MIP start a `Float64Array`.
 */
type WorkerSolveOptions = Omit<SolveOptions, 'log' | 'mipStart' | 'onProgress' | 'signal'> & {
  readonly log?: boolean;
  readonly mipStart?: Float64Array;
  /** Post every progress report (not only incumbents) back. */
  readonly onProgress?: boolean;
};

/** An objective of a lexicographic solve as it crosses to the worker. */
type WorkerObjective = Omit<LexicographicObjective, 'coefficients'> & { readonly coefficients: Float64Array };

/** Which member of the backend the worker calls. */
type WorkerCall =
  | { readonly kind: 'solve' }
  | { readonly kind: 'iis' }
  | { readonly kind: 'lexicographic'; readonly objectives: readonly WorkerObjective[] };

/** What the worker receives as `workerData`. */
export interface WorkerJob {
  /** File URL of the backend module. */
  readonly backendUrl: string;
  readonly backendOptions: Readonly<Record<string, unknown>> | undefined;
  readonly problem: WorkerProblem;
  readonly options: WorkerSolveOptions;
  readonly call: WorkerCall;
  /**
   * When the call was made (`Date.now()`, the same clock in every thread): the worker hands the
   * backend what is left of `options.timeLimit`, so that starting the worker and moving the
   * problem to it count too.
   */
  readonly calledAt: number;
  /**
   * Set when the backend claims `progress`: the worker posts each incumbent back (and every
   * report when `options.onProgress`), so that a worker stopped from outside keeps the last one.
   */
  readonly incumbents?: boolean;
  /** Shared flag (one Int32, 1 = aborted) the backend polls as `signal.aborted`, when the call has a signal and the backend claims `cancel`. */
  readonly cancelFlag?: SharedArrayBuffer;
}

/** An error as it crosses back from the worker. */
export interface WorkerErrorPayload {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** Set when the error was a LumixError. */
  readonly code?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Messages the worker posts. */
export type WorkerMessage =
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'progress'; readonly progress: SolveProgress }
  | { readonly type: 'result'; readonly result: SolveResult | Iis }
  | { readonly type: 'error'; readonly error: WorkerErrorPayload };

/** Whether this module runs from TypeScript sources (tests, tsx) rather than built output. */
export const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * A solver whose every call runs in its own `worker_threads` worker: the event loop stays free
 * while the WebAssembly solver blocks its thread, a crash or abort in the solver becomes
 * `LumixError('SOLVER_FAILED')` instead of taking the process down, the worker's memory (HiGHS'
 * Wasm memory only grows) is returned when it exits, and a hard wall-clock limit terminates a
 * call that will not stop.
 *
 * Capabilities are the backend's, minus `sessions`: a session keeps a model loaded between
 * calls, and each call here has a worker of its own. One-shot members cross the thread boundary:
 * `solve` (with `mipStart` and `ranging`, and the result's `basis`), `computeIis` and
 * `solveLexicographic`, where the backend claims them. Backend messages name columns and rows
 * `x{j}` and `r{i}`: names do not cross to the worker.
 */
export type WorkerSolver = DefinedSolver;

/** How a call ended without the worker's result: the hard limit, or an abort the backend did not answer. */
export type StopReason = { readonly kind: 'hard'; readonly hard: number } | { readonly kind: 'abort' };

/** What the parent side of one call listens to and how it ends a call the worker does not finish. */
interface CallHooks<T> {
  readonly log: ((line: string) => void) | undefined;
  readonly onProgress: ((p: SolveProgress) => void) | undefined;
  readonly signal: CancelSignal | undefined;
  /** The result when the worker is terminated; `incumbent` is the last one it reported. */
  stopped(reason: StopReason, ms: number, incumbent: Float64Array | undefined): T;
}

/**
 * Calls `onAbort` once when `signal` aborts: through its `abort` event when it is an `AbortSignal`,
 * else (a plain `{ aborted }` object) by polling it every 50 ms, as a backend polls it. Returns
 * the function that stops watching. A signal already aborted is not reported: check it first.
 */
export function watchSignal(signal: CancelSignal, onAbort: () => void): () => void {
  if (isEventTarget(signal)) {
    signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  }
  const poll = setInterval(() => {
    if (signal.aborted) {
      clearInterval(poll);
      onAbort();
    }
  }, 50);
  return () => clearInterval(poll);
}

/** A signal aborted when either of two is (each an `AbortSignal` or a plain `{ aborted }` object). */
export function eitherSignal(a: CancelSignal, b: CancelSignal): CancelSignal {
  if (isEventTarget(a) && isEventTarget(b)) return AbortSignal.any([a as AbortSignal, b as AbortSignal]);
  return {
    get aborted(): boolean {
      return a.aborted || b.aborted;
    },
  };
}

/** Whether a signal is an event target (an `AbortSignal`) rather than a plain `{ aborted }` object. */
function isEventTarget(s: CancelSignal): s is CancelSignal & Pick<AbortSignal, 'addEventListener' | 'removeEventListener'> {
  return typeof (s as Partial<AbortSignal>).addEventListener === 'function' && typeof (s as Partial<AbortSignal>).removeEventListener === 'function';
}

/** Seconds a backend that claims `cancel` gets to stop by itself after an abort before its worker is terminated. */
const ABORT_GRACE = 2;

/** Runs one call in a fresh worker and terminates it afterwards. */
function runInWorker<T>(job: WorkerJob, solverName: string, hard: number | undefined, hooks: CallHooks<T>): Promise<T> {
  const started = performance.now();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    let unwatch: (() => void) | undefined;
    let incumbent: Float64Array | undefined;
    let worker: Worker;
    const signal = hooks.signal;
    let aborted = false;
    const onAbort = (): void => {
      if (aborted) return;
      aborted = true;
      if (job.cancelFlag !== undefined) {
        // The backend polls the flag and stops with its incumbent; terminate it if it does not.
        Atomics.store(new Int32Array(job.cancelFlag), 0, 1);
        graceTimer = setTimeout(() => finish(() => resolve(hooks.stopped({ kind: 'abort' }, performance.now() - started, incumbent))), ABORT_GRACE * 1000);
      } else {
        finish(() => resolve(hooks.stopped({ kind: 'abort' }, performance.now() - started, incumbent)));
      }
    };
    try {
      worker = spawnWorker(job, job.backendUrl);
    } catch (e) {
      reject(e);
      return;
    }
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      if (graceTimer !== undefined) clearTimeout(graceTimer);
      unwatch?.();
      fn();
      // The worker has nothing left to do; terminating it returns its memory now.
      void worker.terminate();
    };
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'log') {
        try {
          hooks.log?.(msg.line);
        } catch (e) {
          finish(() => reject(e));
        }
      } else if (msg.type === 'progress') {
        if (msg.progress.kind === 'incumbent' && msg.progress.point !== undefined) incumbent = msg.progress.point;
        if (hooks.onProgress === undefined) return;
        try {
          hooks.onProgress(msg.progress);
        } catch (e) {
          finish(() => reject(e));
        }
      } else if (msg.type === 'result') {
        finish(() => resolve(msg.result as T));
      } else {
        finish(() => reject(fromWorkerError(msg.error, solverName)));
      }
    });
    worker.on('error', (e) => {
      finish(() =>
        reject(
          new LumixError('SOLVER_FAILED', `Solver '${solverName}' crashed in its worker: ${e.message}. The process is unaffected; check the model and the solver options.`, {
            cause: e,
            details: { solver: solverName },
          }),
        ),
      );
    });
    worker.on('exit', (code) => {
      finish(() =>
        reject(
          new LumixError('SOLVER_FAILED', `Solver '${solverName}' worker exited with code ${code} before returning a result. The process is unaffected; check the model and the solver options.`, {
            details: { solver: solverName, exitCode: code },
          }),
        ),
      );
    });
    if (hard !== undefined) {
      timer = setTimeout(() => {
        finish(() => resolve(hooks.stopped({ kind: 'hard', hard }, performance.now() - started, incumbent)));
      }, Math.min(hard * 1000, 2 ** 31 - 1));
    }
    if (signal !== undefined) {
      if (signal.aborted) onAbort();
      else unwatch = watchSignal(signal, onAbort);
    }
  });
}

/**
 * The worker solver of a loaded backend, made by core's `defineSolver` (which checks each call
 * before a worker starts).
 */
function workerSolver(backendUrl: string, backendOptions: Readonly<Record<string, unknown>> | undefined, backend: DefinedSolver, hardTimeLimit: number | undefined): WorkerSolver {
  const name = backend.name;
  const caps = backend.capabilities;
  const hardFor = (o: SolveOptions): number | undefined => hardTimeLimit ?? (o.timeLimit !== undefined ? o.timeLimit * 1.25 + 5 : undefined);
  const job = (problem: StandardForm, options: SolveOptions, call: WorkerCall): WorkerJob => {
    const { log, mipStart, onProgress, signal, ...rest } = options;
    const crossing: WorkerSolveOptions = {
      ...rest,
      ...(log === undefined ? {} : { log: true }),
      ...(mipStart === undefined ? {} : { mipStart: Float64Array.from(mipStart) }),
      ...(onProgress === undefined ? {} : { onProgress: true }),
    };
    const incumbents = caps.progress && call.kind !== 'iis';
    const cancelFlag = signal !== undefined && caps.cancel && call.kind !== 'iis' ? new SharedArrayBuffer(4) : undefined;
    return {
      backendUrl,
      backendOptions,
      problem: toWorkerProblem(problem),
      options: crossing,
      call,
      calledAt: Date.now(),
      ...(incumbents ? { incumbents } : {}),
      ...(cancelFlag === undefined ? {} : { cancelFlag }),
    };
  };
  const hooks = <T>(options: SolveOptions, stopped: CallHooks<T>['stopped']): CallHooks<T> => ({ log: options.log, onProgress: options.onProgress, signal: options.signal, stopped });
  const solve = (problem: StandardForm, options: SolveOptions): Promise<SolveResult> =>
    runInWorker(job(problem, options, { kind: 'solve' }), name, hardFor(options), hooks(options, (reason, ms, point) => stoppedResult(name, problem, reason, ms, point)));
  const computeIis = (problem: StandardForm, options: SolveOptions): Promise<Iis> =>
    // Stopped at the hard limit, the search found nothing: an empty IIS, as the contract says.
    runInWorker(job(problem, options, { kind: 'iis' }), name, hardFor(options), hooks(options, () => ({ rows: new Int32Array(0), rowBounds: [], cols: new Int32Array(0), colBounds: [] })));
  const solveLexicographic = (problem: StandardForm, objectives: readonly LexicographicObjective[], options: SolveOptions): Promise<LexicographicResult> => {
    const crossing = objectives.map((o) => ({ ...o, coefficients: Float64Array.from(o.coefficients) }));
    // A point of an unfinished lexicographic solve says nothing of the later levels: none is kept.
    return runInWorker(job(problem, options, { kind: 'lexicographic', objectives: crossing }), name, hardFor(options), hooks(options, (reason, ms) => ({
      ...stoppedResult(name, problem, reason, ms, undefined),
      objectiveValues: null,
    })));
  };
  return defineSolver({
    name,
    // Any backend can be cancelled here: one that does not claim cancel has its worker terminated.
    capabilities: { ...caps, sessions: false, worker: true, cancel: true },
    solve,
    ...(caps.iis ? { computeIis } : {}),
    ...(caps.multiObjective ? { solveLexicographic } : {}),
  });
}

/**
 * Makes a {@link WorkerSolver} for a backend: resolves its module (like `resolveSolver` does,
 * including the `@lumix/source` condition when running from TypeScript sources), loads it once
 * in this thread to read its name and capabilities (the native solver itself loads lazily, in
 * the worker), and checks the backend declares `capabilities.worker`. Claims what the backend
 * claims except `sessions`.
 *
 * @throws LumixError `SOLVER_NOT_INSTALLED` for a missing package; `INVALID_ARGUMENT` for an
 *   unknown solver name or a module without a `SolverModule` default export;
 *   `UNSUPPORTED_FEATURE` for a backend that cannot run in a worker.
 */
export async function createWorkerSolver(options: WorkerSolverOptions): Promise<WorkerSolver> {
  if (options.hardTimeLimit !== undefined && !(options.hardTimeLimit > 0)) {
    throw new LumixError('INVALID_ARGUMENT', `hardTimeLimit must be a positive number of seconds, got ${options.hardTimeLimit}.`);
  }
  const { url, backendOptions, backend } = await loadWorkerBackend(options.solver, options.cwd);
  return workerSolver(url, backendOptions, backend, options.hardTimeLimit);
}

/**
 * Locates and loads a backend in this thread (its name and capabilities; the native solver
 * loads lazily, in the worker) and checks that it declares `capabilities.worker`. Shared by the
 * worker solver and the solver pool.
 */
export async function loadWorkerBackend(
  choice: WorkerBackend,
  cwd: string | undefined,
): Promise<{ url: string; backendOptions: Readonly<Record<string, unknown>> | undefined; backend: DefinedSolver }> {
  const { url, backendOptions, label } = locateBackend(choice, cwd);
  let mod: unknown;
  try {
    mod = await import(url);
  } catch (e) {
    throw new LumixError('SOLVER_FAILED', `Solver module ${label} is installed but failed to load: ${(e as Error).message}`, {
      cause: e,
      details: { module: label },
    });
  }
  const solverModule = (mod as { default?: SolverModule }).default;
  if (solverModule === undefined || typeof solverModule.createSolver !== 'function') {
    throw new LumixError('INVALID_ARGUMENT', `Module ${label} has no SolverModule ({ name, createSolver }) as its default export, so it cannot run in a worker.`, {
      details: { module: label },
    });
  }
  const backend = defineSolver(solverModule.createSolver(backendOptions));
  if (!backend.capabilities.worker) {
    throw new LumixError(
      'UNSUPPORTED_FEATURE',
      `Solver '${backend.name}' does not declare capabilities.worker, so it cannot run in a worker thread. Solve on the main thread, or use solver 'highs'.`,
      { details: { solver: backend.name, feature: 'worker' } },
    );
  }
  return { url, backendOptions, backend };
}

function toWorkerProblem(p: StandardForm): WorkerProblem {
  return {
    name: p.name,
    sense: p.sense,
    objectiveOffset: p.objectiveOffset,
    numCols: p.numCols,
    numRows: p.numRows,
    colCost: p.colCost,
    colLower: p.colLower,
    colUpper: p.colUpper,
    colIntegral: p.colIntegral,
    rowLower: p.rowLower,
    rowUpper: p.rowUpper,
    rowStart: p.rowStart,
    colIndex: p.colIndex,
    value: p.value,
  };
}

/**
 * The result of a call whose worker was terminated (hard limit, or an abort the backend did not
 * answer in time): the last incumbent the backend reported, when there is one, else no point.
 */
export function stoppedResult(solver: string, problem: StandardForm, reason: StopReason, ms: number, point: Float64Array | undefined): SolveResult {
  const status = reason.kind === 'hard' ? 'time-limit' : 'interrupted';
  const why = reason.kind === 'hard' ? `The worker was stopped at the hard time limit of ${reason.hard} s` : 'The worker was stopped after the signal aborted';
  const none = { rowDuals: null, reducedCosts: null, stats: { solveMs: ms } };
  if (point === undefined || point.length !== problem.numCols) {
    return {
      solver,
      status,
      hasSolution: false,
      objective: null,
      colValues: null,
      rowActivities: null,
      ...none,
      message: `${why}; the backend had reported no incumbent. Set a timeLimit below hardTimeLimit so the solver stops on its own and keeps its incumbent.`,
    };
  }
  let objective = problem.objectiveOffset;
  for (let j = 0; j < problem.numCols; j++) objective += problem.colCost[j]! * point[j]!;
  const rowActivities = new Float64Array(problem.numRows);
  for (let i = 0; i < problem.numRows; i++) {
    let a = 0;
    for (let k = problem.rowStart[i]!; k < problem.rowStart[i + 1]!; k++) a += problem.value[k]! * point[problem.colIndex[k]!]!;
    rowActivities[i] = a;
  }
  return { solver, status, hasSolution: true, objective, colValues: point, rowActivities, ...none, message: `${why}; the result is the last incumbent it reported.` };
}

export function fromWorkerError(e: WorkerErrorPayload, solver: string): LumixError {
  const remote = Object.assign(new Error(e.message), { name: e.name });
  if (e.stack !== undefined) remote.stack = e.stack;
  if (e.code !== undefined && (LUMIX_ERROR_CODES as readonly string[]).includes(e.code)) {
    return new LumixError(e.code as LumixErrorCode, e.message, { cause: remote, details: e.details ?? {} });
  }
  return new LumixError('SOLVER_FAILED', `Solver '${solver}' failed in its worker: ${e.name}: ${e.message}. The process is unaffected; check the model and the solver options.`, {
    cause: remote,
    details: { solver },
  });
}

// The worker starts from this tiny script so that it can first install a TypeScript loader
// (tsx) when the entry or the backend is a .ts file: Node 20 does not apply `--import` hooks
// to a worker's own entry module.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((e) => setImmediate(() => { throw e; }));
`;

function spawnWorker(job: WorkerJob, backendUrl: string): Worker {
  const entry = new URL(RUNNING_FROM_SOURCE ? './worker-entry.ts' : './worker-entry.js', import.meta.url).href;
  const needsTs = RUNNING_FROM_SOURCE || /\.[mc]?ts$/.test(new URL(backendUrl).pathname);
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { ...job, entry, tsx: needsTs ? tsxApiUrl() : undefined },
    // From sources, workspace packages inside the worker must resolve to their .ts entries too.
    execArgv: RUNNING_FROM_SOURCE ? ['--conditions=@lumix/source'] : [],
  });
}

let tsxUrl: string | undefined;

export function tsxApiUrl(): string {
  if (tsxUrl !== undefined) return tsxUrl;
  try {
    const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      exports?: Record<string, { import?: { default?: string } } | string>;
    };
    const api = manifest.exports?.['./esm/api'];
    const target = typeof api === 'object' ? api.import?.default : undefined;
    if (target === undefined) throw new Error('tsx has no ./esm/api export');
    tsxUrl = pathToFileURL(join(dirname(manifestPath), target)).href;
    return tsxUrl;
  } catch (e) {
    throw new LumixError(
      'INVALID_STATE',
      'Running a solve in a worker from TypeScript sources needs tsx (npm package) to load the .ts files inside the worker. Add tsx as a devDependency, or run the built packages.',
      { cause: e },
    );
  }
}

function locateBackend(
  choice: WorkerBackend,
  cwd: string | undefined,
): { url: string; backendOptions: Readonly<Record<string, unknown>> | undefined; label: string } {
  if (typeof choice === 'string') {
    if (!(choice in SOLVER_PACKAGES)) {
      throw new LumixError(
        'INVALID_ARGUMENT',
        `Unknown solver '${choice}'. Choose one of ${Object.keys(SOLVER_PACKAGES).join(', ')}, or pass { module, options }.`,
        { details: { solver: choice } },
      );
    }
    const pkg = SOLVER_PACKAGES[choice as SolverName];
    return { url: packageEntryUrl(pkg, cwd), backendOptions: undefined, label: pkg };
  }
  const m = choice.module;
  const label = String(m);
  if (m instanceof URL) return { url: m.href, backendOptions: choice.options, label };
  if (m.startsWith('file:')) return { url: m, backendOptions: choice.options, label };
  if (isAbsolute(m)) return { url: pathToFileURL(m).href, backendOptions: choice.options, label };
  return { url: packageEntryUrl(m, cwd), backendOptions: choice.options, label };
}

/** An error as a plain object the worker can post; a LumixError keeps its code and details. */
export function toWorkerErrorPayload(e: unknown): WorkerErrorPayload {
  if (isLumixError(e)) {
    return { name: e.name, message: e.message, ...(e.stack === undefined ? {} : { stack: e.stack }), code: e.code, details: plainDetails(e.details) };
  }
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack === undefined ? {} : { stack: e.stack }) };
  return { name: 'Error', message: String(e) };
}

function plainDetails(details: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  try {
    return structuredClone(details);
  } catch {
    return {};
  }
}
