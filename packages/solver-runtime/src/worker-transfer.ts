// What both worker kinds (one-shot worker-entry and the pool's worker) do around a solve.

/** The result's own buffers, each once, so that they move to the main thread rather than being copied. */
export function buffersOf(value: unknown, seen = new Set<ArrayBuffer>(), depth = 0): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) seen.add(value.buffer);
  } else if (value !== null && typeof value === 'object' && depth < 3) {
    // Results nest their arrays at most three levels deep (ranging.cost.lower).
    for (const v of Object.values(value as Record<string, unknown>)) buffersOf(v, seen, depth + 1);
  }
  return [...seen];
}

/**
 * What is left of a time limit counted from `since` (the call, or the job's start: starting a
 * worker and moving the problem count too). At least a token 1e-6 s, so that the backend still
 * checks the call and stops at once with status `time-limit`.
 */
export function remaining(timeLimit: number, since: number): number {
  return Math.max(1e-6, timeLimit - (Date.now() - since) / 1000);
}
