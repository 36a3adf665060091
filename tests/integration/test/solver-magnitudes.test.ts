// Huge finite numbers (issue 10): HiGHS reads |v| >= 1e20 as infinite and refuses coefficients
// >= 1e15, so `ub: 1e25` used to come back "unbounded" and a cost of -1e308 "optimal" with the
// objective -Infinity. Every path — the model API, a problem read from a file, the worker solver —
// now gets INVALID_NUMBER naming the column or row and the value, checked against the chosen
// solver's declared limits; an objective that overflows is never reported as a number.
import { Model, isLumixError, type LumixError, type Solver } from '@lumix/core';
import { readLp, readMps } from '@lumix/core/io';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import { createWorkerSolver } from '@lumix/solver-runtime';
import { describe, expect, it } from 'vitest';

const highs = createHighsSolver();
const glpk = createGlpkSolver();

const products = [
  { id: 'chair', profit: 3, maxDemand: 1e25 },
  { id: 'table', profit: 5, maxDemand: 40 },
];

async function refusal(p: Promise<unknown>): Promise<LumixError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(isLumixError(e, 'INVALID_NUMBER'), `expected INVALID_NUMBER, got ${String(e)}`).toBe(true);
  return e as LumixError;
}

/** max Σ profit·make, make ≤ maxDemand: the chair's bound is 1e25. */
function demandModel() {
  const m = new Model('demand');
  const make = m.continuous('make', products, { ub: (p) => p.maxDemand });
  m.maximize(make.sum((p) => p.profit));
  return { m, make };
}

describe('magnitudes', () => {
  it('magnitudes/model-bound-beyond-highs-infinity-names-family-and-key', async () => {
    const { m } = demandModel();
    const e = await refusal(m.solve({ solver: highs }));
    expect(e.message).toContain('make[chair]');
    expect(e.message).toContain('1e+25');
    expect(e.message).toContain("solver 'highs'");
    expect(e.message).toMatch(/Infinity.*rescale/);
    expect(e.details).toMatchObject({ column: 'make[chair]', value: 1e25, solver: 'highs', limit: 'largestFiniteBound', max: 1e20 });
  });

  it('magnitudes/the-same-model-solves-with-glpk-which-represents-it', async () => {
    const { m, make } = demandModel();
    const sol = await m.solve({ solver: glpk });
    expect(sol.status).toBe('optimal');
    expect(sol.objective! / 3.0000000000000005e25).toBeCloseTo(1, 9);
    expect(sol.value(make, 'chair')).toBe(1e25);
  });

  it('magnitudes/model-cost-of-minus-1e308-is-never-optimal-minus-infinity', async () => {
    const m = new Model('cost');
    const x = m.continuous('x', ['a', 'b'], { ub: 10 });
    m.minimize(x.sum((k) => (k === 'a' ? -1e308 : 1)));
    // HiGHS reads the cost as infinite: refused before it runs, naming the column.
    const e = await refusal(m.solve({ solver: highs }));
    expect(e.message).toContain('x[a]');
    expect(e.details).toMatchObject({ column: 'x[a]', limit: 'largestCost' });
    // GLPK keeps the cost, but -1e308 · 10 overflows: no status "optimal" with -Infinity.
    const g = await refusal(m.solve({ solver: glpk }));
    expect(g.message).toContain('-Infinity');
    expect(g.message).toMatch(/overflow/);
    expect(g.message).toMatch(/[Rr]escale/);
  });

  it('magnitudes/model-coefficient-beyond-highs-limit-names-row-and-column', async () => {
    const m = new Model('coef');
    const x = m.continuous('x', [1, 2], { ub: 10 });
    m.constraints('cap', [{ id: 'wood', weight: 1e16 }], (r) => x.sum((k) => (k === 2 ? r.weight : 1)).le(1e17));
    m.maximize(x.sum());
    const e = await refusal(m.solve({ solver: highs }));
    expect(e.message).toContain('x[2]');
    expect(e.message).toContain('cap[wood]');
    expect(e.details).toMatchObject({ row: 'cap[wood]', column: 'x[2]', value: 1e16, limit: 'largestCoefficient' });
  });

  it('magnitudes/problems-read-from-lp-and-mps-files-name-the-file-names', async () => {
    const lp = readLp(['Maximize', ' obj: 3 chair + 5 table', 'Subject To', ' wood: chair + table <= 1e30', 'Bounds', ' chair <= 1e25', ' table <= 40', 'End'].join('\n'), { file: 'huge.lp' });
    const e = await refusal(highs.solve(lp));
    expect(e.message).toContain('chair');
    expect(e.message).toContain('1e+25');
    const mps = readMps(
      ['NAME huge', 'ROWS', ' N obj', ' L cap', 'COLUMNS', ' x obj -1 cap 1', 'RHS', ' rhs cap 5e22', 'ENDATA'].join('\n'),
      { file: 'huge.mps' },
    );
    const f = await refusal(highs.solve(mps));
    expect(f.message).toContain('cap');
    expect(f.details).toMatchObject({ row: 'cap', value: 5e22 });
    // GLPK represents both.
    expect((await glpk.solve(mps)).objective).toBe(-5e22);
  });

  it('magnitudes/worker-solver-refuses-in-the-calling-thread-with-real-names', async () => {
    const worker: Solver = await createWorkerSolver({ solver: 'highs' });
    expect(worker.capabilities.largestFiniteBound).toBe(1e20);
    const { m } = demandModel();
    const e = await refusal(m.solve({ solver: worker }));
    expect(e.message).toContain('make[chair]');
  });

  it('magnitudes/limits-of-an-instance-follow-its-highs-options', async () => {
    // HiGHS with infinite_bound raised to 1e30 represents 1e25; the instance declares it.
    const wide = createHighsSolver({ defaults: { raw: { infinite_bound: 1e30 } } });
    expect(wide.capabilities.largestFiniteBound).toBe(1e30);
    const { m, make } = demandModel();
    const sol = await m.solve({ solver: wide });
    expect(sol.status).toBe('optimal');
    expect(sol.value(make, 'chair')).toBe(1e25);
    // One call cannot move a limit the problem was checked against.
    const { m: again } = demandModel();
    const e = await again.solve({ solver: wide, raw: { infinite_bound: 1e20 } }).catch((x: unknown) => x);
    expect(isLumixError(e, 'INVALID_ARGUMENT'), String(e)).toBe(true);
    expect((e as Error).message).toContain('infinite_bound');
  });
});
