import { expect } from 'vitest';
import { isLumixError, type LumixErrorCode } from '../../src/index.js';

/** Expects `p` (a promise, or a function to call) to fail with a LumixError of `code` whose message contains every fragment. */
export async function expectCode(p: Promise<unknown> | (() => unknown), code: LumixErrorCode, ...fragments: string[]): Promise<void> {
  let err: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    err = e;
  }
  expect(isLumixError(err, code), `expected LumixError ${code}, got ${String(err)}`).toBe(true);
  for (const f of fragments) expect((err as Error).message).toContain(f);
}
