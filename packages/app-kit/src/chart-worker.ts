import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EChartsOption } from 'echarts';
import { chartError, chartSvg } from './chart-svg.js';
import { toPlainOption, type ChartSvgOptions } from './echarts-draw.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** Charts drawn in a worker thread: see {@link startChartWorker}. */
export interface ChartWorker {
  /**
   * What {@link chartSvg} returns for the same option, drawn by the worker (in this thread when
   * the option holds a function other than {@link labelsFormatter}'s and {@link moneyFormatter}'s,
   * or when the worker is gone).
   *
   * @throws LumixError `INVALID_ARGUMENT` (the promise rejects) when ECharts cannot draw the option.
   */
  chartSvg(option: EChartsOption, options: ChartSvgOptions): Promise<string>;
  /** Stops the worker (pending charts are drawn in this thread instead). */
  close(): Promise<void>;
}

interface Pending {
  readonly option: EChartsOption;
  readonly options: ChartSvgOptions;
  readonly resolve: (svg: string) => void;
  readonly reject: (e: unknown) => void;
}

/** tsx's API module, which the worker installs when it runs from TypeScript sources (Node 20 applies no --import hook in a worker). */
function tsxApiUrl(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: Record<string, { import?: { default?: string } } | string> };
  const api = manifest.exports?.['./esm/api'];
  const target = typeof api === 'object' ? api.import?.default : undefined;
  if (target === undefined) throw new Error('tsx has no ./esm/api export');
  return pathToFileURL(join(dirname(manifestPath), target)).href;
}

/**
 * Starts a worker thread that loads ECharts and warms it up with a small chart while this thread
 * goes on (a `solve` loads its data, builds and solves meanwhile); the report's charts are then
 * drawn there, warm, while this thread writes the report's tables. A cold ECharts costs this
 * thread 40–80 ms per report otherwise (load, then first drawings run unoptimised; issue 9). The
 * worker does not keep the process alive; {@link ChartWorker.close} stops it.
 *
 * Options travel to the worker as plain data: make label and axis formatters with
 * {@link labelsFormatter} and {@link moneyFormatter}. Anything the worker cannot draw is drawn
 * here, with the same result.
 */
export function startChartWorker(): ChartWorker {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | undefined;
  const inThread = (p: Pending): void => {
    try {
      p.resolve(chartSvg(p.option, p.options));
    } catch (e) {
      p.reject(e);
    }
  };
  const giveUp = (): void => {
    worker = undefined;
    const left = [...pending.values()];
    pending.clear();
    for (const p of left) inThread(p);
  };
  try {
    worker = FROM_SOURCE
      ? new Worker(fileURLToPath(new URL('./chart-worker-bootstrap.mjs', import.meta.url)), {
          workerData: { tsx: tsxApiUrl(), entry: new URL('./chart-worker-entry.ts', import.meta.url).href },
          execArgv: ['--conditions=@lumix/source'],
        })
      : new Worker(fileURLToPath(new URL('./chart-worker-entry.js', import.meta.url)));
    worker.unref();
    worker.on('message', (m: { id?: number; svg?: string; error?: string }) => {
      if (m.id === undefined) return;
      const p = pending.get(m.id);
      if (p === undefined) return;
      pending.delete(m.id);
      if (m.svg !== undefined) p.resolve(m.svg);
      else p.reject(chartError(m.error, p.options.title));
    });
    worker.on('error', giveUp);
    worker.on('exit', giveUp);
  } catch {
    worker = undefined;
  }
  return {
    chartSvg(option, options) {
      return new Promise<string>((resolve, reject) => {
        const p: Pending = { option, options, resolve, reject };
        const plain = worker === undefined ? undefined : toPlainOption(option);
        if (worker === undefined || plain === undefined) {
          inThread(p);
          return;
        }
        const id = nextId++;
        pending.set(id, p);
        worker.ref();
        worker.postMessage({ id, option: plain, options });
      }).finally(() => {
        if (pending.size === 0) worker?.unref();
      });
    },
    async close() {
      const w = worker;
      giveUp();
      if (w !== undefined) {
        w.removeAllListeners();
        await w.terminate();
      }
    },
  };
}
