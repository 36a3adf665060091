import { expect } from 'vitest';
import type { StandardForm } from '../src/index.js';

/** Numbers as a plain array, -0 turned into 0 (the two are the same bound or cost). */
function plain(a: ArrayLike<number>): number[] {
  return Array.from(a, (v) => (v === 0 ? 0 : v));
}

/** Row i as sorted [column, value] pairs (readers may order a row's entries differently). */
function rowEntries(p: StandardForm, i: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = p.rowStart[i]!; k < p.rowStart[i + 1]!; k++) out.push([p.colIndex[k]!, p.value[k]!]);
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * Asserts that two problems are identical: sizes, sense, offset, costs, bounds, integrality
 * and every coefficient, exactly (no tolerance: writers must write numbers that read back exactly).
 */
export function expectSameProblem(a: StandardForm, b: StandardForm): void {
  expect({ rows: b.numRows, cols: b.numCols, nnz: b.value.length, sense: b.sense, offset: b.objectiveOffset }).toEqual({
    rows: a.numRows,
    cols: a.numCols,
    nnz: a.value.length,
    sense: a.sense,
    offset: a.objectiveOffset,
  });
  expect(plain(b.colCost)).toEqual(plain(a.colCost));
  expect(plain(b.colLower)).toEqual(plain(a.colLower));
  expect(plain(b.colUpper)).toEqual(plain(a.colUpper));
  expect(Array.from(b.colIntegral)).toEqual(Array.from(a.colIntegral));
  expect(plain(b.rowLower)).toEqual(plain(a.rowLower));
  expect(plain(b.rowUpper)).toEqual(plain(a.rowUpper));
  for (let i = 0; i < a.numRows; i++) {
    const ea = rowEntries(a, i);
    const eb = rowEntries(b, i);
    if (JSON.stringify(ea) !== JSON.stringify(eb)) expect({ row: b.rowName(i), entries: eb }).toEqual({ row: a.rowName(i), entries: ea });
  }
}

/** Column and row names of a problem, for comparing name tables. */
export function namesOf(p: StandardForm): { cols: string[]; rows: string[] } {
  return {
    cols: Array.from({ length: p.numCols }, (_, j) => p.colName(j)),
    rows: Array.from({ length: p.numRows }, (_, i) => p.rowName(i)),
  };
}
