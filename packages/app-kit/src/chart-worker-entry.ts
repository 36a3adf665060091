// The chart worker (chart-worker.ts): loads ECharts and draws one small chart at once, so that its
// code is loaded and warm by the time the report asks; then draws each chart it is sent.
import { parentPort } from 'node:worker_threads';
import type { EChartsOption } from 'echarts';
import { drawChartSvg, fromPlainOption, labelsFormatter, moneyFormatter, type ChartSvgOptions } from './echarts-draw.js';

interface DrawRequest {
  readonly id: number;
  readonly option: unknown;
  readonly options: ChartSvgOptions;
}

function warmUp(): void {
  // A bar chart like the reports' (value axis with a money formatter, category axis, labels).
  drawChartSvg(
    {
      grid: { left: 16, right: 110, top: 16, bottom: 28, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: moneyFormatter(0) } },
      yAxis: { type: 'category', data: ['a', 'b', 'c'] },
      series: [{ type: 'bar', data: [1, 2, { value: 3, itemStyle: { color: '#2b9a66' } }], label: { show: true, position: 'right', formatter: labelsFormatter(['1', '2', '3']) } }],
    },
    { title: 'warm-up', height: 160 },
  );
}

const port = parentPort;
if (port !== null) {
  port.on('message', (req: DrawRequest) => {
    try {
      port.postMessage({ id: req.id, svg: drawChartSvg(fromPlainOption(req.option) as EChartsOption, req.options) });
    } catch (e) {
      port.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
  try {
    warmUp();
  } catch {
    // Only a warm-up: a real chart that fails reports its own error.
  }
  port.postMessage({ ready: true });
}
