import { describe, expect, it } from 'vitest';
import { createStandardForm, isLumixError, type SolveResult } from '@lumix/core';
import { createWorkerSolver } from '@lumix/solver-runtime';
import { marketSplit, productionProblem, smallKnapsack } from '@lumix/solver-conformance';

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

  it('worker/one-shot-members-cross-sessions-do-not', async () => {
    const s = await createWorkerSolver({ solver: 'highs' });
    expect(s.capabilities).toMatchObject({ mipStart: true, ranging: true, iis: true, multiObjective: true, basis: true, sessions: false, worker: true });
    // Ranging comes back with the result: the desk's cost range starts at 45·35/8.
    const r = await s.solve(productionProblem(), { ranging: true });
    expect(r.ranging!.cost.lower[2]).toBeCloseTo(196.875, 9);
    expect(r.ranging!.rowBound.upper[0]).toBeCloseTo(1255, 9);
    // A MIP start crosses and the optimum stays (knapsack optimum 28).
    const k = smallKnapsack();
    const started = await s.solve(k, { mipStart: [1, 1, 0, 0] });
    expect(started.objective).toBeCloseTo(28, 9);
    // x + y >= 10 against x <= 3, y <= 4: the three rows are the IIS.
    const infeasible = createStandardForm({
      columns: [{}, {}],
      rows: [
        { lb: 10, terms: [[0, 1], [1, 1]] },
        { ub: 3, terms: [[0, 1]] },
        { ub: 4, terms: [[1, 1]] },
      ],
    });
    expect(Array.from((await s.computeIis(infeasible)).rows)).toEqual([0, 1, 2]);
    const lex = await s.solveLexicographic(k, [
      { sense: 'max', coefficients: [10, 13, 7, 8] },
      { sense: 'min', coefficients: [1, 1, 1, 1] },
    ]);
    expect(Array.from(lex.objectiveValues!)).toEqual([28, 3]);
    // A session would keep a model in one worker between calls: refused here.
    await expect(s.open(productionProblem())).rejects.toSatisfy((e) => isLumixError(e, 'UNSUPPORTED_FEATURE'));
  });

  it('worker/hard-limit-stops-a-hard-mip-while-timers-tick', async () => {
    const s = await createWorkerSolver({ solver: 'highs', hardTimeLimit: 2 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    let r: SolveResult;
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
