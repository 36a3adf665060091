import { describe, expect, it } from 'vitest';
import { isLumixError } from '@lumix/core';
import { caseId, missingCapabilities, planConformance, type ConformanceCase } from '@lumix/conformance-kit';

type Cap = 'duals' | 'ranging';
const noop = async () => undefined;
const CASES: ConformanceCase<unknown, Cap>[] = [
  { area: 'lp', name: 'min', run: noop },
  { area: 'duals', name: 'max-le-row', needs: ['duals'], run: noop },
];

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(isLumixError(e, 'INVALID_ARGUMENT')).toBe(true);
    return (e as Error).message;
  }
  throw new Error('nothing thrown');
}

describe('plan', () => {
  it('kit/skips-carry-their-reason', () => {
    const plan = planConformance('s', CASES, [{ id: 'lp/min', reason: 'upstream bug #12' }]);
    expect(plan.map((p) => [p.id, p.skipReason])).toEqual([
      ['lp/min', 'upstream bug #12'],
      ['duals/max-le-row', undefined],
    ]);
    expect(caseId(CASES[1]!)).toBe('duals/max-le-row');
  });

  it('kit/a-skip-needs-a-reason-and-a-real-case', () => {
    expect(messageOf(() => planConformance('s', CASES, [{ id: 'lp/min', reason: '  ' }]))).toMatch(/no reason/);
    expect(messageOf(() => planConformance('s', CASES, [{ id: 'lp/max', reason: 'r' }]))).toMatch(/which is no test of s; use one of lp\/min, duals\/max-le-row/);
  });

  it('kit/case-ids-are-unique', () => {
    expect(messageOf(() => planConformance('s', [...CASES, { area: 'lp', name: 'min', run: noop }]))).toMatch(/two cases named 'lp\/min'/);
  });

  it('kit/missing-capabilities-are-named', () => {
    expect(missingCapabilities(['duals', 'ranging'], { duals: true }, 'glpk')).toBe('capability ranging not claimed by glpk');
    expect(missingCapabilities(['duals', 'ranging'], { duals: false }, 'x')).toBe('capability duals, ranging not claimed by x');
    expect(missingCapabilities(undefined, {}, 'x')).toBeUndefined();
    expect(missingCapabilities<Cap>(['duals'], { duals: true }, 'x')).toBeUndefined();
  });
});
