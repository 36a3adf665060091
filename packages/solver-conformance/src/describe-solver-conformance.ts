import { LumixError, isSolver, type Solver } from '@lumix/core';
import { beforeAll, describe, it } from 'vitest';
import { caseId, type ConformanceCase } from './conformance-case.js';
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
 * Registers the shared solver conformance suite with vitest: one test per case, named
 * `area/case` (LPs, MILPs, statuses, duals, reduced costs, options), each checked against a
 * hand-computed optimum and independently with core's `checkFeasibility`.
 *
 * Cases needing a capability the solver lacks are skipped with that reason; `config.skip` skips
 * more, each with a required reason. Both reasons are printed when the suite is collected.
 *
 * @param name Label of the backend (the `describe` block).
 * @param createSolver Makes the solver; called once when the file is collected (a synchronous
 *   factory) or before the tests (an async one).
 * @throws LumixError `INVALID_ARGUMENT` for a skip without a reason or naming no test.
 */
export function describeSolverConformance(name: string, createSolver: () => Solver | Promise<Solver>, config: ConformanceConfig = {}): void {
  const cases = [...CONFORMANCE_CASES, ...(config.extraCases ?? [])];
  const ids = new Set(cases.map(caseId));
  const skips = new Map<string, string>();
  for (const s of config.skip ?? []) {
    if (typeof s.reason !== 'string' || s.reason.trim() === '') {
      throw new LumixError('INVALID_ARGUMENT', `Conformance skip of '${s.test}' for ${name} has no reason; write why it is skipped.`);
    }
    if (!ids.has(s.test)) {
      throw new LumixError('INVALID_ARGUMENT', `Conformance skip names '${s.test}', which is no test of the suite; use one of ${[...ids].join(', ')}.`);
    }
    skips.set(s.test, s.reason);
  }
  const made = createSolver();
  const known = isSolver(made) ? made : undefined;

  describe(`${name} conformance`, () => {
    let solver: Solver | undefined = known;
    beforeAll(async () => {
      solver ??= await made;
    });
    for (const c of cases) {
      const id = caseId(c);
      const reason = skips.get(id) ?? (known === undefined ? undefined : missingCapabilities(known, c));
      if (reason !== undefined) {
        console.info(`[conformance ${name}] skip ${id}: ${reason}`);
        it.skip(id, () => {});
        continue;
      }
      it(
        id,
        async (ctx) => {
          const s = solver!;
          const missing = missingCapabilities(s, c);
          if (missing !== undefined) {
            console.info(`[conformance ${name}] skip ${id}: ${missing}`);
            ctx.skip(missing);
            return;
          }
          await c.run(s);
        },
        c.timeout,
      );
    }
  });
}

function missingCapabilities(solver: Solver, c: ConformanceCase): string | undefined {
  const missing = (c.needs ?? []).filter((f) => !solver.capabilities[f]);
  return missing.length === 0 ? undefined : `capability ${missing.join(', ')} not claimed by ${solver.name}`;
}
