import { describe, expect, it } from 'vitest';
import { isLumixError } from '../src/index.js';
import { readLp } from '../src/io/index.js';
import type { LumixError } from '../src/index.js';

function parseErrorOf(fn: () => unknown): LumixError {
  try {
    fn();
  } catch (e) {
    expect(isLumixError(e, 'PARSE_ERROR')).toBe(true);
    return e as LumixError;
  }
  throw new Error('expected a PARSE_ERROR, nothing was thrown');
}

describe('lp reader', () => {
  it('lp/objective-constraints-bounds-integers', () => {
    const p = readLp(
      String.raw`\ Problem: demo
\ a comment line
Maximize
 profit: 30 chairs + 50 tables
   - 2.5 waste + 100   \ the constant is the objective offset
Subject To
 carpentry: chairs + 2 tables <= 40
 finishing: 2 chairs
   + tables =< 50
 -x1 + waste >= -3
 c4: chairs - tables = 0
Bounds
 chairs <= 30
 waste free
 -5 <= x1 <= 5
 tables >= -inf
 tables <= 25
Generals
 chairs tables
Binary
 flag
End
`,
      { file: 'demo.lp' },
    );
    expect(p.name).toBe('demo');
    expect(p.sense).toBe('max');
    expect(p.objectiveOffset).toBe(100);
    expect(Array.from({ length: p.numCols }, (_, j) => p.colName(j))).toEqual(['chairs', 'tables', 'waste', 'x1', 'flag']);
    expect(Array.from(p.colCost)).toEqual([30, 50, -2.5, 0, 0]);
    expect(Array.from({ length: p.numRows }, (_, i) => p.rowName(i))).toEqual(['carpentry', 'finishing', 'c3', 'c4']);
    expect(Array.from(p.rowLower)).toEqual([-Infinity, -Infinity, -3, 0]);
    expect(Array.from(p.rowUpper)).toEqual([40, 50, Infinity, 0]);
    expect(Array.from(p.rowStart)).toEqual([0, 2, 4, 6, 8]);
    expect(Array.from(p.value)).toEqual([1, 2, 2, 1, -1, 1, 1, -1]);
    expect(Array.from(p.colLower)).toEqual([0, -Infinity, -Infinity, -5, 0]);
    expect(Array.from(p.colUpper)).toEqual([30, 25, Infinity, 5, 1]);
    expect(Array.from(p.colIntegral)).toEqual([1, 1, 0, 0, 1]);
  });

  it('lp/ranged-rows-both-directions', () => {
    const p = readLp(`min\n obj: x + y\nst\n r1: -3 <= x - y <= 5\n r2: 8 >= x + y >= 2\n r3: 4 <= x\n r4: 2 >= y\nend\n`);
    expect(Array.from(p.rowLower)).toEqual([-3, 2, 4, -Infinity]);
    expect(Array.from(p.rowUpper)).toEqual([5, 8, Infinity, 2]);
  });

  it('lp/constants-on-both-sides-and-implicit-products', () => {
    const p = readLp(`Minimize\n 3x + 2y\nSubject To\n c: 2x + 3 - y + 1 <= 10\n d: 1e-7 x + .5 y >= 1.5E+2\nEnd\n`);
    expect(Array.from(p.colCost)).toEqual([3, 2]);
    expect(p.rowUpper[0]).toBe(6);
    expect(Array.from(p.value)).toEqual([2, -1, 1e-7, 0.5]);
    expect(p.rowLower[1]).toBe(150);
  });

  it('lp/infinite-rhs-and-free-rows', () => {
    const p = readLp(`min\n x\nst\n a: x + y >= -inf\n b: x - y <= +infinity\n c: x <= 1e30\nend\n`);
    expect(Array.from(p.rowLower)).toEqual([-Infinity, -Infinity, -Infinity]);
    expect(Array.from(p.rowUpper)).toEqual([Infinity, Infinity, Infinity]);
  });

  it('lp/range-columns-fold-back', () => {
    // The way glpsol writes a two-sided row: a.x - ~r_i = lb, 0 <= ~r_i <= range.
    const text = `Minimize\n obj: x + y\nSubject To\n r_1: x + y - ~r_1 = 241\n r_2: x - y >= 1\nBounds\n 0 <= ~r_1 <= 61\nEnd\n`;
    const p = readLp(text);
    expect(p.numCols).toBe(2);
    expect([p.rowLower[0], p.rowUpper[0]]).toEqual([241, 302]);
    expect(Array.from(p.rowStart)).toEqual([0, 2, 4]);
    const kept = readLp(text, { foldRangeColumns: false });
    expect(kept.numCols).toBe(3);
    expect([kept.rowLower[0], kept.rowUpper[0]]).toEqual([241, 241]);
  });

  it('lp/range-column-in-two-rows-is-kept', () => {
    const p = readLp(`min\n x\nst\n a: x - ~r_1 = 0\n b: x + ~r_1 >= 1\nbounds\n 1 <= ~r_1 <= 2\nend\n`);
    expect(p.numCols).toBe(2);
  });

  it('lp/keywords-need-a-line-of-their-own-meaning', () => {
    // A row named 'bin' and a column named 'end' are not sections.
    const p = readLp(`min\n obj: x\nst\n bin: x + end_x >= 1\n end + x <= 4\nend\n`);
    expect(p.numRows).toBe(2);
    expect(p.colName(2)).toBe('end');
  });

  it('lp/no-end-keyword', () => {
    // Without End a truncated file would read as a complete, smaller problem: End is required.
    const e = parseErrorOf(() => readLp(`max\n x\nst\n c: x <= 3\n`, { file: 'n.lp' }));
    expect(e.message).toMatch(/^n\.lp:4: expected 'End' at the end of the file; the file looks truncated/);
    expect(readLp(`max\n x\nst\n c: x <= 3\nend`).rowUpper[0]).toBe(3);
  });
});

describe('lp reader errors', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['no-objective', `Subject To\n c: x <= 1\nEnd\n`, 1, /expected 'Minimize' or 'Maximize'/],
    ['missing-rhs', `min\n x\nst\n c: x + y <=\n d: x >= 1\nEnd\n`, 5, /expected a number after '<=' but found 'd'/],
    ['missing-operator', `min\n x\nst\n c: x + y\n d: x >= 1\nEnd\n`, 5, /expected a comparison .* but found 'd'/],
    ['dangling-sign', `min\n x +\nst\n c: x >= 1\nEnd\n`, 2, /expected a number or a column name after '\+'/],
    ['terms-without-sign', `min\n x y\nst\n c: x >= 1\nEnd\n`, 2, /expected '\+', '-' or the next section after the objective but found 'y'/],
    ['quadratic', `min\n obj: [ x ^ 2 ]\nst\n c: x >= 1\nEnd\n`, 2, /quadratic terms/],
    ['semi-continuous', `min\n x\nst\n c: x >= 1\nsemi-continuous\n x\nEnd\n`, 5, /section 'semi-continuous' is not supported/],
    ['negative-upper-bound-with-default-lower', `min\n x\nst\n c: x >= -10\nbounds\n x <= -5\nEnd\n`, 6, /lower bound 0 above its upper bound -5 .*-inf <= x <= -5/],
    ['bad-bound', `min\n x\nst\n c: x >= 1\nbounds\n x foo\nEnd\n`, 6, /expected '<=', '>=', '=' or 'free' after 'x'/],
    ['duplicate-row-name', `min\n x\nst\n c: x >= 1\n c: x <= 4\nEnd\n`, 5, /row name 'c' is used twice/],
    ['mixed-range', `min\n x\nst\n c: 1 <= x >= 4\nEnd\n`, 4, /a ranged row needs two '<=' or two '>='/],
    ['bad-character', `min\n x\nst\n c: x >= 1 §\nEnd\n`, 4, /unexpected character '§'/],
    ['general-not-a-name', `min\n x\nst\n c: x >= 1\ngeneral\n x 3\nEnd\n`, 6, /expected a column name in the General section but found '3'/],
    ['number-out-of-range', `min\n x\nst\n c: 1e400 x >= 1\nEnd\n`, 4, /number '1e400' is too large/],
    ['empty-row-range', `min\n x\nst\n c: 5 <= x <= 4\nEnd\n`, 4, /row 'c' asks for 5 <= expression <= 4/],
  ];
  for (const [name, text, line, message] of cases) {
    it(`lp-error/${name}`, () => {
      const e = parseErrorOf(() => readLp(text, { file: 'bad.lp' }));
      expect(e.details).toEqual({ file: 'bad.lp', line });
      expect(e.message.startsWith(`bad.lp:${line}: `)).toBe(true);
      expect(e.message).toMatch(message);
    });
  }
});
