import { describe, expect, it } from 'vitest';
import { createStandardForm, isLumixError } from '../src/index.js';
import { isLegalLpName, readLp, readMps, writeLp, writeMps } from '../src/io/index.js';
import type { StandardForm } from '../src/index.js';
import { expectSameProblem, namesOf } from './io-same-problem.js';

function readBackAll(p: StandardForm): void {
  expectSameProblem(p, readMps(writeMps(p), { format: 'free' }));
  expectSameProblem(p, readMps(writeMps(p, { format: 'fixed' }), { format: 'fixed' }));
  expectSameProblem(p, readMps(writeMps(p, { format: 'fixed' })));
  expectSameProblem(p, readLp(writeLp(p)));
}

describe('io writers', () => {
  it('write/keeps-legal-names', () => {
    const p = createStandardForm({
      columns: [{ name: 'make_chair', cost: 1 }, { name: 'y.2' }],
      rows: [{ name: 'cap', ub: 3, terms: [['make_chair', 1], ['y.2', 1]] }],
    });
    for (const text of [writeMps(p), writeLp(p)]) expect(text).not.toMatch(/ids and the names/);
    expect(namesOf(readLp(writeLp(p)))).toEqual(namesOf(p));
    expect(namesOf(readMps(writeMps(p)))).toEqual(namesOf(p));
    // Names longer than 8 characters do not fit the fixed layout: ids there, names kept in free MPS.
    const fixed = writeMps(p, { format: 'fixed' });
    expect(fixed).toMatch(/^\*\s+x0 make_chair$/m);
    expect(namesOf(readMps(fixed)).cols).toEqual(['x0', 'x1']);
  });

  it('write/generates-ids-for-illegal-names-with-comments', () => {
    const p = createStandardForm({
      columns: [{ name: 'x[1, 2]', cost: 1 }, { name: 'free' }],
      rows: [{ name: 'row one', ub: 3, terms: [[0, 1], [1, 1]] }],
    });
    const lp = writeLp(p);
    expect(lp).toMatch(/^\\ {3}x0 x\[1, 2\]$/m);
    expect(lp).toMatch(/^\\ {3}x1 free$/m);
    expect(lp).toMatch(/^\\ {3}r0 row one$/m);
    expect(namesOf(readLp(lp))).toEqual({ cols: ['x0', 'x1'], rows: ['r0'] });
    const mps = writeMps(p);
    // MPS free names may hold brackets and commas but no blanks.
    expect(mps).toMatch(/^\* {3}x0 x\[1, 2\]$/m);
    expect(mps).toMatch(/^\* {3}r0 row one$/m);
    const quiet = writeLp(p, { nameComments: false });
    expect(quiet).not.toMatch(/x\[1, 2\]/);
    readBackAll(p);
  });

  it('write/lp-name-rules', () => {
    for (const ok of ['x', 'x1', '_a.b', 'make_chair', 'eta', 'Ex']) expect(isLegalLpName(ok)).toBe(true);
    for (const bad of ['1x', '.x', 'x y', 'x[1]', 'e', 'E', 'e12', 'E3x', 'eels', 'inf', 'Free', 'st', 'end', 'x:y', '', 'a'.repeat(256)]) {
      expect(isLegalLpName(bad)).toBe(false);
    }
  });

  it('write/objective-name-avoids-row-names', () => {
    const p = createStandardForm({ columns: [{ name: 'x', cost: 1 }], rows: [{ name: 'obj', ub: 1, terms: [['x', 1]] }] });
    expect(writeMps(p)).toMatch(/^ N obj_1$/m);
    expect(writeLp(p)).toMatch(/^ obj_1: x$/m);
    readBackAll(p);
  });

  it('write/objective-offset-and-sense', () => {
    const p = createStandardForm({ sense: 'max', objectiveOffset: -4.25, columns: [{ name: 'x', cost: 2, ub: 1 }], rows: [] });
    const mps = writeMps(p);
    expect(mps).toMatch(/^OBJSENSE\n {4}MAX$/m);
    expect(mps).toMatch(/^ {4}RHS {2}obj {2}4\.25$/m);
    expect(writeLp(p)).toMatch(/^Maximize\n obj: 2 x - 4\.25$/m);
    readBackAll(p);
  });

  it('write/ranged-rows-read-back-exactly', () => {
    // Widths that are not exact in floating point (0.3 - 0.1, 1e16 + 3 - 1 ...) at many magnitudes.
    const pairs: Array<[number, number]> = [
      [0.1, 0.3],
      [-1, 0.1],
      [1, 1e16 + 3],
      [-1e-9, 1e-9],
      [123456.789, 123456.79],
      [-7.113, 2.284],
      [1 / 3, 2 / 3],
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647 - 0.5) * 10 ** Math.floor((seed % 13) - 6);
    };
    for (let k = 0; k < 200; k++) {
      const a = random();
      const b = random();
      if (a !== b) pairs.push([Math.min(a, b), Math.max(a, b)]);
    }
    const p = createStandardForm({
      columns: [{ name: 'x' }],
      rows: pairs.map(([lb, ub], i) => ({ name: `r${i}`, lb, ub, terms: [['x', 1]] as const })),
    });
    // LP writes a range column and is exact; so is MPS for the first, "ordinary" pairs.
    expectSameProblem(p, readLp(writeLp(p)));
    for (const format of ['free', 'fixed'] as const) {
      const q = readMps(writeMps(p, { format }));
      for (let i = 0; i < p.numRows; i++) {
        const [lb, ub] = [p.rowLower[i]!, p.rowUpper[i]!];
        const [qlb, qub] = [q.rowLower[i]!, q.rowUpper[i]!];
        if (i < 4 || i === 5) expect([qlb, qub]).toEqual([lb, ub]);
        // MPS stores rhs + range: a pair without an exact encoding is off by one rounding of ub - lb.
        const tolerance = 2 ** -52 * Math.max(Math.abs(lb), Math.abs(ub));
        expect(Math.abs(qlb - lb)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(qub - ub)).toBeLessThanOrEqual(tolerance);
        expect(qlb === lb || qub === ub).toBe(true);
      }
    }
  });

  it('write/free-and-empty-rows-and-unused-columns-survive', () => {
    const p = createStandardForm({
      columns: [{ name: 'used', cost: 1 }, { name: 'unused' }, { name: 'bounded_only', lb: -2, ub: 2 }],
      rows: [
        { name: 'free_row', terms: [['used', 1]] },
        { name: 'empty_le', ub: 5, terms: [] },
        { name: 'empty_eq', lb: 0, ub: 0, terms: [] },
        { name: 'empty_range', lb: -1, ub: 1, terms: [] },
      ],
    });
    expect(writeMps(p)).toMatch(/^ {4}RHS {2}free_row {2}-1e\+30( |$)/m);
    expect(writeLp(p)).toMatch(/^ free_row: used >= -inf$/m);
    readBackAll(p);
  });

  it('write/bounds-of-every-kind', () => {
    const p = createStandardForm({
      columns: [
        { name: 'fr', lb: -Infinity, ub: Infinity },
        { name: 'neg', lb: -Infinity, ub: -3 },
        { name: 'mi', lb: -Infinity, ub: 4 },
        { name: 'rng', lb: -6, ub: -3 },
        { name: 'fix', lb: 2.5, ub: 2.5 },
        { name: 'lo', lb: 3 },
        { name: 'gi', integer: true },
        { name: 'b01', integer: true, ub: 1 },
        { name: 'gint', integer: true, lb: -3, ub: 7 },
        { name: 'gmi', integer: true, lb: -Infinity, ub: 5 },
        { name: 'gfr', integer: true, lb: -Infinity },
        { name: 'zero', lb: 0, ub: 0 },
      ],
      rows: [],
    });
    const mps = writeMps(p);
    expect(mps).toMatch(/^ FR BND {2}fr$/m);
    expect(mps).toMatch(/^ MI BND {2}neg\n UP BND {2}neg {2}-3$/m);
    expect(mps).toMatch(/^ PL BND {2}gi$/m);
    expect(mps).toMatch(/^ MI BND {2}gmi\n UP BND {2}gmi {2}5$/m);
    expect(mps).toMatch(/^ FR BND {2}gfr$/m);
    expect(mps).toMatch(/^ FX BND {2}zero {2}0$/m);
    const lp = writeLp(p);
    expect(lp).toMatch(/^ fr free$/m);
    expect(lp).toMatch(/^ -inf <= neg <= -3$/m);
    expect(lp).toMatch(/^ -6 <= rng <= -3$/m);
    expect(lp).toMatch(/^ fix = 2\.5$/m);
    expect(lp).toMatch(/^ lo >= 3$/m);
    expect(lp).toMatch(/^General\n gi gint gmi gfr$/m);
    expect(lp).toMatch(/^Binary\n b01$/m);
    readBackAll(p);
  });

  it('write/fixed-layout-long-numbers-stand-alone', () => {
    const v = 0.1 + 0.2;
    const p = createStandardForm({
      columns: [{ name: 'x', cost: v }, { name: 'y', cost: 1 }],
      rows: [{ name: 'c', ub: 1e-17 / 3, terms: [['x', v], ['y', 123456789.123]] }],
    });
    const fixed = writeMps(p, { format: 'fixed' });
    expect(fixed).toMatch(/^ {4}x {9}obj {7}0\.30000000000000004$/m);
    for (const line of fixed.split('\n')) {
      if (/^ {4}\S/.test(line) && !line.includes('MARKER')) {
        // Names in columns 5-12 and 15-22; a number either ends in column 36 or starts in 25.
        expect(line[12]).toBe(' ');
        expect(line[13]).toBe(' ');
        expect(line.length === 36 || line.length === 61 || line[24] !== ' ').toBe(true);
      }
    }
    readBackAll(p);
  });

  it('write/lp-wraps-long-lines', () => {
    const n = 300;
    const p = createStandardForm({
      columns: Array.from({ length: n }, (_, j) => ({ name: `column_number_${j}`, cost: j + 0.5 })),
      rows: [{ name: 'all', ub: 1, terms: Array.from({ length: n }, (_, j) => [j, -(j + 1.25)] as const) }],
    });
    const lp = writeLp(p);
    expect(Math.max(...lp.split('\n').map((l) => l.length))).toBeLessThanOrEqual(255);
    readBackAll(p);
  });

  it('write/large-sections-do-not-overflow-the-stack', () => {
    // 150k bound lines and integer names: spreading them into push() once threw RangeError.
    const n = 150_000;
    const p = createStandardForm({
      columns: Array.from({ length: n }, (_, j) => ({ name: `v${j}`, ub: 2 + (j % 5), cost: 1, integer: j % 2 === 0 })),
      rows: [{ name: 'total', lb: 1, terms: [[0, 1], [n - 1, 1]] }],
    });
    const lp = readLp(writeLp(p));
    const mps = readMps(writeMps(p));
    for (const q of [lp, mps]) {
      expect(q.numCols).toBe(n);
      expect(q.colUpper[n - 1]).toBe(2 + ((n - 1) % 5));
      expect(q.colIntegral[n - 2]).toBe(1);
    }
  });

  it('write/lp-rejects-rows-without-columns', () => {
    const p = createStandardForm({ columns: [], rows: [{ name: 'r', ub: 1, terms: [] }] });
    expect(() => writeLp(p)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    try {
      writeLp(p);
    } catch (e) {
      expect(isLumixError(e, 'INVALID_ARGUMENT')).toBe(true);
    }
    expectSameProblem(p, readMps(writeMps(p)));
  });
});
