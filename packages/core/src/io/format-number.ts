/**
 * The shortest text that reads back as exactly `v` (JavaScript's own round-trip formatting),
 * or the exponent form when that is shorter. `-0` is written `0`. Finite numbers only.
 */
export function formatNumber(v: number): string {
  if (v === 0) return '0';
  const plain = String(v);
  if (plain.length <= 8) return plain;
  const exp = v.toExponential();
  return exp.length < plain.length ? exp : plain;
}
