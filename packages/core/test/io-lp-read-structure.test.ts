import { readFixture } from '@lumix/test-fixtures';
import { describe, expect, it } from 'vitest';
import { isLumixError } from '../src/index.js';
import type { LumixError } from '../src/index.js';
import { readLp } from '../src/io/index.js';

// How readLp treats the structure of a file: End is required (a truncated file is not a smaller
// problem), nothing but blank and comment lines may follow it, and sections come once each in
// CPLEX's order (GLPK refuses the same files). Every refused case here was read silently before
// (issue 10, "Wrong answers").

function parseErrorOf(fn: () => unknown): LumixError {
  try {
    fn();
  } catch (e) {
    expect(isLumixError(e, 'PARSE_ERROR')).toBe(true);
    return e as LumixError;
  }
  throw new Error('expected a PARSE_ERROR, nothing was thrown');
}

const SECTIONS = {
  objective: 'Minimize\n obj: x + y\n',
  rows: 'Subject To\n c1: x + y >= 2\n',
  bounds: 'Bounds\n x <= 4\n',
  general: 'General\n x\n',
  binary: 'Binary\n y\n',
  end: 'End\n',
};
const S = SECTIONS;

/** The file with `parts` in place of its sections, in the order given. */
function lp(...parts: string[]): string {
  return parts.join('');
}

describe('lp reader: file structure', () => {
  it('io-lp-read/well-formed-file-reads', () => {
    const p = readLp(lp(S.objective, S.rows, S.bounds, S.general, S.binary, S.end));
    expect(Array.from(p.colIntegral)).toEqual([1, 1]);
    expect(Array.from(p.colUpper)).toEqual([4, 1]);
  });

  it('io-lp-read/truncated-p0033-refused', () => {
    // The case: p0033 cut at byte 56 read as "0 rows" and solved to optimal 0.
    const text = readFixture('miplib/lp/p0033.lp').slice(0, 56);
    const e = parseErrorOf(() => readLp(text, { file: 'p0033.lp' }));
    expect(e.details).toEqual({ file: 'p0033.lp', line: 4 });
    expect(e.message).toMatch(/^p0033\.lp:4: expected 'End' at the end of the file; the file looks truncated/);
  });

  it('io-lp-read/every-truncation-of-p0033-is-refused', () => {
    const text = readFixture('miplib/lp/p0033.lp');
    const endAt = text.lastIndexOf('End') + 'End'.length;
    for (let cut = 0; cut < endAt; cut++) {
      expect(() => readLp(text.slice(0, cut), { file: 'p0033.lp' }), `cut at byte ${cut}`).toThrow(/^p0033\.lp:\d+: /);
    }
    expect(readLp(text.slice(0, endAt)).numCols).toBe(33);
  });

  const refused: Array<[string, string, number, RegExp]> = [
    // The case: a General section after End was dropped, and with it the integrality.
    ['general-after-end-refused', lp(S.objective, S.rows, S.bounds, S.end, S.general), 8, /found 'General' after 'End' \(line 7\); End must be the last line/],
    ['row-after-end-refused', lp(S.objective, S.rows, S.end, '\\ a comment\n\n c2: x - y <= 1\n'), 8, /found 'c2: x - y <= 1' after 'End'/],
    ['text-on-the-end-line-refused', lp(S.objective, S.rows, 'End General x\n'), 5, /found 'General x' after 'End'; End must stand alone/],
    ['missing-end-refused', lp(S.objective, S.rows, S.bounds), 6, /expected 'End' at the end of the file; the file looks truncated/],
    ['bounds-before-subject-to-refused', lp(S.objective, S.bounds, S.rows, S.end), 3, /expected a 'Subject To' section before 'Bounds'/],
    ['general-before-subject-to-refused', lp(S.objective, S.general, S.rows, S.end), 3, /expected a 'Subject To' section before 'General'/],
    ['no-subject-to-refused', lp(S.objective, S.end), 3, /expected a 'Subject To' section before 'End'/],
    ['second-subject-to-refused', lp(S.objective, S.rows, S.bounds, 'Subject To\n c2: x - y <= 1\n', S.end), 7, /section 'Subject To' appears a second time \(the first at line 3\)/],
    ['second-bounds-refused', lp(S.objective, S.rows, S.bounds, 'Bounds\n y <= 3\n', S.end), 7, /section 'Bounds' appears a second time \(the first at line 5\)/],
    ['bounds-after-general-refused', lp(S.objective, S.rows, S.general, S.bounds, S.end), 7, /section 'Bounds' cannot come after 'General'; sections must come in the order/],
    ['bounds-after-binary-refused', lp(S.objective, S.rows, S.binary, S.bounds, S.end), 7, /section 'Bounds' cannot come after 'Binary'/],
    ['second-objective-refused', lp(S.objective, S.rows, 'Maximize\n x\n', S.end), 5, /expected one objective section, found a second 'Maximize' \(the first at line 1\)/],
    // Found by the glpsol fuzz test (tests/integration/test/io-fuzz-glpsol.test.ts): each of these
    // read as a different model, where GLPK refuses the file.
    ['column-twice-in-one-row-refused', lp(S.objective, 'Subject To\n c1: x + y\n + 2 x >= 2\n', S.end), 5, /column 'x' appears twice in one expression/],
    ['column-twice-in-the-objective-refused', lp('Minimize\n obj: x + y\n + y\n', S.rows, S.end), 3, /column 'y' appears twice in one expression/],
    ['two-signs-refused', lp('Minimize\n obj: x - - y\n', S.rows, S.end), 2, /expected a number or a column name after '-' but found '-'/],
    ['two-signs-before-a-right-hand-side-refused', lp(S.objective, 'Subject To\n c1: x + y >= - -2\n', S.end), 4, /expected a number after '>=' but found '-'/],
    ['text-after-the-right-hand-side-refused', lp(S.objective, 'Subject To\n c1: x + 400 <= + 200 y + 3 z <= 5\n', S.end), 4, /expected the end of the line after row 'c1' but found 'y'; start each row on a line of its own/],
    ['bound-with-two-directions-refused', lp(S.objective, S.rows, 'Bounds\n 0 >= x <= 4\n', S.end), 6, /a two-sided bound needs two '<=' or two '>=' \(as in '-5 <= x <= 5'\), found '>=' and '<='/],
    ['bound-le-then-ge-refused', lp(S.objective, S.rows, 'Bounds\n 0 <= x >= 1\n', S.end), 6, /a two-sided bound needs two '<=' or two '>='.*found '<=' and '>='/],
    ['bound-equals-with-a-second-side-refused', lp(S.objective, S.rows, 'Bounds\n 0 = x <= 4\n', S.end), 6, /a two-sided bound needs two '<=' or two '>='.*found '=' and '<='/],
  ];
  for (const [name, text, line, message] of refused) {
    it(`io-lp-read/${name}`, () => {
      const e = parseErrorOf(() => readLp(text, { file: 's.lp' }));
      expect(e.details).toEqual({ file: 's.lp', line });
      expect(e.message.startsWith(`s.lp:${line}: `)).toBe(true);
      expect(e.message).toMatch(message);
    });
  }

  it('io-lp-read/blank-and-comment-lines-after-end-are-fine', () => {
    const p = readLp(lp(S.objective, S.rows, S.end, '\n   \n\\ a comment\n\\* block comment *\\\n'));
    expect(p.numRows).toBe(1);
  });

  it('io-lp-read/general-and-binary-sections-in-any-order-and-repeated-are-fine', () => {
    // As in GLPK and CPLEX: after Bounds, any number of General/Integer/Binary sections.
    const p = readLp(lp(S.objective, 'Subject To\n c1: x + y + z >= 2\n', S.binary, S.general, 'Integer\n z\n', S.end));
    expect(Array.from(p.colIntegral)).toEqual([1, 1, 1]);
    expect(Array.from(p.colUpper)).toEqual([Infinity, 1, Infinity]);
  });
});
