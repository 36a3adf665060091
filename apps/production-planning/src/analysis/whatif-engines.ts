import { openAnalysis, type DecisionChange, type Solution, type Solver } from '@lumix/core';
import { buildMultiPeriodModel, type MultiPeriodData, type Step4Variant } from '../model/multi-period-model.js';
import { MACHINE_ROWS, MATERIAL_ROWS } from './analysis-rows.js';
import { applyAmount, resourceChange, type ResourceEdit } from './whatif-spec.js';

/** One what-if's answer, whichever engine gave it. */
interface EngineRun {
  readonly status: string;
  readonly objective: number | null;
  readonly delta: number | null;
  readonly deltaPct: number | null;
  readonly solveMs: number;
  readonly changedDecisions: readonly DecisionChange[];
  /** Shortfall per priority (lexicographic engine), for ranking and display. */
  readonly shortfalls?: readonly { readonly priority: number; readonly satisfied: number; readonly total: number; readonly shortfall: number }[];
}

/** Solves the baseline once and answers what-ifs made of resource edits. */
export interface WhatIfEngine {
  /** `warm` (a solver session), `rebuild` (the changed problem handed to the solver), or `goal program` (rebuilt and solved cold). */
  readonly path: string;
  /** `min` for LumiX's penalty, `max` for the net profit. */
  readonly sense: 'min' | 'max';
  readonly objectiveName: string;
  readonly baseline: EngineRun;
  readonly numCols: number;
  readonly numRows: number;
  whatIf(edits: readonly ResourceEdit[]): Promise<EngineRun>;
  dispose(): void;
}

/**
 * A decision counts as changed when it moves by more than 1e-4 units (the plan check's dust: each
 * lexicographic level may give up 1e-6, and a binary at its tolerance times a big-M leaves more)
 * or 1e-6 of its value.
 */
const DECISION_DUST = 1e-4;

/** The largest capacity any edit can give each resource, for the big-M of the correct model. */
function boundOf(edits: readonly ResourceEdit[]): (type: 'machine' | 'material', id: number, base: number) => number {
  return (type, id, base) => edits.filter((e) => e.type === type && e.id === id).reduce((m, e) => Math.max(m, applyAmount(e.amount, base)), base);
}

/**
 * LumiX's weighted goal program written out, in core's analysis (`openAnalysis`): the baseline is
 * solved once, each what-if is a warm re-solve in a HiGHS session (GLPK rebuilds). `allEdits` are
 * every edit the command will try, so the correct model's big-M allows the largest of them.
 */
export async function weightedEngine(data: MultiPeriodData, variant: Step4Variant, solver: Solver, allEdits: readonly ResourceEdit[]): Promise<WhatIfEngine> {
  const built = buildMultiPeriodModel(data, variant, { explicitGoals: true, boundCapacity: boundOf(allEdits) });
  const a = await openAnalysis(built.model, { solver, mipGap: 0 });
  const p = a.compiled.problem;
  return {
    path: a.path,
    sense: 'min',
    objectiveName: 'LumiX penalty',
    baseline: { status: a.baseline.status, objective: a.baseline.objective, delta: 0, deltaPct: 0, solveMs: a.baseline.solveMs, changedDecisions: [] },
    numCols: p.numCols,
    numRows: p.numRows,
    async whatIf(edits) {
      const w = await a.whatIf(...edits.map((e) => resourceChange(e.type === 'machine' ? MACHINE_ROWS : MATERIAL_ROWS, e)));
      return { status: w.status, objective: w.objective, delta: w.delta, deltaPct: w.deltaPct, solveMs: w.solveMs, changedDecisions: w.changedDecisions };
    },
    dispose: () => a.dispose(),
  };
}

/**
 * The lexicographic goal program of `solve` (orders by priority, then net profit): core's analysis
 * solves one objective, so each what-if declares the model again with the changed capacities and
 * solves its goal program cold. Slower than the warm path, the same semantics as `solve`.
 */
export async function lexicographicEngine(data: MultiPeriodData, variant: Step4Variant, solver: Solver): Promise<WhatIfEngine> {
  const solveWith = async (edits: readonly ResourceEdit[]) => {
    const built = buildMultiPeriodModel(data, variant, {
      capacity: (type, id, periodId, base) =>
        edits.filter((e) => e.type === type && e.id === id && (e.periodId === undefined || e.periodId === periodId)).reduce((v, e) => applyAmount(e.amount, v), base),
    });
    const t0 = performance.now();
    const solution = await built.model.solve({ solver, mipGap: 0, ...(built.orders === null ? {} : { goals: { mode: 'lexicographic' as const } }) });
    const shortfalls = new Map<number, { priority: number; satisfied: number; total: number; shortfall: number }>();
    if (built.orders !== null && solution.hasSolution) {
      for (const o of built.orders.items()) {
        const row = solution.goals.row(built.orders, o.id);
        const s = shortfalls.get(o.priority) ?? { priority: o.priority, satisfied: 0, total: 0, shortfall: 0 };
        s.total += 1;
        if (row.satisfied) s.satisfied += 1;
        s.shortfall += row.shortfall;
        shortfalls.set(o.priority, s);
      }
    }
    return { solution, ms: performance.now() - t0, shortfalls: [...shortfalls.values()].sort((x, y) => x.priority - y.priority) };
  };
  const base = await solveWith([]);
  const b = base.solution;
  const diff = (s: Solution): DecisionChange[] => {
    const x0 = b.result.colValues;
    const x1 = s.result.colValues;
    const out: DecisionChange[] = [];
    if (x0 === null || x1 === null || !s.hasSolution || !b.hasSolution) return out;
    for (let j = 0; j < x0.length; j++) {
      const d = x1[j]! - x0[j]!;
      if (Math.abs(d) > Math.max(DECISION_DUST, 1e-6 * Math.abs(x0[j]!))) {
        const c = s.compiled.column(j);
        out.push({ family: c.family, key: c.key, item: c.item, before: x0[j]!, after: x1[j]!, delta: d });
      }
    }
    return out;
  };
  return {
    path: 'goal program, cold',
    sense: 'max',
    objectiveName: 'Net profit',
    baseline: { status: b.status, objective: b.objective, delta: 0, deltaPct: 0, solveMs: base.ms, changedDecisions: [], shortfalls: base.shortfalls },
    numCols: b.compiled.problem.numCols,
    numRows: b.compiled.problem.numRows,
    async whatIf(edits) {
      const r = await solveWith(edits);
      const obj = r.solution.hasSolution ? r.solution.objective : null;
      const delta = obj === null || b.objective === null ? null : obj - b.objective;
      return {
        status: r.solution.status,
        objective: obj,
        delta,
        deltaPct: delta === null || b.objective === null || b.objective === 0 ? null : (delta / Math.abs(b.objective)) * 100,
        solveMs: r.ms,
        changedDecisions: diff(r.solution),
        shortfalls: r.shortfalls,
      };
    },
    dispose: () => undefined,
  };
}
