import { createStandardForm, isLumixError } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { expectFeasiblePoint, expectOptimal } from '../expect-solution.js';
import { marketSplit } from '../market-split.js';
import { productionProblem, smallKnapsack, wideProblem } from './problems.js';

/** Slack allowed past a time limit: loading, the last node, building the result. */
const TIME_LIMIT_SLACK_MS = 3000;

/** Solve options every backend that claims them must honour. */
export const OPTION_CASES: readonly ConformanceCase[] = [
  {
    area: 'options',
    name: 'time-limit-honoured',
    needs: ['integer', 'timeLimit'],
    timeout: 30_000,
    async run(solver) {
      const p = marketSplit({ rows: 6, columns: 50, seed: 2 });
      const t0 = performance.now();
      const r = await solver.solve(p, { timeLimit: 1.5 });
      const ms = performance.now() - t0;
      expect(ms, `stopped after ${ms.toFixed(0)} ms with a 1.5 s limit`).toBeLessThan(1500 + TIME_LIMIT_SLACK_MS);
      expect(['time-limit', 'optimal']).toContain(r.status);
      if (r.hasSolution) expectFeasiblePoint(p, r);
    },
  },
  {
    area: 'options',
    name: 'time-limit-counts-loading-the-problem',
    needs: ['timeLimit'],
    timeout: 30_000,
    async run(solver) {
      // Loading 300 000 columns into the backend takes far longer than 1 ms, and the solve itself
      // is trivial: a limit that starts only when the solver runs would come back 'optimal'.
      const p = wideProblem(300_000);
      const t0 = performance.now();
      const r = await solver.solve(p, { timeLimit: 0.001 });
      const ms = performance.now() - t0;
      expect(r.status, `${r.status} after ${ms.toFixed(0)} ms with a 1 ms limit (${r.message ?? ''})`).toBe('time-limit');
      expect(ms).toBeLessThan(1 + TIME_LIMIT_SLACK_MS);
      if (r.hasSolution) expectFeasiblePoint(p, r);
      // With time enough, the same problem solves.
      expectOptimal(p, await solver.solve(p, { timeLimit: 60 }), 300_000);
    },
  },
  {
    area: 'options',
    name: 'unknown-raw-option-rejected',
    async run(solver) {
      // `raw` goes to the backend unchanged: a misspelt name must be refused naming it, never
      // dropped silently (glpk.js ignores names it does not know).
      const name = 'lumix_no_such_option';
      const outcome = await solver.solve(productionProblem(), { raw: { [name]: 1 } }).then(
        (r) => r,
        (e: unknown) => e,
      );
      expect(isLumixError(outcome, 'INVALID_ARGUMENT'), `${solver.name} answered ${String(outcome)} to an unknown raw option`).toBe(true);
      expect((outcome as Error).message).toContain(`'${name}'`);
    },
  },
  {
    area: 'options',
    name: 'presolve-off-same-optimum',
    needs: ['presolveToggle'],
    async run(solver) {
      const lp = productionProblem();
      expectOptimal(lp, await solver.solve(lp, { presolve: false }), 2735.714285714286);
      if (solver.capabilities.integer) {
        const mip = smallKnapsack();
        expectOptimal(mip, await solver.solve(mip, { presolve: false }), 28);
      }
    },
  },
  {
    area: 'options',
    name: 'mip-gap-accepted',
    needs: ['integer', 'mipGap'],
    async run(solver) {
      const p = smallKnapsack();
      expectOptimal(p, await solver.solve(p, { mipGap: 0 }), 28);
      // A loose gap may stop early: the point must be feasible and within the gap of 28.
      const r = await solver.solve(p, { mipGap: 0.5 });
      expect(['optimal', 'time-limit']).toContain(r.status);
      expectFeasiblePoint(p, r);
      expect(r.objective!).toBeGreaterThanOrEqual(28 * (1 - 0.5) - 1e-9);
    },
  },
  {
    area: 'options',
    name: 'log-callback',
    needs: ['logCallback'],
    async run(solver) {
      const lines: string[] = [];
      const p = productionProblem();
      expectOptimal(p, await solver.solve(p, { log: (line) => lines.push(line) }), 2735.714285714286);
      expect(lines.length, 'log lines received').toBeGreaterThan(0);
      for (const l of lines) expect(typeof l).toBe('string');
    },
  },
  {
    area: 'options',
    name: 'invalid-values-rejected',
    async run(solver) {
      // Core's front door (defineSolver) checks the values before anything reaches the solver.
      const p = productionProblem();
      for (const bad of [{ timeLimit: -1 }, { timeLimit: Number.NaN }, { mipGap: -0.1 }, { threads: 0 }]) {
        const e = await solver.solve(p, bad).catch((x: unknown) => x);
        expect(isLumixError(e, 'INVALID_ARGUMENT') || isLumixError(e, 'UNSUPPORTED_FEATURE'), `${JSON.stringify(bad)} gave ${String(e)}`).toBe(true);
      }
    },
  },
  {
    area: 'options',
    name: 'unsupported-features-rejected',
    async run(solver) {
      // A solver asked for what its capabilities deny throws UNSUPPORTED_FEATURE, naming it.
      const caps = solver.capabilities;
      const mip = createStandardForm({ name: 'tiny-mip', columns: [{ ub: 1, cost: 1, integer: true }], rows: [] });
      const asks: Array<[boolean, Promise<unknown>]> = [
        [caps.integer, solver.solve(mip)],
        [caps.timeLimit, solver.solve(productionProblem(), { timeLimit: 10 })],
        [caps.mipGap, solver.solve(productionProblem(), { mipGap: 0.01 })],
        [caps.presolveToggle, solver.solve(productionProblem(), { presolve: false })],
      ];
      for (const [supported, promise] of asks) {
        const outcome = await promise.catch((x: unknown) => x);
        if (supported) expect(isLumixError(outcome)).toBe(false);
        else expect(isLumixError(outcome, 'UNSUPPORTED_FEATURE')).toBe(true);
      }
    },
  },
];
