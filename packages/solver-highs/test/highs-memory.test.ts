import { describe, expect, it } from 'vitest';
import { finishStandardForm, isLumixError, type StandardForm } from '@lumix/core';
import { HIGHS_MEMORY_LIMIT_BYTES, createHighsSolver, estimateHighsMemory, loadHighs } from '../src/index.js';

/**
 * A problem of `rows` free rows over one column, with no non-zeros: cheap to make (a few typed
 * arrays of `rows` entries), yet as many rows as HiGHS would need gigabytes for.
 */
function manyRows(rows: number): StandardForm {
  return finishStandardForm({
    name: `rows-${rows}`,
    sense: 'min',
    objectiveOffset: 0,
    colCost: new Float64Array([1]),
    colLower: new Float64Array([0]),
    colUpper: new Float64Array([1]),
    colIntegral: new Uint8Array(1),
    rowLower: new Float64Array(rows).fill(-Infinity),
    rowUpper: new Float64Array(rows).fill(Infinity),
    rowStart: new Int32Array(rows + 1),
    colIndex: new Int32Array(0),
    value: new Float64Array(0),
    colName: (j) => `x${j}`,
    rowName: (i) => `r${i}`,
  });
}

describe('highs memory estimate', () => {
  it('memory/estimate-matches-the-calibration-points', () => {
    // Wasm memory HiGHS 1.15.3 had grown to after solving random sparse LPs in a fresh runtime (MB):
    // [non-zeros, rows, columns, measured]. The estimate is fitted to these within ±50 MB.
    const measured: [number, number, number, number][] = [
      [0.5e6, 100_000, 100_000, 274],
      [1e6, 200_000, 200_000, 568],
      [2e6, 400_000, 400_000, 1029],
      [4e6, 800_000, 800_000, 2023],
      [1e6, 20_000, 200_000, 395],
      [4e6, 80_000, 400_000, 1410],
      [2e6, 1_000_000, 100_000, 1378],
    ];
    for (const [numNonzeros, numRows, numCols, mb] of measured) {
      const est = estimateHighsMemory({ numRows, numCols, numNonzeros, mip: false }) / 1e6;
      expect(Math.abs(est - mb), `${numNonzeros} nnz, ${numRows} rows, ${numCols} cols`).toBeLessThan(50);
    }
    // The largest that solved fits; the one that aborted (4M non-zeros on 2M rows) does not.
    expect(estimateHighsMemory({ numRows: 800_000, numCols: 800_000, numNonzeros: 4e6, mip: false })).toBeLessThanOrEqual(HIGHS_MEMORY_LIMIT_BYTES);
    expect(estimateHighsMemory({ numRows: 2_000_000, numCols: 200_000, numNonzeros: 4e6, mip: false })).toBeGreaterThan(HIGHS_MEMORY_LIMIT_BYTES);
  });

  it('memory/estimate-grows-with-every-size', () => {
    const base = { numRows: 1000, numCols: 1000, numNonzeros: 5000, mip: false };
    const at = estimateHighsMemory(base);
    for (const key of ['numRows', 'numCols', 'numNonzeros'] as const) expect(estimateHighsMemory({ ...base, [key]: base[key] * 2 })).toBeGreaterThan(at);
  });

  it('memory/too-large-problem-is-refused-before-loading', async () => {
    const highs = await loadHighs();
    const before = highs.memoryBytes;
    const solver = createHighsSolver();
    const big = manyRows(3_000_000);
    for (const attempt of [() => solver.solve(big), () => solver.open(big)]) {
      const e = await attempt().then(
        () => null,
        (x: unknown) => x,
      );
      expect(isLumixError(e, 'UNSUPPORTED_FEATURE')).toBe(true);
      const err = e as Error & { details: Record<string, unknown> };
      expect(err.message).toMatch(/too large for HiGHS in WebAssembly: 3,000,000 rows, 1 columns and 0 non-zeros need about 2,211 MB .* cannot grow past 2,147 MB/);
      expect(err.details).toMatchObject({ solver: 'highs', reason: 'too-large', numRows: 3_000_000, limitBytes: 2 ** 31 });
    }
    // Nothing was passed to HiGHS: its memory did not grow, and the runtime still solves.
    expect(highs.memoryBytes).toBe(before);
    const small = manyRows(10);
    const r = await solver.solve(small);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(0);
  });
});
