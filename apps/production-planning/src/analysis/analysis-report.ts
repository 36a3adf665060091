import { escapeHtml, formatMoney, formatNumber, htmlPage, htmlTable, type ChartBar, type ReportTab } from '@lumix/app-kit';
import type { SensitivitySummary } from './sensitivity-summary.js';
import type { WhatIfLine, WhatIfSummary } from './whatif-result.js';
import { describeParameters, type ScenarioComparisonReport } from './scenario-comparison.js';
import { dual4, resourceSensitivityTable, scenarioComparisonTable, signed } from './analysis-tables.js';
import { PLAN_REPORT_GENERATOR } from '../report/html-report.js';
import { barsChart } from '../report/report-charts.js';

/** Renders tabs as one self-contained page (app-kit's tab bar; every panel in order with script off or printed). */
function renderTabs(title: string, subtitle: string, facts: readonly (readonly [string, string])[], tabs: readonly ReportTab[], generatedAt?: Date): string {
  return htmlPage({
    generator: PLAN_REPORT_GENERATOR,
    title,
    subtitle,
    facts,
    body: '',
    tabs,
    ...(generatedAt === undefined ? {} : { generatedAt }),
  });
}


/** The step-5 report: the comparison, a chart of the compared objective, utilisation, and each scenario's orders. */
export function scenarioReportHtml(c: ScenarioComparisonReport, options: { readonly database: string; readonly generatedAt?: Date }): string {
  const weighted = c.goalMode === 'weighted';
  const value = (v: number): string => (weighted ? formatNumber(v) : formatMoney(v));
  const table = scenarioComparisonTable(c, { markBaseline: true });
  const comparison = htmlTable(
    table.columns,
    table.rows,
    { caption: `Against ${c.reference}. Orders met against each scenario's own targets; utilisation = used / available over every resource and week.` },
  );
  const top = Math.max(1, ...c.lines.map((l) => Math.abs(l.objective ?? 0)));
  const objectiveBars: ChartBar[] = c.lines.map((l) => ({
    label: l.scenario.name,
    value: Math.abs(l.objective ?? 0),
    valueLabel: l.objective === null ? 'no plan' : value(l.objective),
    tone: 'ok',
  }));
  const utilBars: ChartBar[] = c.lines.flatMap((l) => [
    { label: 'machines', value: l.machineUtilPct, group: l.scenario.name },
    { label: 'materials', value: l.materialUtilPct, group: l.scenario.name },
  ]);
  const tabs: ReportTab[] = [
    {
      id: 'comparison',
      title: 'Scenario comparison',
      body:
        comparison +
        barsChart(objectiveBars, { title: weighted ? 'LumiX penalty per scenario (lower is better)' : 'Net profit per scenario', max: top, unit: '' }) +
        c.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join(''),
    },
    {
      id: 'scenarios',
      title: 'Scenarios',
      body: htmlTable(
        [{ header: 'Scenario' }, { header: 'Type' }, { header: 'Parameters' }, { header: 'Description' }],
        c.lines.map((l) => [`${l.scenario.name}${l.scenario.isBaseline ? ' (baseline)' : ''}`, l.scenario.type, describeParameters(l.scenario), l.scenario.description]),
      ),
    },
    { id: 'utilisation', title: 'Utilisation', body: barsChart(utilBars, { title: 'Machine and material utilisation per scenario' }) },
    {
      id: 'orders',
      title: 'Orders per scenario',
      body: c.lines
        .filter((l) => l.plan?.goals !== undefined)
        .map(
          (l) =>
            `<h3>${escapeHtml(l.scenario.name)}</h3>` +
            htmlTable(
              [
                { header: 'Order', align: 'right' },
                { header: 'Customer' },
                { header: 'Product (week)' },
                { header: 'P', align: 'right' },
                { header: 'Target', align: 'right' },
                { header: 'Met', align: 'right' },
                { header: 'Short', align: 'right' },
              ],
              l.plan!.goals!.orders.map((o) => [
                String(o.orderId),
                o.customer,
                o.product,
                String(o.priority),
                formatNumber(o.target),
                formatNumber(o.achieved),
                o.satisfied ? '—' : formatNumber(o.shortfall),
              ]),
            ),
        )
        .join('\n'),
    },
  ];
  return renderTabs(
    'Scenario analysis',
    `${options.database}: ${c.lines.length} scenarios, goals ${c.goalMode}, ${c.variant === 'lumix' ? "the tutorial's literal model (--compat lumix)" : 'the multi-period model'}, solver ${c.solver}`,
    [
      ['Scenarios', String(c.lines.length)],
      ['Reference', c.reference],
      ['Goal mode', c.goalMode],
      ['Solver', c.solver],
    ],
    tabs,
    options.generatedAt,
  );
}


/** The step-6 report: summary and ranking, shadow prices per resource and week, bottlenecks, order rows. */
export function sensitivityReportHtml(
  s: SensitivitySummary,
  options: { readonly database: string; readonly solver: string; readonly generatedAt?: Date },
): string {
  const resourceTable = (type: 'machine' | 'material'): string => {
    const t = resourceSensitivityTable(s, type, (binding) => (binding ? { html: '<span class="tag full">binding</span>' } : ''));
    return htmlTable(t.columns, t.rows);
  };
  const maxDual = Math.max(1e-9, ...s.ranking.map((l) => Math.abs(l.row.dual)));
  const tabs: ReportTab[] = [
    {
      id: 'summary',
      title: 'Summary',
      body:
        (s.ranking.length === 0
          ? '<p>No machine or material row has a shadow price.</p>'
          : barsChart(
              s.ranking
                .slice(0, 10)
                .map((l) => ({ label: `${l.resource} W${l.week}`, value: Math.abs(l.row.dual), valueLabel: dual4(l.row.dual), tone: 'full' as const })),
              { title: 'Capacity bottlenecks by |shadow price|', max: maxDual, unit: '' },
            )) + s.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join(''),
    },
    { id: 'machines', title: 'Machine hours', body: resourceTable('machine') },
    { id: 'materials', title: 'Materials', body: resourceTable('material') },
    {
      id: 'bottlenecks',
      title: 'Bottlenecks',
      body:
        htmlTable(
          [{ header: 'Resource' }, { header: 'Binding weeks', align: 'right' }, { header: 'Σ shadow price', align: 'right' }],
          s.byResource.map((g) => [g.label, `${g.binding}/${g.rows}`, dual4(g.dualSum)]),
          { caption: 'By resource' },
        ) +
        htmlTable(
          [{ header: 'Week' }, { header: 'Binding rows', align: 'right' }, { header: 'Σ shadow price', align: 'right' }],
          s.byWeek.map((g) => [g.label, `${g.binding}/${g.rows}`, dual4(g.dualSum)]),
          { caption: 'By week' },
        ),
    },
    {
      id: 'orders',
      title: 'Order rows (goals)',
      body:
        '<p class="note">Goals, not capacities: a dual here is what one more unit of the order\'s target would cost in penalty.</p>' +
        htmlTable(
          [
            { header: 'Order' },
            { header: 'Target', align: 'right' },
            { header: 'Met', align: 'right' },
            { header: 'Short', align: 'right' },
            { header: 'Dual', align: 'right' },
          ],
          s.orders.map((o) => [o.label, formatNumber(o.row.lower), formatNumber(o.met), formatNumber(o.short), dual4(o.row.dual)]),
        ),
    },
  ];
  return renderTabs(
    'Sensitivity analysis',
    `${options.database}: ${s.variant === 'lumix' ? "the tutorial's literal model (--compat lumix)" : 'the multi-period model'}, ${s.relaxed ? 'LP relaxation of the setups' : 'setups fixed at the MIP optimum'}, solver ${options.solver}`,
    [
      ['LumiX penalty', formatNumber(s.report.objective)],
      ['Binding rows', String(s.report.binding.length)],
      ['Priced capacity rows', String(s.ranking.length)],
      ['Ranging', s.report.ranging ? 'yes' : 'no (duals only)'],
    ],
    tabs,
    options.generatedAt,
  );
}

/** The step-7 report: the what-ifs with Δ, a chart of Δ, and the decisions each changed. */
export function whatIfReportHtml(
  s: WhatIfSummary,
  options: { readonly database: string; readonly describe: (changed: WhatIfLine['changedDecisions']) => string[][]; readonly generatedAt?: Date },
): string {
  const table = htmlTable(
    [
      { header: 'What if' },
      { header: 'Status' },
      { header: s.objectiveName, align: 'right' },
      { header: 'Δ', align: 'right' },
      { header: 'Δ%', align: 'right' },
      ...(s.kind === 'scan' ? [{ header: 'Δ per unit', align: 'right' as const }] : []),
      { header: 'Decisions changed', align: 'right' },
    ],
    s.lines.map((l) => [
      l.label,
      l.status,
      l.objective === null ? '—' : formatNumber(l.objective),
      signed(l.delta, (x) => formatNumber(x)),
      signed(l.deltaPct, (x) => `${formatNumber(x, 2)}%`),
      ...(s.kind === 'scan' ? [signed(l.rate ?? null, (x) => formatNumber(x, 4))] : []),
      String(l.changedDecisions.length),
    ]),
    { caption: `Baseline ${s.baseline.status}, ${s.objectiveName} ${s.baseline.objective === null ? '—' : formatNumber(s.baseline.objective)} (${s.objectiveName === 'Net profit' ? 'higher' : 'lower'} is better).` },
  );
  const maxDelta = Math.max(1e-9, ...s.lines.map((l) => Math.abs(l.delta ?? 0)));
  const sign = s.objectiveName === 'Net profit' ? 1 : -1;
  const better = (d: number | null): boolean => d !== null && sign * d > 1e-9;
  const worse = (d: number | null): boolean => d !== null && sign * d < -1e-9;
  const tabs: ReportTab[] = [
    {
      id: 'whatif',
      title: 'What-if analysis',
      body:
        table +
        barsChart(
          s.lines.slice(0, 30).map((l) => ({
            label: l.label,
            value: Math.abs(l.delta ?? 0),
            valueLabel: signed(l.delta, (x) => formatNumber(x)),
            // Green when the change helps (less penalty, more profit), red when it hurts.
            tone: better(l.delta) ? ('ok' as const) : worse(l.delta) ? ('full' as const) : ('warn' as const),
          })),
          { title: `Δ of the ${s.objectiveName.toLowerCase()}`, max: maxDelta, unit: '' },
        ),
    },
    {
      id: 'decisions',
      title: 'Changed decisions',
      body:
        s.lines
          .filter((l) => l.changedDecisions.length > 0)
          .map(
          (l) =>
            `<h3>${escapeHtml(l.label)}</h3>` +
            htmlTable(
              [{ header: 'Where' }, { header: 'Decision' }, { header: 'Before', align: 'right' }, { header: 'After', align: 'right' }, { header: 'Δ', align: 'right' }],
              options.describe(l.changedDecisions),
            ),
        )
          .join('\n') || '<p>No decision changed.</p>',
    },
  ];
  return renderTabs(
    'What-if analysis',
    `${options.database}: ${s.variant === 'lumix' ? "the tutorial's literal model (--compat lumix)" : 'the multi-period model'}, solver ${s.solver}, re-solves ${s.path}`,
    [
      [`Baseline ${s.objectiveName.toLowerCase()}`, s.baseline.objective === null ? '—' : formatNumber(s.baseline.objective)],
      ['What-ifs', String(s.lines.length)],
      ['Solver', s.solver],
      ['Re-solves', s.path],
    ],
    tabs,
    options.generatedAt,
  );
}
