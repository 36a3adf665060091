import { chartSvg, escapeHtml, formatMoney, formatNumber, formatPercent, htmlPage, htmlSection, htmlTable, type ChartWorker } from '@lumix/app-kit';
import type { GoalSummary, ProductionPlan, ResourceLine } from '../model/production-plan.js';
import { missingSensitivity } from './format-plan.js';
import { lineCells } from './line-cells.js';
import { ordersChart, ordersChartSpec, profitChartSpec, utilisationChartSpec } from './report-charts.js';

/** The `generator` of the plan report: `--report` may replace a file that carries it without --force. */
export const PLAN_REPORT_GENERATOR = 'LumiX production-planning';

/** Options of {@link planReportHtml}. */
export interface PlanReportOptions {
  /** The database the plan came from, shown under the title. */
  readonly database: string;
  /** Time in the footer. Default: now. */
  readonly generatedAt?: Date;
}

const price = (x: number | null, unit: string): string => (x === null ? 'n/a' : `${formatMoney(x)}${unit}`);

/** One table row per plan line, made when the table asks for it. */
function* eachLine(plan: ProductionPlan, row: (l: ProductionPlan['lines'][number]) => string[]): Generator<string[]> {
  for (const l of plan.lines) yield row(l);
}

function utilTag(r: ResourceLine): { html: string } {
  const cls = r.binding ? 'full' : r.utilizationPct >= 85 ? 'warn' : 'ok';
  return { html: `<span class="tag ${cls}">${escapeHtml(formatPercent(r.utilizationPct))}</span>` };
}

function resourceTable(list: readonly ResourceLine[], what: string, unit: string, priceUnit: string): string {
  return htmlTable(
    [
      { header: what },
      { header: `Used (${unit})`, align: 'right' },
      { header: 'Available', align: 'right' },
      { header: 'Slack', align: 'right' },
      { header: 'Utilisation', align: 'right' },
      { header: 'Shadow price', align: 'right' },
    ],
    list.map((r) => [r.name, formatNumber(r.used), formatNumber(r.available), formatNumber(r.available - r.used), utilTag(r), price(r.shadowPrice, priceUnit)]),
  );
}

/** The Orders tab: the mode and penalty, a chart and table of satisfied/total per priority, each order's shortfall. `chart`: the orders chart already drawn (default: drawn here). */
export function goalsHtml(
  goals: GoalSummary,
  profit: number | null,
  headers: { readonly product: string; readonly achieved: string } = { product: 'Product', achieved: 'Made' },
  chart?: string,
): string {
  const mode =
    goals.mode === 'weighted'
      ? `Weighted goals (LumiX's): the plan minimises Σ 10<sup>6−priority</sup> × shortfall = <b>${escapeHtml(formatNumber(goals.penalty, 2))}</b>; the profit (${escapeHtml(profit === null ? '—' : formatMoney(profit))}) is not optimised.`
      : `Lexicographic goals: priority 1 orders first, then 2, then 3, then the profit (${escapeHtml(profit === null ? '—' : formatMoney(profit))}). LumiX's weighted penalty of this plan: ${escapeHtml(formatNumber(goals.penalty, 2))}.`;
  const summary = htmlTable(
    [{ header: 'Priority' }, { header: 'Satisfied', align: 'right' }, { header: 'Shortfall', align: 'right' }],
    goals.priorities.map((p) => [`P${p.priority}`, `${p.satisfied}/${p.total}`, formatNumber(p.shortfall)]),
    { className: 'priorities' },
  );
  const orders = htmlTable(
    [
      { header: 'Order', align: 'right' },
      { header: 'Priority' },
      { header: 'Customer' },
      { header: headers.product },
      { header: 'Target', align: 'right' },
      { header: headers.achieved, align: 'right' },
      { header: 'Shortfall', align: 'right' },
      { header: 'Status' },
    ],
    goals.orders.map((o) => [
      String(o.orderId),
      `P${o.priority}`,
      o.customer,
      o.product,
      formatNumber(o.target),
      formatNumber(o.achieved),
      formatNumber(o.shortfall),
      { html: `<span class="tag ${o.satisfied ? 'ok' : 'full'}">${o.satisfied ? 'satisfied' : 'short'}</span>` },
    ]),
    { className: 'orders' },
  );
  return [
    htmlSection('Goal satisfaction per priority', `<p class="note">${mode}</p>${chart ?? ordersChart(goals)}${summary}`, 'priorities'),
    htmlSection('Customer orders', orders, 'order-list'),
  ].join('\n');
}

/** The charts of a plan report, drawn. */
interface PlanCharts {
  readonly profit: string;
  readonly utilisation: string;
  readonly orders?: string;
}

/**
 * The production plan as one self-contained HTML page in tabs: Summary (headline figures and
 * profit by product), Plan (the plan table and the demand analysis with reduced costs),
 * Resources (a utilisation chart of every machine and material, the tables with shadow prices,
 * what binds) and, with customer orders, Orders (satisfaction per priority, each order). Charts
 * are ECharts' SVG, inline; the only script is the tab switcher.
 */
export function planReportHtml(plan: ProductionPlan, options: PlanReportOptions): string {
  const page = planReportPage(plan, options);
  return page({
    profit: chartSvg(...profitChartSpec(plan)),
    utilisation: chartSvg(...utilisationChartSpec(plan)),
    ...(plan.goals === undefined ? {} : { orders: chartSvg(...ordersChartSpec(plan.goals)) }),
  });
}

/**
 * {@link planReportHtml}, the same page, with its charts drawn by a chart worker (app-kit's
 * `startChartWorker`, warmed up while the plan was solved) while this thread writes the tables.
 */
export async function planReportHtmlWith(charts: ChartWorker, plan: ProductionPlan, options: PlanReportOptions): Promise<string> {
  const drawn = Promise.all([
    charts.chartSvg(...profitChartSpec(plan)),
    charts.chartSvg(...utilisationChartSpec(plan)),
    plan.goals === undefined ? undefined : charts.chartSvg(...ordersChartSpec(plan.goals)),
  ]);
  const page = planReportPage(plan, options);
  const [profit, utilisation, orders] = await drawn;
  return page({ profit, utilisation, ...(orders === undefined ? {} : { orders }) });
}

/** The plan report's tables and text, made now; the page once its charts are drawn. */
function planReportPage(plan: ProductionPlan, options: PlanReportOptions): (charts: PlanCharts) => string {
  const total = plan.lines.reduce((s, l) => s + l.contribution, 0);
  const facts: [string, string][] = [
    ['Total profit', plan.objective === null ? '—' : formatMoney(plan.objective)],
    ['Status', plan.status],
    ['Solver', plan.solver],
  ];
  if (plan.goals !== undefined) facts.push(['Orders satisfied', plan.goals.priorities.map((p) => `P${p.priority} ${p.satisfied}/${p.total}`).join(' · ')]);
  if (plan.runId !== undefined) facts.push(['Run', `#${plan.runId}`]);
  facts.push(
    ['Model', `${plan.stats.variables} vars · ${plan.stats.constraints} rows`],
    ['Build + solve', `${formatNumber(plan.stats.buildMs, 1)} + ${formatNumber(plan.stats.solveMs, 1)} ms`],
  );
  const planTable = htmlTable(
    [{ header: 'Product' }, { header: 'Quantity', align: 'right' }, { header: 'Profit / unit', align: 'right' }, { header: 'Profit', align: 'right' }, { header: 'Share', align: 'right' }],
    // Rows made as the table is written (a generator): a 30k-product plan's cells never all live at once.
    eachLine(plan, (l) => {
      const c = lineCells(l);
      return [l.name, c.quantity, c.profitPerUnit, c.contribution, total > 0 ? formatPercent((l.contribution / total) * 100) : '—'];
    }),
    { footer: ['Total', '', '', formatMoney(total), total > 0 ? '100.0%' : ''], className: 'plan' },
  );
  const legend =
    '<p class="note"><span class="tag full">used up</span> binding: more of it would raise profit by its shadow price · <span class="tag warn">85% or more</span> · <span class="tag ok">below 85%</span></p>';
  const demand = htmlTable(
    [
      { header: 'Product' },
      { header: 'Produced', align: 'right' },
      { header: 'Min', align: 'right' },
      { header: 'Max', align: 'right' },
      { header: 'Status' },
      { header: 'Reduced cost', align: 'right' },
    ],
    eachLine(plan, (l) => {
      const c = lineCells(l);
      return [l.name, c.quantity, c.minDemand, c.maxDemand, l.demandStatus, c.reducedCost];
    }),
  );
  const missing = missingSensitivity(plan);
  const notes: string[] = [];
  for (const r of [...plan.machines, ...plan.materials]) {
    if (r.binding && r.shadowPrice !== null) notes.push(`${escapeHtml(r.name)} is used up: one more ${r.type === 'machine' ? 'hour' : 'unit'} would add <b>${escapeHtml(formatMoney(r.shadowPrice))}</b> of profit.`);
    else if (r.binding) notes.push(`${escapeHtml(r.name)} is used up.`);
  }
  for (const l of plan.lines) {
    if (l.reducedCost !== null && l.reducedCost < -1e-9 && l.demandStatus === 'At Minimum') {
      notes.push(`${escapeHtml(l.name)} is held at its minimum demand: each unit required costs <b>${escapeHtml(formatMoney(-l.reducedCost))}</b> of profit.`);
    }
  }
  if (missing !== null) notes.push(escapeHtml(missing));
  const binding = [...plan.machines, ...plan.materials].filter((r) => r.binding).map((r) => r.name);
  const usedUp = `<p class="note">${binding.length === 0 ? 'No machine or material is used up.' : `Used up: <b>${escapeHtml(binding.join(', '))}</b> (see Resources).`}</p>`;
  const planTab = [htmlSection('Production plan', planTable, 'plan-table'), htmlSection('Demand analysis', demand, 'demand')].join('\n');
  const resourceSections = [
    htmlSection('Machines', resourceTable(plan.machines, 'Machine', 'h', '/h'), 'machines'),
    htmlSection('Materials', resourceTable(plan.materials, 'Material', 'units', '/unit'), 'materials'),
    htmlSection('Sensitivity', notes.length === 0 ? '<p class="note">No resource is used up.</p>' : `<ul>${notes.map((n) => `<li>${n}</li>`).join('')}</ul>`, 'sensitivity'),
  ];
  return (charts) =>
    htmlPage({
      generator: PLAN_REPORT_GENERATOR,
      title: 'Production plan',
      subtitle: `Profit-maximising weekly plan from ${options.database}${plan.startedAt === undefined ? '' : `, solved ${plan.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC`}`,
      facts,
      body: '',
      tabs: [
        { id: 'summary', title: 'Summary', body: htmlSection('Profit by product', `${charts.profit}${usedUp}`, 'profit') },
        { id: 'plan', title: 'Plan', body: planTab },
        { id: 'resources', title: 'Resources', body: [htmlSection('Resource utilisation', charts.utilisation + legend, 'utilisation'), ...resourceSections].join('\n') },
        ...(plan.goals === undefined ? [] : [{ id: 'orders', title: 'Orders', body: goalsHtml(plan.goals, plan.objective, undefined, charts.orders) }]),
      ],
      ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }),
    });
}
