import { formatMoney, formatNumber, formatPercent, formatTable } from '@lumix/app-kit';
import type { ProductionPlan, ResourceLine } from '../model/production-plan.js';

const price = (x: number | null, unit: string): string => (x === null ? 'n/a' : `${formatMoney(x)}${unit}`);

/** What the solver did not report, in words, or `null` when it reported everything. */
export function missingSensitivity(plan: ProductionPlan): string | null {
  if (plan.hasShadowPrices && plan.hasReducedCosts) return null;
  const missing = [!plan.hasShadowPrices ? 'shadow prices (row duals)' : '', !plan.hasReducedCosts ? 'reduced costs' : ''].filter((s) => s !== '');
  const why = plan.solver === 'glpk' ? 'glpk.js reports row duals only' : `solver ${plan.solver} did not report them`;
  return `${plan.solver} gives no ${missing.join(' and ')} (${why}); run with --solver highs to see ${missing.length === 1 ? 'them' : 'both'}.`;
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
      plan.lines.map((l) => [l.name, formatNumber(l.quantity), formatMoney(l.profitPerUnit), formatMoney(l.contribution)]),
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
      plan.lines.map((l) => [l.name, formatNumber(l.quantity), formatNumber(l.minDemand), formatNumber(l.maxDemand), l.demandStatus, price(l.reducedCost, '/unit')]),
      { title: 'DEMAND ANALYSIS' },
    ),
    '',
    'SENSITIVITY',
    '===========',
  );
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
