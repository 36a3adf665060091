import type { Highs, Model } from 'highs';
import type { Iis, IisBound } from '@lumix/core';

const BOUNDS: Readonly<Record<number, IisBound>> = { 1: 'free', 2: 'lower', 3: 'upper', 4: 'boxed' };

/**
 * Computes an IIS of a loaded model with HiGHS' row-priority, irreducible strategy (unless
 * `iis_strategy` was set through raw options), which reports proven members only.
 */
export function computeIis(highs: Highs, model: Model, strategyFromRaw: boolean): Iis {
  if (!strategyFromRaw) model.options.set('iis_strategy', highs.constants.iis.strategyRowPriority);
  const r = model.getIis();
  return {
    rows: r.rowIndex,
    rowBounds: Array.from(r.rowBound, (b) => BOUNDS[b] ?? 'free'),
    cols: r.colIndex,
    colBounds: Array.from(r.colBound, (b) => BOUNDS[b] ?? 'free'),
  };
}
