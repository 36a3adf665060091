import type { CompiledModel } from '../model/model.js';
import { Solution } from '../model/solution.js';
import type { SolveOptions, SolveResult, TerminationStatus } from '../solver/solver.js';
import type { StandardForm } from '../solver/standard-form.js';
import type { ModelLike } from './address.js';

/**
 * How an analysis re-solves: `warm` keeps the problem loaded in a solver session and re-solves
 * from the last basis after each change; `rebuild` hands the changed problem to the solver and
 * solves it from scratch (solvers without the `sessions` capability, such as GLPK). Both give the
 * same answers; `warm` is faster.
 */
export type ResolvePath = 'warm' | 'rebuild';

/** One solve of an analysis. */
export interface AnalysisRun {
  readonly status: TerminationStatus;
  readonly hasSolution: boolean;
  /** Objective (offset included), or `null` without a point. */
  readonly objective: number | null;
  /** How it was solved: `warm` (session) or `rebuild`. */
  readonly path: ResolvePath;
  /** Milliseconds of the solve (for `rebuild`, loading the problem into the solver included). */
  readonly solveMs: number;
  /** The full solution, addressed by family and key like `model.solve()`'s; its problem is the changed one. */
  readonly solution: Solution;
}

/** A run of an analysis from a solver result. */
export function makeRun(
  model: ModelLike,
  compiled: CompiledModel,
  problem: StandardForm,
  result: SolveResult,
  path: ResolvePath,
  solveMs: number,
  options: SolveOptions,
  changes: number,
  scenario?: string,
): AnalysisRun {
  const recorded: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) if (typeof v !== 'function' && v !== undefined) recorded[k] = k === 'mipStart' ? true : v;
  recorded['analysis'] = { path, changes, ...(scenario === undefined ? {} : { scenario }) };
  const now = new Date();
  const solution = new Solution(model, { ...compiled, problem }, result, {
    modelName: model.name,
    solver: result.solver,
    status: result.status,
    objective: result.hasSolution ? result.objective : null,
    startedAt: new Date(now.getTime() - solveMs),
    finishedAt: now,
    buildMs: 0,
    solveMs,
    numVariables: problem.numCols,
    numConstraints: problem.numRows,
    numNonzeros: problem.value.length,
    options: recorded,
  });
  return {
    status: result.status,
    hasSolution: result.hasSolution,
    objective: result.hasSolution ? result.objective : null,
    path,
    solveMs,
    solution,
  };
}
