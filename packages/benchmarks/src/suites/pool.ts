// pnpm bench pool: the warm solver pool against solving in this thread and against a fresh
// worker per solve. N independent solves (Netlib LPs and fast MIPLIB MIPs, repeated) run one
// after the other in this thread, then through a pool of availableParallelism() workers; and one
// small solve through a warm pool worker vs a fresh worker (createWorkerSolver), whose solveMs
// also shows the first solve in a thread against a warm one. The machine's cores and load are
// printed beside the figures: a pool cannot beat the core count, and other processes share it.
import { availableParallelism, cpus, loadavg } from 'node:os';
import type { Solver, StandardForm } from '@lumix/core';
import { readMps } from '@lumix/core/io';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import { createSolverPool, createWorkerSolver } from '@lumix/solver-runtime';
import { readFixture } from '@lumix/test-fixtures';
import { median, type BenchRow, type BenchSuite } from '../bench-kit.js';

const SUITE = 'pool';
const INSTANCES = ['netlib/afiro', 'netlib/adlittle', 'netlib/blend', 'netlib/sc105', 'netlib/bandm', 'netlib/e226', 'miplib/p0033', 'miplib/flugpl', 'miplib/egout'];

const suite: BenchSuite = async ({ quick }) => {
  const rows: BenchRow[] = [];
  const cores = availableParallelism();
  const machine = { cores, cpus: cpus().length, load1: loadavg()[0]! };
  const machineNote = `${cores} cores (availableParallelism), load ${machine.load1.toFixed(1)} at start: figures are noisy on a shared machine; compare ratios within one run`;
  rows.push({ suite: SUITE, case: 'machine', figures: machine, note: machineNote });
  const problems = INSTANCES.map((f) => readMps(readFixture(`${f}.mps`)));
  const rounds = quick ? 2 : 4;
  const jobs: StandardForm[] = Array.from({ length: rounds }, () => problems).flat();

  for (const [name, local] of [
    ['highs', createHighsSolver()],
    ['glpk', createGlpkSolver()],
  ] as const satisfies readonly (readonly [string, Solver])[]) {
    // In this thread, warmed by one pass over the instances.
    for (const p of problems) await local.solve(p);
    let t0 = performance.now();
    let check = 0;
    for (const p of jobs) check += (await local.solve(p)).objective ?? 0;
    const sequentialMs = performance.now() - t0;

    t0 = performance.now();
    const pool = await createSolverPool({ solver: name, size: cores });
    const startMs = performance.now() - t0;
    try {
      t0 = performance.now();
      const out = await pool.solveMany(jobs);
      const poolMs = performance.now() - t0;
      const failed = out.filter((o) => !o.ok).length;
      const sum = out.reduce((s, o) => s + (o.ok ? (o.result.objective ?? 0) : 0), 0);
      rows.push({
        suite: SUITE,
        case: `${name}: ${jobs.length} independent solves`,
        figures: { sequentialMs, poolMs, speedup: sequentialMs / poolMs, workers: cores, poolStartMs: startMs },
        note: `${failed === 0 && Math.abs(sum - check) <= 1e-6 * Math.abs(check) ? 'same objectives' : `MISMATCH (${failed} failed)`}; ideal speedup ≤ ${cores}; pool start (workers loading and warming the backend) not in poolMs`,
      });

      // One small solve: warm pool worker vs a fresh worker per call, against this thread.
      const small = problems[INSTANCES.indexOf('miplib/p0033')]!;
      const reps = quick ? 3 : 7;
      const here: number[] = [];
      const warm: number[] = [];
      const fresh: number[] = [];
      const warmSolveMs: number[] = [];
      const coldSolveMs: number[] = [];
      const worker = await createWorkerSolver({ solver: name });
      for (let i = 0; i < reps; i++) {
        let t = performance.now();
        await local.solve(small);
        here.push(performance.now() - t);
        t = performance.now();
        const w = await pool.solve(small);
        warm.push(performance.now() - t);
        warmSolveMs.push(w.stats.solveMs);
        t = performance.now();
        const f = await worker.solve(small);
        fresh.push(performance.now() - t);
        coldSolveMs.push(f.stats.solveMs);
      }
      const [h, w, f] = [median(here), median(warm), median(fresh)];
      rows.push({
        suite: SUITE,
        case: `${name}: one p0033 solve`,
        figures: { inThreadMs: h, warmPoolMs: w, freshWorkerMs: f, warmOverheadMs: w - h, freshOverheadMs: f - h, freshOverWarm: f / w },
        note: `medians of ${reps}; overhead = wall time minus the same solve in this thread`,
      });
      rows.push({
        suite: SUITE,
        case: `${name}: first solve in a thread vs warm`,
        figures: { coldSolveMs: median(coldSolveMs), warmSolveMs: median(warmSolveMs), ratio: median(coldSolveMs) / median(warmSolveMs) },
        note: 'backend solveMs of p0033: a fresh worker\'s only solve vs a warm pool worker\'s',
      });
    } finally {
      await pool.close();
    }
  }
  return rows;
};

export default suite;
