import { LumixError } from '../errors.js';
import { checkOptionKeys } from '../model/check-options.js';
import type { ConstraintFamily } from '../model/constraint-family.js';
import type { DefinedSolver } from '../solver/define-solver.js';
import type { LexicographicObjective } from '../solver/lexicographic.js';
import type { SolveOptions, SolveResult } from '../solver/solver.js';
import { isMip, type StandardForm } from '../solver/standard-form.js';
import { GOAL_SOLVE_OPTION_KEYS, defaultScale, type GoalDeclaration, type GoalSolveOptions } from './goal.js';
import { buildGoalProblem, type GoalProblem } from './goal-problem.js';
import { GoalReport, type GoalRowReport, type LevelReport, type PriorityReport } from './goal-report.js';

/** What a goal solve gives back to `Model.solve`: a result in the model's own terms, and the report. */
export interface GoalSolveOutcome {
  /**
   * The result over the model's columns and rows: values of the model's columns, activities of
   * its rows (goal rows without their deviations), `objective` the model's own objective at the
   * point. Duals and reduced costs are those of the weighted objective (weighted mode) or null.
   */
  readonly result: SolveResult;
  readonly report: GoalReport;
}

/** Default of each of `levelTolerance.absolute` and `.relative`. */
const DEFAULT_LEVEL_TOLERANCE = 1e-6;
const DEFAULT_SATISFIED_TOLERANCE = 1e-5;
/** Extra room per lock (times max(1, |optimum|)) when a later level is reported infeasible, for the one retry. */
const LOCK_RETRY_SLACK = 1e-6;

/** One objective of a lexicographic solve over the goal problem's columns. */
interface Level {
  readonly name: string;
  readonly priority: number | null;
  readonly sense: 'min' | 'max';
  readonly coefficients: Float64Array;
  readonly offset: number;
}

/**
 * Solves a compiled model's goal program (see {@link GoalSolveOptions}) with `solver` (already
 * behind core's front door) and reports per goal row, per priority and per level.
 */
export async function solveGoalProgram(
  base: StandardForm,
  decls: readonly GoalDeclaration[],
  familyOf: (name: string) => ConstraintFamily | undefined,
  solver: DefinedSolver,
  options: SolveOptions,
  goalOptions: GoalSolveOptions = {},
): Promise<GoalSolveOutcome> {
  checkOptionKeys('Goal solve options (goals:)', goalOptions, GOAL_SOLVE_OPTION_KEYS);
  const mode = goalOptions.mode ?? 'lexicographic';
  if (mode !== 'lexicographic' && mode !== 'weighted') {
    throw new LumixError('INVALID_ARGUMENT', `Goal mode ${JSON.stringify(mode)} is not valid; use 'lexicographic' or 'weighted'.`);
  }
  if (options.ranging === true) {
    throw new LumixError('INVALID_ARGUMENT', `Ranging is not available for a goal solve: it would range the goal problem's objective, not the model's. Solve without 'ranging', or rank what-ifs with the model's own objective.`);
  }
  const scale = scaleOf(goalOptions.scales);
  const satisfiedTolerance = nonNegative(goalOptions.satisfiedTolerance ?? DEFAULT_SATISFIED_TOLERANCE, 'satisfiedTolerance');

  if (mode === 'weighted') {
    const objectiveWeight = goalOptions.objectiveWeight ?? 0;
    if (!Number.isFinite(objectiveWeight)) throw new LumixError('INVALID_NUMBER', `Goal option objectiveWeight is ${objectiveWeight}; use a finite number (default 0).`);
    for (const k of ['levelTolerance', 'method'] as const) {
      if (goalOptions[k] !== undefined) throw new LumixError('INVALID_ARGUMENT', `Goal option '${k}' applies to mode 'lexicographic' only; this solve is 'weighted'.`);
    }
    const gp = buildGoalProblem(base, decls, false);
    const withMipStart = withStart(options, base, gp);
    const cost = new Float64Array(gp.problem.numCols);
    for (const r of gp.rows) {
      const c = scale(r.priority) * r.weight;
      if (r.under >= 0) cost[r.under] = c;
      if (r.over >= 0) cost[r.over] = c;
    }
    let offset = 0;
    if (objectiveWeight !== 0) {
      const sign = base.sense === 'max' ? -objectiveWeight : objectiveWeight;
      for (let j = 0; j < base.numCols; j++) cost[j] = cost[j]! + sign * base.colCost[j]!;
      offset = sign * base.objectiveOffset;
    }
    const r = await solver.solve({ ...gp.problem, colCost: cost, objectiveOffset: offset }, withMipStart);
    return finish(base, gp, r, mode, 'weighted', scale, satisfiedTolerance, r.hasSolution ? r.objective : null, [], familyOf, true);
  }

  if (goalOptions.objectiveWeight !== undefined) {
    throw new LumixError('INVALID_ARGUMENT', `Goal option 'objectiveWeight' applies to mode 'weighted' only; this solve is 'lexicographic'.`);
  }
  checkOptionKeys('Goal option levelTolerance', goalOptions.levelTolerance, ['absolute', 'relative']);
  // Both always finite and given: HiGHS reads a missing or infinite one as "no limit at all".
  const tol = {
    absolute: nonNegative(goalOptions.levelTolerance?.absolute ?? DEFAULT_LEVEL_TOLERANCE, 'levelTolerance.absolute'),
    relative: nonNegative(goalOptions.levelTolerance?.relative ?? DEFAULT_LEVEL_TOLERANCE, 'levelTolerance.relative'),
  };
  const requested = goalOptions.method ?? 'auto';
  if (!['auto', 'native', 'session', 'rebuild'].includes(requested)) {
    throw new LumixError('INVALID_ARGUMENT', `Goal option method ${JSON.stringify(requested)} is not valid; use 'auto', 'native', 'session' or 'rebuild'.`);
  }
  const caps = solver.capabilities;
  const method = requested !== 'auto' ? requested : caps.multiObjective ? 'native' : caps.sessions ? 'session' : 'rebuild';
  const gp = buildGoalProblem(base, decls, method !== 'native');
  const levelOptions = withStart(options, base, gp);
  const levels: Level[] = gp.priorities.map((p) => ({ name: `priority ${p}`, priority: p, sense: 'min', coefficients: gp.levelCoefficients(p), offset: 0 }));
  // The model's own objective is the last level; with no goal row and no objective the one level is it anyway (a feasibility solve).
  if (hasObjective(base) || levels.length === 0) {
    const c = new Float64Array(gp.problem.numCols);
    c.set(base.colCost);
    levels.push({ name: 'objective', priority: null, sense: base.sense, coefficients: c, offset: base.objectiveOffset });
  }

  if (method === 'native') {
    const objectives: LexicographicObjective[] = levels.map((l) => ({
      name: l.name,
      sense: l.sense,
      coefficients: l.coefficients,
      offset: l.offset,
      absoluteTolerance: tol.absolute,
      relativeTolerance: tol.relative,
    }));
    const r = await solver.solveLexicographic(gp.problem, objectives, levelOptions);
    const x = r.hasSolution ? r.colValues : null;
    const reports: LevelReport[] = levels.map((l) => {
      const v = x === null ? null : levelValue(l, x);
      return { name: l.name, priority: l.priority, sense: l.sense, optimum: v, value: v, solveMs: null };
    });
    return finish(base, gp, r, mode, 'native', scale, satisfiedTolerance, null, reports, familyOf, false);
  }
  const { last, optima, times } = await solveSequential(gp, levels, tol, solver, levelOptions, method);
  const solveMs = times.reduce((a, b) => a + b, 0);
  const x = last.hasSolution ? last.colValues : null;
  const reports: LevelReport[] = levels.map((l, k) => ({
    name: l.name,
    priority: l.priority,
    sense: l.sense,
    optimum: optima[k] ?? null,
    value: x === null ? null : levelValue(l, x),
    solveMs: times[k] ?? null,
  }));
  return finish(base, gp, { ...last, stats: { ...last.stats, solveMs } }, mode, method, scale, satisfiedTolerance, null, reports, familyOf, false);
}

/**
 * Solves the levels one after the other, on one session or as fresh problems: level k is
 * minimised (or maximised) with every earlier priority's lock row bounded by its optimum plus
 * the tolerance. Stops at the first level that does not end optimal (its status and point, if
 * any, are the result).
 */
async function solveSequential(
  gp: GoalProblem,
  levels: readonly Level[],
  tol: { readonly absolute: number; readonly relative: number },
  solver: DefinedSolver,
  options: SolveOptions,
  method: 'session' | 'rebuild',
): Promise<{ last: SolveResult; optima: number[]; times: number[] }> {
  const p = gp.problem;
  const started = performance.now();
  const limit = options.timeLimit;
  // A MIP start for level k > 0: the previous level's point, which meets every lock so far.
  let start: Float64Array | undefined;
  const startable = solver.capabilities.mipStart && isMip(p);
  const optionsNow = (): SolveOptions => {
    const o = start === undefined ? options : { ...options, mipStart: start };
    if (limit === undefined) return o;
    return { ...o, timeLimit: Math.max(1e-6, limit - (performance.now() - started) / 1000) };
  };
  // Every level is solved as a minimisation; a maximised objective is negated.
  const costs = (l: Level): Float64Array => (l.sense === 'max' ? l.coefficients.map((v) => (v === 0 ? 0 : -v)) : l.coefficients);
  const rowUpper = Float64Array.from(p.rowUpper);
  const optima: number[] = [];
  const times: number[] = [];
  const session = method === 'session' ? await solver.open({ ...p, colCost: costs(levels[0]!) }) : undefined;
  try {
    let last: SolveResult | undefined;
    for (let k = 0; k < levels.length; k++) {
      const level = levels[k]!;
      const t0 = performance.now();
      if (session !== undefined && k > 0) {
        const prev = costs(levels[k - 1]!);
        const now = costs(level);
        for (let j = 0; j < p.numCols; j++) if (prev[j] !== now[j]) session.setColCost(j, now[j]!);
      }
      const solveLevel = (): Promise<SolveResult> =>
        session !== undefined ? session.solve(optionsNow()) : solver.solve({ ...p, colCost: costs(level), rowUpper: Float64Array.from(rowUpper) }, optionsNow());
      last = await solveLevel();
      if (k > 0 && (last.status === 'infeasible' || last.status === 'infeasible-or-unbounded')) {
        // The previous level's point meets every lock, so this is the backend's numerics on a
        // tight lock (seen with HiGHS' MIP solve): widen each lock by LOCK_RETRY_SLACK once and retry.
        for (let j = 0; j < k; j++) {
          const row = gp.lockRowStart + j;
          if (rowUpper[row] === Number.POSITIVE_INFINITY) continue;
          rowUpper[row] = rowUpper[row]! + LOCK_RETRY_SLACK * Math.max(1, Math.abs(optima[j]!));
          session?.setRowBounds(row, Number.NEGATIVE_INFINITY, rowUpper[row]!);
        }
        last = await solveLevel();
      }
      times.push(performance.now() - t0);
      if (last.status !== 'optimal' || !last.hasSolution || last.colValues === null) break;
      const optimum = levelValue(level, last.colValues);
      optima.push(optimum);
      if (startable) start = last.colValues;
      if (level.priority !== null && k < levels.length - 1) {
        const bound = optimum + allowance(optimum, tol);
        const row = gp.lockRowStart + k;
        rowUpper[row] = bound;
        session?.setRowBounds(row, Number.NEGATIVE_INFINITY, bound);
      }
    }
    return { last: last!, optima, times };
  } finally {
    session?.dispose();
  }
}

/**
 * A MIP start over the model's columns (what `mipStart` means to a model), extended to the goal
 * problem: each deviation column gets the deviation of its row at that point, so the start stays
 * feasible; lock rows are free until bounded. A start of any other length is left for the front
 * door to refuse.
 */
function withStart(options: SolveOptions, base: StandardForm, gp: GoalProblem): SolveOptions {
  const x0 = options.mipStart;
  if (x0 === undefined || x0.length !== base.numCols) return options;
  const x = new Float64Array(gp.problem.numCols);
  for (let j = 0; j < base.numCols; j++) x[j] = x0[j]!;
  for (const r of gp.rows) {
    let a = 0;
    for (let k = base.rowStart[r.row]!; k < base.rowStart[r.row + 1]!; k++) a += base.value[k]! * x[base.colIndex[k]!]!;
    if (r.under >= 0) x[r.under] = Math.max(0, base.rowLower[r.row]! - a);
    if (r.over >= 0) x[r.over] = Math.max(0, a - base.rowUpper[r.row]!);
  }
  return { ...options, mipStart: x };
}

/** How far a level may move from `optimum`: min(absolute, relative·|optimum|), as HiGHS applies it natively. */
function allowance(optimum: number, tol: { readonly absolute: number; readonly relative: number }): number {
  return Math.min(tol.absolute, tol.relative * Math.abs(optimum));
}

function levelValue(l: Level, x: ArrayLike<number>): number {
  let z = l.offset;
  for (let j = 0; j < l.coefficients.length; j++) {
    const c = l.coefficients[j]!;
    if (c !== 0) z += c * x[j]!;
  }
  return z;
}

function hasObjective(p: StandardForm): boolean {
  if (p.objectiveOffset !== 0) return true;
  for (let j = 0; j < p.numCols; j++) if (p.colCost[j] !== 0) return true;
  return false;
}

function nonNegative(v: number, name: string): number {
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) {
    throw new LumixError('INVALID_ARGUMENT', `Goal option ${name} is ${String(v)}; it must be a finite number >= 0.`);
  }
  return v;
}

function scaleOf(scales: GoalSolveOptions['scales']): (priority: number) => number {
  const checked = (p: number, s: unknown): number => {
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) {
      throw new LumixError('INVALID_NUMBER', `Goal option scales gives priority ${p} the factor ${String(s)}; factors are finite numbers >= 0.`);
    }
    return s;
  };
  if (scales === undefined) return defaultScale;
  if (typeof scales === 'function') return (p) => checked(p, scales(p));
  if (typeof scales === 'object' && scales !== null) return (p) => checked(p, scales[p] ?? defaultScale(p));
  throw new LumixError('INVALID_ARGUMENT', `Goal option scales must be a record { priority: factor } or a function priority => factor.`);
}

/** The model-level result and the report, from the goal problem's result. */
function finish(
  base: StandardForm,
  gp: GoalProblem,
  r: SolveResult,
  mode: 'lexicographic' | 'weighted',
  method: GoalReport['method'],
  scale: (priority: number) => number,
  satisfiedTolerance: number,
  weightedObjective: number | null,
  levels: LevelReport[],
  familyOf: (name: string) => ConstraintFamily | undefined,
  keepDuals: boolean,
): GoalSolveOutcome {
  const n = base.numCols;
  const m = base.numRows;
  const x = r.hasSolution && r.colValues !== null ? r.colValues.slice(0, n) : null;
  // Activities of the model's rows from the point (a goal row's without its deviation columns).
  let activity: Float64Array | null = null;
  let objective: number | null = null;
  if (x !== null) {
    activity = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let v = 0;
      for (let k = base.rowStart[i]!; k < base.rowStart[i + 1]!; k++) v += base.value[k]! * x[base.colIndex[k]!]!;
      activity[i] = v;
    }
    objective = base.objectiveOffset;
    for (let j = 0; j < n; j++) objective += base.colCost[j]! * x[j]!;
  }
  const rows: GoalRowReport[] = [];
  const rowIndex = new Map<number, GoalRowReport>();
  const byPriority = new Map<number, { satisfied: number; total: number; deviation: number; weightedDeviation: number }>();
  for (const p of gp.priorities) byPriority.set(p, { satisfied: 0, total: 0, deviation: 0, weightedDeviation: 0 });
  let penalty = 0;
  for (const g of gp.rows) {
    const lower = base.rowLower[g.row]!;
    const upper = base.rowUpper[g.row]!;
    const achieved = activity === null ? Number.NaN : activity[g.row]!;
    const shortfall = lower > Number.NEGATIVE_INFINITY ? Math.max(0, lower - achieved) : 0;
    const excess = upper < Number.POSITIVE_INFINITY ? Math.max(0, achieved - upper) : 0;
    const deviation = shortfall + excess;
    const satisfied = deviation <= satisfiedTolerance;
    const sense = lower === upper ? '=' : upper === Number.POSITIVE_INFINITY ? '>=' : lower === Number.NEGATIVE_INFINITY ? '<=' : 'range';
    const target = sense === '>=' || sense === '=' ? lower : sense === '<=' ? upper : null;
    const report: GoalRowReport = {
      family: g.decl.family.name,
      key: g.key,
      item: g.item,
      priority: g.priority,
      weight: g.weight,
      sense,
      target,
      lower,
      upper,
      achieved,
      shortfall,
      excess,
      deviation,
      satisfied,
    };
    rows.push(report);
    rowIndex.set(g.row, report);
    const agg = byPriority.get(g.priority)!;
    agg.total++;
    if (satisfied) agg.satisfied++;
    agg.deviation += deviation;
    agg.weightedDeviation += g.weight * deviation;
    penalty += scale(g.priority) * g.weight * deviation;
  }
  const priorities: PriorityReport[] = gp.priorities.map((p) => ({ priority: p, scale: scale(p), ...byPriority.get(p)! }));
  const result: SolveResult = {
    solver: r.solver,
    status: r.status,
    hasSolution: x !== null,
    objective,
    colValues: x,
    rowActivities: activity,
    rowDuals: keepDuals && r.rowDuals !== null ? r.rowDuals.slice(0, m) : null,
    reducedCosts: keepDuals && r.reducedCosts !== null ? r.reducedCosts.slice(0, n) : null,
    stats: r.stats,
    ...(r.message === undefined ? {} : { message: r.message }),
  };
  const report = new GoalReport(mode, method, rows, priorities, x === null ? null : penalty, weightedObjective, levels, rowIndex, familyOf);
  return { result, report };
}
