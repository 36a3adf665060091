// The suite's cases must fail on a non-conforming backend: each broken solver here breaks one
// rule, and the case guarding it must reject.
import { defineSolver, type SessionDefinition, type SolveOptions, type SolveResult, type Solver, type SolverDefinition, type StandardForm } from '@lumix/core';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver, type HighsSolveOptions, type HighsSolveResult } from '@lumix/solver-highs';
import { describe, expect, it } from 'vitest';
import { createMockSolver } from '@lumix/core/testing';
import { CONFORMANCE_CASES, caseId, describeSolverConformance } from '@lumix/solver-conformance';

const glpk = createGlpkSolver();
const highs = createHighsSolver();

type HighsDefinition = SolverDefinition<HighsSolveOptions, HighsSolveResult>;

/** HiGHS through the front door again, with some members replaced; a session can be bent too. */
function bentHighs(parts: Partial<HighsDefinition> = {}, session: Partial<SessionDefinition<HighsSolveOptions, HighsSolveResult>> = {}): Solver {
  return defineSolver<HighsSolveOptions, HighsSolveResult>({
    name: 'bent-highs',
    capabilities: highs.capabilities,
    solve: (p, o) => highs.solve(p, o),
    open: async (p, o) => {
      const real = await highs.open(p, o);
      return {
        setColBounds: (j, lb, ub) => real.setColBounds(j, lb, ub),
        setRowBounds: (i, lb, ub) => real.setRowBounds(i, lb, ub),
        setColCost: (j, c) => real.setColCost(j, c),
        solve: (opts) => real.solve(opts),
        ranging: () => real.ranging(),
        computeIis: () => real.computeIis(),
        dispose: () => real.dispose(),
        ...session,
      };
    },
    computeIis: (p, o) => highs.computeIis(p, o),
    solveLexicographic: (p, objectives, o) => highs.solveLexicographic(p, objectives, o),
    ...parts,
  });
}

/** GLPK with its results bent by `bend`. */
function bent(bend: (r: SolveResult, p: StandardForm, o: SolveOptions) => SolveResult): Solver {
  return { name: 'bent', capabilities: glpk.capabilities, solve: async (p, o = {}) => bend(await glpk.solve(p, o), p, o) };
}

/** Options without their MIP start. */
function withoutStart<O extends SolveOptions>(o: O): O {
  const { mipStart: _, ...rest } = o;
  return rest as O;
}

const run = (id: string, solver: Solver) => {
  const c = CONFORMANCE_CASES.find((k) => caseId(k) === id);
  if (c === undefined) throw new Error(`no case ${id}`);
  return c.run(solver);
};

/** The case fails on this solver by one of its assertions (not by a crash of the bent solver). */
async function expectCaught(id: string, solver: Solver, why = ''): Promise<void> {
  const outcome = await run(id, solver).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(outcome, `${id} passed on a broken solver ${why}`).toBeInstanceOf(Error);
  expect((outcome as Error).name, `${id} failed by ${String(outcome)}, not by an assertion ${why}`).toBe('AssertionError');
}

describe('suite self-check', () => {
  it('self-check/catches-flipped-dual-signs', async () => {
    const flipped = bent((r) => ({ ...r, rowDuals: r.rowDuals === null ? null : r.rowDuals.map((d) => -d) }));
    await expectCaught('duals/max-le-row', flipped);
    await expectCaught('duals/min-ge-and-le-rows', flipped);
  });

  it('self-check/catches-a-dropped-objective-constant', async () => {
    const noOffset = bent((r, p) => ({ ...r, objective: r.objective === null ? null : r.objective - p.objectiveOffset }));
    await expectCaught('lp/objective-constant', noOffset);
  });

  it('self-check/catches-zeros-posing-as-an-incumbent', async () => {
    const zeros = createMockSolver({ fallback: (p) => ({ status: 'time-limit', colValues: new Float64Array(p.numCols) }) });
    await expectCaught('status/time-limit-without-incumbent', zeros);
  });

  it('self-check/catches-unclassified-infeasible', async () => {
    const vague = bent((r) => (r.status === 'infeasible' ? { ...r, status: 'infeasible-or-unbounded' } : r));
    await expectCaught('status/infeasible-lp', vague);
  });

  it('self-check/catches-an-infeasible-point', async () => {
    const nudged = bent((r) => ({ ...r, colValues: r.colValues === null ? null : r.colValues.map((v) => v + 0.01) }));
    await expectCaught('lp/max', nudged);
  });

  it('self-check/catches-a-session-that-ignores-changes', async () => {
    // Each change kind ignored in turn: the warm re-solve no longer matches the cold solve.
    for (const ignored of ['setRowBounds', 'setColCost', 'setColBounds'] as const) {
      const deaf = bentHighs({}, { [ignored]: () => {} });
      await expectCaught('sessions/rhs-cost-and-bound-changes-resolve-like-cold-solves', deaf, ignored);
    }
    await expectCaught('sessions/mip-resolve-after-a-capacity-change', bentHighs({}, { setRowBounds: () => {} }));
    // A session that re-solves the problem as opened, forgetting every change.
    const forgetful = bentHighs({ open: async (p, o) => ({ ...(await highs.open(p, o)), solve: (opts) => highs.solve(p, opts) }) });
    await expectCaught('sessions/rhs-cost-and-bound-changes-resolve-like-cold-solves', forgetful);
  });

  it('self-check/catches-a-reducible-or-missing-iis', async () => {
    // One extra, irrelevant row in the subsystem: dropping it leaves an infeasible system.
    const padded = bentHighs({
      computeIis: async (p, o) => {
        const iis = await highs.computeIis(p, o);
        return iis.rows.length === 0 ? iis : { ...iis, rows: Int32Array.from([0, ...iis.rows]), rowBounds: ['upper', ...iis.rowBounds] };
      },
    });
    await expectCaught('iis/infeasible-lp-gives-an-irreducible-subsystem', padded);
    const empty = bentHighs({ computeIis: async () => ({ rows: new Int32Array(0), rowBounds: [], cols: new Int32Array(0), colBounds: [] }) });
    await expectCaught('iis/infeasible-lp-gives-an-irreducible-subsystem', empty);
    const sessionPadded = bentHighs({}, { computeIis: async () => ({ rows: Int32Array.of(0, 1, 2, 4), rowBounds: ['upper', 'lower', 'upper', 'upper'], cols: new Int32Array(0), colBounds: [] }) });
    await expectCaught('iis/session-after-a-change', sessionPadded);
  });

  it('self-check/catches-a-mip-start-taken-for-the-answer', async () => {
    // Returns the start as if optimal: the worse start (23) is not the optimum 28.
    const lazy = bentHighs({
      solve: async (p, o) => {
        const r = await highs.solve(p, withoutStart(o));
        return o.mipStart === undefined ? r : { ...r, colValues: Float64Array.from(o.mipStart), objective: null };
      },
    });
    await expectCaught('mip-start/accepted-and-the-optimum-unchanged', lazy);
  });

  it('self-check/catches-wrong-ranging', async () => {
    const swapped = bentHighs({
      solve: async (p, o) => {
        const r = await highs.solve(p, o);
        return r.ranging === null ? r : { ...r, ranging: { ...r.ranging, cost: { ...r.ranging.cost, lower: r.ranging.cost.upper, upper: r.ranging.cost.lower } } };
      },
    });
    await expectCaught('ranging/cost-and-rhs-ranges-by-hand', swapped);
    const missing = bentHighs({ solve: async (p, o) => ({ ...(await highs.solve(p, o)), ranging: null }) });
    await expectCaught('ranging/cost-and-rhs-ranges-by-hand', missing);
  });

  it('self-check/catches-objectives-out-of-priority-order', async () => {
    const reversed = bentHighs({ solveLexicographic: (p, objectives, o) => highs.solveLexicographic(p, [...objectives].reverse(), o) });
    await expectCaught('multi-objective/priority-order-and-tolerance', reversed);
    await expectCaught('multi-objective/mip-goals', reversed);
  });

  it('self-check/catches-unclaimed-features-ignored-or-missing', async () => {
    // Hand-written, past the front door: GLPK's flags, but a MIP start dropped silently.
    const ignoring: Solver = { name: 'ignoring', capabilities: glpk.capabilities, solve: (p, o = {}) => glpk.solve(p, withoutStart(o)) };
    await expectCaught('unclaimed/unclaimed-options-and-members-rejected', ignoring);
    // The same members missing outright (no refusing stand-ins): undefined is no refusal.
    const bare: Solver = { name: 'bare', capabilities: glpk.capabilities, solve: (p, o) => glpk.solve(p, o) };
    await expectCaught('unclaimed/unclaimed-options-and-members-rejected', bare);
    // Through the front door both conform.
    await run('unclaimed/unclaimed-options-and-members-rejected', defineSolver(bare));
  });

  it('self-check/catches-an-ignored-raw-option', async () => {
    // GLPK as it was: raw options handed to glpk.js, which drops names it does not know.
    const dropRaw: Solver = {
      name: 'drops-raw',
      capabilities: glpk.capabilities,
      solve: (p, o = {}) => {
        const { raw: _ignored, ...rest } = o;
        return glpk.solve(p, rest);
      },
    };
    await expectCaught('options/unknown-raw-option-rejected', dropRaw);
  });

  it('self-check/catches-limits-claimed-beyond-what-the-backend-represents', async () => {
    // HiGHS reads a bound of 1e20 or more as infinite, refuses coefficients of 1e15 or more, and
    // reads costs of 1e20 or more as infinite: claiming more must fail the limit cases.
    const overclaiming = (limits: Partial<Solver['capabilities']>): Solver =>
      defineSolver({ name: 'overclaiming-highs', capabilities: { ...highs.capabilities, sessions: false, iis: false, multiObjective: false, ...limits }, solve: (p, o) => highs.solve(p, o as HighsSolveOptions) });
    await expectCaught('limits/bounds-just-below-the-declared-limit-are-finite', overclaiming({ largestFiniteBound: 1e25 }));
    await expectCaught('limits/coefficients-just-below-the-declared-limit-are-kept', overclaiming({ largestCoefficient: 1e16 }));
    await expectCaught('limits/costs-just-below-the-declared-limit-are-kept', overclaiming({ largestCost: 1e25 }));
    // A solver that declares no limit at all is held to large stand-ins (1e300): HiGHS fails them.
    await expectCaught('limits/bounds-just-below-the-declared-limit-are-finite', overclaiming({ largestFiniteBound: Infinity }));
  });

  it('self-check/skip-needs-a-reason', () => {
    expect(() => describeSolverConformance('x', () => glpk, { skip: [{ test: 'lp/min', reason: ' ' }] })).toThrow(/no reason/);
    expect(() => describeSolverConformance('x', () => glpk, { skip: [{ test: 'lp/nope', reason: 'r' }] })).toThrow(/no test/);
  });
});
