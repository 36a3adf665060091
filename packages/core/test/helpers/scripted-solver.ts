import { defineCapabilities, type SolveResult, type SolverCapabilities, type StandardForm } from '../../src/index.js';
import { createMockSolver, type MockSolver } from '../../src/testing/index.js';

/**
 * Core's own tests use the one mock solver of `@lumix/core/testing`: every solve answers with
 * what `answer` computes from the problem (a point of zeros unless it says otherwise), and the
 * mock records each call.
 */
export function scriptedSolver(
  answer: (p: StandardForm) => Partial<SolveResult>,
  caps: Partial<SolverCapabilities> = { integer: true, rowDuals: true, reducedCosts: true, timeLimit: true, mipGap: true, logCallback: true },
): MockSolver {
  return createMockSolver({
    name: 'scripted',
    capabilities: defineCapabilities(caps),
    fallback: (problem) => ({ objective: 0, colValues: new Float64Array(problem.numCols), ...answer(problem) }),
  });
}

/** Row `i` of a problem as a map from column name to coefficient. */
export function rowTerms(p: StandardForm, i: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let k = p.rowStart[i]!; k < p.rowStart[i + 1]!; k++) out[p.colName(p.colIndex[k]!)] = p.value[k]!;
  return out;
}

/** Index of the row with this display name. */
export function rowIndex(p: StandardForm, name: string): number {
  for (let i = 0; i < p.numRows; i++) if (p.rowName(i) === name) return i;
  throw new Error(`no row ${name}`);
}
