// One size of one app for `pnpm bench apps`, one step per process of its own (so that its peak RSS
// is that step's own, and the solve is as cold as the command line's):
// - `seed`: generates the data, writes it as a data file and seeds a database from it with the
//   app's `seed --data`;
// - `solve`: runs `solve --report` in-process on that database.
// Prints one JSON line: the phases the app measured (app-kit's timePhase, User Timing measures
// `lumix-app:*`), the step's wall time and the process's peak RSS.
// Usage: apps-run.ts <production|timetabling> <dir> <size as JSON> <seed|solve>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_PHASE_PREFIX, createBufferedOutput } from '@lumix/app-kit';
import { generateProductionData, runProductionCli } from '@lumix/production-planning';
import { generateSchool, runTimetablingCli } from '@lumix/timetabling';

const [app, dir, sizeJson, step] = process.argv.slice(2) as [string, string, string, 'seed' | 'solve'];
const db = join(dir, `${app}.db`);
const run = app === 'production' ? runProductionCli : runTimetablingCli;
const out = createBufferedOutput();
const t0 = performance.now();
if (step === 'seed') {
  const size = JSON.parse(sizeJson) as Record<string, number>;
  // A missing count reaches the generator as NaN, which it refuses naming the option.
  const count = (k: string): number => size[k] ?? Number.NaN;
  const data =
    app === 'production'
      ? generateProductionData({ products: count('products'), machines: count('machines'), materials: count('materials'), ...(size['seed'] === undefined ? {} : { seed: size['seed'] }) })
      : generateSchool(size);
  const file = join(dir, `${app}.json`);
  writeFileSync(file, JSON.stringify(data));
  const seeded = await run(['seed', '--db', db, '--data', file], out, dir);
  if (seeded !== 0) throw new Error(`${app} seed exited ${seeded}: ${out.stderr.join('\n')}`);
} else {
  const solved = await run(['solve', '--db', db, '--report', join(dir, `${app}.html`)], out, dir);
  if (solved !== 0) throw new Error(`${app} solve exited ${solved}: ${out.stderr.join('\n')}`);
}
const wallMs = performance.now() - t0;
const phases: Record<string, number> = {};
for (const m of performance.getEntriesByType('measure')) {
  if (m.name.startsWith(APP_PHASE_PREFIX)) {
    const phase = m.name.slice(APP_PHASE_PREFIX.length);
    phases[phase] = (phases[phase] ?? 0) + m.duration;
  }
}
const peakRssMB = process.resourceUsage().maxRSS / 1024;
// CPU of every thread of the process (a chart worker's too), from the start of the process.
const { user, system } = process.cpuUsage();
console.log(JSON.stringify({ phases, wallMs, peakRssMB, cpuMs: (user + system) / 1000 }));
