import { createStandardForm, isLumixError } from '../src/index.js';
import { describe, expect, it } from 'vitest';
import { createMockSolver } from '../src/testing/index.js';

const p = createStandardForm({ name: 'p', objectiveOffset: 1, columns: [{ cost: 2 }, { cost: 3 }], rows: [{ lb: 1, terms: [[0, 1], [1, 1]] }] });

describe('mock solver', () => {
  it('mock/plays-steps-in-order-and-records-calls', async () => {
    const s = createMockSolver({
      steps: [{ colValues: [1, 0] }, { status: 'infeasible' }, (problem) => ({ colValues: new Float64Array(problem.numCols).fill(2), objective: 99 })],
    });
    const a = await s.solve(p, { timeLimit: 5 });
    expect(a).toMatchObject({ solver: 'mock', status: 'optimal', hasSolution: true, objective: 3 });
    expect(a.colValues).toEqual(new Float64Array([1, 0]));
    const b = await s.solve(p);
    expect(b).toMatchObject({ status: 'infeasible', hasSolution: false, objective: null, colValues: null });
    const c = await s.solve(p, { presolve: false });
    expect(c.objective).toBe(99);
    expect(s.calls.map((k) => k.options)).toEqual([{ timeLimit: 5 }, {}, { presolve: false }]);
    expect(s.calls[0]!.problem).toBe(p);
  });

  it('mock/exhausted-script-throws', async () => {
    const s = createMockSolver({ steps: [{ colValues: [1, 0] }] });
    await s.solve(p);
    const e = await s.solve(p).catch((x: unknown) => x);
    expect(isLumixError(e, 'INVALID_STATE')).toBe(true);
    expect((e as Error).message).toContain('#2');
  });

  it('mock/fallback-and-errors', async () => {
    const boom = new Error('native crash');
    const s = createMockSolver({ steps: [boom], fallback: { status: 'time-limit', hasSolution: false } });
    await expect(s.solve(p)).rejects.toBe(boom);
    expect((await s.solve(p)).status).toBe('time-limit');
    expect((await s.solve(p)).status).toBe('time-limit');
  });

  it('mock/checks-capabilities', async () => {
    const s = createMockSolver({ capabilities: { timeLimit: false }, fallback: {} });
    const e = await s.solve(p, { timeLimit: 1 }).catch((x: unknown) => x);
    expect(isLumixError(e, 'UNSUPPORTED_FEATURE')).toBe(true);
    expect(s.calls).toHaveLength(0);
    // What the mock does not claim is refused too, through the same front door as every backend.
    await expect(s.solve(p, { mipStart: [0, 1] })).rejects.toSatisfy((x) => isLumixError(x, 'UNSUPPORTED_FEATURE') && /mipStart/.test((x as Error).message));
    await expect(s.open(p)).rejects.toSatisfy((x) => isLumixError(x, 'UNSUPPORTED_FEATURE') && /sessions/.test((x as Error).message));
    expect(s.calls).toHaveLength(0);
    expect((await s.solve(p)).status).toBe('optimal');
    expect(s.calls).toHaveLength(1);
  });
});
