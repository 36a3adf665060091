import { describe, expect, it } from 'vitest';
import { createStandardForm, checkFeasibility, isLumixError } from '../src/index.js';
import { seededRandom } from '../src/testing/index.js';

describe('standard-form', () => {
  it('standard-form/merges-duplicates-and-drops-zeros', () => {
    const p = createStandardForm({
      columns: [{ name: 'x' }, { name: 'y' }, { name: 'z' }],
      rows: [
        { name: 'a', ub: 4, terms: [['x', 1], ['y', 2], ['x', 3], ['z', 0]] },
        { name: 'b', lb: 1, terms: [[2, 1], [1, 1], [1, -1]] },
      ],
    });
    expect(Array.from(p.rowStart)).toEqual([0, 2, 3]);
    expect(Array.from(p.colIndex)).toEqual([0, 1, 2]);
    expect(Array.from(p.value)).toEqual([4, 2, 1]);
    expect(p.rowName(1)).toBe('b');
  });

  it('standard-form/rejects-nan-coefficient-naming-row-and-column', () => {
    try {
      createStandardForm({ columns: [{ name: 'x' }], rows: [{ name: 'cap', ub: 1, terms: [['x', Number.NaN]] }] });
      expect.unreachable();
    } catch (e) {
      expect(isLumixError(e, 'INVALID_NUMBER')).toBe(true);
      expect((e as Error).message).toContain('cap');
      expect((e as Error).message).toContain('x');
    }
  });

  it('standard-form/rejects-crossed-bounds', () => {
    expect(() => createStandardForm({ columns: [{ name: 'x', lb: 2, ub: 1 }], rows: [] })).toThrow(/Lower bound 2 of x/);
    expect(() => createStandardForm({ columns: [{ name: 'x' }], rows: [{ name: 'r', lb: 3, ub: 2, terms: [] }] })).toThrow(/empty range/);
  });

  it('feasibility/reports-worst-row-bound-and-integrality', () => {
    const p = createStandardForm({
      columns: [{ name: 'x', ub: 10, cost: 1 }, { name: 'n', integer: true, ub: 5 }],
      rows: [{ name: 'r', ub: 4, terms: [['x', 1], ['n', 1]] }],
      objectiveOffset: 2,
    });
    const ok = checkFeasibility(p, [1, 3]);
    expect(ok.feasible).toBe(true);
    expect(ok.objective).toBe(3);
    const bad = checkFeasibility(p, [2, 2.5]);
    expect(bad.feasible).toBe(false);
    expect(bad.worstRow).toBe('r');
    expect(bad.worstIntegral).toBe('n');
  });

  it('standard-form/merging-random-rows-equals-adding-up-per-row', () => {
    // Duplicates, zeros and cancelling pairs in every position, across rows that reuse columns:
    // each row must hold exactly the non-zero per-column sums, in first-seen order.
    const r = seededRandom(5);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(r() * 6);
      const rows = Array.from({ length: 1 + Math.floor(r() * 6) }, () => ({
        terms: Array.from({ length: Math.floor(r() * 8) }, () => [Math.floor(r() * n), [0, 1, -1, 2, 0.5][Math.floor(r() * 5)]!] as const),
      }));
      const p = createStandardForm({ columns: Array.from({ length: n }, () => ({})), rows });
      rows.forEach((row, i) => {
        const expected = new Map<number, number>();
        for (const [j, v] of row.terms) expected.set(j, (expected.get(j) ?? 0) + v);
        for (const [j, v] of expected) if (v === 0) expected.delete(j);
        const got = new Map<number, number>();
        for (let k = p.rowStart[i]!; k < p.rowStart[i + 1]!; k++) {
          expect(got.has(p.colIndex[k]!)).toBe(false);
          got.set(p.colIndex[k]!, p.value[k]!);
        }
        expect([...got]).toEqual([...expected]);
      });
      expect(p.colIndex.length).toBe(p.rowStart[p.numRows]);
    }
  });
});
