import { LumixError } from '../errors.js';
import type { CompiledModel, Model } from '../model/model.js';
import type { ModelLike } from './address.js';
import type { Solution } from '../model/solution.js';
import type { DefinedSolver } from '../solver/define-solver.js';
import type { SolveOptions, TerminationStatus } from '../solver/solver.js';
import { makeRun, type AnalysisRun, type ResolvePath } from './run.js';
import type { AppliedChange } from './changes.js';
import type { AnalysisChange } from './changes.js';

/**
 * A named scenario: changes to the baseline (multipliers or new values on right-hand sides,
 * bounds, costs — see {@link AnalysisChange}), or changed data: `model` returns a model declared
 * from the scenario's data (read again through its sources, e.g. another database or the
 * baseline's records with a multiplier applied), which is compiled and solved from scratch.
 * Give one of the two.
 */
export interface Scenario {
  /** The scenario's name: the row of the comparison, and the run name to save its solution under. */
  readonly name: string;
  /** Free text shown with the comparison. */
  readonly description?: string;
  /** Changes to the baseline, applied together and undone afterwards. */
  readonly changes?: readonly AnalysisChange[];
  /** A model built from the scenario's data (its own sources); compiled and solved cold. */
  readonly model?: () => Model | Promise<Model>;
}

/** A number computed from a scenario's solution (run only when it has a point). */
export type ScenarioMetric = (solution: Solution) => number;

/**
 * Runs independent jobs and returns their results in order. The analysis uses the sequential
 * one; a worker pool can be swapped in for scenarios that rebuild (see {@link ScenarioOptions.runner}).
 */
export type JobRunner = <T>(jobs: ReadonlyArray<() => Promise<T>>) => Promise<T[]>;

/** Runs jobs one after the other. */
export const sequentialRunner: JobRunner = async <T>(jobs: ReadonlyArray<() => Promise<T>>): Promise<T[]> => {
  const out: T[] = [];
  for (const job of jobs) out.push(await job());
  return out;
};

/** Options of `analysis.scenarios`. */
export interface ScenarioOptions {
  /** Metrics per scenario, by name: e.g. `{ wood: (s) => s.activity('material', [1, 1]) }`. */
  readonly metrics?: Readonly<Record<string, ScenarioMetric>>;
  /**
   * Runs the scenarios that carry a `model` (independent: each builds and solves its own
   * problem). Scenarios of changes share the analysis' solver session and always run one after
   * the other. Default {@link sequentialRunner}.
   */
  readonly runner?: JobRunner;
}

/** One scenario's line of the comparison. */
export interface ScenarioResult {
  readonly name: string;
  readonly description: string | undefined;
  readonly status: TerminationStatus;
  readonly objective: number | null;
  /** `objective − baseline objective`; null when either has no point. */
  readonly delta: number | null;
  /** `delta / |baseline| × 100`; null when undefined. */
  readonly deltaPct: number | null;
  readonly solveMs: number;
  /** `warm`, `rebuild` (changes on a solver without sessions), or `model` (rebuilt from changed data). */
  readonly path: ResolvePath | 'model';
  /** Each metric's value; null when the scenario has no point. */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** The scenario's solution; its `run.options.analysis.scenario` is the scenario name. */
  readonly solution: Solution;
}

/** The comparison of scenarios against one baseline. */
export interface ScenarioComparison {
  readonly baseline: { readonly objective: number | null; readonly status: TerminationStatus; readonly metrics: Readonly<Record<string, number | null>> };
  readonly scenarios: readonly ScenarioResult[];
  /** The scenario of this name. @throws LumixError `UNKNOWN_KEY`. */
  get(name: string): ScenarioResult;
}

function metricsOf(metrics: Readonly<Record<string, ScenarioMetric>>, solution: Solution): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, f] of Object.entries(metrics)) out[k] = solution.hasSolution ? f(solution) : null;
  return out;
}

/** What the scenario runner needs of an analysis. */
interface ScenarioHost {
  readonly model: ModelLike;
  readonly compiled: CompiledModel;
  readonly baseline: AnalysisRun;
  apply(...changes: AnalysisChange[]): AppliedChange[];
  solve(): Promise<AnalysisRun>;
  reset(): void;
}

/** @internal The scenario runner behind `analysis.scenarios`. */
export async function runScenarios(
  analysis: ScenarioHost,
  list: readonly Scenario[],
  options: ScenarioOptions,
  ctx: { solver: DefinedSolver; options: SolveOptions },
): Promise<ScenarioComparison> {
  const metrics = options.metrics ?? {};
  const names = new Set<string>();
  for (const s of list) {
    if (typeof s?.name !== 'string' || s.name === '') throw new LumixError('INVALID_ARGUMENT', 'Every scenario needs a non-empty name.');
    if (names.has(s.name))
      throw new LumixError('DUPLICATE_KEY', `Two scenarios are named '${s.name}'; names must be unique (they name the saved runs).`, {
        details: { scenario: s.name },
      });
    names.add(s.name);
    if (s.changes !== undefined && s.model !== undefined) {
      throw new LumixError('INVALID_ARGUMENT', `Scenario '${s.name}' has both changes and a model; give one of them.`, { details: { scenario: s.name } });
    }
  }
  const base = analysis.baseline;
  const finish = (
    s: Scenario,
    run: { status: TerminationStatus; objective: number | null; solveMs: number; solution: Solution },
    path: ScenarioResult['path'],
  ): ScenarioResult => {
    const delta = run.objective === null || base.objective === null ? null : run.objective - base.objective;
    const deltaPct = delta === null || base.objective === null || base.objective === 0 ? null : (delta / Math.abs(base.objective)) * 100;
    return {
      name: s.name,
      description: s.description,
      status: run.status,
      objective: run.objective,
      delta,
      deltaPct,
      solveMs: run.solveMs,
      path,
      metrics: metricsOf(metrics, run.solution),
      solution: run.solution,
    };
  };
  const results = new Map<string, ScenarioResult>();
  // Scenarios of changes: one after the other on the analysis (they share its session).
  for (const s of list) {
    if (s.model !== undefined) continue;
    try {
      const moved = analysis.apply(...(s.changes ?? []));
      const run = await analysis.solve();
      const tagged = makeRun(
        analysis.model,
        analysis.compiled,
        run.solution.compiled.problem,
        run.solution.result,
        run.path,
        run.solveMs,
        ctx.options,
        moved.length,
        s.name,
      );
      results.set(s.name, finish(s, tagged, run.path));
    } finally {
      analysis.reset();
    }
  }
  // Scenarios of changed data: independent jobs.
  const jobs = list
    .filter((s) => s.model !== undefined)
    .map((s) => async (): Promise<ScenarioResult> => {
      const model = await s.model!();
      const compiled = await model.compile();
      const t0 = performance.now();
      const result = await ctx.solver.solve(compiled.problem, ctx.options);
      const run = makeRun(model, compiled, compiled.problem, result, 'rebuild', performance.now() - t0, ctx.options, 0, s.name);
      return finish(s, run, 'model');
    });
  for (const r of await (options.runner ?? sequentialRunner)(jobs)) results.set(r.name, r);
  const scenarios = list.map((s) => results.get(s.name)!);
  return {
    baseline: { objective: base.objective, status: base.status, metrics: metricsOf(metrics, base.solution) },
    scenarios,
    get(name: string): ScenarioResult {
      const r = results.get(name);
      if (r === undefined) throw new LumixError('UNKNOWN_KEY', `No scenario named '${name}' in this comparison.`, { details: { scenario: name } });
      return r;
    },
  };
}
