// Both apps end to end at 3 sizes (src/apps-run.ts): data generated and written as a data file and
// `seed --data` in one process, then `solve --report` in a fresh one (as cold as the command line,
// its peak RSS its own), with the phases the app measures (app-kit's timePhase): load, build,
// solve, check, print, save, report. Target (issue 9): the
// app's own work (load + check + print + save + report) at most half of build + solve, at every size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchSuite } from '../bench-kit.js';

const SUITE = 'apps';
const OWN_SHARE_TARGET = 0.5;
const CHILD = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps-run.ts');

interface Size {
  readonly label: string;
  readonly app: 'production' | 'timetabling';
  readonly size: Readonly<Record<string, number>>;
}

const SIZES: readonly Size[] = [
  { label: 'production 1k products', app: 'production', size: { products: 1000, machines: 20, materials: 20, seed: 1 } },
  { label: 'production 10k products', app: 'production', size: { products: 10_000, machines: 20, materials: 20, seed: 1 } },
  { label: 'production 30k products', app: 'production', size: { products: 30_000, machines: 20, materials: 20, seed: 1 } },
  { label: 'timetabling 8 classes', app: 'timetabling', size: { seed: 1 } },
  // Solved to optimality; the MIP grows fast (30 classes took 45 s here, 40 classes 75 s).
  { label: 'timetabling 16 classes', app: 'timetabling', size: { classes: 16, teachers: 24, rooms: 11, seed: 3 } },
  { label: 'timetabling 24 classes', app: 'timetabling', size: { classes: 24, teachers: 36, rooms: 17, seed: 3 } },
];

const QUICK: readonly Size[] = [SIZES[0]!, { label: 'production 3k products', app: 'production', size: { products: 3000, machines: 20, materials: 20, seed: 1 } }, SIZES[3]!];

interface ChildReport {
  readonly phases: Readonly<Record<string, number>>;
  readonly wallMs: number;
  readonly peakRssMB: number;
  /** CPU time of the whole process (all threads), start to end. */
  readonly cpuMs: number;
}

function runChild(s: Size, dir: string, step: 'seed' | 'solve'): ChildReport {
  const r = spawnSync(process.execPath, [...process.execArgv, CHILD, s.app, dir, JSON.stringify(s.size), step], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`${s.label} ${step}: the child exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return JSON.parse(line) as ChildReport;
}

/** Seeds in one process, then solves in a fresh one (a cold command, its own peak RSS). */
function runSize(s: Size): { seed: ChildReport; solve: ChildReport } {
  const dir = mkdtempSync(join(tmpdir(), 'lumix-bench-apps-'));
  try {
    return { seed: runChild(s, dir, 'seed'), solve: runChild(s, dir, 'solve') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const suite: BenchSuite = async ({ quick }) => {
  const rows: BenchRow[] = [];
  for (const s of quick ? QUICK : SIZES) {
    const { seed, solve } = runSize(s);
    const phases = solve.phases;
    const p = (k: string): number => phases[k] ?? 0;
    // The report is staged inside the save's transaction: its time is counted once, as report.
    const save = p('save') - p('report');
    const own = p('load') + p('check') + p('print') + save + p('report');
    const core = p('build') + p('solve');
    const share = own / core;
    rows.push({
      suite: SUITE,
      case: s.label,
      figures: {
        load: p('load'),
        build: p('build'),
        solve: p('solve'),
        check: p('check'),
        print: p('print'),
        save,
        report: p('report'),
        // Part of report: loading ECharts for the report's charts in the main thread (once per
        // process; 0 when production's chart worker drew them, which it does with a spare core).
        echartsLoad: p('report-echarts-load'),
        ownShare: share,
        solveWallMs: solve.wallMs,
        solveCpuMs: solve.cpuMs,
        solvePeakRssMB: solve.peakRssMB,
        seedMs: seed.wallMs,
        seedPeakRssMB: seed.peakRssMB,
      },
      note: `own ÷ (build + solve) target ≤ ${OWN_SHARE_TARGET} ${share <= OWN_SHARE_TARGET ? 'met' : 'MISSED'}`,
    });
  }
  return rows;
};

export default suite;
