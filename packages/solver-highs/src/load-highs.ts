import * as highsPackage from 'highs';
import type { Highs, InitOptions } from 'highs';
import { LumixError } from '@lumix/core';

type HighsLoader = (options?: InitOptions) => Promise<Highs>;

// 'highs' ships CommonJS typings, but Node imports its ESM build, whose default export is the
// loader; a CommonJS interop layer would nest it one level deeper. Accept both.
const exported = (highsPackage as unknown as { default: HighsLoader | { default: HighsLoader } }).default;
const highsLoader: HighsLoader = typeof exported === 'function' ? exported : exported.default;

let pending: Promise<Highs> | undefined;

/**
 * The HiGHS Wasm runtime, loaded lazily once per process (or worker) and shared by every
 * solve: loading costs 30–60 ms, so it is cached as a promise. A failed load is not cached.
 *
 * @throws LumixError `SOLVER_FAILED` when the Wasm module cannot be loaded.
 */
export function loadHighs(): Promise<Highs> {
  if (pending !== undefined) return pending;
  const loading = highsLoader().catch((e: unknown) => {
    if (pending === loading) pending = undefined;
    throw new LumixError(
      'SOLVER_FAILED',
      `Could not load the HiGHS WebAssembly module (npm package 'highs'): ${(e as Error)?.message ?? String(e)}. Check that highs.wasm ships next to the package's build/highs.mjs.`,
      { cause: e },
    );
  });
  pending = loading;
  return loading;
}

/**
 * Drops the cached runtime so the next {@link loadHighs} loads a fresh one. Used after a
 * WebAssembly abort: HiGHS' memory only grows and an aborted instance must be treated as
 * poisoned, while a fresh instance in the same process works.
 */
export function discardHighs(): void {
  pending = undefined;
}
