import { escapeHtml, formatMoney, formatNumber, formatPercent, formatTable, htmlPage, htmlSection, htmlTable } from '@lumix/app-kit';
import type { MultiPeriodPlan, PeriodUse } from '../model/multi-period-plan.js';
import { formatGoals } from './format-plan.js';
import { goalsHtml, PLAN_REPORT_GENERATOR } from './html-report.js';
import { moneyChart, productionChart, weeklyUseChart } from './report-charts.js';

/** What the variant is, in one line. */
function variantLine(plan: MultiPeriodPlan): string {
  return plan.variant === 'lumix'
    ? "Model: the tutorial's literal step-4 model (--compat lumix): stock is cumulative production, setups are never forced, profit on every unit made."
    : 'Model: multi-period plan with setups linked to production, stock serving the orders, setup cost only on the machines that have one.';
}

/** `made / stock` of a cell, with `*` for a week set up. */
const cellText = (c: { production: number; inventory: number; setup: boolean }): string =>
  `${formatNumber(c.production, 1)}${c.setup ? '*' : ''} / ${formatNumber(c.inventory, 1)}`;

function useGrid(plan: MultiPeriodPlan, type: PeriodUse['type']): { names: string[]; rows: string[][] } {
  const ids = [...new Set(plan.use.filter((u) => u.type === type).map((u) => u.id))];
  const rows = ids.map((id) => {
    const cells = plan.periods.map((t) => plan.use.find((u) => u.type === type && u.id === id && u.periodId === t.id)!);
    const text = cells.map((u) =>
      type === 'machine' ? `${formatNumber(u.used, 1)} h (${formatPercent(u.utilizationPct)})` : `${formatNumber(u.used, 1)} / ${formatNumber(u.available, 0)}`,
    );
    return [cells[0]!.name, ...text];
  });
  return { names: plan.periods.map((t) => t.name), rows };
}

/** The console report of a multi-period plan: the money, the product × week grid, machine and material use per week, the orders. */
export function formatMultiPeriodPlan(plan: MultiPeriodPlan): string {
  const out: string[] = [
    variantLine(plan),
    `Net profit ${formatMoney(plan.netProfit)} = sales ${formatMoney(plan.grossProfit)} − setups ${formatMoney(plan.setupCost)} − holding ${formatMoney(plan.holdingCost)}.`,
    '',
    formatTable(
      [{ header: 'Product' }, ...plan.periods.map((t) => ({ header: t.name, align: 'right' as const }))],
      plan.grid.map((g) => [g.name, ...g.cells.map(cellText)]),
      { title: 'PRODUCTION PLAN (made / end stock; * = set up)' },
    ),
  ];
  for (const [type, title] of [
    ['machine', 'MACHINE HOURS PER WEEK (incl. setup hours)'],
    ['material', 'MATERIAL USED PER WEEK / AVAILABLE'],
  ] as const) {
    const g = useGrid(plan, type);
    out.push(
      '',
      formatTable([{ header: type === 'machine' ? 'Machine' : 'Material' }, ...g.names.map((n) => ({ header: n, align: 'right' as const }))], g.rows, {
        title,
      }),
    );
  }
  if (plan.goals !== undefined) out.push('', formatGoals(plan.goals, plan.netProfit));
  return out.join('\n');
}

/**
 * The multi-period plan as one self-contained HTML page in tabs: Summary (the money and what the
 * model is), Plan (units made per week by product, the product × week grid of made / stock),
 * Resources (machine and material use per week against capacity, charts and tables) and, with
 * customer orders, Orders (satisfaction per priority, each order). Charts are ECharts' SVG, inline.
 * `solve --report` writes it from the solved plan, `show --report` from a saved run's rows.
 */
export function multiPeriodReportHtml(
  plan: MultiPeriodPlan,
  options: { readonly database: string; readonly generatedAt?: Date; /** A scenario's run (step 5): the scenario's name, shown in the subtitle. */ readonly scenario?: string },
): string {
  const facts: [string, string][] = [
    ['Net profit', formatMoney(plan.netProfit)],
    ['Sales', formatMoney(plan.grossProfit)],
    ['Setups', formatMoney(plan.setupCost)],
    ['Holding', formatMoney(plan.holdingCost)],
    ['Status', plan.status],
    ['Solver', plan.solver],
  ];
  if (plan.goals !== undefined) facts.push(['Orders satisfied', plan.goals.priorities.map((p) => `P${p.priority} ${p.satisfied}/${p.total}`).join(' · ')]);
  if (plan.runId !== undefined) facts.push(['Run', `#${plan.runId}`]);
  facts.push(['Model', `${plan.stats.variables} vars · ${plan.stats.constraints} rows`]);
  const grid = htmlTable(
    [{ header: 'Product' }, ...plan.periods.map((t) => ({ header: `${t.name} made / stock`, align: 'right' as const }))],
    plan.grid.map((g) => [g.name, ...g.cells.map(cellText)]),
    { className: 'plan-grid' },
  );
  const setups = plan.grid.reduce((n, g) => n + g.cells.filter((c) => c.setup).length, 0);
  const summary = [
    htmlSection('Net profit', moneyChart(plan), 'money'),
    htmlSection(
      'Model',
      `<p class="note">${escapeHtml(variantLine(plan))}</p><p class="note">${escapeHtml(
        `${plan.periods.length} weeks, ${plan.grid.length} products, ${setups} product-week setups; ${plan.stats.variables} variables, ${plan.stats.constraints} rows, ${plan.stats.nonzeros} non-zeros; build ${formatNumber(plan.stats.buildMs, 1)} ms, solve ${formatNumber(plan.stats.solveMs, 1)} ms.`,
      )}</p>`,
      'model',
    ),
  ].join('\n');
  const resources: string[] = [];
  for (const type of ['machine', 'material'] as const) {
    const g = useGrid(plan, type);
    resources.push(
      htmlSection(
        type === 'machine' ? 'Machine hours per week' : 'Material per week',
        weeklyUseChart(plan, type) +
          htmlTable([{ header: type === 'machine' ? 'Machine' : 'Material' }, ...g.names.map((n) => ({ header: n, align: 'right' as const }))], g.rows, {
            className: `use-${type}`,
          }),
        type === 'machine' ? 'machines' : 'materials',
      ),
    );
  }
  const tabs = [
    { id: 'summary', title: 'Summary', body: summary },
    {
      id: 'plan',
      title: 'Plan',
      body: [
        htmlSection('Units made per week', productionChart(plan), 'production'),
        htmlSection('Production plan (made / end stock)', `${grid}<p class="note">* marks a week the product is set up.</p>`, 'grid'),
      ].join('\n'),
    },
    { id: 'resources', title: 'Resources', body: resources.join('\n') },
    ...(plan.goals === undefined ? [] : [{ id: 'orders', title: 'Orders', body: goalsHtml(plan.goals, plan.netProfit, { product: 'Product (week)', achieved: 'Delivered' }) }]),
  ];
  return htmlPage({
    generator: PLAN_REPORT_GENERATOR,
    title: 'Multi-period production plan',
    subtitle: `${plan.periods.length} weeks from ${options.database}${options.scenario === undefined ? '' : `, scenario ${JSON.stringify(options.scenario)}`}`,
    facts,
    body: '',
    tabs,
    ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }),
  });
}
