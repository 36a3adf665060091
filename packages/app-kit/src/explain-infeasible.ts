import { openAnalysis, type ExplainedMember, type InfeasibilityExplanation, type Model, type Solver } from '@lumix/core';

/** Options of {@link explainInfeasibleModel}. */
export interface ExplainInfeasibleOptions {
  readonly solver: Solver;
  /**
   * Names of the model's goal families (`model.goal(...)`): their rows may be missed, so they are
   * freed before the explanation and never named in it.
   */
  readonly goalFamilies?: readonly string[];
  /** Seconds each solve of the explanation may take. Default 60. */
  readonly timeLimit?: number;
  /**
   * Seconds the elastic filter may take in all (a few LP solves per member), for a solver that
   * claims `cancel` but no `iis` (GLPK in a worker): then it is given up. Default 120. (The IIS path
   * is a handful of solves, each within `timeLimit`.)
   */
  readonly budget?: number;
  /** Stops the elastic filter early (Ctrl-C), on the same solvers as `budget`. */
  readonly signal?: AbortSignal;
}

/**
 * Why a model has no feasible point, through core's `openAnalysis(model).explain()`: the
 * solver's IIS when it claims `iis` (HiGHS), an elastic filter otherwise (GLPK), on the LP
 * relaxation of a MIP. Goal rows are freed first (they are soft), so the explanation names only
 * the hard rows and bounds. `null` when the explanation itself fails or runs out of time (a solve
 * past `timeLimit`, the whole past `budget`, or `signal`): the caller then falls back to its own
 * diagnosis.
 */
export async function explainInfeasibleModel(model: Model, options: ExplainInfeasibleOptions): Promise<InfeasibilityExplanation | null> {
  try {
    const budget = AbortSignal.timeout((options.budget ?? 120) * 1000);
    const signal = options.signal === undefined ? budget : AbortSignal.any([budget, options.signal]);
    const analysis = await openAnalysis(model, {
      solver: options.solver,
      timeLimit: options.timeLimit ?? 60,
      warm: false,
      // Only for the elastic filter (many solves): core's explain hands its solve options to
      // computeIis too, which refuses a signal (checkSolveRequest), so a solver with an IIS gets none.
      ...(options.solver.capabilities.cancel && !options.solver.capabilities.iis ? { signal } : {}),
    });
    try {
      for (const family of options.goalFamilies ?? []) analysis.apply({ rowBounds: family, lb: Number.NEGATIVE_INFINITY, ub: Number.POSITIVE_INFINITY });
      return await analysis.explain();
    } finally {
      analysis.dispose();
    }
  } catch {
    return null;
  }
}

/** The members of an explanation (rows, then columns) grouped by family, in the order they first appear. */
export function membersByFamily(members: readonly ExplainedMember[]): Map<string, ExplainedMember[]> {
  const out = new Map<string, ExplainedMember[]>();
  for (const m of members) {
    const list = out.get(m.family);
    if (list === undefined) out.set(m.family, [m]);
    else list.push(m);
  }
  return out;
}

/** How the explanation was found, for the console: `the IIS from highs on the LP relaxation` or `an elastic filter with glpk on the LP relaxation`. */
export function explanationMethod(e: InfeasibilityExplanation, solverName: string): string {
  if (e.method === 'iis') return `the irreducible infeasible set (IIS) from ${solverName} on the LP relaxation`;
  if (e.method === 'elastic') return `an elastic filter with ${solverName} on the LP relaxation`;
  return 'no explanation';
}
