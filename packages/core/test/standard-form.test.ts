import { describe, expect, it } from 'vitest';
import { createStandardForm, checkFeasibility, isLumixError } from '../src/index.js';

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
});
