import { isSolver, type CapabilityFlag, type Solver } from '@lumix/core';
import { describeConformance } from '@lumix/conformance-kit';
import type { ConformanceCase } from './conformance-case.js';
import { CONFORMANCE_CASES } from './conformance-cases.js';

/** A test the backend skips, and why. */
export interface ConformanceSkip {
  /** The test's `area/case` name. */
  readonly test: string;
  /** Why it is skipped; printed with the run. Required, non-empty. */
  readonly reason: string;
}

/** Options of {@link describeSolverConformance}. */
export interface ConformanceConfig {
  /** Tests to skip, each with a written reason. Default: none. */
  readonly skip?: readonly ConformanceSkip[];
  /** Extra cases run after the shared ones (backend-specific). Default: none. */
  readonly extraCases?: readonly ConformanceCase[];
}

/**
 * Registers the shared solver conformance suite with vitest (through `@lumix/conformance-kit`,
 * the machinery the ORM suite shares): one test per case, named `area/case` (LPs, MILPs,
 * statuses, duals, reduced costs, options, ...), each checked against a hand-computed optimum and
 * independently with core's `checkFeasibility`.
 *
 * Cases needing a capability the solver lacks are skipped with that reason; `config.skip` skips
 * more, each with a required reason. Both reasons are printed.
 *
 * @param name Label of the backend (the `describe` block is `<name> conformance`).
 * @param createSolver Makes the solver; called once when the file is collected (a synchronous
 *   factory, whose capabilities then decide skips at collection) or before the tests (an async one).
 * @throws LumixError `INVALID_ARGUMENT` for a skip without a reason or naming no test.
 */
export function describeSolverConformance(name: string, createSolver: () => Solver | Promise<Solver>, config: ConformanceConfig = {}): void {
  const cases: readonly ConformanceCase[] = [...CONFORMANCE_CASES, ...(config.extraCases ?? [])];
  describeConformance<Solver, CapabilityFlag>(
    `${name} conformance`,
    cases,
    {
      label: name,
      open: () => {
        const made = createSolver();
        // A synchronous factory's solver decides capability skips at collection; anything else is awaited before the tests.
        return isSolver(made) ? made : Promise.resolve(made);
      },
      capabilitiesOf: (solver) => solver.capabilities,
      labelOf: (solver) => solver.name,
    },
    { skip: (config.skip ?? []).map((s) => ({ id: s.test, reason: s.reason })) },
  );
}
