import type { EChartsOption } from 'echarts';
import { LumixError } from '@lumix/core';
import { drawChartSvg, type ChartSvgOptions } from './echarts-draw.js';

export type { ChartSvgOptions } from './echarts-draw.js';

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
  try {
    return drawChartSvg(option, options);
  } catch (cause) {
    throw chartError(cause, options.title);
  }
}

/** The error of a chart ECharts could not draw. */
export function chartError(cause: unknown, title: string): LumixError {
  return new LumixError('INVALID_ARGUMENT', `ECharts could not draw the chart "${title}": ${cause instanceof Error ? cause.message : String(cause)}. Check the chart's option.`, {
    cause,
    details: { title },
  });
}
