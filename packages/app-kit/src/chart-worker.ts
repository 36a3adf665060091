import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
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
  /** Resolves `true` once the worker is warm (charts asked for from then on are drawn there), `false` if it is gone. */
  whenReady(): Promise<boolean>;
  /** Stops the worker (pending charts are drawn in this thread instead). */
  close(): Promise<void>;
}

/** Options of {@link startChartWorker}. */
export interface StartChartWorkerOptions {
  /**
   * Start the worker only when a core is free (the 1-minute load average plus this process is no
   * more than the cores); otherwise every chart is drawn in this thread. Default false.
   */
  readonly spareCoreOnly?: boolean;
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
 * thread 40–80 ms per report otherwise (load, then first drawings run unoptimised; issue 9).
 * Charts asked for before the worker is warm (it needs 50–100 ms of a free core, 150–250 ms from
 * TypeScript sources) are drawn in this thread and the worker is stopped. The worker does not
 * keep the process alive; {@link ChartWorker.close} stops it. `LUMIX_CHART_WORKER=0` starts none
 * (every chart is drawn in this thread), `1` starts one even without a spare core.
 *
 * Options travel to the worker as plain data: make label and axis formatters with
 * {@link labelsFormatter} and {@link moneyFormatter}. Anything the worker cannot draw is drawn
 * here, with the same result.
 */
export function startChartWorker(options: StartChartWorkerOptions = {}): ChartWorker {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | undefined;
  // Set once the worker has ECharts loaded and warm; a chart asked for before that is drawn here.
  let ready = false;
  let settleReady: (warm: boolean) => void = () => {};
  const readiness = new Promise<boolean>((resolve) => {
    settleReady = resolve;
  });
  const inThread = (p: Pending): void => {
    try {
      p.resolve(chartSvg(p.option, p.options));
    } catch (e) {
      p.reject(e);
    }
  };
  const giveUp = (): void => {
    worker = undefined;
    settleReady(ready);
    const left = [...pending.values()];
    pending.clear();
    for (const p of left) inThread(p);
  };
  try {
    const env = process.env['LUMIX_CHART_WORKER'];
    if (env === '0') throw new Error('LUMIX_CHART_WORKER=0: charts are drawn in this thread');
    // On a busy machine the worker's own start (ECharts, a warm-up chart) takes CPU from this
    // thread and is not warm in time: measured worse than drawing here (issue 9).
    if (options.spareCoreOnly === true && env !== '1' && (loadavg()[0] ?? 0) + 1 > availableParallelism()) throw new Error('no spare core');
    worker = FROM_SOURCE
      ? new Worker(fileURLToPath(new URL('./chart-worker-bootstrap.mjs', import.meta.url)), {
          workerData: { tsx: tsxApiUrl(), entry: new URL('./chart-worker-entry.ts', import.meta.url).href },
          execArgv: ['--conditions=@lumix/source'],
        })
      : new Worker(fileURLToPath(new URL('./chart-worker-entry.js', import.meta.url)));
    worker.unref();
    worker.on('message', (m: { id?: number; svg?: string; error?: string; ready?: boolean }) => {
      if (m.ready === true) {
        ready = true;
        settleReady(true);
      }
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
    settleReady(false);
  }
  return {
    whenReady: () => readiness,
    chartSvg(option, options) {
      return new Promise<string>((resolve, reject) => {
        const p: Pending = { option, options, resolve, reject };
        if (worker !== undefined && !ready) {
          // Not warm yet (a short solve, a busy machine): drawing here costs what it did without
          // a worker, waiting could cost more; the worker is stopped so that it takes no more CPU.
          const w = worker;
          giveUp();
          w.removeAllListeners();
          void w.terminate();
        }
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
