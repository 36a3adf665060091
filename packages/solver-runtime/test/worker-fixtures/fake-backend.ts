// A stand-in solver backend for the worker tests: its createSolver options choose how it
// behaves inside the worker (answer, throw, abort like WebAssembly, exit, spin, hold memory).
import {
  LumixError,
  defineCapabilities,
  type Iis,
  type IisBound,
  type LexicographicObjective,
  type LexicographicResult,
  type SolveOptions,
  type SolveResult,
  type Solver,
  type SolverModule,
  type StandardForm,
} from '@lumix/core';

// WebAssembly is a Node global, but the project's lib settings (no DOM) do not declare it.
const Wasm = (globalThis as unknown as {
  WebAssembly: { RuntimeError: new (message: string) => Error; Memory: new (d: { initial: number }) => { buffer: ArrayBuffer } };
}).WebAssembly;

type Mode = 'solve' | 'throw' | 'wasm-abort' | 'lumix-error' | 'exit' | 'uncaught' | 'spin' | 'memory' | 'log';

interface FakeOptions {
  readonly mode?: Mode;
  /** Seconds to spin (mode 'spin'). */
  readonly seconds?: number;
  /** MiB of WebAssembly memory to fill (mode 'memory'). */
  readonly mib?: number;
  /** Declared capabilities.worker; default true. */
  readonly worker?: boolean;
  /** Also claim iis, multiObjective and sessions, with members that report what reached them. Default false. */
  readonly extras?: boolean;
}

/** Puts every column at its lower bound (or 0 when free below): enough to check what crossed. */
function answer(p: StandardForm, options: SolveOptions): SolveResult {
  const x = new Float64Array(p.numCols);
  let objective = p.objectiveOffset;
  for (let j = 0; j < p.numCols; j++) {
    x[j] = Number.isFinite(p.colLower[j]!) ? p.colLower[j]! : 0;
    objective += p.colCost[j]! * x[j]!;
  }
  const act = new Float64Array(p.numRows);
  for (let i = 0; i < p.numRows; i++) for (let k = p.rowStart[i]!; k < p.rowStart[i + 1]!; k++) act[i] = act[i]! + p.value[k]! * x[p.colIndex[k]!]!;
  return {
    solver: 'fake', status: 'optimal', hasSolution: true, objective, colValues: x, rowActivities: act,
    rowDuals: null, reducedCosts: null, stats: { solveMs: 0, iterations: p.numRows },
    message: JSON.stringify({
      name: p.name,
      sense: p.sense,
      col0: p.colName(0),
      integral: Array.from(p.colIntegral),
      options: { ...options, log: typeof options.log, ...(options.mipStart === undefined ? {} : { mipStart: Array.from(options.mipStart) }) },
    }),
  };
}

/** Members beyond solve, each answering with what reached it (a session only to show it does not cross). */
const extras = {
  async computeIis(p: StandardForm): Promise<Iis> {
    return { rows: Int32Array.of(p.numRows - 1), rowBounds: ['upper'], cols: Int32Array.of(0), colBounds: [p.colName(0) as IisBound] };
  },
  async solveLexicographic(p: StandardForm, objectives: readonly LexicographicObjective[], options: SolveOptions): Promise<LexicographicResult> {
    const r = answer(p, options);
    return { ...r, objectiveValues: Float64Array.from(objectives, (o) => o.coefficients[0]! * r.colValues![0]! + (o.offset ?? 0)) };
  },
  async open(): Promise<never> {
    throw new Error('sessions do not cross to a worker');
  },
};

function createSolver(raw?: Readonly<Record<string, unknown>>): Solver {
  const o = (raw ?? {}) as FakeOptions;
  const more = o.extras === true;
  return {
    name: 'fake',
    capabilities: defineCapabilities({ integer: true, timeLimit: true, logCallback: true, mipStart: more, iis: more, multiObjective: more, sessions: more, worker: o.worker ?? true }),
    ...(more ? extras : {}),
    async solve(p, options = {}) {
      switch (o.mode ?? 'solve') {
        case 'throw':
          throw new Error('boom inside the backend');
        case 'wasm-abort':
          // What an Emscripten module throws when it aborts (out of memory, failed assertion).
          throw new Wasm.RuntimeError('Aborted(OOM). Build with -sASSERTIONS for more info.');
        case 'lumix-error':
          throw new LumixError('UNSUPPORTED_FEATURE', 'fake cannot do that', { details: { feature: 'x' } });
        case 'exit':
          process.exit(7);
          break;
        case 'uncaught':
          setTimeout(() => {
            throw new Error('asynchronous boom');
          }, 1);
          return new Promise<SolveResult>(() => {});
        case 'spin': {
          const end = Date.now() + (o.seconds ?? 1) * 1000;
          while (Date.now() < end) {
            // Blocks this thread the way a WebAssembly solve does.
          }
          break;
        }
        case 'memory': {
          const mem = new Wasm.Memory({ initial: ((o.mib ?? 256) * 1024 * 1024) / 65536 });
          new Uint8Array(mem.buffer).fill(1);
          (globalThis as { held?: unknown }).held = mem;
          // Keeps the worker alive after it answers: only terminate() gives the memory back.
          setInterval(() => {}, 1000);
          break;
        }
        case 'log':
          options.log?.('first line');
          options.log?.('second line');
          break;
        default:
      }
      return answer(p, options);
    },
  };
}

const fake: SolverModule = { name: 'fake', createSolver };
export default fake;
