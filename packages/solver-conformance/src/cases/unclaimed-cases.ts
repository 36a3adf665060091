import { isLumixError, type LumixError, type CapabilityFlag, type Solver } from '@lumix/core';
import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import { productionProblem } from './problems.js';

/** A call that needs one capability: the production LP (3 columns) with one option or member. */
const ASKS: ReadonlyArray<readonly [CapabilityFlag, (s: Solver) => Promise<unknown>]> = [
  ['mipStart', (s) => s.solve(productionProblem(), { mipStart: [10, 5, 3] })],
  ['ranging', (s) => s.solve(productionProblem(), { ranging: true })],
  ['iterationLimit', (s) => s.solve(productionProblem(), { iterationLimit: 1000 })],
  ['threads', (s) => s.solve(productionProblem(), { threads: 2 })],
  ['logCallback', (s) => s.solve(productionProblem(), { log: () => {} })],
  ['progress', (s) => s.solve(productionProblem(), { onProgress: () => {} })],
  ['cancel', (s) => s.solve(productionProblem(), { signal: new AbortController().signal })],
  // A member the solver lacks must refuse too, not be undefined (defineSolver fills it in).
  ['sessions', (s) => s.open!(productionProblem())],
  ['iis', (s) => s.computeIis!(productionProblem())],
  ['multiObjective', (s) => s.solveLexicographic!(productionProblem(), [{ sense: 'max', coefficients: [1, 1, 1] }])],
];

/** What a solver does not claim is refused, naming it, never silently ignored. */
export const UNCLAIMED_CASES: readonly ConformanceCase[] = [
  {
    area: 'unclaimed',
    name: 'unclaimed-options-and-members-rejected',
    async run(solver) {
      for (const [capability, ask] of ASKS) {
        if (solver.capabilities[capability]) continue;
        let outcome: unknown;
        try {
          outcome = await ask(solver);
        } catch (e) {
          outcome = e;
        }
        expect(isLumixError(outcome, 'UNSUPPORTED_FEATURE'), `${solver.name} does not claim '${capability}' but answered ${String(outcome)}`).toBe(true);
        const e = outcome as LumixError;
        expect(e.details['feature'], `the error names the feature`).toBe(capability);
        expect(e.message).toContain(`'${solver.name}'`);
      }
    },
  },
];
