import { createStandardForm, isLumixError, type CapabilityFlag, type Solver, type SolverCapabilities, type StandardForm } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { expectOptimal } from '../expect-solution.js';

type Limit = Exclude<keyof SolverCapabilities, CapabilityFlag>;

/**
 * A value just below a declared limit (the limits are exclusive), or, for a solver that declares
 * none (`Infinity`), a large finite stand-in it must handle too.
 */
function justBelow(solver: Solver, limit: Limit, standIn: number): number {
  const l = solver.capabilities[limit];
  return Number.isFinite(l) ? l * (1 - 1e-9) : standIn;
}

/** Solves; a thrown error fails the case as an assertion (a backend that refuses what it claims). */
async function solved(solver: Solver, p: StandardForm) {
  try {
    return await solver.solve(p);
  } catch (e) {
    return expect.fail(`${solver.name} claims ${p.name} is within its limits but threw: ${String(e)}`);
  }
}

/** The error a solve throws, or undefined. */
async function errorOf(solver: Solver, p: StandardForm): Promise<unknown> {
  return solver.solve(p).then(
    () => undefined,
    (e: unknown) => e,
  );
}

/**
 * The magnitudes a backend declares (`largestFiniteBound`, `largestCoefficient`, `largestCost`)
 * are honest: numbers just below them give the right answer (a backend that claims more than it
 * represents reads them as infinite, refuses or mis-solves), and numbers at them are refused by
 * the front door with `INVALID_NUMBER` naming the column or row.
 */
export const LIMIT_CASES: readonly ConformanceCase[] = [
  {
    area: 'limits',
    name: 'bounds-just-below-the-declared-limit-are-finite',
    async run(solver) {
      const b = justBelow(solver, 'largestFiniteBound', 1e300);
      // One problem per bound kind, so that no objective adds two of them up (which could overflow).
      const columnUpper = createStandardForm({ name: 'column-upper', sense: 'max', columns: [{ name: 'x', ub: b, cost: 1 }], rows: [] });
      expectOptimal(columnUpper, await solved(solver, columnUpper), b, [b]);
      const columnLower = createStandardForm({ name: 'column-lower', columns: [{ name: 'x', lb: -b, ub: 0, cost: 1 }], rows: [] });
      expectOptimal(columnLower, await solved(solver, columnLower), -b, [-b]);
      const rowUpper = createStandardForm({
        name: 'row-upper',
        sense: 'max',
        columns: [{ name: 'x', cost: 1 }],
        rows: [{ name: 'cap', ub: b, terms: [['x', 1]] }],
      });
      expectOptimal(rowUpper, await solved(solver, rowUpper), b, [b]);
      const rowLower = createStandardForm({
        name: 'row-lower',
        columns: [{ name: 'x', lb: Number.NEGATIVE_INFINITY, cost: 1 }],
        rows: [{ name: 'floor', lb: -b, terms: [['x', 1]] }],
      });
      expectOptimal(rowLower, await solved(solver, rowLower), -b, [-b]);
    },
  },
  {
    area: 'limits',
    name: 'coefficients-just-below-the-declared-limit-are-kept',
    async run(solver) {
      // max 2x + y  s.t.  big: a·x <= 2a,  small: x + y <= 2.5,  0 <= x <= 10, 0 <= y <= 1.
      // big makes x <= 2, so the optimum is x = 2, y = 0.5: 4.5 (5 if big were lost). The large
      // coefficient is alone in its row: a row mixing 1e20 and 1 is badly scaled, which is a
      // matter of tolerances (GLPK's presolve mis-solves one), not of what the solver represents.
      const a = Math.min(justBelow(solver, 'largestCoefficient', 1e100), justBelow(solver, 'largestFiniteBound', 1e300) / 2);
      const p = createStandardForm({
        name: 'large-coefficient',
        sense: 'max',
        columns: [
          { name: 'x', ub: 10, cost: 2 },
          { name: 'y', ub: 1, cost: 1 },
        ],
        rows: [
          { name: 'big', ub: 2 * a, terms: [['x', a]] },
          { name: 'small', ub: 2.5, terms: [['x', 1], ['y', 1]] },
        ],
      });
      expectOptimal(p, await solved(solver, p), 4.5, [2, 0.5]);
    },
  },
  {
    area: 'limits',
    name: 'costs-just-below-the-declared-limit-are-kept',
    async run(solver) {
      // max c·x + y  s.t.  x + y <= 1.5,  0 <= x, y <= 1: x = 1, objective c + 0.5 (y is lost in
      // the rounding of c + 0.5 when c is large, so only x is checked).
      const c = justBelow(solver, 'largestCost', 1e300);
      const p = createStandardForm({
        name: 'large-cost',
        sense: 'max',
        columns: [
          { name: 'x', ub: 1, cost: c },
          { name: 'y', ub: 1, cost: 1 },
        ],
        rows: [{ name: 'share', ub: 1.5, terms: [['x', 1], ['y', 1]] }],
      });
      expectOptimal(p, await solved(solver, p), c + 0.5, [1]);
    },
  },
  {
    area: 'limits',
    name: 'numbers-at-the-declared-limit-are-refused-naming-them',
    async run(solver) {
      const { largestFiniteBound: bound, largestCoefficient: coefficient, largestCost: cost } = solver.capabilities;
      const asks: Array<[Limit, number, StandardForm, string]> = [];
      if (Number.isFinite(bound)) {
        asks.push(['largestFiniteBound', bound, createStandardForm({ name: 'at-bound', sense: 'max', columns: [{ name: 'make', ub: bound, cost: 1 }], rows: [] }), 'make']);
        asks.push([
          'largestFiniteBound',
          -bound,
          createStandardForm({ name: 'at-rhs', columns: [{ name: 'x', lb: Number.NEGATIVE_INFINITY, cost: 1 }], rows: [{ name: 'floor', lb: -bound, terms: [['x', 1]] }] }),
          'floor',
        ]);
      }
      if (Number.isFinite(coefficient)) {
        asks.push([
          'largestCoefficient',
          coefficient,
          createStandardForm({ name: 'at-coefficient', sense: 'max', columns: [{ name: 'x', ub: 1, cost: 1 }], rows: [{ name: 'cap', ub: 1, terms: [['x', coefficient]] }] }),
          'cap',
        ]);
      }
      if (Number.isFinite(cost)) {
        asks.push(['largestCost', -cost, createStandardForm({ name: 'at-cost', columns: [{ name: 'price', ub: 1, cost: -cost }], rows: [] }), 'price']);
      }
      for (const [limit, value, p, name] of asks) {
        const e = await errorOf(solver, p);
        expect(isLumixError(e, 'INVALID_NUMBER'), `${solver.name} with ${limit} = ${solver.capabilities[limit]} answered ${String(e)} to ${value}`).toBe(true);
        expect((e as Error).message).toContain(name);
        expect((e as { details: Record<string, unknown> }).details).toMatchObject({ value, limit });
      }
    },
  },
];
