import { defineCapabilities, type Solver, type SolveResult, type StandardForm, type SolveOptions, type SolverCapabilities } from '../../src/index.js';

/**
 * A solver for core's own tests: returns what `answer` computes from the problem and records
 * every call. Core never loads a WebAssembly solver in its tests.
 */
export function scriptedSolver(
  answer: (p: StandardForm) => Partial<SolveResult>,
  caps: Partial<SolverCapabilities> = { integer: true, rowDuals: true, reducedCosts: true, timeLimit: true, mipGap: true },
): Solver & { calls: Array<{ problem: StandardForm; options: SolveOptions | undefined }> } {
  const calls: Array<{ problem: StandardForm; options: SolveOptions | undefined }> = [];
  return {
    name: 'scripted',
    capabilities: defineCapabilities(caps),
    calls,
    async solve(problem, options) {
      calls.push({ problem, options });
      const a = answer(problem);
      return {
        solver: 'scripted',
        status: 'optimal',
        hasSolution: true,
        objective: 0,
        colValues: new Float64Array(problem.numCols),
        rowActivities: null,
        rowDuals: null,
        reducedCosts: null,
        stats: { solveMs: 0 },
        ...a,
      };
    },
  };
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
