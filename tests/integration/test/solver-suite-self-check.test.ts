// The suite's cases must fail on a non-conforming backend: each broken solver here breaks one
// rule, and the case guarding it must reject.
import { type SolveOptions, type SolveResult, type Solver, type StandardForm } from '@lumix/core';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { describe, expect, it } from 'vitest';
import { createMockSolver } from '@lumix/core/testing';
import { CONFORMANCE_CASES, caseId, describeSolverConformance } from '@lumix/solver-conformance';

const glpk = createGlpkSolver();

/** GLPK with its results bent by `bend`. */
function bent(bend: (r: SolveResult, p: StandardForm, o: SolveOptions) => SolveResult): Solver {
  return { name: 'bent', capabilities: glpk.capabilities, solve: async (p, o = {}) => bend(await glpk.solve(p, o), p, o) };
}

const run = (id: string, solver: Solver) => {
  const c = CONFORMANCE_CASES.find((k) => caseId(k) === id);
  if (c === undefined) throw new Error(`no case ${id}`);
  return c.run(solver);
};

describe('suite self-check', () => {
  it('self-check/catches-flipped-dual-signs', async () => {
    const flipped = bent((r) => ({ ...r, rowDuals: r.rowDuals && r.rowDuals.map((d) => -d) }));
    await expect(run('duals/max-le-row', flipped)).rejects.toThrow();
    await expect(run('duals/min-ge-and-le-rows', flipped)).rejects.toThrow();
  });

  it('self-check/catches-a-dropped-objective-constant', async () => {
    const noOffset = bent((r, p) => ({ ...r, objective: r.objective === null ? null : r.objective - p.objectiveOffset }));
    await expect(run('lp/objective-constant', noOffset)).rejects.toThrow();
  });

  it('self-check/catches-zeros-posing-as-an-incumbent', async () => {
    const zeros = createMockSolver({ fallback: (p) => ({ status: 'time-limit', colValues: new Float64Array(p.numCols) }) });
    await expect(run('status/time-limit-without-incumbent', zeros)).rejects.toThrow();
  });

  it('self-check/catches-unclassified-infeasible', async () => {
    const vague = bent((r) => (r.status === 'infeasible' ? { ...r, status: 'infeasible-or-unbounded' } : r));
    await expect(run('status/infeasible-lp', vague)).rejects.toThrow();
  });

  it('self-check/catches-an-infeasible-point', async () => {
    const nudged = bent((r) => ({ ...r, colValues: r.colValues && r.colValues.map((v) => v + 0.01) }));
    await expect(run('lp/max', nudged)).rejects.toThrow();
  });

  it('self-check/skip-needs-a-reason', () => {
    expect(() => describeSolverConformance('x', () => glpk, { skip: [{ test: 'lp/min', reason: ' ' }] })).toThrow(/no reason/);
    expect(() => describeSolverConformance('x', () => glpk, { skip: [{ test: 'lp/nope', reason: 'r' }] })).toThrow(/no test/);
  });
});
