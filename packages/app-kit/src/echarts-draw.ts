import { createRequire } from 'node:module';
import type { EChartsOption } from 'echarts';
import { APP_PHASE_PREFIX } from './app-phases.js';
import { requireWithCodeCache } from './code-cache.js';
import { escapeHtml } from './escape-html.js';
import { formatMoney, formatNumber } from './format-table.js';

// ECharts drawing without @lumix/core, so that the chart worker (chart-worker-entry.ts) loads
// nothing else; chart-svg.ts turns its errors into LumixErrors.

/** Options of {@link chartSvg}. */
export interface ChartSvgOptions {
  /** What the chart shows, in words: the SVG's `<title>` and `aria-label` (read by screen readers, shown on hover). */
  readonly title: string;
  /** Width of the drawing in px; the page scales it to the width of its box (a report section holds about 960). Default 960. */
  readonly width?: number;
  /** Height of the drawing in px. Default 320. */
  readonly height?: number;
}

/** The colours of every report chart, in series order (the report's accent blue first). */
const CHART_COLOURS: readonly string[] = ['#2f6fde', '#2b9a66', '#d9822b', '#8e5bd6', '#c23b3b', '#1f9bb4', '#b5a033', '#7b8794', '#e05d9a', '#5b6abf', '#6b9e3a', '#a0522d'];

type ECharts = typeof import('echarts');

let echarts: ECharts | undefined;
let saveEChartsCache: (() => void) | undefined;

/**
 * ECharts, loaded on the first chart only (its minified CommonJS bundle, one file: about a fifth faster to load than the plain one): a command that writes
 * no report never pays for it. Loaded with V8's code cache kept in a file ({@link requireWithCodeCache}),
 * saved after the first chart so that it holds the drawing code too. The load is a User Timing measure `lumix-app:report-echarts-load`
 * (part of the `report` phase), which `pnpm bench apps` prints apart.
 */
function loadECharts(): ECharts {
  if (echarts === undefined) {
    const start = performance.now();
    const loaded = requireWithCodeCache<ECharts>(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'));
    echarts = loaded.exports;
    saveEChartsCache = loaded.saveCache;
    performance.measure(`${APP_PHASE_PREFIX}report-echarts-load`, { start, end: performance.now() });
  }
  return echarts;
}

/** What {@link chartSvg} does, throwing ECharts' own error. */
export function drawChartSvg(option: EChartsOption, options: ChartSvgOptions): string {
  const lib = loadECharts();
  const width = options.width ?? 960;
  const height = options.height ?? 320;
  const chart = lib.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption({
      animation: false,
      color: [...CHART_COLOURS],
      textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: '#1f2933' },
      ...option,
    });
    svg = chart.renderToSVGString();
    saveEChartsCache?.();
    saveEChartsCache = undefined;
  } finally {
    chart.dispose();
  }
  const label = escapeHtml(options.title);
  const inline = svg
    .replace(/^<svg /, `<svg role="img" aria-label="${label}" `)
    .replace(/ xmlns(:xlink)?="[^"]*"/g, '')
    .replace(/^(<svg[^>]*>)/, `$1\n<title>${label}</title>`);
  return `<div class="chart">${inline}</div>`;
}

/** A formatter that a chart worker can carry: a plain-data description of what the function does. */
type FormatterSpec =
  | { readonly kind: 'labels'; readonly labels: readonly string[] }
  | { readonly kind: 'money' | 'number'; readonly decimals: number };

const SPEC = Symbol('lumix.formatter');
/** The key a formatter spec travels under to a chart worker (a plain object there). */
const FORMATTER_KEY = '__lumixFormatter';

type SpecFormatter = ((p: unknown) => string) & { [SPEC]?: FormatterSpec };

function formatterOf(spec: FormatterSpec): SpecFormatter {
  const f: SpecFormatter =
    spec.kind === 'labels'
      ? (p: unknown) => spec.labels[(p as { dataIndex?: number }).dataIndex ?? -1] ?? ''
      : spec.kind === 'money'
        ? (v: unknown) => formatMoney(Number(v), spec.decimals)
        : (v: unknown) => formatNumber(Number(v), spec.decimals);
  f[SPEC] = spec;
  return f;
}

/**
 * A label formatter that shows `labels[dataIndex]` (a series' per-bar labels, made beforehand), which
 * a chart worker can carry; use it where a chart may be drawn by {@link startChartWorker}.
 */
export function labelsFormatter(labels: readonly string[]): (p: { dataIndex: number }) => string {
  return formatterOf({ kind: 'labels', labels });
}

/** An axis formatter of money (`formatMoney(v, decimals)`) that a chart worker can carry. */
export function moneyFormatter(decimals: number): (v: number) => string {
  return formatterOf({ kind: 'money', decimals });
}

/**
 * The option as plain data for a worker: each formatter made by {@link labelsFormatter} or
 * {@link moneyFormatter} becomes its spec; `undefined` when the option holds any other function.
 */
export function toPlainOption(option: unknown): unknown {
  let ok = true;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'function') {
      const spec = (v as SpecFormatter)[SPEC];
      if (spec === undefined) ok = false;
      return spec === undefined ? undefined : { [FORMATTER_KEY]: spec };
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  const plain = walk(option);
  return ok ? plain : undefined;
}

/** The inverse of {@link toPlainOption}: each formatter spec becomes its function again. */
export function fromPlainOption(option: unknown): unknown {
  if (Array.isArray(option)) return option.map(fromPlainOption);
  if (option !== null && typeof option === 'object') {
    const spec = (option as Record<string, unknown>)[FORMATTER_KEY] as FormatterSpec | undefined;
    if (spec !== undefined) return formatterOf(spec);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(option)) out[k] = fromPlainOption(x);
    return out;
  }
  return option;
}
