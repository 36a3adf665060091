import type { Solver } from '@lumix/core';
import { expect } from 'vitest';

type Member = 'open' | 'computeIis' | 'solveLexicographic';

/**
 * A member of a solver that claims its capability, bound to the solver; fails the case (a
 * defect: a flag without its method) when it is missing.
 */
export function memberOf<K extends Member>(solver: Solver, member: K): NonNullable<Solver[K]> {
  const fn = solver[member];
  expect(typeof fn, `${solver.name} claims the capability of ${member}() but has no such method`).toBe('function');
  return (fn as (...args: unknown[]) => unknown).bind(solver) as NonNullable<Solver[K]>;
}
