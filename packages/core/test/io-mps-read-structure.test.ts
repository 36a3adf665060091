import { readFixture } from '@lumix/test-fixtures';
import { describe, expect, it } from 'vitest';
import { isLumixError } from '../src/index.js';
import type { LumixError } from '../src/index.js';
import { readMps } from '../src/io/index.js';

// How readMps treats the structure of a file: sections out of order or repeated, a column split
// over two places, second values for one row or column, and text after ENDATA are refused with a
// PARSE_ERROR naming file and line (as GLPK's reader refuses each), never merged into a different
// model. Every case here was read silently before (issue 10, "Wrong answers").

function parseErrorOf(fn: () => unknown): LumixError {
  try {
    fn();
  } catch (e) {
    expect(isLumixError(e, 'PARSE_ERROR')).toBe(true);
    return e as LumixError;
  }
  throw new Error('expected a PARSE_ERROR, nothing was thrown');
}

/** min −x − y, x + y in [2, 4], y >= 1, x <= 3: optimum −4 (x = 3, y = 1). */
const SECTIONS = {
  name: 'NAME T\n',
  rows: 'ROWS\n N obj\n L c1\n G c2\n',
  columns: 'COLUMNS\n x obj -1 c1 1\n y obj -1 c1 1\n y c2 1\n',
  rhs: 'RHS\n RHS c1 4 c2 1\n',
  ranges: 'RANGES\n RNG c1 2\n',
  bounds: 'BOUNDS\n UP BND x 3\n',
  end: 'ENDATA\n',
};
const GOOD = Object.values(SECTIONS).join('');

/** The file with `parts` in place of its sections, in the order given. */
function mps(...parts: string[]): string {
  return parts.join('');
}
const S = SECTIONS;

describe('mps reader: file structure', () => {
  it('io-mps-read/well-formed-file-reads', () => {
    const p = readMps(GOOD);
    expect(Array.from(p.colCost)).toEqual([-1, -1]);
    expect([p.rowLower[0], p.rowUpper[0], p.rowLower[1], p.rowUpper[1]]).toEqual([2, 4, 1, Infinity]);
    expect(p.colUpper[0]).toBe(3);
  });

  const refused: Array<[string, string, number, RegExp]> = [
    // The case: a second ROWS after RHS reallocated the row data and zeroed every
    // right-hand side and range (objective 0 instead of -4).
    ['second-rows-after-rhs-refused', mps(S.name, S.rows, S.columns, S.rhs, 'ROWS\n L c3\n', S.ranges, S.bounds, S.end), 12, /section ROWS appears a second time \(first at line 2\)/],
    ['second-rows-after-ranges-refused', mps(S.name, S.rows, S.columns, S.rhs, S.ranges, 'ROWS\n L c3\n', S.bounds, S.end), 14, /section ROWS appears a second time/],
    ['ranges-before-rhs-refused', mps(S.name, S.rows, S.columns, S.ranges, S.rhs, S.bounds, S.end), 12, /section RHS cannot come after RANGES; sections must come in the order NAME/],
    ['bounds-before-rhs-refused', mps(S.name, S.rows, S.columns, S.bounds, S.rhs, S.end), 12, /section RHS cannot come after BOUNDS/],
    ['bounds-before-ranges-refused', mps(S.name, S.rows, S.columns, S.rhs, S.bounds, S.ranges, S.end), 14, /section RANGES cannot come after BOUNDS/],
    ['rhs-before-columns-refused', mps(S.name, S.rows, S.rhs, S.columns, S.end), 6, /expected a COLUMNS section before RHS/],
    ['columns-before-rows-refused', mps(S.name, S.columns, S.rows, S.end), 2, /expected a ROWS section before COLUMNS/],
    ['missing-columns-refused', mps(S.name, S.rows, S.rhs, S.end), 6, /expected a COLUMNS section before RHS/],
    ['missing-columns-before-endata-refused', mps(S.name, S.rows, S.end), 6, /expected a COLUMNS section before ENDATA/],
    ['name-after-rows-refused', mps(S.rows, S.name, S.columns, S.end), 5, /section NAME cannot come after ROWS/],
    ['second-name-refused', mps(S.name, S.name, S.rows, S.columns, S.end), 2, /section NAME appears a second time \(first at line 1\)/],
    ['objsense-after-rows-refused', mps(S.name, S.rows, 'OBJSENSE\n    MAX\n', S.columns, S.end), 6, /section OBJSENSE cannot come after ROWS/],
    ['second-objsense-value-refused', mps(S.name, 'OBJSENSE\n    MAX\n    MIN\n', S.rows, S.columns, S.end), 4, /OBJSENSE has a second value 'MIN' \(the first at line 3\)/],
    ['objname-of-no-row-refused', mps(S.name, 'OBJNAME cost\n', S.rows, S.columns, S.end), 2, /OBJNAME names the objective 'cost', but ROWS declares no N row of that name/],
    ['second-columns-section-refused', mps(S.name, S.rows, 'COLUMNS\n x obj -1 c1 1\n', S.rhs, 'COLUMNS\n y obj -1 c1 1\n', S.end), 10, /section COLUMNS appears a second time \(first at line 6\)/],
    ['second-rhs-section-refused', mps(S.name, S.rows, S.columns, S.rhs, 'RHS\n RHS c2 2\n', S.end), 12, /section RHS appears a second time \(first at line 10\)/],
    ['second-bounds-section-refused', mps(S.name, S.rows, S.columns, S.bounds, 'BOUNDS\n LO BND y 1\n', S.end), 12, /section BOUNDS appears a second time/],
    ['bounds-after-endata-refused', mps(S.name, S.rows, S.columns, S.rhs, S.end, S.bounds), 13, /found 'BOUNDS' after ENDATA \(line 12\); ENDATA must be the last line/],
    ['data-line-after-endata-refused', mps(GOOD, '\n* a comment\n    x obj 5\n'), 19, /found 'x obj 5' after ENDATA/],
    ['column-split-over-two-places-refused', mps(S.name, S.rows, 'COLUMNS\n x obj -1 c1 1\n y obj -1 c1 1\n x c2 1\n', S.end), 9, /column 'x' comes back after column 'y' \(it started at line 7\); the entries of one column must stand together/],
    ['second-coefficient-in-one-row-refused', mps(S.name, S.rows, 'COLUMNS\n x obj -1 c1 1\n x c1 2\n', S.end), 8, /column 'x' has a second coefficient in row 'c1'/],
    ['second-coefficient-on-one-line-refused', mps(S.name, S.rows, 'COLUMNS\n x c1 1 c1 2\n', S.end), 7, /column 'x' has two coefficients in row 'c1' on one line/],
    ['second-objective-coefficient-refused', mps(S.name, S.rows, 'COLUMNS\n x obj -1 c1 1\n x obj 3\n', S.end), 8, /column 'x' has a second coefficient in row 'obj'/],
    ['second-coefficient-in-a-dropped-n-row-refused', mps(S.name, 'ROWS\n N obj\n N other\n L c1\n', 'COLUMNS\n x other 1 c1 1\n x other 2\n', S.end), 8, /column 'x' has a second coefficient in row 'other'/],
    ['second-rhs-of-a-row-refused', mps(S.name, S.rows, S.columns, 'RHS\n RHS c1 4\n RHS c2 1 c1 5\n', S.end), 12, /row 'c1' gets a second right-hand side \(the first at line 11\)/],
    ['second-objective-rhs-refused', mps(S.name, S.rows, S.columns, 'RHS\n RHS obj 4\n RHS obj 5\n', S.end), 12, /row 'obj' gets a second right-hand side/],
    ['second-range-of-a-row-refused', mps(S.name, S.rows, S.columns, S.rhs, 'RANGES\n RNG c1 2 c1 3\n', S.end), 13, /row 'c1' gets a second range/],
    ['second-upper-bound-refused', mps(S.name, S.rows, S.columns, 'BOUNDS\n UP BND x 3\n UP BND x 4\n', S.end), 12, /column 'x' gets its upper bound a second time \(UP; the first at line 11\)/],
    ['fx-after-lo-refused', mps(S.name, S.rows, S.columns, 'BOUNDS\n LO BND x 1\n FX BND x 4\n', S.end), 12, /column 'x' gets its lower bound a second time \(FX/],
    ['bv-after-fr-refused', mps(S.name, S.rows, S.columns, 'BOUNDS\n FR BND x\n BV BND x\n', S.end), 12, /column 'x' gets its lower and upper bounds a second time/],
  ];
  for (const [name, text, line, message] of refused) {
    it(`io-mps-read/${name}`, () => {
      const e = parseErrorOf(() => readMps(text, { file: 's.mps' }));
      expect(e.details).toEqual({ file: 's.mps', line });
      expect(e.message.startsWith(`s.mps:${line}: `)).toBe(true);
      expect(e.message).toMatch(message);
    });
  }

  it('io-mps-read/fixed-columns-that-must-be-blank-are-checked', () => {
    // Found by the glpsol fuzz test: read by the fixed columns (the fallback of format 'auto'),
    // text in a column that must be blank was dropped silently ('MARKER'X, a word after a number).
    const fixed = (line: string) =>
      `NAME          T\nROWS\n N  obj\n L  c1\nCOLUMNS\n${line}\n    x         obj                  1   c1                   1\nRHS\n    RHS       c1                   4\nENDATA\n`;
    expect(readMps(fixed("    M1        'MARKER'                 'INTORG'")).colIntegral[0]).toBe(1);
    for (const bad of ["    M1        'MARKER'X                'INTORG'", '    y         obj                  1 X c1                   1', '    y         obj                  1   c1                   1 junk']) {
      for (const format of ['auto', 'fixed'] as const) {
        const e = parseErrorOf(() => readMps(fixed(bad), { file: 'f.mps', format }));
        expect(e.details, `${format}: ${bad}`).toEqual({ file: 'f.mps', line: 6 });
      }
    }
  });

  it('io-mps-read/blank-and-comment-lines-after-endata-are-fine', () => {
    const p = readMps(`${GOOD}\n   \n* trailing comment\n*\n`);
    expect(p.numRows).toBe(2);
  });

  it('io-mps-read/mi-then-up-and-lo-then-up-are-one-bound-per-side', () => {
    const p = readMps(mps(S.name, S.rows, S.columns, 'BOUNDS\n MI BND x\n UP BND x 3\n LO BND y 1\n UP BND y 2\n', S.end));
    expect([p.colLower[0], p.colUpper[0], p.colLower[1], p.colUpper[1]]).toEqual([-Infinity, 3, 1, 2]);
  });

  it('io-mps-read/markers-between-lines-of-one-column-are-fine', () => {
    const p = readMps(mps(S.name, S.rows, "COLUMNS\n x obj -1\n M1 'MARKER' 'INTORG'\n x c1 1\n M2 'MARKER' 'INTEND'\n y obj -1 c1 1\n", S.end));
    expect([p.numCols, p.colIntegral[0], p.value.length]).toEqual([2, 0, 2]);
  });

  it('io-mps-read/other-rhs-sets-are-skipped-without-duplicate-checks', () => {
    // Only the first RHS set is read; a second set may name the same rows (it is another vector).
    const p = readMps(mps(S.name, S.rows, S.columns, 'RHS\n RHS1 c1 4\n RHS2 c1 9\n RHS2 c1 8\n', S.end));
    expect(p.rowUpper[0]).toBe(4);
  });

  it('io-mps-read/dcmulti-original-trailer-is-refused', () => {
    // MIPLIB 3's dcmulti ends with a LINDO IMPORTANCES section after ENDATA; the fixture keeps it
    // as comment lines (which read), the original text is refused at its first line.
    const fixture = readFixture('miplib/dcmulti.mps');
    expect(readMps(fixture, { file: 'dcmulti.mps' }).numCols).toBe(548);
    const original = fixture.replace(/^\* (IMPORTANCES|[GH]\d3 +2)$/gm, '$1');
    expect(original).not.toBe(fixture);
    const e = parseErrorOf(() => readMps(original, { file: 'dcmulti.mps' }));
    const endLine = fixture.split('\n').indexOf('ENDATA') + 1;
    expect(e.details).toEqual({ file: 'dcmulti.mps', line: endLine + 1 });
    expect(e.message).toMatch(/found 'IMPORTANCES' after ENDATA/);
  });

  it('io-mps-read/every-truncation-of-p0033-is-refused', () => {
    // Cut anywhere before ENDATA is complete, the file is refused (before ENDATA was required this
    // was already true for MPS; the test keeps it so).
    const text = readFixture('miplib/p0033.mps');
    const endAt = text.indexOf('ENDATA') + 'ENDATA'.length;
    for (let cut = 0; cut < endAt; cut += cut < 600 ? 1 : 7) {
      expect(() => readMps(text.slice(0, cut), { file: 'p0033.mps' }), `cut at byte ${cut}`).toThrow(/^p0033\.mps:\d+: /);
    }
    expect(readMps(text.slice(0, endAt)).numCols).toBe(33);
  });
});
