import { formatMoney, formatNumber, type TableColumn } from '@lumix/app-kit';
import type { RowSensitivity } from '@lumix/core';
import type { ScenarioComparisonReport } from './scenario-comparison.js';
import type { SensitivitySummary } from './sensitivity-summary.js';

// The analysis tables as columns and cells, once: the console (formatTable) and the report
// (htmlTable) render the same figures.

/** A shadow price with 4 decimals, solver noise below 1e-9 shown as 0. */
export const dual4 = (v: number): string => formatNumber(Math.abs(v) < 1e-9 ? 0 : v, 4);

/** A row's right-hand-side range, or `n/a` when the solver gives none (GLPK). */
export const rangeText = (r: RowSensitivity): string => (r.rhsRange === null ? 'n/a' : `${formatNumber(r.rhsRange.lower)} .. ${formatNumber(r.rhsRange.upper)}`);

/** `+x` / `-x` by `f`, `—` for none. */
export const signed = (v: number | null, f: (x: number) => string): string => (v === null ? '—' : `${v >= 0 ? '+' : ''}${f(v)}`);

/** The step-5 comparison: one row per scenario (objective, Δ, Δ%, the other measure, orders met per priority, runs, utilisation). */
export function scenarioComparisonTable(c: ScenarioComparisonReport, options: { readonly markBaseline: boolean }): { columns: TableColumn[]; rows: string[][] } {
  const weighted = c.goalMode === 'weighted';
  const value = (v: number): string => (weighted ? formatNumber(v) : formatMoney(v));
  const priorities = [...new Set(c.lines.flatMap((l) => l.plan?.goals?.priorities.map((p) => p.priority) ?? []))].sort((a, b) => a - b);
  return {
    columns: [
      { header: 'Scenario' },
      { header: 'Run', align: 'right' },
      { header: 'Status' },
      { header: weighted ? 'LumiX penalty' : 'Net profit', align: 'right' },
      { header: 'Δ', align: 'right' },
      { header: 'Δ%', align: 'right' },
      { header: weighted ? 'Net profit' : 'LumiX penalty', align: 'right' },
      ...priorities.map((p) => ({ header: `P${p} met`, align: 'right' as const })),
      { header: 'Runs', align: 'right' },
      { header: 'Machines', align: 'right' },
      { header: 'Materials', align: 'right' },
    ],
    rows: c.lines.map((l) => [
      `${l.scenario.name}${options.markBaseline && l.scenario.isBaseline ? ' (baseline)' : ''}`,
      l.runId === null ? '—' : `#${l.runId}`,
      l.status,
      l.objective === null ? '—' : value(l.objective),
      signed(l.delta, value),
      signed(l.deltaPct, (x) => `${formatNumber(x, 2)}%`),
      l.plan === null ? '—' : weighted ? formatMoney(l.plan.netProfit) : formatNumber(l.plan.goals?.penalty ?? 0),
      ...priorities.map((p) => {
        const s = l.plan?.goals?.priorities.find((x) => x.priority === p);
        return s === undefined ? '—' : `${s.satisfied}/${s.total}`;
      }),
      String(l.productionRuns),
      `${formatNumber(l.machineUtilPct, 1)}%`,
      `${formatNumber(l.materialUtilPct, 1)}%`,
    ]),
  };
}

/** The step-6 rows of one resource type: per resource and week its use, slack, shadow price, binding (as `binding` renders it) and range. */
export function resourceSensitivityTable<B>(
  s: SensitivitySummary,
  type: 'machine' | 'material',
  binding: (isBinding: boolean) => B,
): { columns: TableColumn[]; rows: (string | B)[][] } {
  return {
    columns: [
      { header: type === 'machine' ? 'Machine' : 'Material' },
      { header: 'Week', align: 'right' },
      { header: 'Used', align: 'right' },
      { header: 'Available', align: 'right' },
      { header: 'Slack', align: 'right' },
      { header: 'Shadow price', align: 'right' },
      { header: 'Binding' },
      { header: 'RHS range', align: 'right' },
    ],
    rows: s.resources
      .filter((l) => l.type === type)
      .map((l) => [
        l.resource,
        String(l.week),
        formatNumber(l.row.activity),
        formatNumber(l.row.upper),
        formatNumber(l.row.slack),
        dual4(l.row.dual),
        binding(l.row.binding),
        rangeText(l.row),
      ]),
  };
}
