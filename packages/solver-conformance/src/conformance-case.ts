import type { CapabilityFlag, Solver } from '@lumix/core';

/** One test of the conformance suite, registered as `area/name`. */
export interface ConformanceCase {
  /**
   * Group: `lp`, `milp`, `status`, `duals`, `reduced-costs`, `options`, `sessions`, `iis`,
   * `mip-start`, `progress`, `ranging`, `multi-objective`, `unclaimed`, `limits`.
   */
  readonly area: string;
  /** Case within the area, kebab-case. */
  readonly name: string;
  /** Capabilities the case needs; a solver without one skips it, saying which. Default: none. */
  readonly needs?: ReadonlyArray<CapabilityFlag>;
  /** Per-test timeout in ms. Default: vitest's configured one. */
  readonly timeout?: number;
  /** Solves and asserts; throws (an `expect` failure) when the solver does not conform. */
  run(solver: Solver): Promise<void>;
}

/** The `area/name` id of a case, as the test is named. */
export function caseId(c: ConformanceCase): string {
  return `${c.area}/${c.name}`;
}
