import { LumixError } from '../errors.js';
import type { SolverCapabilities } from '../solver/capabilities.js';
import { defineSolver, type DefinedSolver } from '../solver/define-solver.js';
import type { SolveOptions, SolveResult, TerminationStatus } from '../solver/solver.js';
import type { StandardForm } from '../solver/standard-form.js';

/** A scripted answer: arrays may be plain; missing fields get defaults (see {@link createMockSolver}). */
export interface MockAnswer {
  readonly status?: TerminationStatus;
  readonly hasSolution?: boolean;
  readonly objective?: number | null;
  readonly colValues?: ArrayLike<number> | null;
  readonly rowActivities?: ArrayLike<number> | null;
  readonly rowDuals?: ArrayLike<number> | null;
  readonly reducedCosts?: ArrayLike<number> | null;
  readonly stats?: SolveResult['stats'];
  readonly message?: string;
}

/** One step of a script: an answer, a function making one, or an error to throw. */
export type MockStep = MockAnswer | Error | ((problem: StandardForm, options: SolveOptions) => MockAnswer | Promise<MockAnswer>);

/** What {@link createMockSolver} plays. */
export interface MockSolverScript {
  /** Solver name. Default `mock`. */
  readonly name?: string;
  /**
   * Capabilities beyond the defaults. Default: LP, integer, row duals and reduced costs, time
   * limit, MIP gap, presolve toggle. Only flags backed by `solve` itself: the mock has no
   * sessions, IIS or several objectives, so claiming `sessions`, `iis` or `multiObjective` is
   * refused like for any backend.
   */
  readonly capabilities?: Partial<SolverCapabilities>;
  /** Answers, one per solve in order. Default: none (every solve answers as `fallback`). */
  readonly steps?: readonly MockStep[];
  /** Answer once the steps run out. Default: none, and a solve past the script throws `INVALID_STATE`. */
  readonly fallback?: MockStep;
}

/** One solve a {@link MockSolver} received. */
export interface MockCall {
  readonly problem: StandardForm;
  readonly options: SolveOptions;
}

/** A scripted solver that records what it was asked. */
export interface MockSolver extends DefinedSolver {
  /** Every solve that reached the mock (past core's checks), in order. */
  readonly calls: readonly MockCall[];
}

const MOCK_CAPABILITIES: Partial<SolverCapabilities> = {
  integer: true,
  rowDuals: true,
  reducedCosts: true,
  timeLimit: true,
  mipGap: true,
  presolveToggle: true,
};

const toArray = (a: ArrayLike<number> | null | undefined): Float64Array | null => (a === null || a === undefined ? null : Float64Array.from(a));

/**
 * A scripted solver for unit tests of code that calls solvers (core's model and solution
 * layers): it answers each solve with the next step of its script and records the problem and
 * options it received. Made by `defineSolver` like every backend, so options it does not claim
 * are refused before a step is used. Defaults of an answer: status `optimal`; `hasSolution`
 * true when `colValues` are given; objective computed from `colValues` (offset included) unless
 * given; other arrays `null`; `solveMs` 0; `solver` the mock's name.
 */
export function createMockSolver(script: MockSolverScript = {}): MockSolver {
  const calls: MockCall[] = [];
  const name = script.name ?? 'mock';
  const steps = script.steps ?? [];
  const definition = {
    name,
    capabilities: { ...MOCK_CAPABILITIES, ...script.capabilities },
    calls,
    async solve(problem: StandardForm, options: SolveOptions): Promise<SolveResult> {
      const index = calls.length;
      calls.push({ problem, options });
      const step = index < steps.length ? steps[index] : script.fallback;
      if (step === undefined) {
        throw new LumixError('INVALID_STATE', `Mock solver '${name}' was asked for solve #${index + 1}, but its script has ${steps.length} step(s) and no fallback; add a step.`);
      }
      if (step instanceof Error) throw step;
      const answer = typeof step === 'function' ? await step(problem, options) : step;
      return complete(name, problem, answer);
    },
  };
  // defineSolver copies `calls`, a property it does not consume, onto the solver it makes.
  return defineSolver(definition) as MockSolver;
}

function complete(name: string, p: StandardForm, a: MockAnswer): SolveResult {
  const colValues = toArray(a.colValues);
  const hasSolution = a.hasSolution ?? colValues !== null;
  let objective = a.objective;
  if (objective === undefined) {
    if (colValues !== null) {
      let z = p.objectiveOffset;
      for (let j = 0; j < Math.min(p.numCols, colValues.length); j++) z += p.colCost[j]! * colValues[j]!;
      objective = z;
    } else {
      objective = null;
    }
  }
  const result: SolveResult = {
    solver: name,
    status: a.status ?? 'optimal',
    hasSolution,
    objective,
    colValues,
    rowActivities: toArray(a.rowActivities),
    rowDuals: toArray(a.rowDuals),
    reducedCosts: toArray(a.reducedCosts),
    stats: a.stats ?? { solveMs: 0 },
  };
  return a.message === undefined ? result : { ...result, message: a.message };
}
