import { chartSvg, formatMoney, formatNumber, formatPercent, labelsFormatter, moneyFormatter, type ChartBar, type ChartSvgOptions } from '@lumix/app-kit';
import type { MultiPeriodPlan, PeriodUse } from '../model/multi-period-plan.js';
import type { GoalSummary, ProductionPlan } from '../model/production-plan.js';

// The production reports' charts, drawn by ECharts (app-kit's chartSvg) as inline SVG.

const OK = '#2b9a66';
const WARN = '#d9822b';
const FULL = '#c23b3b';
const MUTED = '#52606d';
const AXIS = { axisLine: { lineStyle: { color: '#9aa5b1' } }, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: '#e4e7eb', type: 'dashed' as const } } };

/** Colour of a utilisation level: used up, 85 % or more, below. */
const toneOf = (pct: number, binding: boolean): string => (binding || pct >= 99.95 ? FULL : pct >= 85 ? WARN : OK);

/** Height of a horizontal bar chart with `n` bars. */
const barsHeight = (n: number): number => 56 + 34 * Math.max(1, n);

/** Bars a chart draws at most; the rest are summed (profit) or left to the tables, and the chart's title says so. */
const MAX_BARS = 15;

type PlanLine = ProductionPlan['lines'][number];

/**
 * The `k` lines of highest contribution, highest first (equal ones in plan order, as a stable sort
 * would give; all lines in plan order when there are no more than `k`), and the count and sums of the others: one pass keeping `k` lines in order instead
 * of sorting every line (a 30k-product plan, issue 9). The others are summed in plan order.
 */
export function mostProfitable(lines: readonly PlanLine[], k: number): { top: PlanLine[]; rest: { count: number; contribution: number; quantity: number } } {
  // Up to k lines are all drawn, in plan order.
  if (lines.length <= k) return { top: [...lines], rest: { count: 0, contribution: 0, quantity: 0 } };
  const top: PlanLine[] = [];
  for (const l of lines) {
    if (top.length === k && !(l.contribution > (top[k - 1] as PlanLine).contribution)) continue;
    let i = top.length;
    while (i > 0 && (top[i - 1] as PlanLine).contribution < l.contribution) i--;
    top.splice(i, 0, l);
    if (top.length > k) top.pop();
  }
  const chosen = new Set(top);
  const rest = { count: 0, contribution: 0, quantity: 0 };
  for (const l of lines) {
    if (chosen.has(l)) continue;
    rest.count++;
    rest.contribution += l.contribution;
    rest.quantity += l.quantity;
  }
  return { top, rest };
}

/** A chart's ECharts option and its size and title: what {@link chartSvg} (or a chart worker) draws. */
export type ChartSpec = readonly [Parameters<typeof chartSvg>[0], ChartSvgOptions];

/**
 * Profit per product (single-week plan): one horizontal bar each, labelled with the money; past 15
 * products the 15 most profitable and the rest summed. Its formatters are plain data (app-kit's
 * `labelsFormatter`, `moneyFormatter`), so a chart worker can draw it.
 */
export function profitChartSpec(plan: ProductionPlan): ChartSpec {
  const { top: best, rest } = mostProfitable(plan.lines, MAX_BARS);
  const top = best.map((l) => ({ name: l.name, contribution: l.contribution, quantity: l.quantity }));
  if (rest.count > 0) {
    top.push({ name: `${formatNumber(rest.count, 0)} other products`, contribution: rest.contribution, quantity: rest.quantity });
  }
  const lines = top.reverse();
  return [
    {
      grid: { left: 16, right: 110, top: 16, bottom: 28, containLabel: true },
      xAxis: { type: 'value', ...AXIS, axisLabel: { color: MUTED, formatter: moneyFormatter(0) } },
      yAxis: { type: 'category', data: lines.map((l) => l.name), ...AXIS, axisLabel: { color: '#1f2933', fontSize: 12 } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          data: lines.map((l) => l.contribution),
          label: { show: true, position: 'right', color: '#1f2933', formatter: labelsFormatter(lines.map((l) => `${formatMoney(l.contribution)} (${formatNumber(l.quantity)} units)`)) },
        },
      ],
    },
    { title: rest.count === 0 ? 'Profit by product' : `Profit by product: the ${MAX_BARS} most profitable, then the other ${formatNumber(rest.count, 0)}`, height: barsHeight(lines.length) },
  ];
}

/** Utilisation of every machine and material (single-week plan): horizontal bars coloured by level, labelled `used / available`; past 40, the 40 most used. Plain-data formatters, as {@link profitChartSpec}. */
export function utilisationChartSpec(plan: ProductionPlan): ChartSpec {
  const all = [
    ...plan.machines.map((r) => ({ r, label: `${formatNumber(r.used)} / ${formatNumber(r.available)} h (${formatPercent(r.utilizationPct)})` })),
    ...plan.materials.map((r) => ({ r, label: `${formatNumber(r.used)} / ${formatNumber(r.available)} (${formatPercent(r.utilizationPct)})` })),
  ];
  const cap = MAX_BARS * 2 + 10;
  const rows = (all.length <= cap ? all : [...all].sort((a, b) => b.r.utilizationPct - a.r.utilizationPct).slice(0, cap)).reverse();
  return [
    {
      grid: { left: 16, right: 200, top: 16, bottom: 28, containLabel: true },
      xAxis: { type: 'value', max: 100, ...AXIS, axisLabel: { color: MUTED, formatter: '{value}%' } },
      yAxis: {
        type: 'category',
        data: rows.map(({ r }) => r.name),
        ...AXIS,
        axisLabel: { color: '#1f2933', fontSize: 12 },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 20,
          showBackground: true,
          backgroundStyle: { color: '#eef2f7' },
          data: rows.map(({ r }) => ({ value: Math.min(100, r.utilizationPct), itemStyle: { color: toneOf(r.utilizationPct, r.binding) } })),
          label: { show: true, position: 'right', color: MUTED, formatter: labelsFormatter(rows.map((x) => x.label)) },
        },
      ],
    },
    { title: all.length <= cap ? 'Resource utilisation' : `Resource utilisation: the ${cap} most used of ${all.length}`, height: barsHeight(rows.length) },
  ];
}

/** Orders satisfied and short per priority: stacked horizontal bars. Plain-data formatters, as {@link profitChartSpec}. */
export function ordersChartSpec(goals: GoalSummary): ChartSpec {
  const ps = [...goals.priorities].reverse();
  const count = (n: number): string => (n > 0 ? String(n) : '');
  return [
    {
      legend: { top: 0, right: 0, textStyle: { color: MUTED } },
      grid: { left: 16, right: 24, top: 34, bottom: 28, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, ...AXIS, name: 'orders', nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: MUTED } },
      yAxis: { type: 'category', data: ps.map((p) => `Priority ${p.priority}`), ...AXIS, axisLabel: { color: '#1f2933', fontSize: 12 } },
      series: [
        { name: 'satisfied', type: 'bar', stack: 'n', barMaxWidth: 24, color: OK, data: ps.map((p) => p.satisfied), label: { show: true, color: '#fff', formatter: labelsFormatter(ps.map((p) => count(p.satisfied))) } },
        { name: 'short', type: 'bar', stack: 'n', barMaxWidth: 24, color: FULL, data: ps.map((p) => p.total - p.satisfied), label: { show: true, color: '#fff', formatter: labelsFormatter(ps.map((p) => count(p.total - p.satisfied))) } },
      ],
    },
    { title: 'Customer orders satisfied per priority', height: 60 + 40 * Math.max(1, ps.length) },
  ];
}

/** {@link ordersChartSpec} drawn here. */
export function ordersChart(goals: GoalSummary): string {
  return chartSvg(...ordersChartSpec(goals));
}

/** The money of a multi-period plan: sales, setups, holding and net as bars (costs drawn below zero). */
export function moneyChart(plan: MultiPeriodPlan): string {
  const items = [
    { name: 'Sales', value: plan.grossProfit, color: '#2f6fde' },
    { name: 'Setups', value: -plan.setupCost, color: WARN },
    { name: 'Holding', value: -plan.holdingCost, color: '#8e5bd6' },
    { name: 'Net profit', value: plan.netProfit, color: OK },
  ];
  return chartSvg(
    {
      grid: { left: 16, right: 24, top: 28, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: items.map((i) => i.name), ...AXIS, axisLabel: { color: '#1f2933', fontSize: 12 } },
      yAxis: { type: 'value', ...AXIS, axisLabel: { color: MUTED, formatter: (v: number) => formatMoney(v, 0) } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 56,
          data: items.map((i) => ({ value: i.value, itemStyle: { color: i.color } })),
          label: { show: true, position: 'top', color: '#1f2933', formatter: (p: { dataIndex: number }) => formatMoney(items[p.dataIndex]?.value ?? 0) },
        },
      ],
    },
    { title: 'Net profit = sales − setups − holding', height: 300 },
  );
}

/** Units made per week, stacked by product, with the stock at the end of each week as a line. */
export function productionChart(plan: MultiPeriodPlan): string {
  const weeks = plan.periods.map((t) => t.name);
  const made = (g: MultiPeriodPlan['grid'][number]) => g.cells.reduce((s, c) => s + c.production, 0);
  const sorted = plan.grid.length <= MAX_BARS ? plan.grid : [...plan.grid].sort((a, b) => made(b) - made(a));
  const rest = sorted.slice(MAX_BARS);
  const stacks = [
    ...sorted.slice(0, MAX_BARS).map((g) => ({ name: g.name, data: g.cells.map((c) => c.production) })),
    ...(rest.length === 0 ? [] : [{ name: `${rest.length} other products`, data: plan.periods.map((_, i) => rest.reduce((s, g) => s + (g.cells[i]?.production ?? 0), 0)) }]),
  ];
  return chartSvg(
    {
      legend: { bottom: 0, textStyle: { color: MUTED } },
      grid: { left: 16, right: 24, top: 16, bottom: 64, containLabel: true },
      xAxis: { type: 'category', data: weeks, ...AXIS, axisLabel: { color: '#1f2933' } },
      yAxis: { type: 'value', ...AXIS, axisLabel: { color: MUTED, formatter: '{value} u' } },
      series: [
        ...stacks.map((g) => ({ name: g.name, type: 'bar' as const, stack: 'made', barMaxWidth: 48, data: g.data })),
        {
          name: 'End stock (all products)',
          type: 'line' as const,
          color: '#1f2933',
          symbolSize: 6,
          lineStyle: { type: 'dashed' as const, width: 2 },
          data: plan.periods.map((_, i) => plan.grid.reduce((s, g) => s + (g.cells[i]?.inventory ?? 0), 0)),
        },
      ],
    },
    { title: 'Units made per week by product, and stock at the end of each week', height: 380 },
  );
}

/** Utilisation per week of each machine or material: a heat map (resource × week) labelled with the percentage, coloured by level. */
export function weeklyUseChart(plan: MultiPeriodPlan, type: PeriodUse['type']): string {
  const use = plan.use.filter((u) => u.type === type);
  const peak = new Map<number, number>();
  for (const u of use) peak.set(u.id, Math.max(peak.get(u.id) ?? 0, u.utilizationPct));
  const allIds = [...peak.keys()];
  const cap = 40;
  // Past 40 resources, the 40 with the highest weekly peak (the table below lists them all).
  const ids = allIds.length <= cap ? allIds : [...allIds].sort((a, b) => (peak.get(b) ?? 0) - (peak.get(a) ?? 0)).slice(0, cap);
  const names = ids.map((id) => use.find((u) => u.id === id)?.name ?? String(id));
  const cells = plan.periods.flatMap((t, x) =>
    ids.map((id, y) => {
      const pct = use.find((u) => u.id === id && u.periodId === t.id)?.utilizationPct ?? 0;
      return [x, ids.length - 1 - y, Math.round(pct * 10) / 10];
    }),
  );
  return chartSvg(
    {
      grid: { left: 16, right: 16, top: 40, bottom: 16, containLabel: true },
      xAxis: { type: 'category', position: 'top', data: plan.periods.map((t) => t.name), axisLine: { show: false }, axisTick: { show: false }, axisLabel: { color: '#1f2933', fontSize: 12 } },
      yAxis: { type: 'category', data: [...names].reverse(), axisLine: { show: false }, axisTick: { show: false }, axisLabel: { color: '#1f2933', fontSize: 12 } },
      visualMap: {
        type: 'piecewise',
        dimension: 2,
        orient: 'horizontal',
        top: 0,
        right: 0,
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { color: MUTED },
        pieces: [
          { lt: 0.05, label: 'idle', color: '#f5f7fa' },
          { gte: 0.05, lt: 50, label: 'below 50%', color: '#d7efe3' },
          { gte: 50, lt: 85, label: '50–85%', color: '#9fd8bb' },
          { gte: 85, lt: 99.95, label: '85% or more', color: '#f6c795' },
          { gte: 99.95, label: 'full', color: '#ec9a9a' },
        ],
      },
      series: [
        {
          type: 'heatmap',
          data: cells,
          itemStyle: { borderColor: '#fff', borderWidth: 3, borderRadius: 4 },
          label: { show: true, color: '#1f2933', fontSize: 12, formatter: (p: { value?: unknown }) => formatPercent(Number((p.value as number[])[2])) },
        },
      ],
    },
    {
      title: `${type === 'machine' ? 'Machine hours' : 'Material'} used per week, % of the week's capacity${allIds.length <= cap ? '' : ` (the ${cap} busiest of ${allIds.length})`}`,
      height: 64 + 34 * Math.max(1, ids.length),
    },
  );
}

/** Options of {@link barsChart}. */
interface BarsChartOptions {
  readonly title: string;
  /** The value that counts as full when a bar has no tone (its colour by level). Default 100 (a percentage). */
  readonly max?: number;
  /** Unit after a default value label ('%' by default). */
  readonly unit?: string;
}

/**
 * Horizontal bars from app-kit's `ChartBar` list (the analysis reports: scenarios, shadow prices,
 * what-if deltas), drawn by ECharts: one bar per entry in the given order, coloured by its tone
 * (else by level against `max`), labelled with its `valueLabel`; a bar's `group` prefixes its label.
 */
export function barsChart(bars: readonly ChartBar[], options: BarsChartOptions): string {
  const unit = options.unit ?? '%';
  const max = options.max ?? 100;
  const toneColour = { ok: OK, warn: WARN, full: FULL } as const;
  const rows = [...bars].reverse();
  const colour = (b: ChartBar): string => (b.tone !== undefined ? toneColour[b.tone] : toneOf((100 * b.value) / max, false));
  return chartSvg(
    {
      grid: { left: 16, right: 150, top: 16, bottom: 28, containLabel: true },
      // Percentages on a 0-100 axis; other units on ECharts' own round ticks.
      xAxis: { type: 'value', ...AXIS, ...(unit === '%' ? { max: Math.max(100, ...bars.map((b) => b.value)), axisLabel: { color: MUTED, formatter: '{value}%' } } : {}) },
      yAxis: { type: 'category', data: rows.map((b) => (b.group === undefined ? b.label : `${b.group} · ${b.label}`)), ...AXIS, axisLabel: { color: '#1f2933', fontSize: 12 } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          data: rows.map((b) => ({ value: b.value, itemStyle: { color: colour(b) } })),
          label: {
            show: true,
            position: 'right',
            color: '#1f2933',
            formatter: (p: { dataIndex: number }) => {
              const b = rows[p.dataIndex];
              return b === undefined ? '' : (b.valueLabel ?? `${formatNumber(b.value, 1)}${unit}`);
            },
          },
        },
      ],
    },
    { title: options.title, height: barsHeight(rows.length) },
  );
}
