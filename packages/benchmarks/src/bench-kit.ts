/** One printed figure of a benchmark suite. */
export interface BenchRow {
  /** Suite name, e.g. `core-build`. */
  readonly suite: string;
  /** What was measured, e.g. `transport 100k nnz`. */
  readonly case: string;
  /** Named figures (milliseconds, rates, ratios, bytes); numbers only. */
  readonly figures: Readonly<Record<string, number>>;
  /** Free text: targets met or missed, caveats. */
  readonly note?: string;
}

/** A benchmark suite: a default-exported async function returning its rows. */
export type BenchSuite = (options: { quick: boolean }) => Promise<BenchRow[]>;

/** Median of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs `fn` `warmup` times, then `runs` times, and returns the median wall time in ms
 * (and the last result). Figures are medians of several runs in one process after a warm-up.
 */
export async function timeMedian<T>(fn: () => T | Promise<T>, runs = 5, warmup = 1): Promise<{ ms: number; result: T }> {
  let result!: T;
  for (let i = 0; i < warmup; i++) result = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

/** Runs a GC if `--expose-gc` is on, so memory figures start from a clean heap. */
export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
