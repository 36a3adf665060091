// A fresh process for the build suite's figures that an already warm process cannot give:
//   cold <model> <size>             first build in this process vs the median of warm builds after it
//   mem <model> <size> <contender>  peak RSS growth during one build (transient) and bytes kept after it
// Prints one JSON line. Spawned by suites/core-build.ts with the parent's node flags.
import { readFileSync, writeFileSync } from 'node:fs';
import { benchModels, type BuildOut } from './build-models.js';
import { gc, median } from './bench-kit.js';

const [mode, modelName, sizeLabel, contender = 'api'] = process.argv.slice(2);
const model = benchModels[modelName ?? ''];
const size = model?.sizes.find((s) => s.label === sizeLabel);
if (model === undefined || size === undefined) throw new Error(`build-child: unknown model or size ${modelName} ${sizeLabel}`);
const data = model.data(size.dims);
const build = async (): Promise<BuildOut> => {
  if (contender === 'api') return model.api(data);
  if (contender === 'floor') return model.floor(data);
  throw new Error(`build-child: unknown contender ${contender}`);
};

/** A field of /proc/self/status in bytes, or NaN where there is none (not Linux). */
function procStatus(field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m === null ? Number.NaN : Number(m[1]) * 1024;
  } catch {
    return Number.NaN;
  }
}

if (mode === 'cold') {
  // The first use of the global \`performance\` loads Node's perf_hooks modules (about 2 ms): not the build's.
  performance.now();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await build();
  const coldMs = performance.now() - t0;
  const coldCpuMs = cpuMs(c0);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 30; i++) {
    const u = process.cpuUsage();
    const t = performance.now();
    await build();
    if (i >= 10) {
      wall.push(performance.now() - t);
      cpu.push(cpuMs(u));
    }
  }
  console.log(JSON.stringify({ coldMs, coldCpuMs, warmMs: median(wall), warmCpuMs: median(cpu) }));
} else if (mode === 'mem') {
  gc();
  gc();
  const heap0 = process.memoryUsage();
  let peakKnown = true;
  try {
    // Resets VmHWM to the current RSS (Linux), so VmHWM after the build is the build's own peak.
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    peakKnown = false;
  }
  const rss0 = procStatus('VmRSS');
  const out = await build();
  const hwm = procStatus('VmHWM');
  gc();
  gc();
  const heap1 = process.memoryUsage();
  const retained = heap1.heapUsed + heap1.arrayBuffers - (heap0.heapUsed + heap0.arrayBuffers);
  console.log(JSON.stringify({ transientBytes: peakKnown ? hwm - rss0 : Number.NaN, retainedBytes: retained, nnz: out.nnz, kept: out.kept !== undefined }));
} else {
  throw new Error(`build-child: unknown mode ${mode}`);
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}
