// How much WebAssembly memory HiGHS needs for a problem, estimated from its sizes before it is
// loaded: the highs-js build's memory cannot grow past 2 GiB, and a model that needs more aborts
// the whole runtime (`Aborted()`) somewhere inside the solve.
import { LumixError } from '@lumix/core';

/** The most memory the highs-js WebAssembly runtime can grow to (its `getHeapMax`): 2 GiB. */
export const HIGHS_MEMORY_LIMIT_BYTES = 2 ** 31;

/** The sizes the estimate reads. */
export interface HighsProblemSize {
  readonly numRows: number;
  readonly numCols: number;
  readonly numNonzeros: number;
  /** Whether it has integer columns (named in the refusal). */
  readonly mip: boolean;
}

/**
 * Bytes per item, fitted (least squares, ±50 MB) to the Wasm memory HiGHS 1.15.3 (highs-js) had
 * grown to after solving random sparse LPs with the default options, in a fresh runtime each:
 * 0.5M–4M non-zeros, 20k–2M rows, 100k–800k columns, 5–50 non-zeros a row (the runtime's memory
 * only grows, so its size after the solve is the solve's peak). The biggest of them that
 * finished, 4M non-zeros on 800k rows and 800k columns, reached 2,023 MB; 4M non-zeros on 2M rows
 * and 200k columns aborted. Measured with `highs.memoryBytes`, see the package README.
 */
const LP_BYTES = { base: 21e6, perNonzero: 307, perRow: 730, perCol: 232 } as const;

/**
 * The WebAssembly memory, in bytes, that HiGHS needs to solve a problem of these sizes with its
 * default options (dual simplex after presolve): an estimate within about 50 MB for the LPs it was
 * fitted to. MIPs measured the same way (every column integer) stayed well under it, since
 * presolve shrinks them, but a long branch-and-bound search can grow past it; the interior-point
 * solver (`raw: { solver: 'ipm' }`) may need more too, depending on the fill-in of its factorisation.
 */
export function estimateHighsMemory(size: HighsProblemSize): number {
  return LP_BYTES.base + LP_BYTES.perNonzero * size.numNonzeros + LP_BYTES.perRow * size.numRows + LP_BYTES.perCol * size.numCols;
}

const mb = (bytes: number): string => `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`;

/**
 * Refuses a problem whose estimated memory ({@link estimateHighsMemory}) is above what the HiGHS
 * WebAssembly runtime can have ({@link HIGHS_MEMORY_LIMIT_BYTES}), before anything is loaded:
 * such a solve would otherwise abort the runtime part-way (`Aborted()`).
 *
 * @throws LumixError `UNSUPPORTED_FEATURE` naming the sizes, the estimate and the limit, and what
 *   to do (`details`: `solver`, `reason: 'too-large'`, `estimatedBytes`, `limitBytes`, the sizes).
 */
export function checkHighsMemory(size: HighsProblemSize): void {
  const estimatedBytes = estimateHighsMemory(size);
  if (estimatedBytes <= HIGHS_MEMORY_LIMIT_BYTES) return;
  const { numRows, numCols, numNonzeros, mip } = size;
  throw new LumixError(
    'UNSUPPORTED_FEATURE',
    `The problem is too large for HiGHS in WebAssembly: ${numRows.toLocaleString('en-US')} rows, ${numCols.toLocaleString('en-US')} columns and ` +
      `${numNonzeros.toLocaleString('en-US')} non-zeros${mip ? ' (a MIP)' : ''} need about ${mb(estimatedBytes)} of memory, and its runtime cannot grow past ` +
      `${mb(HIGHS_MEMORY_LIMIT_BYTES)} (2 GiB). Make the model smaller (fewer periods or items, or aggregated ones), try GLPK (solver: 'glpk', ` +
      'also WebAssembly, with a footprint of its own), or write the problem out (writeMps of @lumix/core/io) and ' +
      'solve or presolve it with a native solver such as the HiGHS command-line program.',
    { details: { solver: 'highs', reason: 'too-large', estimatedBytes, limitBytes: HIGHS_MEMORY_LIMIT_BYTES, numRows, numCols, numNonzeros, mip } },
  );
}
