import { describe, expect, it } from 'vitest';
import { isLumixError } from '../src/index.js';
import { readMps } from '../src/io/index.js';
import type { LumixError } from '../src/index.js';

/** The PARSE_ERROR `fn` throws (fails the test when it throws nothing or something else). */
function parseErrorOf(fn: () => unknown): LumixError {
  try {
    fn();
  } catch (e) {
    expect(isLumixError(e, 'PARSE_ERROR')).toBe(true);
    return e as LumixError;
  }
  throw new Error('expected a PARSE_ERROR, nothing was thrown');
}

const SMALL = `* a comment line
NAME          SMALL
ROWS
 N  COST
 L  LIM1
 G  LIM2
 E  MYEQN
 N  FREE
COLUMNS
    X1        COST         1.0   LIM1         1.0
    X1        LIM2         1.0   FREE         9.0
    X2        COST         2.0   LIM1         1.0
    X2        MYEQN       -1.0
    X3        COST        -1.0   MYEQN        1.0
RHS
    RHS       COST        -2.5
    RHS       LIM1         4.0   LIM2         1.0
    RHS       MYEQN        7.0   FREE        99.0
BOUNDS
 UP BND       X1           4.0
 MI BND       X2
 UP BND       X2           1.0
 UP BND       X3          -2.0
ENDATA
`;

describe('mps reader', () => {
  it('mps/sections-rows-columns-rhs-bounds', () => {
    const p = readMps(SMALL, { file: 'small.mps' });
    expect(p.name).toBe('SMALL');
    expect(p.sense).toBe('min');
    expect(p.numRows).toBe(3);
    expect(p.numCols).toBe(3);
    expect([p.rowName(0), p.rowName(1), p.rowName(2)]).toEqual(['LIM1', 'LIM2', 'MYEQN']);
    expect([p.colName(0), p.colName(1), p.colName(2)]).toEqual(['X1', 'X2', 'X3']);
    expect(Array.from(p.colCost)).toEqual([1, 2, -1]);
    expect(Array.from(p.rowLower)).toEqual([-Infinity, 1, 7]);
    expect(Array.from(p.rowUpper)).toEqual([4, Infinity, 7]);
    // Row FREE (a second N row) is dropped with its coefficient and its RHS.
    expect(Array.from(p.rowStart)).toEqual([0, 2, 3, 5]);
    expect(Array.from(p.colIndex)).toEqual([0, 1, 0, 1, 2]);
    expect(Array.from(p.value)).toEqual([1, 1, 1, -1, 1]);
    // Negative RHS on the objective row: constant = -RHS = 2.5.
    expect(p.objectiveOffset).toBe(2.5);
    expect(Array.from(p.colLower)).toEqual([0, -Infinity, -Infinity]);
    expect(Array.from(p.colUpper)).toEqual([4, 1, -2]);
  });

  it('mps/objective-rhs-conventions', () => {
    expect(readMps(SMALL, { objectiveRhs: 'plus-rhs' }).objectiveOffset).toBe(-2.5);
    expect(readMps(SMALL, { objectiveRhs: 'ignore' }).objectiveOffset).toBe(0);
  });

  it('mps/up-negative-sets-lower-to-minus-infinity-only-when-lower-unset', () => {
    const text = (bounds: string) =>
      `NAME\nROWS\n N obj\n L c\nCOLUMNS\n    x obj 1 c 1\nRHS\n    RHS c 1\nBOUNDS\n${bounds}ENDATA\n`;
    expect(readMps(text(' UP BND x -2\n')).colLower[0]).toBe(-Infinity);
    const withLower = readMps(text(' LO BND x -5\n UP BND x -2\n'));
    expect([withLower.colLower[0], withLower.colUpper[0]]).toEqual([-5, -2]);
    // UP 0 and positive values keep the default lower bound 0.
    expect(readMps(text(' UP BND x 0\n')).colLower[0]).toBe(0);
    const ui = readMps(text(' UI BND x -3\n'));
    expect([ui.colLower[0], ui.colUpper[0], ui.colIntegral[0]]).toEqual([-Infinity, -3, 1]);
  });

  it('mps/every-bound-type', () => {
    const p = readMps(`NAME bounds
ROWS
 N obj
 L c
COLUMNS
    a obj 1 c 1
    b obj 1 c 1
    c1 obj 1 c 1
    d obj 1 c 1
    e obj 1 c 1
    f obj 1 c 1
    g obj 1 c 1
    h obj 1 c 1
    i obj 1 c 1
RHS
    RHS c 10
BOUNDS
 LO BND a 1.5
 FX BND b 3
 FR BND c1
 MI BND d
 PL BND e
 BV BND f
 LI BND g -4
 UI BND g 8
 UP BND h 1e30
 LO BND i -1e+30
ENDATA
`);
    expect(Array.from(p.colLower)).toEqual([1.5, 3, -Infinity, -Infinity, 0, 0, -4, 0, -Infinity]);
    expect(Array.from(p.colUpper)).toEqual([Infinity, 3, Infinity, Infinity, Infinity, 1, 8, Infinity, Infinity]);
    expect(Array.from(p.colIntegral)).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('mps/bound-lines-without-set-name', () => {
    const p = readMps(`NAME\nROWS\n N obj\n L c\nCOLUMNS\n    x obj 1 c 1\n    y obj 1 c 1\nRHS\n    c 5\nBOUNDS\n UP x 4\n FR y\nENDATA\n`);
    expect([p.colUpper[0], p.colLower[1], p.rowUpper[0]]).toEqual([4, -Infinity, 5]);
  });

  it('mps/ranges-sign-rules', () => {
    const p = readMps(`NAME ranges
ROWS
 N obj
 E e1
 E e2
 E e3
 L l1
 G g1
 L l2
COLUMNS
    x obj 1 e1 1
    x e2 1 e3 1
    x l1 1 g1 1
    x l2 1
RHS
    RHS e1 2 e2 2
    RHS e3 2 l1 10
    RHS g1 1 l2 3
RANGES
    RNG e1 3 e2 -3
    RNG e3 0 l1 -4
    RNG g1 -4 l2 2
ENDATA
`);
    expect(Array.from(p.rowLower)).toEqual([2, -1, 2, 6, 1, 1]);
    expect(Array.from(p.rowUpper)).toEqual([5, 2, 2, 10, 5, 3]);
  });

  it('mps/markers-make-integer-columns', () => {
    const p = readMps(`NAME
ROWS
 N obj
 L c
COLUMNS
    x obj 1 c 1
    MARKER 'MARKER' 'INTORG'
    y obj 1 c 1
    z obj 1 c 1
    MARKER 'MARKER' 'INTEND'
    w obj 1 c 1
RHS
    RHS c 4
ENDATA
`);
    expect(Array.from(p.colIntegral)).toEqual([0, 1, 1, 0]);
    // Marker columns without bounds keep [0, +inf) (HiGHS would make them binary).
    expect(Array.from(p.colUpper)).toEqual([Infinity, Infinity, Infinity, Infinity]);
  });

  it('mps/objsense-section-and-same-line', () => {
    const base = `ROWS\n N obj\n L c\nCOLUMNS\n    x obj 1 c 1\nRHS\n    RHS c 4\nENDATA\n`;
    expect(readMps(`NAME t\nOBJSENSE\n    MAX\n${base}`).sense).toBe('max');
    expect(readMps(`NAME t\nOBJSENSE MAXIMIZE\n${base}`).sense).toBe('max');
    expect(readMps(`NAME t\nOBJSENSE\n    MIN\n${base}`).sense).toBe('min');
    expect(parseErrorOf(() => readMps(`NAME t\nOBJSENSE\n    UP\n${base}`, { file: 's.mps' })).message).toMatch(/^s\.mps:3: expected MAX or MIN/);
  });

  it('mps/objname-picks-the-objective', () => {
    const p = readMps(`NAME\nOBJNAME\n    second\nROWS\n N first\n N second\n L c\nCOLUMNS\n    x first 5 second 7\n    x c 1\nRHS\n    RHS c 1\nENDATA\n`);
    expect(p.colCost[0]).toBe(7);
  });

  it('mps/free-format-with-tabs-and-long-names', () => {
    const p = readMps(
      'NAME\tfree_tabs\nROWS\n N\tobj\n L\ta_rather_long_row_name\nCOLUMNS\n\tvariable_with_long_name\tobj\t2\ta_rather_long_row_name\t1.5e0\nRHS\n\tRHS\ta_rather_long_row_name\t3\nENDATA\n',
      { format: 'free' },
    );
    expect(p.colName(0)).toBe('variable_with_long_name');
    expect(p.rowUpper[0]).toBe(3);
    expect(p.value[0]).toBe(1.5);
  });

  it('mps/fixed-format-names-with-blanks', () => {
    // Columns 5-12 and 15-22 hold names that contain blanks; only the fixed layout can read them.
    const fixedLine = (f1: string, n1: string, n2: string, v1: string, n3 = '', v2 = '') =>
      ` ${f1.padEnd(2)} ${n1.padEnd(8)}  ${n2.padEnd(8)}  ${v1.padStart(12)}   ${n3.padEnd(8)}  ${v2.padStart(12)}`.trimEnd();
    const text = [
      'NAME          BLANKS',
      'ROWS',
      ' N  COST',
      ' L  LIM 1',
      'COLUMNS',
      fixedLine('', 'X ONE', 'COST', '1.', 'LIM 1', '2.'),
      'RHS',
      fixedLine('', 'RHS', 'LIM 1', '4.'),
      'BOUNDS',
      fixedLine('UP', 'BND', 'X ONE', '3.'),
      'ENDATA',
      '',
    ].join('\n');
    for (const format of ['fixed', 'auto'] as const) {
      const p = readMps(text, { format });
      expect([p.colName(0), p.rowName(0), p.value[0], p.rowUpper[0], p.colUpper[0]]).toEqual(['X ONE', 'LIM 1', 2, 4, 3]);
    }
    expect(parseErrorOf(() => readMps(text, { format: 'free', file: 'b.mps' })).details).toEqual({ file: 'b.mps', line: 4 });
  });

  it('mps/crlf-line-ends', () => {
    expect(readMps(SMALL.replace(/\n/g, '\r\n')).numRows).toBe(3);
  });

  it('mps/duplicate-entries-are-refused', () => {
    // A second coefficient of one column in one row was added up; GLPK refuses it, and so do we:
    // a duplicated COLUMNS line must not double a coefficient silently.
    const e = parseErrorOf(() => readMps(`NAME\nROWS\n N obj\n L c\nCOLUMNS\n    x obj 1 c 1\n    x c 2 obj 3\nRHS\n    RHS c 4\nENDATA\n`, { file: 'd.mps' }));
    expect(e.message).toMatch(/^d\.mps:7: column 'x' has a second coefficient in row 'c'/);
  });

  it('mps/only-the-first-rhs-set-counts', () => {
    const p = readMps(`NAME\nROWS\n N obj\n L c\nCOLUMNS\n    x obj 1 c 1\nRHS\n    RHS1 c 4\n    RHS2 c 9\nENDATA\n`);
    expect(p.rowUpper[0]).toBe(4);
  });
});

describe('mps reader errors', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['unknown-row', `NAME\nROWS\n N obj\nCOLUMNS\n    x obj 1 nope 1\nENDATA\n`, 5, /row 'nope' in COLUMNS is not declared in ROWS/],
    ['bad-number', `NAME\nROWS\n N obj\n L c\nCOLUMNS\n    x obj 1 c 1.2.3\nENDATA\n`, 6, /expected a number for the coefficient of column 'x' in row 'c' but found '1\.2\.3'/],
    ['bad-row-type', `NAME\nROWS\n N obj\n Q c\nENDATA\n`, 4, /expected a row type N, L, G or E but found 'Q'/],
    ['duplicate-row', `NAME\nROWS\n N obj\n L c\n G c\nENDATA\n`, 5, /row 'c' is declared twice/],
    ['unknown-column-in-bounds', `NAME\nROWS\n N obj\nCOLUMNS\n    x obj 1\nBOUNDS\n UP BND y 1\nENDATA\n`, 7, /column 'y' in BOUNDS is not declared/],
    ['bad-bound-type', `NAME\nROWS\n N obj\nCOLUMNS\n    x obj 1\nBOUNDS\n XX BND x 1\nENDATA\n`, 7, /expected a bound type/],
    ['semi-continuous', `NAME\nROWS\n N obj\nCOLUMNS\n    x obj 1\nBOUNDS\n SC BND x 1\nENDATA\n`, 7, /semi-continuous bounds \(SC\) are not supported/],
    ['missing-endata', `NAME\nROWS\n N obj\nCOLUMNS\n    x obj 1\n`, 5, /expected ENDATA at the end of the file/],
    ['unknown-section', `NAME\nROWS\n N obj\nCOLUMS\n    x obj 1\nENDATA\n`, 4, /expected a section header .* but found 'COLUMS'/],
    ['quadratic-section', `NAME\nROWS\n N obj\nCOLUMNS\n    x obj 1\nQUADOBJ\n    x x 1\nENDATA\n`, 6, /section QUADOBJ is not supported/],
    ['crossed-bounds', `NAME\nROWS\n N obj\nCOLUMNS\n    x obj 1\nBOUNDS\n LO BND x 5\n UP BND x 3\nENDATA\n`, 8, /column 'x' ends up with lower bound 5 above its upper bound 3/],
    ['infinite-equality', `NAME\nROWS\n N obj\n E c\nCOLUMNS\n    x obj 1 c 1\nRHS\n    RHS c 1e30\nENDATA\n`, 8, /row 'c' gets the impossible bounds/],
    ['columns-field-count', `NAME\nROWS\n N obj\n L c\nCOLUMNS\n    x obj 1 c\nENDATA\n`, 6, /expected 'column row value'.* found 4 field/],
  ];
  for (const [name, text, line, message] of cases) {
    it(`mps-error/${name}`, () => {
      const e = parseErrorOf(() => readMps(text, { file: 'bad.mps' }));
      expect(e.details).toEqual({ file: 'bad.mps', line });
      expect(e.message.startsWith(`bad.mps:${line}: `)).toBe(true);
      expect(e.message).toMatch(message);
    });
  }
});
