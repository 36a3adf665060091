// A problem's numbers in one SharedArrayBuffer: copied once on the main thread, read in place by
// every pool worker that solves it (no structured clone of the arrays per job).
import type { StandardForm } from '@lumix/core';

/** A {@link StandardForm} without its name functions, its arrays views of one shared buffer. */
export interface PackedProblem {
  readonly name: string;
  readonly sense: StandardForm['sense'];
  readonly objectiveOffset: number;
  readonly numCols: number;
  readonly numRows: number;
  readonly nonZeros: number;
  readonly buffer: SharedArrayBuffer;
}

/** Byte offsets of each array in the buffer: the Float64 arrays first, then Int32, then Uint8 (so every view is aligned). */
function layout(n: number, m: number, nnz: number) {
  const f = 8;
  const colCost = 0;
  const colLower = colCost + n * f;
  const colUpper = colLower + n * f;
  const rowLower = colUpper + n * f;
  const rowUpper = rowLower + m * f;
  const value = rowUpper + m * f;
  const rowStart = value + nnz * f;
  const colIndex = rowStart + (m + 1) * 4;
  const colIntegral = colIndex + nnz * 4;
  const bytes = colIntegral + n;
  return { colCost, colLower, colUpper, rowLower, rowUpper, value, rowStart, colIndex, colIntegral, bytes };
}

/** Copies a problem's arrays into one new SharedArrayBuffer. Linear in rows, columns and non-zeros. */
export function packProblem(p: StandardForm): PackedProblem {
  const n = p.numCols;
  const m = p.numRows;
  const nnz = p.rowStart[m]!;
  const at = layout(n, m, nnz);
  const buffer = new SharedArrayBuffer(Math.max(1, at.bytes));
  new Float64Array(buffer, at.colCost, n).set(p.colCost);
  new Float64Array(buffer, at.colLower, n).set(p.colLower);
  new Float64Array(buffer, at.colUpper, n).set(p.colUpper);
  new Float64Array(buffer, at.rowLower, m).set(p.rowLower);
  new Float64Array(buffer, at.rowUpper, m).set(p.rowUpper);
  new Float64Array(buffer, at.value, nnz).set(p.value.subarray(0, nnz));
  new Int32Array(buffer, at.rowStart, m + 1).set(p.rowStart.subarray(0, m + 1));
  new Int32Array(buffer, at.colIndex, nnz).set(p.colIndex.subarray(0, nnz));
  new Uint8Array(buffer, at.colIntegral, n).set(p.colIntegral);
  return { name: p.name, sense: p.sense, objectiveOffset: p.objectiveOffset, numCols: n, numRows: m, nonZeros: nnz, buffer };
}

/** The problem again, its arrays views of the shared buffer (nothing copied); columns and rows named `x{j}` and `r{i}`. */
export function unpackProblem(p: PackedProblem): StandardForm {
  const { numCols: n, numRows: m, nonZeros: nnz, buffer } = p;
  const at = layout(n, m, nnz);
  return {
    name: p.name,
    sense: p.sense,
    objectiveOffset: p.objectiveOffset,
    numCols: n,
    numRows: m,
    colCost: new Float64Array(buffer, at.colCost, n),
    colLower: new Float64Array(buffer, at.colLower, n),
    colUpper: new Float64Array(buffer, at.colUpper, n),
    colIntegral: new Uint8Array(buffer, at.colIntegral, n),
    rowLower: new Float64Array(buffer, at.rowLower, m),
    rowUpper: new Float64Array(buffer, at.rowUpper, m),
    rowStart: new Int32Array(buffer, at.rowStart, m + 1),
    colIndex: new Int32Array(buffer, at.colIndex, nnz),
    value: new Float64Array(buffer, at.value, nnz),
    colName: (j) => `x${j}`,
    rowName: (i) => `r${i}`,
  };
}
