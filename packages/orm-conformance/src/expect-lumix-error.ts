import { isLumixError, type LumixError, type LumixErrorCode } from '@lumix/core';

/** Awaits `p`, expecting a LumixError of `code`; returns it for more checks. */
export async function expectLumixError(p: Promise<unknown> | (() => unknown), code: LumixErrorCode): Promise<LumixError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (!isLumixError(e, code)) {
      throw new Error(`expected LumixError ${code}, got ${isLumixError(e) ? `LumixError ${e.code}` : String(e)}: ${(e as Error)?.message}`);
    }
    return e;
  }
  throw new Error(`expected LumixError ${code}, but nothing was thrown`);
}

/** Whether a recorded statement is a SELECT. */
export const isSelect = (s: string): boolean => /^\s*SELECT\b/i.test(s);
