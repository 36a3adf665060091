// Build-plus-compile of the modelling API against a hand-written floor that fills the same sparse
// arrays with plain loops, typed arrays and Maps (see DESIGN.md, "what the floor means"), and
// against the model construction of YALPS and javascript-lp-solver over the same records.
//
// Every figure is a median of one run of this process, CPU and wall. The contenders run
// interleaved, round by round, after warm-up rounds, with no forced GC in between (a forced full GC
// throws away optimised code: that case is printed on its own as `afterGcMs`). `isolatedMs` is
// the API built back to back; cold builds and memory come from fresh child processes.
//
// Before/after in one run: LUMIX_BENCH_BASELINE=/path/to/old/packages/core/src/index.ts (e.g. from
// `git archive <commit> packages/core/src | tar -x -C /tmp/base`) adds a third interleaved phase,
// the current API beside that core's and the floor, with the same builders loaded a second time.
//
// Beside the JavaScript libraries, the engine's GC pauses that fall inside each timed API build
// are summed (PerformanceObserver 'gc' entries): their garbage, not ours, is what those pauses
// mostly collect (a timed build alone has none at the median), so the figure without them is
// printed too.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Model } from '@lumix/core';
import { createHighsSolver } from '@lumix/solver-highs';
import * as jslpModule from 'javascript-lp-solver';
import { solve as yalpsSolve, type Model as YalpsModel } from 'yalps';
import { gc, median, type BenchRow, type BenchSuite } from '../bench-kit.js';
import { benchModels, transport, type BenchModel, type BuildOut } from '../build-models.js';

type Contender = 'api' | 'floor' | 'yalps' | 'jslp';
const CONTENDERS: readonly Contender[] = ['api', 'floor', 'yalps', 'jslp'];

interface Timing {
  wall: number[];
  cpu: number[];
}

async function timeOnce(run: () => BuildOut | Promise<BuildOut>): Promise<{ wall: number; cpu: number; out: BuildOut; start: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await run();
  const wall = performance.now() - t0;
  const d = process.cpuUsage(c0);
  return { wall, cpu: (d.user + d.system) / 1000, out, start: t0 };
}

/** Main-thread GC pauses as the engine reports them (start and duration, ms on performance.now()'s clock). */
const gcPauses: Array<{ start: number; duration: number }> = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, duration: e.duration });
});

/** Per window [start, start + wall): the GC pause time that began inside it. Waits for the entries to be delivered. */
async function gcPauseIn(windows: ReadonlyArray<{ start: number; wall: number }>): Promise<number[]> {
  // The entries reach the observer a few event-loop turns after the pause.
  await new Promise((r) => setTimeout(r, 20));
  return windows.map(({ start, wall }) => {
    let ms = 0;
    for (const g of gcPauses) if (g.start >= start && g.start < start + wall) ms += g.duration;
    return ms;
  });
}

const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');

/** The baseline core's API builders, when LUMIX_BENCH_BASELINE names its index. */
async function loadBaseline(): Promise<Record<string, (data: unknown) => Promise<BuildOut>> | undefined> {
  const at = process.env['LUMIX_BENCH_BASELINE'];
  if (at === undefined || at === '') return undefined;
  const core = (await import(pathToFileURL(at).href)) as { Model: typeof Model };
  // A second instance of the builders' module: its own code, its own type feedback.
  const url = `${new URL('../build-models.ts', import.meta.url).href}?baseline`;
  const models = (await import(url)) as typeof import('../build-models.js');
  return models.apiBuilders(core.Model);
}
const baseline = await loadBaseline();
const TARGET_RATIO: Record<string, number> = { '100k': 3, '1M': 2 };

async function measureSize(model: BenchModel<unknown>, label: string, dims: readonly number[], quick: boolean): Promise<BenchRow> {
  const data = model.data(dims);
  const runs: Record<Contender, () => BuildOut | Promise<BuildOut>> = {
    api: () => model.api(data),
    floor: () => model.floor(data),
    yalps: () => model.yalps(data),
    jslp: () => model.jslp(data),
  };
  const big = label === '1M';
  const warmup = big ? 2 : label === '100k' ? 5 : 20;
  const rounds = quick ? 3 : big ? 5 : label === '100k' ? 9 : 21;
  const t: Record<Contender, Timing> = { api: { wall: [], cpu: [] }, floor: { wall: [], cpu: [] }, yalps: { wall: [], cpu: [] }, jslp: { wall: [], cpu: [] } };
  const apiVsContenders: Timing = { wall: [], cpu: [] };
  const outs = {} as Record<Contender, BuildOut>;
  // The API alone, back to back, after its own warm-up: the reference for the interleaved rounds.
  const iso: Timing = { wall: [], cpu: [] };
  const isoWindows: Array<{ start: number; wall: number }> = [];
  gcPauses.length = 0;
  for (let r = 0; r < warmup + rounds; r++) {
    const x = await timeOnce(runs.api);
    if (r < warmup) continue;
    iso.wall.push(x.wall);
    iso.cpu.push(x.cpu);
    isoWindows.push(x);
  }
  const isoGc = await gcPauseIn(isoWindows);
  // Two interleaved phases: the API against the floor, then the API against YALPS and
  // javascript-lp-solver (whose garbage, several times the floor's, would otherwise land in the
  // floor's timings and flatter the ratio). Each round rotates the order.
  const phases: Array<{ who: readonly Contender[]; api: Timing }> = [
    { who: ['api', 'floor'], api: t.api },
    { who: ['api', 'yalps', 'jslp'], api: apiVsContenders },
  ];
  // Before/after: the current API, the baseline core's and the floor, interleaved (see the top);
  // before the JavaScript libraries' phase, whose garbage would weigh on every build after it.
  const apiBesideBaseline: Timing = { wall: [], cpu: [] };
  const base: Timing = { wall: [], cpu: [] };
  const floorBesideBaseline: Timing = { wall: [], cpu: [] };
  const baselineBuild = baseline?.[model.name];
  if (baselineBuild !== undefined) {
    const who = ['api', 'baseline', 'floor'] as const;
    const run = { api: runs.api, baseline: () => baselineBuild(data), floor: runs.floor };
    const into = { api: apiBesideBaseline, baseline: base, floor: floorBesideBaseline };
    const x0 = await timeOnce(runs.api);
    for (let r = 0; r < warmup + rounds; r++) {
      for (let i = 0; i < who.length; i++) {
        const c = who[(i + r) % who.length]!;
        const x = await timeOnce(run[c]);
        if (c !== 'floor' && x.out.nnz !== x0.out.nnz) throw new Error(`${model.name} ${label}: the baseline core built ${x.out.nnz} nnz, the API ${x0.out.nnz}`);
        if (r >= warmup) {
          into[c].wall.push(x.wall);
          into[c].cpu.push(x.cpu);
        }
      }
    }
  }
  const besideWindows: Array<{ start: number; wall: number }> = [];
  let besideGc: number[] = [];
  for (const phase of phases) {
    gcPauses.length = 0;
    for (let r = 0; r < warmup + rounds; r++) {
      for (let i = 0; i < phase.who.length; i++) {
        const c = phase.who[(i + r) % phase.who.length]!;
        const x = await timeOnce(runs[c]);
        outs[c] = { numRows: x.out.numRows, nnz: x.out.nnz };
        if (r >= warmup) {
          const into = c === 'api' ? phase.api : t[c];
          into.wall.push(x.wall);
          into.cpu.push(x.cpu);
          if (c === 'api' && phase.api === apiVsContenders) besideWindows.push(x);
        }
      }
    }
    if (phase.api === apiVsContenders) besideGc = await gcPauseIn(besideWindows);
  }
  for (const c of CONTENDERS) {
    if (outs[c].nnz !== outs.api.nnz || outs[c].numRows !== outs.api.numRows) {
      throw new Error(`${model.name} ${label}: ${c} built ${outs[c].numRows} rows / ${outs[c].nnz} nnz, the API ${outs.api.numRows} / ${outs.api.nnz}`);
    }
  }
  // Right after a forced full GC (what the old harness measured): optimised code may be dropped.
  const afterGc: Timing = { wall: [], cpu: [] };
  const afterGcWindows: Array<{ start: number; wall: number }> = [];
  gcPauses.length = 0;
  for (let r = 0; r < 3; r++) {
    gc();
    const x = await timeOnce(runs.api);
    afterGc.wall.push(x.wall);
    afterGc.cpu.push(x.cpu);
    afterGcWindows.push(x);
  }
  const afterGcPauses = await gcPauseIn(afterGcWindows);
  // The floor after a forced full GC too: what the engine charges any build there (memory given
  // back to the system and faulted in again, heap limits set low again), optimised code or not.
  const floorAfterGc: number[] = [];
  for (let r = 0; r < 3; r++) {
    gc();
    floorAfterGc.push((await timeOnce(runs.floor)).cpu);
  }
  // The same for the baseline core (before/after of the figure above).
  const baseAfterGc: number[] = [];
  if (baselineBuild !== undefined) {
    for (let r = 0; r < 3; r++) {
      gc();
      baseAfterGc.push((await timeOnce(() => baselineBuild(data))).cpu);
    }
  }
  const retained = await retainedBytes(runs.api);
  const f = {
    nnz: outs.api.nnz,
    apiMs: median(t.api.wall),
    apiCpuMs: median(t.api.cpu),
    floorMs: median(t.floor.wall),
    floorCpuMs: median(t.floor.cpu),
    ratio: median(t.api.wall) / median(t.floor.wall),
    ratioCpu: median(t.api.cpu) / median(t.floor.cpu),
    apiBesideYalpsMs: median(apiVsContenders.wall),
    apiBesideYalpsCpuMs: median(apiVsContenders.cpu),
    yalpsMs: median(t.yalps.wall),
    yalpsCpuMs: median(t.yalps.cpu),
    jslpMs: median(t.jslp.wall),
    jslpCpuMs: median(t.jslp.cpu),
    isolatedMs: median(iso.wall),
    isolatedCpuMs: median(iso.cpu),
    interleavedVsIsolated: median(t.api.cpu) / median(iso.cpu),
    besideJsLibsVsIsolated: median(apiVsContenders.cpu) / median(iso.cpu),
    besideJsLibsVsIsolatedWall: median(apiVsContenders.wall) / median(iso.wall),
    gcPauseInBuildIsolatedMs: median(isoGc),
    gcPauseInBuildBesideJsLibsMs: median(besideGc),
    besideJsLibsLessGcVsIsolatedWall: median(besideWindows.map((w, i) => w.wall - besideGc[i]!)) / median(isoWindows.map((w, i) => w.wall - isoGc[i]!)),
    afterGcMs: median(afterGc.wall),
    afterGcCpuMs: median(afterGc.cpu),
    afterGcVsIsolated: median(afterGc.cpu) / median(iso.cpu),
    gcPauseInBuildAfterGcMs: median(afterGcPauses),
    floorAfterGcVsWarm: median(floorAfterGc) / median(t.floor.cpu),
    bytesPerNnz: retained / outs.api.nnz,
    ...(baselineBuild === undefined
      ? {}
      : {
          baselineCpuMs: median(base.cpu),
          apiBesideBaselineCpuMs: median(apiBesideBaseline.cpu),
          apiVsBaselineCpu: median(apiBesideBaseline.cpu) / median(base.cpu),
          baselineVsFloorCpu: median(base.cpu) / median(floorBesideBaseline.cpu),
          apiVsFloorBesideBaselineCpu: median(apiBesideBaseline.cpu) / median(floorBesideBaseline.cpu),
          baselineAfterGcCpuMs: median(baseAfterGc),
          baselineAfterGcVsWarm: median(baseAfterGc) / median(base.cpu),
        }),
  };
  const notes: string[] = [];
  const target = TARGET_RATIO[label];
  if (target !== undefined) notes.push(`API/floor <= ${target}: ${verdict(f.ratio <= target && f.ratioCpu <= target)}`);
  notes.push(`faster than YALPS: ${verdict(f.apiBesideYalpsMs < f.yalpsMs && f.apiBesideYalpsCpuMs < f.yalpsCpuMs)}`);
  notes.push(
    `interleaved/isolated <= 1.3 (CPU): beside the floor ${verdict(f.interleavedVsIsolated <= 1.3)}, beside the JS libraries ${verdict(f.besideJsLibsVsIsolated <= 1.3)}` +
      ` (GC pauses in our builds there ${f.gcPauseInBuildBesideJsLibsMs.toFixed(1)} ms, alone ${f.gcPauseInBuildIsolatedMs.toFixed(1)} ms; without them, wall ${verdict(f.besideJsLibsLessGcVsIsolatedWall <= 1.3)})`,
  );
  notes.push(`first builds after a forced full GC <= 1.3x warm (CPU): ${verdict(f.afterGcVsIsolated <= 1.3)} (GC pauses in them ${f.gcPauseInBuildAfterGcMs.toFixed(1)} ms; the floor's own after-GC/warm ${f.floorAfterGcVsWarm.toFixed(2)})`);
  return { suite: 'core-build', case: `${model.name} ${label} (${dims.join('x')})`, figures: f, note: notes.join('; ') };
}

/** Full GCs, with a turn of the event loop between them so that freed array buffers are released. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
}

async function retainedBytes(run: () => Promise<BuildOut> | BuildOut): Promise<number> {
  await settle();
  const before = process.memoryUsage();
  const kept = await run();
  await settle();
  const after = process.memoryUsage();
  void kept.kept;
  return after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
}

// Its types describe the CommonJS build; as an ES module the solver is the default export.
const jslp = (jslpModule as unknown as { default: { Solve(model: unknown): unknown } }).default;

const CHILD = join(dirname(fileURLToPath(import.meta.url)), '..', 'build-child.ts');

function child(args: string[], flags: readonly string[] = []): Record<string, number> {
  const r = spawnSync(process.execPath, [...process.execArgv, ...flags, CHILD, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`build-child ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  // The last JSON line (engine traces, e.g. with --trace-deopt, may come before it).
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop() ?? '';
  return JSON.parse(line) as Record<string, number>;
}

/** Medians of three fresh child processes' figures (one child is noisy on a loaded machine). */
function childMedians(args: string[], flags: readonly string[] = []): Record<string, number> {
  const runs = [child(args, flags), child(args, flags), child(args, flags)];
  const out: Record<string, number> = {};
  for (const k of Object.keys(runs[0]!)) out[k] = median(runs.map((r) => r[k]!));
  return out;
}

/**
 * The first build in a fresh process against warm builds after it, for the API and, as the
 * reference of what the engine imposes, for the floor in the same kind of child. `interpreted`
 * adds warm API builds in a process that never optimises (`--no-opt`): a first build runs mostly
 * in the interpreter, so it costs about that.
 */
function coldRow(name: string, label: string, interpreted: boolean): BenchRow {
  const api = childMedians(['cold', name, label, 'api']);
  const floor = childMedians(['cold', name, label, 'floor']);
  const ratio = api['coldCpuMs']! / api['warmCpuMs']!;
  const ratioWall = api['coldMs']! / api['warmMs']!;
  const floorRatio = floor['coldCpuMs']! / floor['warmCpuMs']!;
  const floorRatioWall = floor['coldMs']! / floor['warmMs']!;
  const noOpt = interpreted ? childMedians(['cold', name, label, 'api'], ['--no-opt']) : undefined;
  return {
    suite: 'core-build',
    case: `${name} ${label} cold first build (fresh process)`,
    figures: {
      coldMs: api['coldMs']!,
      coldCpuMs: api['coldCpuMs']!,
      warmMs: api['warmMs']!,
      warmCpuMs: api['warmCpuMs']!,
      coldVsWarm: ratio,
      coldVsWarmWall: ratioWall,
      floorColdMs: floor['coldMs']!,
      floorColdVsWarm: floorRatio,
      floorColdVsWarmWall: floorRatioWall,
      coldApiVsColdFloorWall: api['coldMs']! / floor['coldMs']!,
      ...(noOpt === undefined ? {} : { interpretedWarmMs: noOpt['warmMs']! }),
    },
    note:
      `cold <= 3x warm: ${verdict(ratio <= 3 && ratioWall <= 3)} (the floor's own cold/warm: ${floorRatio.toFixed(1)} CPU, ${floorRatioWall.toFixed(1)} wall; ` +
      `CPU counts the engine's compiler threads too${noOpt === undefined ? '' : `; a never-optimised API build: ${noOpt['warmMs']!.toFixed(1)} ms`})`,
  };
}

/**
 * The contenders must build the same problem, not only one of the same size: a small transport
 * instance built each way is solved by its own library (YALPS, javascript-lp-solver) and by HiGHS
 * through the API, and the optimal costs must agree.
 */
async function checkContendersAgree(): Promise<BenchRow> {
  const data = transport.data([6, 9]);
  const yalpsModel = transport.yalps(data).kept as YalpsModel;
  const jslpModel = transport.jslp(data).kept;
  const y = yalpsSolve(yalpsModel);
  const j = jslp.Solve(jslpModel) as { feasible: boolean; result: number };
  const m = new Model('check');
  const ship = m.continuous('ship', { s: data.suppliers, d: data.customers });
  m.constraints('supply', data.suppliers, (s) => ship.sum({ s }).le(s.supply));
  m.constraints('demand', data.customers, (d) => ship.sum({ d }).ge(d.demand));
  m.minimize(ship.sum(({ s, d }) => data.cost[s.id * data.D + d.id]!));
  const sol = await m.solve({ solver: createHighsSolver() });
  const ours = sol.objective ?? Number.NaN;
  if (y.status !== 'optimal' || !j.feasible || Math.abs(y.result - ours) > 1e-6 * Math.max(1, Math.abs(ours)) || Math.abs(j.result - ours) > 1e-6 * Math.max(1, Math.abs(ours))) {
    throw new Error(`contenders disagree on transport 6x9: API+HiGHS ${ours}, YALPS ${y.status} ${y.result}, javascript-lp-solver ${j.feasible} ${j.result}`);
  }
  return { suite: 'core-build', case: 'contenders agree (transport 6x9 solved)', figures: { objective: ours, yalps: y.result, jslp: j.result }, note: 'same optimum from every model object' };
}

const suite: BenchSuite = async ({ quick }) => {
  gcObserver.observe({ entryTypes: ['gc'] });
  const rows: BenchRow[] = [await checkContendersAgree()];
  for (const model of Object.values(benchModels)) {
    for (const { label, dims } of quick ? model.sizes.slice(0, 2) : model.sizes) {
      rows.push(await measureSize(model, label, dims, quick));
    }
  }
  for (const model of Object.values(benchModels)) {
    for (const { label } of quick ? model.sizes.slice(0, 2) : model.sizes) rows.push(coldRow(model.name, label, label !== '1M'));
  }
  for (const model of Object.values(benchModels)) {
    const label = quick ? model.sizes[1]!.label : model.sizes[model.sizes.length - 1]!.label;
    const api = child(['mem', model.name, label, 'api']);
    const floor = child(['mem', model.name, label, 'floor']);
    const ratio = api['transientBytes']! / floor['transientBytes']!;
    rows.push({
      suite: 'core-build',
      case: `${model.name} ${label} memory (fresh process, one build)`,
      figures: {
        apiTransientMB: api['transientBytes']! / 2 ** 20,
        floorTransientMB: floor['transientBytes']! / 2 ** 20,
        transientRatio: ratio,
        apiRetainedPerNnz: api['retainedBytes']! / api['nnz']!,
        floorRetainedPerNnz: floor['retainedBytes']! / floor['nnz']!,
      },
      note: `transient = peak RSS growth during the build; <= 2x floor${label === '1M' ? '' : ' (target is at 1M)'}: ${verdict(ratio <= 2)}`,
    });
  }
  rows.push({ suite: 'core-build', case: 'process peak RSS', figures: { maxRssMB: process.resourceUsage().maxRSS / 1024 } });
  gcObserver.disconnect();
  return rows;
};

export default suite;
