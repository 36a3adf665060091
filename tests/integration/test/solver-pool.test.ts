// The solver pool with the real backends: results equal to the same backend in this thread and
// to the published optima (Netlib LPs, MIPLIB 3 MIPs), every point re-checked; GLPK in pool
// workers; a hard limit and an abort keeping HiGHS' incumbent on mas74; GLPK's abort by
// terminating its worker; a model solved through the pool; a process that ends after close.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Model, checkFeasibility, type SolveProgress, type Solver, type StandardForm } from '@lumix/core';
import { readMps } from '@lumix/core/io';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import { createSolverPool, type SolverPool } from '@lumix/solver-runtime';
import { readFixture } from '@lumix/test-fixtures';
import { afterAll, describe, expect, it, vi } from 'vitest';

/** Published optima, from test-fixtures/{netlib,miplib}/expected.csv. */
function optima(file: string, column: string): Map<string, number> {
  const [head, ...lines] = readFixture(file).trim().split('\n');
  const at = head!.split(',').indexOf(column);
  return new Map(lines.map((l) => [l.split(',')[0]!, Number(l.split(',')[at])]));
}
const NETLIB = optima('netlib/expected.csv', 'optimal_objective');
const MIPLIB = optima('miplib/expected.csv', 'best_known_objective');
const INSTANCES = [
  ['netlib', 'afiro'],
  ['netlib', 'adlittle'],
  ['netlib', 'blend'],
  ['netlib', 'sc50a'],
  ['miplib', 'p0033'],
  ['miplib', 'flugpl'],
  ['miplib', 'egout'],
] as const;
const load = (set: string, name: string): StandardForm => readMps(readFixture(`${set}/${name}.mps`));
const mas74 = (): StandardForm => load('miplib', 'mas74');

const pools: SolverPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close({ force: true })));
});

for (const [name, local] of [
  ['highs', createHighsSolver()],
  ['glpk', createGlpkSolver()],
] as const satisfies readonly (readonly [string, Solver])[]) {
  describe(`solver pool: ${name}`, () => {
    it('solveMany equals the same backend in this thread and the published optima', async () => {
      const pool = await createSolverPool({ solver: name, size: 2 });
      pools.push(pool);
      const problems = INSTANCES.map(([set, n]) => load(set, n));
      // Each problem twice: the second copy of a problem is packed once for both jobs.
      const out = await pool.solveMany([...problems, ...problems]);
      for (let i = 0; i < out.length; i++) {
        const [set, n] = INSTANCES[i % problems.length]!;
        const o = out[i]!;
        if (!o.ok) expect.fail(`${n}: ${o.error.message}`);
        const p = problems[i % problems.length]!;
        const here = await local.solve(p);
        expect(o.result.status, n).toBe('optimal');
        expect(o.result.status).toBe(here.status);
        const known = (set === 'netlib' ? NETLIB : MIPLIB).get(n)!;
        expect(Math.abs(o.result.objective! - known) / Math.max(1, Math.abs(known)), n).toBeLessThan(1e-6);
        expect(Math.abs(o.result.objective! - here.objective!) / Math.max(1, Math.abs(known)), n).toBeLessThan(1e-7);
        const check = checkFeasibility(p, o.result.colValues!);
        expect(check.feasible, `${n}: ${JSON.stringify(check)}`).toBe(true);
        expect(o.result.objective!).toBeCloseTo(check.objective, 5);
      }
      expect(pool.stats()).toMatchObject({ workers: 2, workersStarted: 2, running: 0, queued: 0 });
    }, 180_000);

    it('a model solves with the pool as its solver', async () => {
      const pool = await createSolverPool({ solver: name, size: 1 });
      pools.push(pool);
      const m = new Model('mix');
      const items = [{ id: 'a', value: 5, weight: 3 }, { id: 'b', value: 4, weight: 2 }, { id: 'c', value: 3, weight: 2 }];
      const take = m.binary('take', items);
      m.constraint('weight', take.sum((i) => i.weight).le(4));
      m.maximize(() => take.sum((i) => i.value));
      const sol = await m.solve({ solver: pool });
      expect(sol.status).toBe('optimal');
      // Brute force over the 8 subsets: b and c (value 7, weight 4).
      expect(sol.objective).toBe(7);
      expect(items.map((i) => Math.round(sol.value(take, i.id)))).toEqual([0, 1, 1]);
    }, 120_000);
  });
}

describe('solver pool: stopping a MIP', () => {
  it('HiGHS: the hard limit keeps the last incumbent, and the worker is replaced', async () => {
    const pool = await createSolverPool({ solver: 'highs', size: 1, hardTimeLimit: 4 });
    pools.push(pool);
    const p = mas74();
    const r = await pool.solve(p); // no timeLimit: HiGHS would run for minutes
    expect(r.status).toBe('time-limit');
    expect(r.hasSolution).toBe(true);
    expect(r.message).toMatch(/last incumbent/);
    const check = checkFeasibility(p, r.colValues!);
    expect(check.feasible).toBe(true);
    expect(r.objective!).toBeCloseTo(check.objective, 6);
    expect(r.objective!).toBeGreaterThanOrEqual(11801.1857 - 1e-3);
    const next = await pool.solve(load('miplib', 'p0033'));
    expect(next.objective).toBeCloseTo(3089, 6);
    await vi.waitFor(() => expect(pool.stats().workersStarted).toBe(2), { timeout: 60_000, interval: 100 });
  }, 120_000);

  it('HiGHS: an abort at the first incumbent returns it, and the worker stays', async () => {
    const pool = await createSolverPool({ solver: 'highs', size: 1 });
    pools.push(pool);
    const p = mas74();
    const ac = new AbortController();
    const reports: SolveProgress[] = [];
    const r = await pool.solve(p, {
      signal: ac.signal,
      onProgress: (x) => {
        reports.push(x);
        if (x.kind === 'incumbent') ac.abort();
      },
    });
    expect(r.status).toBe('interrupted');
    expect(r.hasSolution).toBe(true);
    const check = checkFeasibility(p, r.colValues!);
    expect(check.feasible).toBe(true);
    expect(r.objective!).toBeLessThanOrEqual(reports.find((x) => x.kind === 'incumbent')!.incumbent! + 1e-6);
    // HiGHS stopped by itself (no termination): the same warm worker takes the next job.
    expect((await pool.solve(load('miplib', 'p0033'))).objective).toBeCloseTo(3089, 6);
    expect(pool.stats().workersStarted).toBe(1);
  }, 120_000);

  it('GLPK: an abort terminates its worker (GLPK reports no incumbent) and the pool goes on', async () => {
    const pool = await createSolverPool({ solver: 'glpk', size: 1 });
    pools.push(pool);
    const ac = new AbortController();
    const running = pool.solve(mas74(), { signal: ac.signal });
    await vi.waitFor(() => expect(pool.stats().running).toBe(1), { timeout: 60_000, interval: 20 });
    ac.abort();
    const r = await running;
    expect(r.status).toBe('interrupted');
    expect(r.hasSolution).toBe(false);
    expect((await pool.solve(load('miplib', 'p0033'))).objective).toBeCloseTo(3089, 6);
  }, 120_000);
});

describe('solver pool: close', () => {
  it('a process ends by itself once its pool is closed', () => {
    const script = fileURLToPath(new URL('./pool-child/solve-and-close.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@lumix/source', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.signal, `the process did not end by itself; stderr: ${run.stderr}`).toBeNull();
    expect(run.status, run.stderr).toBe(0);
    const seen = JSON.parse(run.stdout.trim().split('\n').pop()!) as { objective: number; before: number; after: number };
    expect(seen.objective).toBeCloseTo(3089, 6);
    expect(seen).toMatchObject({ before: 2, after: 0 });
  }, 130_000);
});
