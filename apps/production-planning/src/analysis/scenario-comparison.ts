import { formatNumber } from '@lumix/app-kit';
import type { TerminationStatus } from '@lumix/core';
import type { MultiPeriodPlan } from '../model/multi-period-plan.js';
import type { GoalMode } from '../model/production-plan.js';
import type { StoredScenario } from './scenario-data.js';

/** One scenario's line of the comparison. */
export interface ScenarioLine {
  readonly scenario: StoredScenario;
  readonly status: TerminationStatus;
  /** The plan (null when the solver found none). */
  readonly plan: MultiPeriodPlan | null;
  /** The run it was saved as. */
  readonly runId: number | null;
  /** The number compared: LumiX's penalty (weighted) or the net profit (lexicographic). */
  readonly objective: number | null;
  readonly delta: number | null;
  readonly deltaPct: number | null;
  /** (product, week) cells with production above 0.01: the tutorial's "production runs". */
  readonly productionRuns: number;
  readonly productsMade: number;
  /** Σ hours used (incl. setup hours) / Σ hours available over every machine and week, × 100. */
  readonly machineUtilPct: number;
  /** Σ used / Σ available over every material and week, × 100. */
  readonly materialUtilPct: number;
  readonly solveMs: number;
}

/** The comparison the command prints and reports. */
export interface ScenarioComparisonReport {
  readonly goalMode: GoalMode;
  readonly variant: MultiPeriodPlan['variant'];
  readonly solver: string;
  readonly reference: string;
  readonly lines: readonly ScenarioLine[];
  readonly notes: readonly string[];
}

/** The tutorial's production runs, products made and overall utilisation of a plan (computed as used / available, no extra ÷100). */
export function planMetrics(plan: MultiPeriodPlan): Pick<ScenarioLine, 'productionRuns' | 'productsMade' | 'machineUtilPct' | 'materialUtilPct'> {
  let runs = 0;
  let made = 0;
  for (const g of plan.grid) {
    const n = g.cells.filter((c) => c.production > 0.01).length;
    runs += n;
    if (n > 0) made += 1;
  }
  const pct = (type: 'machine' | 'material'): number => {
    const u = plan.use.filter((x) => x.type === type);
    const avail = u.reduce((s, x) => s + x.available, 0);
    return avail > 0 ? (u.reduce((s, x) => s + x.used, 0) / avail) * 100 : 0;
  };
  return { productionRuns: runs, productsMade: made, machineUtilPct: pct('machine'), materialUtilPct: pct('material') };
}

/** The parameters of a scenario in one line (`demand ×1.3, material supply ×0.6`). */
export function describeParameters(s: StoredScenario): string {
  if (s.parameters.length === 0) return 'base data';
  return s.parameters.map((p) => `${p.type.replace(/_multiplier$/, '').replace(/_/g, ' ')} ×${formatNumber(p.value, 2)}`).join(', ');
}
