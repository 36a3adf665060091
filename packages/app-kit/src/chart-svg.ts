import { createRequire } from 'node:module';
import type { EChartsOption } from 'echarts';
import { LumixError } from '@lumix/core';
import { APP_PHASE_PREFIX } from './app-phases.js';
import { requireWithCodeCache } from './code-cache.js';
import { escapeHtml } from './escape-html.js';

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

/**
 * A chart drawn by Apache ECharts' server-side SVG renderer, as inline SVG markup for a report
 * page (in a `div.chart` that scales it down to a narrow screen): no script, no font, no request, so the page opens offline and prints as drawn. `option`
 * is an ordinary ECharts option (series, axes, legend …); animation is off, the report's font
 * and {@link CHART_COLOURS} are the defaults. Text in the option is escaped by ECharts; the
 * namespace attributes (which name URLs) are dropped, since HTML needs none for inline SVG.
 *
 * @throws LumixError `INVALID_ARGUMENT` when ECharts cannot draw the option (the message says why).
 */
export function chartSvg(option: EChartsOption, options: ChartSvgOptions): string {
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
  } catch (cause) {
    throw new LumixError('INVALID_ARGUMENT', `ECharts could not draw the chart "${options.title}": ${cause instanceof Error ? cause.message : String(cause)}. Check the chart's option.`, {
      cause,
      details: { title: options.title },
    });
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
