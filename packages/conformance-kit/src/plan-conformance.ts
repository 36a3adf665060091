import { LumixError } from '@lumix/core';
import { caseId, type ConformanceCase } from './conformance-case.js';

/** A case a backend skips, and why. */
export interface ConformanceSkip {
  /** The case's `area/name` id. */
  readonly id: string;
  /** Why it is skipped; printed with the run. Required, non-empty. */
  readonly reason: string;
}

/** One case of a suite with its id, and the written reason when the backend skips it. */
export interface PlannedCase<S, C extends string> {
  readonly id: string;
  readonly case: ConformanceCase<S, C>;
  /** The backend's reason to skip it, when it is in `skip`. */
  readonly skipReason?: string;
}

/**
 * Checks a suite's cases and a backend's skips, and pairs each case with its skip reason.
 *
 * @throws LumixError `INVALID_ARGUMENT` for two cases with one id, a skip without a reason, or a
 *   skip naming no case of the suite.
 */
export function planConformance<S, C extends string>(suiteName: string, cases: readonly ConformanceCase<S, C>[], skip: readonly ConformanceSkip[] = []): PlannedCase<S, C>[] {
  const ids = new Set<string>();
  for (const c of cases) {
    const id = caseId(c);
    if (ids.has(id)) throw new LumixError('INVALID_ARGUMENT', `${suiteName} has two cases named '${id}'; give each case its own area/name.`, { details: { id } });
    ids.add(id);
  }
  const reasons = new Map<string, string>();
  for (const s of skip) {
    if (typeof s.reason !== 'string' || s.reason.trim() === '') {
      throw new LumixError('INVALID_ARGUMENT', `Conformance skip of '${s.id}' in ${suiteName} has no reason; write why it is skipped.`, { details: { id: s.id } });
    }
    if (!ids.has(s.id)) {
      throw new LumixError('INVALID_ARGUMENT', `Conformance skip names '${s.id}', which is no test of ${suiteName}; use one of ${[...ids].join(', ')}.`, {
        details: { id: s.id },
      });
    }
    reasons.set(s.id, s.reason);
  }
  return cases.map((c) => {
    const id = caseId(c);
    const reason = reasons.get(id);
    return reason === undefined ? { id, case: c } : { id, case: c, skipReason: reason };
  });
}

/**
 * Why a subject cannot run a case (`capability duals not claimed by glpk`), or `undefined` when
 * it has every capability the case needs.
 */
export function missingCapabilities<C extends string>(needs: readonly C[] | undefined, has: Readonly<Partial<Record<C, boolean>>>, subjectName: string): string | undefined {
  const missing = (needs ?? []).filter((f) => has[f] !== true);
  return missing.length === 0 ? undefined : `capability ${missing.join(', ')} not claimed by ${subjectName}`;
}
