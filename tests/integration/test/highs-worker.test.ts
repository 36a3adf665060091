import { describe, expect, it } from 'vitest';
import { isLumixError } from '@lumix/core';
import { createWorkerSolver } from '@lumix/solver-runtime';
import { marketSplit, productionProblem } from '@lumix/solver-conformance';

describe('highs in a worker', () => {
  it('worker/by-name-gives-the-same-lp-answer-with-duals', async () => {
    const s = await createWorkerSolver({ solver: 'highs' });
    expect(s.name).toBe('highs');
    const r = await s.solve(productionProblem());
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(2735.714285714286, 9);
    expect(r.rowDuals![0]).toBeCloseTo(200 / 35, 9);
    expect(r.reducedCosts![0]).toBeCloseTo(45 - (8 * 200) / 35, 9);
    expect((r as { basis?: { colStatus: Int32Array } }).basis?.colStatus).toBeInstanceOf(Int32Array);
    await expect(s.solve(productionProblem(), { threads: 4 })).rejects.toSatisfy((e) => isLumixError(e, 'UNSUPPORTED_FEATURE'));
  });

  it('worker/hard-limit-stops-a-hard-mip-while-timers-tick', async () => {
    const s = await createWorkerSolver({ solver: 'highs', hardTimeLimit: 2 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    let r;
    try {
      r = await s.solve(marketSplit({ rows: 6, withSlacks: false })); // no solver time limit: HiGHS would search for minutes
    } finally {
      clearInterval(timer);
    }
    expect(r.status).toBe('time-limit');
    expect(r.hasSolution).toBe(false);
    expect(r.message).toMatch(/worker was stopped/);
    expect(ticks).toBeGreaterThan(40);
  });
});
