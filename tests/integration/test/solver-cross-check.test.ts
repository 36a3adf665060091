// Property-based cross-check: random small LPs and MILPs (all columns bounded, so each is
// optimal or infeasible) solved by HiGHS and GLPK agree on the status and the objective, and
// every returned point passes core's independent feasibility check. Fixed seed: reproducible;
// fast-check prints the seed and the shrunk counterexample on failure.
import { checkFeasibility, createStandardForm, type SolveResult, type StandardForm, type StandardFormSpec } from '@lumix/core';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeError } from '@lumix/solver-conformance';

const SEED = 20261123;
const RUNS = 100;
const highs = createHighsSolver();
const glpk = createGlpkSolver();

/**
 * A row: coefficients and how its bounds sit around the activity of a hidden integer point x0
 * (a negative slack cuts x0 off, so some problems are infeasible and the rest are feasible).
 */
const rowArb = (n: number) =>
  fc.record({
    coefs: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }),
    kind: fc.constantFrom('le', 'ge', 'le', 'ge', 'eq', 'range'),
    slack: fc.integer({ min: -3, max: 8 }),
    width: fc.integer({ min: 0, max: 6 }),
  });

/** Random problems of up to 7 columns and 6 rows; `integer` lets columns be integer. */
function problemArb(integer: boolean): fc.Arbitrary<StandardFormSpec> {
  return fc
    .record({
      n: fc.integer({ min: 1, max: 7 }),
      m: fc.integer({ min: 0, max: 6 }),
    })
    .chain(({ n, m }) =>
      fc.record({
        sense: fc.constantFrom<'min' | 'max'>('min', 'max'),
        objectiveOffset: fc.integer({ min: -5, max: 5 }),
        columns: fc.array(
          fc.record({
            lb: fc.integer({ min: -10, max: 10 }),
            width: fc.integer({ min: 0, max: 12 }),
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            cost: fc.integer({ min: -10, max: 10 }),
            integer: integer ? fc.boolean() : fc.constant(false),
          }),
          { minLength: n, maxLength: n },
        ),
        rows: fc.array(rowArb(n), { minLength: m, maxLength: m }),
      }),
    )
    .map(({ sense, objectiveOffset, columns, rows }) => {
      const x0 = columns.map((c) => c.lb + Math.round(c.at * c.width));
      return {
        name: integer ? 'random-milp' : 'random-lp',
        sense,
        objectiveOffset,
        columns: columns.map((c) => ({ lb: c.lb, ub: c.lb + c.width, cost: c.cost, integer: c.integer })),
        rows: rows.map((r) => {
          const act = r.coefs.reduce((a, coef, j) => a + coef * x0[j]!, 0);
          const terms = r.coefs.map((a, j) => [j, a] as [number, number]);
          switch (r.kind) {
            case 'le':
              return { ub: act + r.slack, terms };
            case 'ge':
              return { lb: act - r.slack, terms };
            case 'eq':
              return { lb: act + Math.min(0, r.slack), ub: act + Math.min(0, r.slack), terms };
            default:
              return { lb: act - r.slack - r.width, ub: act - r.slack, terms };
          }
        }),
      };
    });
}

function checkPoint(p: StandardForm, r: SolveResult, who: string): void {
  if (!r.hasSolution) return;
  const report = checkFeasibility(p, r.colValues!);
  expect(report.feasible, `${who}: infeasible point ${JSON.stringify(report)}`).toBe(true);
  expect(relativeError(r.objective!, report.objective), `${who}: objective vs point`).toBeLessThanOrEqual(1e-6);
}

async function agree(spec: StandardFormSpec, tolerance: number): Promise<void> {
  const p = createStandardForm(spec);
  // GLPK's default MIP gap is 0 and HiGHS' 1e-4: set it so both prove the same optimum.
  const [h, g] = await Promise.all([highs.solve(p, { mipGap: 0 }), glpk.solve(p, { mipGap: 0 })]);
  const what = `highs ${h.status} ${h.objective} (${h.message ?? ''}), glpk ${g.status} ${g.objective} (${g.message ?? ''})`;
  expect(['optimal', 'infeasible'], what).toContain(h.status);
  expect(g.status, what).toBe(h.status);
  checkPoint(p, h, 'highs');
  checkPoint(p, g, 'glpk');
  if (h.status === 'optimal') {
    expect(relativeError(g.objective!, h.objective!), what).toBeLessThanOrEqual(tolerance);
  }
}

describe('cross-check highs vs glpk', () => {
  it('cross-check/random-lps', async () => {
    const seen = { optimal: 0, infeasible: 0 };
    await fc.assert(
      fc.asyncProperty(problemArb(false), async (spec) => {
        await agree(spec, 1e-6);
        const r = await glpk.solve(createStandardForm(spec));
        seen[r.status as 'optimal' | 'infeasible']++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The generator must exercise both outcomes, or the property proves little.
    console.info(`cross-check: ${JSON.stringify(seen)}`);
    expect(seen.optimal).toBeGreaterThan(10);
    expect(seen.infeasible).toBeGreaterThan(10);
  });

  it('cross-check/random-milps', async () => {
    const seen = { optimal: 0, infeasible: 0 };
    await fc.assert(
      fc.asyncProperty(problemArb(true), async (spec) => {
        await agree(spec, 1e-5);
        const r = await glpk.solve(createStandardForm(spec));
        seen[r.status as 'optimal' | 'infeasible']++;
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
    console.info(`cross-check: ${JSON.stringify(seen)}`);
    expect(seen.optimal).toBeGreaterThan(10);
    expect(seen.infeasible).toBeGreaterThan(10);
  });
});
