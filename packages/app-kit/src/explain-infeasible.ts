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
}

/**
 * Why a model has no feasible point, through core's `openAnalysis(model).explain()`: the
 * solver's IIS when it claims `iis` (HiGHS), an elastic filter otherwise (GLPK), on the LP
 * relaxation of a MIP. Goal rows are freed first (they are soft), so the explanation names only
 * the hard rows and bounds. `null` when the explanation itself fails or runs out of time: the
 * caller then falls back to its own diagnosis.
 */
export async function explainInfeasibleModel(model: Model, options: ExplainInfeasibleOptions): Promise<InfeasibilityExplanation | null> {
  try {
    const analysis = await openAnalysis(model, { solver: options.solver, timeLimit: options.timeLimit ?? 60, warm: false });
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
