import { createStandardForm, type StandardForm } from '@lumix/core';
import { seededRandom } from '@lumix/core/testing';

/** Options of {@link marketSplit}. */
export interface MarketSplitOptions {
  /** Rows. Default 6. */
  readonly rows?: number;
  /** Binary columns. Default 10·(rows − 1). */
  readonly columns?: number;
  /** Seed of the coefficients. Default 1. */
  readonly seed?: number;
  /**
   * `true` (default): min Σ |slack| over rows Σ a·x + s⁺ − s⁻ = b, so every point is feasible and
   * the LP bound is 0. `false`: the pure feasibility problem Σ a·x = b without objective.
   */
  readonly withSlacks?: boolean;
}

/**
 * A market-split instance (Cornuéjols and Dawande): coefficients a ∈ [0, 99], right-hand sides
 * ⌊Σ a / 2⌋. Small, yet branch and bound cannot close it in seconds: the instance for time-limit
 * tests. Deterministic for a seed.
 */
export function marketSplit(options: MarketSplitOptions = {}): StandardForm {
  const m = options.rows ?? 6;
  const n = options.columns ?? 10 * (m - 1);
  const withSlacks = options.withSlacks ?? true;
  const rnd = seededRandom(options.seed ?? 1);
  const columns: Array<{ name: string; lb?: number; ub?: number; cost?: number; integer?: boolean }> = [];
  for (let j = 0; j < n; j++) columns.push({ name: `x${j}`, ub: 1, integer: true });
  if (withSlacks) {
    for (let i = 0; i < m; i++) columns.push({ name: `up${i}`, cost: 1 }, { name: `down${i}`, cost: 1 });
  }
  const rows = [];
  for (let i = 0; i < m; i++) {
    const terms: Array<[number, number]> = [];
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const a = Math.floor(rnd() * 100);
      sum += a;
      terms.push([j, a]);
    }
    if (withSlacks) terms.push([n + 2 * i, 1], [n + 2 * i + 1, -1]);
    const b = Math.floor(sum / 2);
    rows.push({ name: `split${i}`, lb: b, ub: b, terms });
  }
  return createStandardForm({ name: `market-split-${m}x${n}${withSlacks ? '' : '-feasibility'}`, columns, rows });
}
