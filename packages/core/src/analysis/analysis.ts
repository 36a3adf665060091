import { LumixError } from '../errors.js';
import type { Key } from '../model/key-index.js';
import type { CompiledModel, Model } from '../model/model.js';
import { defineSolver, type DefinedSession, type DefinedSolver } from '../solver/define-solver.js';
import { isSolver, type SolveOptions, type Solver, type TerminationStatus } from '../solver/solver.js';
import type { StandardForm } from '../solver/standard-form.js';
import { Addressing, type ColumnFamilyRef, type RowFamilyRef } from './address.js';
import { applyChanges, ProblemState, type AnalysisChange, type AppliedChange } from './changes.js';
import { explainInfeasibility, type ExplainOptions, type InfeasibilityExplanation } from './explain.js';
import { makeRun, type AnalysisRun, type ResolvePath } from './run.js';
import { runScenarios, type Scenario, type ScenarioComparison, type ScenarioOptions } from './scenarios.js';
import { sensitivityReport, type SensitivityOptions, type SensitivityReport } from './sensitivity.js';

/** Options of {@link openAnalysis}: the solver, solve options for every solve, and the path. */
export interface AnalysisOptions extends SolveOptions {
  /** The solver (any {@link Solver}); one that claims `sessions` is used warm. */
  readonly solver: Solver;
  /** `false` re-solves by rebuilding even when the solver has sessions (to compare the paths). Default `true`. */
  readonly warm?: boolean;
}

/** A variable whose value a change moved. */
export interface DecisionChange {
  readonly family: string;
  readonly key: Key;
  readonly item: unknown;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

/** The answer to one what-if: the new optimum against the baseline's. */
export interface WhatIfResult extends AnalysisRun {
  /** The baseline objective. */
  readonly baseline: number | null;
  /** `objective − baseline`; `null` when either has no point. */
  readonly delta: number | null;
  /** `delta / |baseline| × 100`; `null` when undefined (no point, or a baseline of 0). */
  readonly deltaPct: number | null;
  /** What the changes moved (rows and columns, before and after). */
  readonly changes: readonly AppliedChange[];
  /** Variables whose value moved by more than the tolerance, by family and key. */
  readonly changedDecisions: readonly DecisionChange[];
}

/** What a sweep moves, without the value: a right-hand side, a variable's cost, or one bound of a variable. */
export type SweepTarget =
  | { readonly rhs: RowFamilyRef; readonly key?: unknown }
  | { readonly cost: ColumnFamilyRef; readonly key: unknown }
  | { readonly bounds: ColumnFamilyRef; readonly key: unknown; readonly side: 'lb' | 'ub' };

/** One point of a sweep: the value set, and the what-if it gave. */
export interface SweepPoint extends WhatIfResult {
  readonly value: number;
}

/** One row of a bottleneck scan. */
export interface BottleneckEntry {
  readonly family: string;
  readonly key: Key | undefined;
  readonly item: unknown;
  readonly row: number;
  /** The objective after `+δ` on this row's right-hand side (null without a point). */
  readonly objective: number | null;
  readonly delta: number | null;
  /** `delta / δ`: the objective's change per unit of right-hand side (in the model's sense). */
  readonly rate: number | null;
  readonly status: TerminationStatus;
}

/** Tolerance under which a decision counts as unchanged, relative to max(1, |value|). */
const DECISION_TOLERANCE = 1e-7;

/**
 * An analysis of one model with one solver: compiled once, the baseline solved once, then
 * changes by family and key, warm re-solves, what-ifs, sweeps, bottleneck scans, scenarios,
 * a sensitivity report and an explanation of infeasibility. Made by {@link openAnalysis};
 * dispose it when done (it may hold a solver session).
 *
 * Sign convention, once for every analysis: a dual (shadow price) or a rate is the change of
 * the objective per unit increase of the right-hand side, **in the model's own sense** (for a
 * `min` model a negative dual means more of that resource lowers the cost; for `max`, a positive
 * dual means it raises the profit).
 */
export class Analysis implements Disposable {
  /** The changes made since the last {@link reset} (empty at the baseline). */
  private pending: AppliedChange[] = [];

  /** @internal Use {@link openAnalysis}. */
  constructor(
    /** The model analysed. */
    readonly model: Model,
    /** The compiled baseline: the problem and the index ↔ family/key maps (`row(i)`, `column(j)`). */
    readonly compiled: CompiledModel,
    private readonly solver: DefinedSolver,
    private readonly options: SolveOptions,
    private readonly session: DefinedSession | undefined,
    private readonly state: ProblemState,
    private readonly at: Addressing,
    /** The baseline solve. */
    readonly baseline: AnalysisRun,
  ) {}

  /** How this analysis re-solves: `warm` (a solver session) or `rebuild`. */
  get path(): ResolvePath {
    return this.session === undefined ? 'rebuild' : 'warm';
  }

  /** The row index of a constraint family's key or item (omit it for a single constraint). */
  rowIndex(family: RowFamilyRef, keyOrItem?: unknown): number {
    return this.at.row(family, keyOrItem);
  }

  /** The column index of a variable family's key or item. */
  columnIndex(family: ColumnFamilyRef, keyOrItem: unknown): number {
    return this.at.column(family, keyOrItem);
  }

  /** The row indices of a constraint family, in row order. */
  rowIndices(family: RowFamilyRef): number[] {
    return this.at.rows(family);
  }

  /** The column indices of a variable family, in column order. */
  columnIndices(family: ColumnFamilyRef): number[] {
    return this.at.columns(family);
  }

  /** The problem as it is now (baseline plus the changes not reset), as a fresh copy. */
  currentProblem(): StandardForm {
    return this.state.current();
  }

  /** Applies changes (kept until {@link reset}); returns what moved. */
  apply(...changes: AnalysisChange[]): AppliedChange[] {
    this.assertOpen();
    const moved = applyChanges(this.state, this.at, this.compiled, changes);
    this.pending.push(...moved);
    return moved;
  }

  /** Sets the right-hand side of one row (see {@link RhsChange} for which bound that is). */
  setRhs(family: RowFamilyRef, keyOrItem: unknown, value: number): AppliedChange[] {
    return this.apply({ rhs: family, key: keyOrItem, set: value });
  }

  /** Multiplies the right-hand side of one row, or of every row of the family when `keyOrItem` is undefined. */
  scaleRhs(family: RowFamilyRef, keyOrItem: unknown, factor: number): AppliedChange[] {
    return this.apply({ rhs: family, key: keyOrItem, scale: factor });
  }

  /** Sets both bounds of one row. */
  setRowBounds(family: RowFamilyRef, keyOrItem: unknown, lb: number, ub: number): AppliedChange[] {
    return this.apply({ rowBounds: family, key: keyOrItem, lb, ub });
  }

  /** Sets the bounds of one variable (`undefined` keeps a bound). */
  setBounds(family: ColumnFamilyRef, keyOrItem: unknown, lb: number | undefined, ub: number | undefined): AppliedChange[] {
    return this.apply({ bounds: family, key: keyOrItem, ...(lb === undefined ? {} : { lb }), ...(ub === undefined ? {} : { ub }) });
  }

  /** Sets the objective coefficient of one variable. */
  setCost(family: ColumnFamilyRef, keyOrItem: unknown, cost: number): AppliedChange[] {
    return this.apply({ cost: family, key: keyOrItem, set: cost });
  }

  /** Undoes every change since the baseline, without a rebuild (only the changed rows and columns are written back). */
  reset(): void {
    this.assertOpen();
    this.state.reset();
    this.pending = [];
  }

  /** Solves the problem as it is now: warm in a session, else by handing the changed problem to the solver. */
  async solve(): Promise<AnalysisRun> {
    this.assertOpen();
    const problem = this.state.current();
    const t0 = performance.now();
    const result = this.session !== undefined ? await this.session.solve() : await this.solver.solve(problem, this.options);
    return makeRun(this.model, this.compiled, problem, result, this.path, performance.now() - t0, this.options, this.pending.length);
  }

  /**
   * What if these changes were made? Applies them to the baseline (earlier changes must have
   * been reset), re-solves, compares with the baseline and undoes them again.
   */
  async whatIf(...changes: AnalysisChange[]): Promise<WhatIfResult> {
    this.assertOpen();
    if (this.state.changed) {
      throw new LumixError('INVALID_STATE', 'whatIf compares against the baseline, but changes made with apply/set… are still in place; call reset() first.');
    }
    try {
      const moved = this.apply(...changes);
      const run = await this.solve();
      return this.compare(run, moved);
    } finally {
      this.reset();
    }
  }

  /** A what-if per value: `target` set to each value in turn, from the baseline each time. */
  async sweep(target: SweepTarget, values: readonly number[]): Promise<SweepPoint[]> {
    const out: SweepPoint[] = [];
    for (const value of values) {
      let change: AnalysisChange;
      if ('rhs' in target) change = { rhs: target.rhs, key: target.key, set: value };
      else if ('cost' in target) change = { cost: target.cost, key: target.key, set: value };
      else change = { bounds: target.bounds, key: target.key, [target.side]: value };
      out.push({ value, ...(await this.whatIf(change)) });
    }
    return out;
  }

  /**
   * A bottleneck scan: `+delta` on the right-hand side of each row of the family (each from the
   * baseline), ranked by how much the objective improves per unit (`rate = Δ/δ`; for `max` the
   * largest rate first, for `min` the most negative), ties in row order; rows whose change left
   * no solution come last.
   */
  async bottlenecks(family: RowFamilyRef, delta: number, where?: (item: never) => boolean): Promise<BottleneckEntry[]> {
    if (!Number.isFinite(delta) || delta === 0) {
      throw new LumixError('INVALID_ARGUMENT', `bottlenecks needs a finite, non-zero step; got ${delta}.`);
    }
    const entries: BottleneckEntry[] = [];
    for (const i of this.at.rows(family, where as ((item: unknown) => boolean) | undefined)) {
      const r = this.compiled.row(i);
      const w = await this.whatIf({ rhs: family, key: r.key, by: delta });
      entries.push({
        family: r.family,
        key: r.key,
        item: r.item,
        row: i,
        objective: w.objective,
        delta: w.delta,
        rate: w.delta === null ? null : w.delta / delta,
        status: w.status,
      });
    }
    const sign = this.compiled.problem.sense === 'max' ? 1 : -1;
    const gain = (e: BottleneckEntry) => (e.rate === null ? Number.NEGATIVE_INFINITY : sign * e.rate);
    return entries
      .map((e, k) => ({ e, k }))
      .sort((a, b) => gain(b.e) - gain(a.e) || a.k - b.k)
      .map(({ e }) => e);
  }

  /**
   * Runs named scenarios against the baseline and compares them: objective, Δ and Δ% vs the
   * baseline, status, solve time, your metrics, and each scenario's {@link Solution} (which an
   * ORM adapter stores with `saveRun(solution, { label: name })`). See {@link Scenario}.
   */
  async scenarios(list: readonly Scenario[], options: ScenarioOptions = {}): Promise<ScenarioComparison> {
    this.assertOpen();
    if (this.state.changed) {
      throw new LumixError('INVALID_STATE', 'scenarios run from the baseline, but changes are still in place; call reset() first.');
    }
    return runScenarios(this, list, options, {
      solver: this.solver,
      options: this.options,
    });
  }

  /**
   * Sensitivity of the problem as it is now (an LP): shadow prices, reduced costs, activities,
   * slacks, binding rows, ranging where the solver claims it, by family and key; and the
   * bottleneck ranking by |shadow price|.
   */
  async sensitivity(options: SensitivityOptions = {}): Promise<SensitivityReport> {
    this.assertOpen();
    return sensitivityReport(this.compiled, this.at, this.state.current(), this.solver, this.session, this.options, options);
  }

  /**
   * Why is the problem (as it is now) infeasible? An irreducible infeasible set as families,
   * keys and items (HiGHS' IIS, or an elastic filter on solvers without `iis`), and the smallest
   * total relaxation of the rows that makes it feasible. See {@link InfeasibilityExplanation}.
   */
  async explain(options: ExplainOptions = {}): Promise<InfeasibilityExplanation> {
    this.assertOpen();
    return explainInfeasibility(this.compiled, this.state.current(), this.solver, this.options, options);
  }

  /** @internal The what-if comparison of a run against the baseline. */
  compare(run: AnalysisRun, moved: readonly AppliedChange[]): WhatIfResult {
    const base = this.baseline.objective;
    const delta = run.objective === null || base === null ? null : run.objective - base;
    const deltaPct = delta === null || base === null || base === 0 ? null : (delta / Math.abs(base)) * 100;
    const changedDecisions: DecisionChange[] = [];
    const x0 = this.baseline.solution.result.colValues;
    const x1 = run.solution.result.colValues;
    if (x0 !== null && x1 !== null && run.hasSolution && this.baseline.hasSolution) {
      for (let j = 0; j < x0.length; j++) {
        const d = x1[j]! - x0[j]!;
        if (Math.abs(d) > DECISION_TOLERANCE * Math.max(1, Math.abs(x0[j]!))) {
          const c = this.compiled.column(j);
          changedDecisions.push({ family: c.family, key: c.key, item: c.item, before: x0[j]!, after: x1[j]!, delta: d });
        }
      }
    }
    return { ...run, baseline: base, delta, deltaPct, changes: moved, changedDecisions };
  }

  /** Closes the solver session, if any. Idempotent. */
  dispose(): void {
    this.session?.dispose();
    this.closed = true;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  private closed = false;

  private assertOpen(): void {
    if (this.closed) throw new LumixError('INVALID_STATE', 'This analysis was disposed; open a new one with openAnalysis(model, { solver }).');
  }
}

/**
 * Opens an analysis of a model: compiles it once, opens a solver session when the solver claims
 * `sessions` (else every re-solve rebuilds: same answers, slower; `analysis.path` says which),
 * and solves the baseline.
 *
 * @example
 * const a = await openAnalysis(model, { solver: createHighsSolver() });
 * const w = await a.whatIf({ rhs: 'material', key: [1, 1], by: 100 }); // w.objective, w.delta, w.changedDecisions
 * a.dispose();
 * @throws LumixError `INVALID_ARGUMENT` without a solver; the model's build errors.
 */
export async function openAnalysis(model: Model, options: AnalysisOptions): Promise<Analysis> {
  const { solver, warm, ...solveOptions } = options ?? ({} as Partial<AnalysisOptions>);
  if (!isSolver(solver)) {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `openAnalysis(model '${model?.name}') needs { solver }: a Solver instance such as createHighsSolver() from @lumix/solver-highs.`,
    );
  }
  const front = defineSolver(solver);
  const compiled = await model.compile();
  const at = new Addressing(model);
  at.snapshot(compiled);
  const useSession = warm !== false && front.capabilities.sessions;
  const session = useSession ? await front.open(compiled.problem, solveOptions) : undefined;
  try {
    const state = new ProblemState(compiled.problem, session);
    const t0 = performance.now();
    const result = session !== undefined ? await session.solve() : await front.solve(compiled.problem, solveOptions);
    const baseline = makeRun(model, compiled, compiled.problem, result, useSession ? 'warm' : 'rebuild', performance.now() - t0, solveOptions, 0);
    return new Analysis(model, compiled, front, solveOptions, session, state, at, baseline);
  } catch (e) {
    session?.dispose();
    throw e;
  }
}
