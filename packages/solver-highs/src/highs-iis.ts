import type { Highs, Model } from 'highs';

/** Which bound of a row or column takes part in an infeasible subsystem. */
export type IisBound = 'lower' | 'upper' | 'boxed' | 'free';

/**
 * An irreducible infeasible subsystem: rows and columns (indices into the problem) whose bounds
 * together admit no point, while dropping any one of them does. Empty arrays mean HiGHS found
 * none (the problem is feasible, or the search stopped).
 */
export interface HighsIis {
  readonly rows: Int32Array;
  /** The bound of each row in `rows` that takes part. */
  readonly rowBounds: readonly IisBound[];
  readonly cols: Int32Array;
  /** The bound of each column in `cols` that takes part; `free` when only its coefficients matter. */
  readonly colBounds: readonly IisBound[];
}

const BOUNDS: Readonly<Record<number, IisBound>> = { 1: 'free', 2: 'lower', 3: 'upper', 4: 'boxed' };

/**
 * Computes an IIS of a loaded model with HiGHS' row-priority, irreducible strategy (unless
 * `iis_strategy` was set through raw options), which reports proven members only.
 */
export function computeIis(highs: Highs, model: Model, strategyFromRaw: boolean): HighsIis {
  if (!strategyFromRaw) model.options.set('iis_strategy', highs.constants.iis.strategyRowPriority);
  const r = model.getIis();
  return {
    rows: r.rowIndex,
    rowBounds: Array.from(r.rowBound, (b) => BOUNDS[b] ?? 'free'),
    cols: r.colIndex,
    colBounds: Array.from(r.colBound, (b) => BOUNDS[b] ?? 'free'),
  };
}
