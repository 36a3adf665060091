import { formatMoney, formatNumber, formatPercent, formatTable } from '@lumix/app-kit';
import type { GoalSummary, ProductionPlan, ResourceLine } from '../model/production-plan.js';
import { lineCells } from './line-cells.js';

const price = (x: number | null, unit: string): string => (x === null ? 'n/a' : `${formatMoney(x)}${unit}`);

/** What the solver did not report, in words, or `null` when it reported everything. */
export function missingSensitivity(plan: ProductionPlan): string | null {
  if (plan.hasShadowPrices && plan.hasReducedCosts) return null;
  if (plan.goals !== undefined) {
    return 'shadow prices and reduced costs are not shown for a plan with customer orders: a weighted solve prices the order penalty, not the profit, and a lexicographic one has no single set of duals.';
  }
  const missing = [!plan.hasShadowPrices ? 'shadow prices (row duals)' : '', !plan.hasReducedCosts ? 'reduced costs' : ''].filter((s) => s !== '');
  const why = plan.solver === 'glpk' ? 'glpk.js reports row duals only' : `solver ${plan.solver} did not report them`;
  return `${plan.solver} gives no ${missing.join(' and ')} (${why}); run with --solver highs to see ${missing.length === 1 ? 'them' : 'both'}.`;
}

/** The goal-satisfaction section of a plan with customer orders (step 3): per priority, each order's target, what the plan makes and the shortfall. */
export function formatGoals(goals: GoalSummary, profit: number | null): string {
  const out: string[] = [
    'GOAL SATISFACTION ANALYSIS',
    '==========================',
    goals.mode === 'weighted'
      ? `Mode: weighted (LumiX's): minimise Σ 10^(6−priority) × shortfall = ${formatNumber(goals.penalty, 2)}; the profit is not optimised. Actual profit ${profit === null ? '—' : formatMoney(profit)}.`
      : `Mode: lexicographic: priority 1 orders first, then 2, then 3, then the profit (${profit === null ? '—' : formatMoney(profit)}). LumiX's weighted penalty of this plan: ${formatNumber(goals.penalty, 2)}.`,
  ];
  for (const p of goals.priorities) {
    out.push(
      '',
      formatTable(
        [{ header: 'Order', align: 'right' }, { header: 'Customer' }, { header: 'Product' }, { header: 'Target', align: 'right' }, { header: 'Made', align: 'right' }, { header: 'Shortfall', align: 'right' }, { header: 'Status' }],
        goals.orders
          .filter((o) => o.priority === p.priority)
          .map((o) => [String(o.orderId), o.customer, o.product, formatNumber(o.target), formatNumber(o.achieved), formatNumber(o.shortfall), o.satisfied ? 'satisfied' : 'NOT satisfied']),
        { title: `PRIORITY ${p.priority}: ${p.satisfied}/${p.total} orders satisfied, shortfall ${formatNumber(p.shortfall)}` },
      ),
    );
  }
  return out.join('\n');
}

function resourceRows(list: readonly ResourceLine[], unit: string): string[][] {
  return list.map((r) => [
    r.name,
    formatNumber(r.used),
    formatNumber(r.available),
    formatNumber(r.available - r.used),
    formatPercent(r.utilizationPct),
    r.binding ? 'yes' : '',
    price(r.shadowPrice, unit),
  ]);
}

/**
 * The console report of a plan: the tutorial's four tables (production quantities, machine
 * utilisation, material consumption, demand analysis) with shadow prices and reduced costs
 * added, then the binding resources in words. Returns the text (no trailing newline).
 */
export function formatPlan(plan: ProductionPlan): string {
  const out: string[] = [];
  const total = plan.lines.reduce((s, l) => s + l.contribution, 0);
  out.push(
    formatTable(
      [{ header: 'Product' }, { header: 'Quantity', align: 'right' }, { header: 'Profit/Unit', align: 'right' }, { header: 'Total Profit', align: 'right' }],
      plan.lines.map((l) => {
        const c = lineCells(l);
        return [l.name, c.quantity, c.profitPerUnit, c.contribution];
      }),
      { title: 'PRODUCTION QUANTITIES', footer: ['TOTAL', '', '', formatMoney(total)] },
    ),
    '',
    formatTable(
      [
        { header: 'Machine' },
        { header: 'Hours Used', align: 'right' },
        { header: 'Available', align: 'right' },
        { header: 'Slack', align: 'right' },
        { header: 'Utilization', align: 'right' },
        { header: 'Binding' },
        { header: 'Shadow Price', align: 'right' },
      ],
      resourceRows(plan.machines, '/h'),
      { title: 'MACHINE UTILIZATION' },
    ),
    '',
    formatTable(
      [
        { header: 'Material' },
        { header: 'Used', align: 'right' },
        { header: 'Available', align: 'right' },
        { header: 'Remaining', align: 'right' },
        { header: 'Utilization', align: 'right' },
        { header: 'Binding' },
        { header: 'Shadow Price', align: 'right' },
      ],
      resourceRows(plan.materials, '/unit'),
      { title: 'MATERIAL CONSUMPTION' },
    ),
    '',
    formatTable(
      [
        { header: 'Product' },
        { header: 'Produced', align: 'right' },
        { header: 'Min', align: 'right' },
        { header: 'Max', align: 'right' },
        { header: 'Status' },
        { header: 'Reduced Cost', align: 'right' },
      ],
      plan.lines.map((l) => {
        const c = lineCells(l);
        return [l.name, c.quantity, c.minDemand, c.maxDemand, l.demandStatus, c.reducedCost];
      }),
      { title: 'DEMAND ANALYSIS' },
    ),
    '',
  );
  if (plan.goals !== undefined) out.push(formatGoals(plan.goals, plan.objective), '');
  out.push('SENSITIVITY', '===========');
  const binding = [...plan.machines, ...plan.materials].filter((r) => r.binding);
  if (binding.length === 0) out.push('No machine or material is used up: capacity does not limit profit; demand does.');
  for (const r of binding) {
    out.push(
      r.shadowPrice === null
        ? `- ${r.name} is used up (${formatNumber(r.used)} of ${formatNumber(r.available)}).`
        : `- ${r.name} is used up: one more ${r.type === 'machine' ? 'hour' : 'unit'} would add ${formatMoney(r.shadowPrice)} of profit.`,
    );
  }
  for (const l of plan.lines) {
    if (l.reducedCost !== null && l.reducedCost < -1e-9 && l.demandStatus === 'At Minimum') {
      out.push(`- ${l.name} is held at its minimum demand (${formatNumber(l.minDemand)}): each unit required costs ${formatMoney(-l.reducedCost)} of profit.`);
    } else if (l.reducedCost !== null && l.reducedCost > 1e-9 && l.demandStatus === 'At Maximum') {
      out.push(`- ${l.name} is capped by its maximum demand (${formatNumber(l.maxDemand)}): each extra unit sold would add ${formatMoney(l.reducedCost)}.`);
    }
  }
  const missing = missingSensitivity(plan);
  if (missing !== null) out.push(`Note: ${missing}`);
  return out.join('\n');
}
