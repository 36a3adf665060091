/**
 * Bounds and right-hand sides whose magnitude reaches this value are read as infinite, in
 * MPS and LP files alike (the common "1e30 means infinity" convention; HiGHS itself starts at 1e20).
 */
const INFINITE_VALUE = 1e30;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eEdD][+-]?\d+)?$/;
const INFINITY_WORD = /^([+-]?)inf(?:inity)?$/i;

/**
 * Strict number parsing for file readers: decimal or exponent notation (a Fortran `D`
 * exponent is accepted), or `inf`/`infinity` with an optional sign. Returns `undefined`
 * for anything else, so `""`, `"12abc"` or `"0x10"` are never taken for numbers.
 */
export function parseNumber(token: string): number | undefined {
  if (NUMBER.test(token)) {
    const fortran = token.indexOf('d') >= 0 || token.indexOf('D') >= 0;
    const v = Number(fortran ? token.replace(/[dD]/, 'e') : token);
    return Number.isFinite(v) ? v : undefined;
  }
  const inf = INFINITY_WORD.exec(token);
  if (inf !== null) return inf[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return undefined;
}

/** `v` with magnitudes of {@link INFINITE_VALUE} and above turned into ±Infinity. */
export function toBound(v: number): number {
  if (v >= INFINITE_VALUE) return Number.POSITIVE_INFINITY;
  if (v <= -INFINITE_VALUE) return Number.NEGATIVE_INFINITY;
  return v;
}
