// The front door's checks of onProgress and signal: refused by a solver that does not claim
// progress / cancel, type-checked, and passed through to one that does.
import { describe, expect, it } from 'vitest';
import { createStandardForm, isLumixError } from '../src/index.js';
import { createMockSolver } from '../src/testing/index.js';

const mip = createStandardForm({ sense: 'max', columns: [{ name: 'x', ub: 3, cost: 1, integer: true }], rows: [] });

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.catch((x: unknown) => x);
  return isLumixError(e) ? `${e.code}: ${e.message}` : `no error: ${String(e)}`;
}

describe('onProgress and signal at the front door', () => {
  it('are refused by a solver that does not claim progress / cancel, naming the feature', async () => {
    const plain = createMockSolver({ fallback: { colValues: [3] } });
    expect(await codeOf(plain.solve(mip, { onProgress: () => {} }))).toMatch(/^UNSUPPORTED_FEATURE.*progress reports \(onProgress\)/);
    expect(await codeOf(plain.solve(mip, { signal: new AbortController().signal }))).toMatch(/^UNSUPPORTED_FEATURE.*AbortSignal.*createWorkerSolver/);
  });

  it('are type-checked, and reach a solver that claims them unchanged', async () => {
    const solver = createMockSolver({ capabilities: { progress: true, cancel: true }, fallback: { colValues: [3] } });
    expect(await codeOf(solver.solve(mip, { onProgress: 'yes' as never }))).toMatch(/^INVALID_ARGUMENT.*onProgress must be a function/);
    expect(await codeOf(solver.solve(mip, { signal: {} as never }))).toMatch(/^INVALID_ARGUMENT.*signal must be an AbortSignal/);
    const ac = new AbortController();
    const onProgress = () => {};
    await solver.solve(mip, { onProgress, signal: ac.signal });
    expect(solver.calls[0]!.options.onProgress).toBe(onProgress);
    expect(solver.calls[0]!.options.signal).toBe(ac.signal);
  });
});
