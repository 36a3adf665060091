import type { LinearObjectiveInput, Model } from 'highs';
import { isMip, type LexicographicObjective, type LexicographicResult, type StandardForm } from '@lumix/core';
import { loadHighs } from './load-highs.js';
import { toHighsOptions } from './highs-options.js';
import { applyMipStart, asLumixError, disposeQuietly, expiredResult, loadModel, remainingTime, runAndRead, type HighsSolveOptions } from './highs-run.js';

/**
 * Lexicographic optimisation with HiGHS' multi-objective support (`passLinearObjectives`):
 * objectives in priority order, each kept within its tolerance of its optimum while the later
 * ones are optimised. HiGHS blends the objectives into one weighted sum unless
 * `blend_multi_objectives` is off, so it is switched off here, after `raw` options. The
 * problem's own objective is replaced by the list.
 *
 * HiGHS bounds each objective's degradation by min(absolute, relative·|optimum|); core's
 * "give one tolerance and only that one applies" maps a missing absolute one to Infinity and a
 * missing relative one to {@link UNLIMITED_RELATIVE}, not Infinity: HiGHS multiplies it by the
 * optimum, and Infinity·0 is NaN, which left the level unbounded when its optimum was 0. The one
 * case where the mapping is stricter than asked: an objective whose optimum is exactly 0 with only
 * an absolute tolerance gives up nothing (the relative term is 0 there).
 */
export async function solveLexicographic(problem: StandardForm, objectives: readonly LexicographicObjective[], opts: HighsSolveOptions): Promise<LexicographicResult> {
  const started = performance.now();
  const highsOptions = toHighsOptions(opts);
  const highs = await loadHighs();
  const mip = isMip(problem);
  if (problem.numCols === 0) return withoutColumns(problem, objectives);
  let model: Model | undefined;
  try {
    model = loadModel(highs, problem, { ...highsOptions, blend_multi_objectives: false }, mip);
    const left = remainingTime(opts, started);
    if (left !== undefined) {
      if (left <= 0) {
        // No point: a MIP start's objectives are not computed here.
        const { mipStart: _start, ...withoutStart } = opts;
        return { ...expiredResult(problem, withoutStart, started), objectiveValues: null };
      }
      model.options.set('time_limit', left);
    }
    model.passLinearObjectives(objectives.map((o, k) => toHighsObjective(o, objectives.length - k)));
    if (opts.mipStart !== undefined) applyMipStart(model, opts.mipStart);
    const r = runAndRead(highs, model, mip, { ...opts, ranging: false }, started);
    const values = r.colValues === null ? null : Float64Array.from(objectives, (o) => objectiveAt(o, r.colValues!));
    return {
      ...r,
      objective: values === null ? null : values[0]!,
      objectiveValues: values,
      rowDuals: null,
      reducedCosts: null,
      basis: null,
      ranging: null,
    };
  } catch (e) {
    throw asLumixError(e);
  } finally {
    disposeQuietly(model);
  }
}

/** A relative tolerance that never binds unless the optimum is exactly 0 (finite, so that 0 times it is 0, not NaN). */
const UNLIMITED_RELATIVE = 1e300;

function toHighsObjective(o: LexicographicObjective, priority: number): LinearObjectiveInput {
  const neither = o.absoluteTolerance === undefined && o.relativeTolerance === undefined;
  return {
    // HiGHS minimises each objective times its weight: -1 maximises.
    weight: o.sense === 'max' ? -1 : 1,
    offset: o.offset ?? 0,
    coefficients: Float64Array.from(o.coefficients),
    absoluteTolerance: o.absoluteTolerance ?? (neither ? 0 : Number.POSITIVE_INFINITY),
    relativeTolerance: o.relativeTolerance ?? (neither ? 0 : UNLIMITED_RELATIVE),
    // Larger priorities are optimised first.
    priority,
  };
}

function objectiveAt(o: LexicographicObjective, x: Float64Array): number {
  let z = o.offset ?? 0;
  for (let j = 0; j < x.length; j++) z += o.coefficients[j]! * x[j]!;
  return z;
}

/** No columns: every objective is its constant, feasible when every row admits 0. */
function withoutColumns(p: StandardForm, objectives: readonly LexicographicObjective[]): LexicographicResult {
  let feasible = true;
  for (let i = 0; i < p.numRows; i++) if (!(p.rowLower[i]! <= 0 && 0 <= p.rowUpper[i]!)) feasible = false;
  const values = feasible ? Float64Array.from(objectives, (o) => o.offset ?? 0) : null;
  return {
    solver: 'highs', status: feasible ? 'optimal' : 'infeasible', hasSolution: feasible, objective: values === null ? null : values[0]!, objectiveValues: values,
    colValues: feasible ? new Float64Array(0) : null, rowActivities: feasible ? new Float64Array(p.numRows) : null, rowDuals: null, reducedCosts: null,
    stats: { solveMs: 0, iterations: 0 },
    message: feasible ? 'Empty model: every objective is its constant' : 'A row without columns excludes 0, so no point satisfies it',
  };
}
