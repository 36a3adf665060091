import type { RowSensitivity, SensitivityReport } from '@lumix/core';
import type { MultiPeriodData } from '../model/multi-period-model.js';
import { MACHINE_ROWS, MATERIAL_ROWS, ORDER_ROWS, decisionLabel, resourceLabel } from './analysis-rows.js';

/** One resource row of the sensitivity tables. */
interface ResourceRowLine {
  readonly type: 'machine' | 'material';
  readonly resource: string;
  /** The machine or material id. */
  readonly id: number;
  readonly week: number;
  readonly row: RowSensitivity;
}

/** Per resource or per week: rows binding and the sum of the shadow prices. */
interface BottleneckGroup {
  readonly label: string;
  readonly binding: number;
  readonly rows: number;
  readonly dualSum: number;
}

/** What the sensitivity command computed, for the console and the report. */
export interface SensitivitySummary {
  readonly variant: 'correct' | 'lumix';
  readonly relaxed: boolean;
  readonly report: SensitivityReport;
  readonly resources: readonly ResourceRowLine[];
  /** The order rows (goals), with what is met and short. */
  readonly orders: readonly { readonly label: string; readonly row: RowSensitivity; readonly met: number; readonly short: number }[];
  readonly byResource: readonly BottleneckGroup[];
  readonly byWeek: readonly BottleneckGroup[];
  /** Resource rows with a non-zero shadow price, largest |dual| first. */
  readonly ranking: readonly ResourceRowLine[];
  readonly notes: readonly string[];
}

function groups(lines: readonly ResourceRowLine[], by: (l: ResourceRowLine) => string): BottleneckGroup[] {
  const out = new Map<string, { binding: number; rows: number; dualSum: number }>();
  for (const l of lines) {
    const g = out.get(by(l)) ?? { binding: 0, rows: 0, dualSum: 0 };
    g.rows += 1;
    if (l.row.binding) g.binding += 1;
    g.dualSum += l.row.dual;
    out.set(by(l), g);
  }
  return [...out].map(([label, g]) => ({ label, ...g }));
}

/** Reads the report into resource rows, order rows, groups and the ranking. */
export function summariseSensitivity(
  report: SensitivityReport,
  data: MultiPeriodData,
  variant: 'correct' | 'lumix',
  relaxed: boolean,
  solverName: string,
): SensitivitySummary {
  const resources: ResourceRowLine[] = [
    ...report.rowsOf(MACHINE_ROWS).map((row) => ({ type: 'machine' as const, ...resourceLabel(row.item), row })),
    ...report.rowsOf(MATERIAL_ROWS).map((row) => ({ type: 'material' as const, ...resourceLabel(row.item), row })),
  ];
  const orders =
    data.orders.length === 0
      ? []
      : report.rowsOf(ORDER_ROWS).map((row) => {
          const short = report.column('short', row.key).value;
          return { label: decisionLabel(data, ORDER_ROWS, row.key), row, short, met: row.activity - short };
        });
  const tol = 1e-7;
  const ranking = resources.filter((l) => Math.abs(l.row.dual) > tol).sort((a, b) => Math.abs(b.row.dual) - Math.abs(a.row.dual));
  const notes = [
    relaxed
      ? "The LP relaxation of the setups (setup in [0, 1], the tutorial's step 6): its duals price the relaxed problem."
      : 'The setups are fixed at the MIP optimum; the duals price the LP of the continuous decisions around that plan.',
    "Objective: LumiX's weighted goal program, minimise Σ 10^(6−priority) × shortfall; a shadow price is the change of that penalty per unit more of the resource (negative: more of it lowers the penalty).",
    report.ranging
      ? `${solverName} gives ranging: each shadow price holds while the right-hand side stays in its range.`
      : `${solverName} gives duals only (no ranging): the ranges are not shown; run with --solver highs to see them.`,
    'Order rows are goals, not capacities: their duals say what one more unit of target would cost in penalty, and they are never ranked with the machines and materials.',
  ];
  return {
    variant,
    relaxed,
    report,
    resources,
    orders,
    byResource: groups(resources, (l) => `${l.type === 'machine' ? 'Machine' : 'Material'} ${l.resource}`),
    byWeek: groups(resources, (l) => `Week ${l.week}`),
    ranking,
    notes,
  };
}
