import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import type { ConformanceCase } from './conformance-case.js';
import { missingCapabilities, planConformance, type ConformanceSkip } from './plan-conformance.js';

/** What a suite runs its cases against, and how to get it. */
export interface ConformanceSubject<S, C extends string = never> {
  /** What the subject is called in skip reasons (`capability duals not claimed by <label>`). */
  readonly label: string;
  /**
   * Opens the subject: once for the suite (`scope: 'suite'`, the default) or once per test
   * (`'test'`: a fresh database each time). A suite subject opened synchronously is opened while
   * the suite is collected, so its capabilities decide skips before anything runs.
   */
  open(): S | Promise<S>;
  /** Default `'suite'`. */
  readonly scope?: 'suite' | 'test';
  /** Closes what `open` returned: after the suite, or after each test. Default: nothing. */
  close?(subject: S): void | Promise<void>;
  /** Runs once after everything, e.g. removes a temporary directory the subject made. Default: nothing. */
  dispose?(): void | Promise<void>;
  /** Capabilities known without opening (an adapter's features), checked when the suite is collected. */
  readonly capabilities?: Readonly<Partial<Record<C, boolean>>>;
  /** Capabilities read off an opened subject (a solver's flags); used when `capabilities` is not given. */
  capabilitiesOf?(subject: S): Readonly<Partial<Record<C, boolean>>>;
  /** The subject's own name once open (a solver's `name`), for skip reasons. Default: `label`. */
  labelOf?(subject: S): string;
}

/** Options of {@link describeConformance}. */
export interface ConformanceConfig {
  /** Cases to skip, each with a written reason; each must name a case of the suite. Default: none. */
  readonly skip?: readonly ConformanceSkip[];
}

function isPromiseLike<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown } | null)?.then === 'function';
}

/**
 * Registers a conformance suite with vitest: one test per case, named `area/case`, in the order
 * of `cases`. A case needing a capability the subject lacks is skipped with that reason; a case in
 * `config.skip` is skipped with the reason written there. Both reasons are printed
 * (`[suite] skip area/case: reason`) and the tests show as skipped.
 *
 * @param suiteName the `describe` block, and the prefix of printed skips.
 * @throws LumixError `INVALID_ARGUMENT`, before anything is registered, for a skip without a reason
 *   or naming no case, or for two cases with one id.
 */
export function describeConformance<S, C extends string = never>(
  suiteName: string,
  cases: readonly ConformanceCase<S, C>[],
  subject: ConformanceSubject<S, C>,
  config: ConformanceConfig = {},
): void {
  const plan = planConformance(suiteName, cases, config.skip);
  const scope = subject.scope ?? 'suite';
  const made = scope === 'suite' ? subject.open() : undefined;
  const known = made === undefined || isPromiseLike(made) ? undefined : made;
  const none = {} as Readonly<Partial<Record<C, boolean>>>;
  const capabilitiesOf = (s: S) => subject.capabilities ?? subject.capabilitiesOf?.(s) ?? none;
  const labelOf = (s: S) => subject.labelOf?.(s) ?? subject.label;
  const staticCapabilities = subject.capabilities ?? (known === undefined ? undefined : capabilitiesOf(known));
  const staticLabel = known === undefined ? subject.label : labelOf(known);
  const skipLine = (id: string, reason: string) => console.info(`[${suiteName}] skip ${id}: ${reason}`);

  describe(suiteName, () => {
    let suiteSubject: S | undefined = known;
    let testSubject: S | undefined;
    if (scope === 'suite') {
      beforeAll(async () => {
        suiteSubject ??= await made;
      });
    } else {
      afterEach(async () => {
        const s = testSubject;
        testSubject = undefined;
        if (s !== undefined) await subject.close?.(s);
      });
    }
    afterAll(async () => {
      if (suiteSubject !== undefined) await subject.close?.(suiteSubject);
      await subject.dispose?.();
    });

    for (const p of plan) {
      const reason = p.skipReason ?? (staticCapabilities === undefined ? undefined : missingCapabilities(p.case.needs, staticCapabilities, staticLabel));
      if (reason !== undefined) {
        skipLine(p.id, reason);
        it.skip(p.id, () => {});
        continue;
      }
      it(
        p.id,
        async (ctx) => {
          let s: S;
          if (scope === 'suite') s = suiteSubject!;
          else {
            testSubject = await subject.open();
            s = testSubject;
          }
          if (staticCapabilities === undefined) {
            const missing = missingCapabilities(p.case.needs, capabilitiesOf(s), labelOf(s));
            if (missing !== undefined) {
              skipLine(p.id, missing);
              ctx.skip(missing);
              return;
            }
          }
          await p.case.run(s);
        },
        p.case.timeout,
      );
    }
  });
}
