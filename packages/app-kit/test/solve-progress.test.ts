import { describe, expect, it } from 'vitest';
import { Model, checkFeasibility, type SolveProgress } from '@lumix/core';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import { createBufferedOutput, describeStoppedSolve, formatProgress, solveProgressOptions } from '@lumix/app-kit';

const report = (kind: SolveProgress['kind'], seconds: number, incumbent: number | null = 10, bound: number | null = 8): SolveProgress => ({
  kind,
  seconds,
  incumbent,
  bound,
  gap: incumbent === null || bound === null ? null : Math.abs(incumbent - bound) / Math.abs(incumbent),
  nodes: Math.round(seconds * 100),
});

/**
 * A market-split style MIP (Cornuéjols & Dawande): binaries whose weighted sums should hit a
 * target in each of `m` rows, minimising the total deviation. Any point is feasible (all zero),
 * and proving the optimum needs a search far longer than the tests allow.
 */
function marketSplit(n: number, m: number, seed: number): Model {
  let s = seed;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const weights = Array.from({ length: m }, () => Array.from({ length: n }, () => Math.floor(rand() * 100)));
  const items = Array.from({ length: n }, (_, j) => j);
  const rows = Array.from({ length: m }, (_, i) => i);
  const model = new Model('market-split');
  const x = model.binary('x', items);
  const over = model.continuous('over', rows);
  const under = model.continuous('under', rows);
  model.constraints('split', rows, (i) => {
    const row = weights[i] as number[];
    const target = Math.floor(row.reduce((a, b) => a + b, 0) / 2);
    return x.sum((j) => row[j] as number).plus(under.get(i)).minus(over.get(i)).eq(target);
  });
  model.minimize(() => over.sum().plus(under.sum()));
  return model;
}

describe('solveProgressOptions', () => {
  it('solve-progress/quiet-for-a-short-solve-then-a-line-every-few-seconds-and-new-incumbents-on-stderr', () => {
    const out = createBufferedOutput();
    // The clock reads the time of the report being handled (a solve that started at clock 100).
    let now = 100;
    const { onProgress: handle } = solveProgressOptions(createHighsSolver(), out, { everySeconds: 5, clock: () => now });
    expect(handle).toBeTypeOf('function');
    const onProgress = (p: SolveProgress): void => {
      now = 100 + p.seconds;
      handle?.(p);
    };
    const early = [report('progress', 0.2, null, 1), report('incumbent', 0.4, 40, 1), report('progress', 1), report('incumbent', 1.5, 30, 2), report('progress', 4.9)];
    for (const e of early) onProgress(e);
    expect(out.stderr).toEqual([]);
    const later = [report('progress', 6.6, 30, 4), report('incumbent', 7, 20, 4), report('progress', 9), report('progress', 11.7, 20, 5), report('incumbent', 12.9, 15, 5)];
    for (const e of later) onProgress(e);
    expect(out.stdout).toEqual([]);
    expect(out.stderr).toEqual([
      'progress 6.6 s: incumbent 30.00, bound 4.00, gap 86.67%, 660 nodes',
      'progress 11.7 s: incumbent 20.00, bound 5.00, gap 75.00%, 1,170 nodes',
      'progress 12.9 s: incumbent 15.00, bound 5.00, gap 66.67%, 1,290 nodes (new incumbent)',
    ]);
    expect(formatProgress(report('progress', 0.5, null, null))).toBe('progress 0.5 s: incumbent —, bound —, gap —, 50 nodes');
    expect(formatProgress(report('progress', 0.5, null, null), 12)).toBe('progress 12.0 s: incumbent —, bound —, gap —, 50 nodes');
  });

  it('solve-progress/one-set-of-options-counts-across-the-stages-of-a-command', () => {
    const out = createBufferedOutput();
    let now = 0;
    const { onProgress } = solveProgressOptions(createHighsSolver(), out, { everySeconds: 5, clock: () => now });
    // Stage 1 reports up to 4 s of its own, stage 2 starts again from 0 s of solver time.
    now = 4;
    onProgress?.(report('progress', 4));
    now = 6;
    onProgress?.(report('progress', 2, 12, 3));
    now = 8;
    onProgress?.(report('progress', 4));
    now = 11.5;
    onProgress?.(report('progress', 7.5, 11, 3));
    expect(out.stderr).toEqual(['progress 6.0 s: incumbent 12.00, bound 3.00, gap 75.00%, 200 nodes', 'progress 11.5 s: incumbent 11.00, bound 3.00, gap 72.73%, 750 nodes']);
  });

  it('solve-progress/nothing-for-a-solver-without-progress-reports', async () => {
    const glpk = createGlpkSolver();
    expect(solveProgressOptions(glpk, createBufferedOutput())).toEqual({});
    // The spread is accepted by a solver that would refuse onProgress.
    const m = marketSplit(8, 2, 7);
    const sol = await m.solve({ solver: glpk, ...solveProgressOptions(glpk, createBufferedOutput()) });
    expect(sol.status).toBe('optimal');
  });

  it('solve-progress/real-highs-lines-and-a-time-limit-that-keeps-the-best-point', async () => {
    const highs = createHighsSolver();
    const out = createBufferedOutput();
    const m = marketSplit(50, 6, 42);
    const sol = await m.solve({ solver: highs, timeLimit: 2, ...solveProgressOptions(highs, out, { everySeconds: 0.5 }) });
    expect(sol.status).toBe('time-limit');
    expect(sol.hasSolution).toBe(true);
    const check = checkFeasibility(sol.compiled.problem, sol.result.colValues as Float64Array);
    expect(check.feasible, JSON.stringify(check)).toBe(true);
    expect(sol.objective).toBeCloseTo(check.objective, 6);
    // Lines from the real solve: each names an elapsed time, incumbent, bound, gap and nodes.
    expect(out.stderr.length).toBeGreaterThan(0);
    for (const line of out.stderr) expect(line).toMatch(/^progress [\d.,]+ s: incumbent ([\d.,-]+|—), bound ([\d.,-]+|—), gap ([\d.,]+%|—), [\d,]+ nodes/);
    const said = describeStoppedSolve(sol, 2);
    expect(said).toContain('at the time limit (--time-limit 2)');
    expect(said).toContain(`objective ${(sol.objective ?? 0).toFixed(2)}`);
    expect(said).toContain('not proven optimal');
  }, 60_000);

  it('solve-progress/nothing-to-say-for-an-optimal-solve', async () => {
    const highs = createHighsSolver();
    const sol = await marketSplit(6, 1, 3).solve({ solver: highs });
    expect(sol.status).toBe('optimal');
    expect(describeStoppedSolve(sol)).toBeUndefined();
  });
});
