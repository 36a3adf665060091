/** How a two-sided row [lb, ub] is written as one right-hand side plus a range R. */
export interface RowRange {
  /** `G`: [rhs, rhs + R]; `L`: [rhs − R, rhs]. */
  readonly type: 'G' | 'L';
  readonly rhs: number;
  /** The range, > 0. */
  readonly range: number;
}

const scratch = new Float64Array(1);
const bits = new BigInt64Array(scratch.buffer);

/** The next double after `v` (> 0) towards +∞ (`up`) or 0. */
function step(v: number, up: boolean): number {
  scratch[0] = v;
  bits[0] = bits[0]! + (up ? 1n : -1n);
  return scratch[0]!;
}

/**
 * A right-hand side and range for the row lb <= a·x <= ub (both finite, lb < ub) such that a
 * reader computing `rhs + R` (`G` row) or `rhs − R` (`L` row) gets lb and ub back exactly:
 * `ub − lb` is not always exact in floating point, so its neighbours are tried too. Some pairs
 * have no exact encoding at all (e.g. [−0.3, 0.1]); then the one with the smallest error wins,
 * off by about one rounding of ub − lb (|error| <= 2^-52 · max(|lb|, |ub|)).
 */
export function rowRange(lb: number, ub: number): RowRange {
  const r = ub - lb;
  let best: RowRange = { type: 'G', rhs: lb, range: r };
  let bestError = Math.abs(lb + r - ub);
  const consider = (type: 'G' | 'L', range: number): boolean => {
    if (!(range > 0) || !Number.isFinite(range)) return false;
    const error = type === 'G' ? Math.abs(lb + range - ub) : Math.abs(ub - range - lb);
    if (error < bestError || (error === 0 && bestError !== 0)) {
      best = { type, rhs: type === 'G' ? lb : ub, range };
      bestError = error;
    }
    return error === 0;
  };
  let up = r;
  let down = r;
  for (let k = 0; k < 4; k++) {
    for (const cand of k === 0 ? [r] : [up, down]) {
      if (consider('G', cand) || consider('L', cand)) return best;
    }
    up = step(up, true);
    down = step(down, false);
  }
  return best;
}
