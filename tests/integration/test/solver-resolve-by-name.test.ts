// Each backend found by name the way applications find it: resolveSolver imports the package
// installed beside the application (here, this package's own devDependencies).
import { fileURLToPath } from 'node:url';
import { createStandardForm, isLumixError } from '@lumix/core';
import glpkModule from '@lumix/solver-glpk';
import highsModule from '@lumix/solver-highs';
import { resolveSolver } from '@lumix/solver-runtime';
import { describe, expect, it } from 'vitest';
import { productionProblem } from '@lumix/solver-conformance';

const cwd = fileURLToPath(new URL('..', import.meta.url));

describe('resolve by name', () => {
  it('registry/highs-resolves-by-name', async () => {
    expect(highsModule.name).toBe('highs');
    const s = await resolveSolver('highs', { cwd });
    expect(s.name).toBe('highs');
    expect(s.capabilities).toMatchObject({ integer: true, sessions: true, iis: true, multiObjective: true });
    expect(typeof s.open).toBe('function');
    const r = await s.solve(productionProblem());
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(2735.714285714286, 9);
  });

  it('registry/glpk-resolves-by-name', async () => {
    expect(glpkModule.name).toBe('glpk');
    const s = await resolveSolver('glpk', { cwd });
    expect(s.name).toBe('glpk');
    expect((await s.solve(productionProblem())).status).toBe('optimal');
    // Made by the same front door as HiGHS: what GLPK does not claim is refused, not ignored.
    const mip = createStandardForm({ columns: [{ ub: 1, cost: 1, integer: true }], rows: [] });
    await expect(s.solve(mip, { mipStart: [1] })).rejects.toSatisfy((e) => isLumixError(e, 'UNSUPPORTED_FEATURE'));
  });
});
