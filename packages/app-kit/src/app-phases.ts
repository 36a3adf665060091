/** The phases of an app command that `pnpm bench apps` times. */
export type AppPhase = 'load' | 'check' | 'build' | 'solve' | 'print' | 'save' | 'report';

/**
 * Prefix of the User Timing measures (`performance.measure`) that {@link timePhase} and
 * {@link recordPhase} add: `lumix-app:load`, ... A phase may be measured several times in one
 * command (add them up); `report` is measured inside `save` when the report is staged in the
 * save's transaction.
 */
export const APP_PHASE_PREFIX = 'lumix-app:';

/**
 * Runs `work` (sync or async) and records how long it took as a User Timing measure of `phase`
 * (see {@link APP_PHASE_PREFIX}), whether it returns or throws. Costs a microsecond or two; reading
 * the measures is up to whoever wants them (`performance.getEntriesByType('measure')`).
 */
export function timePhase<T>(phase: AppPhase, work: () => T): T {
  const start = performance.now();
  const done = (): void => {
    performance.measure(APP_PHASE_PREFIX + phase, { start, end: performance.now() });
  };
  let result: T;
  try {
    result = work();
  } catch (e) {
    done();
    throw e;
  }
  if (result instanceof Promise) return result.finally(done) as T;
  done();
  return result;
}

/** Records `ms` milliseconds, ending now, as a measure of `phase` (a time something else measured, e.g. core's `buildMs`). */
export function recordPhase(phase: AppPhase, ms: number): void {
  const end = performance.now();
  performance.measure(APP_PHASE_PREFIX + phase, { start: end - Math.max(0, ms), end });
}
