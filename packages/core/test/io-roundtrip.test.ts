import { describe, expect, it } from 'vitest';
import { readFixture } from '@lumix/test-fixtures';
import { readLp, readMps, writeLp, writeMps } from '../src/io/index.js';
import type { StandardForm } from '../src/index.js';
import { expectSameProblem, namesOf } from './io-same-problem.js';

/** Rows of a fixture's expected.csv as objects (the files quote fields that hold commas). */
function readCatalogue(path: string): Array<Record<string, string>> {
  const [head, ...lines] = readFixture(path).trim().split('\n');
  const split = (line: string) => Array.from(line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g), (m) => m[2] ?? m[1]!).slice(0, -1);
  const keys = split(head!);
  return lines.map((line) => Object.fromEntries(split(line).map((v, k) => [keys[k]!, v])));
}

const netlib = readCatalogue('netlib/expected.csv');
const miplib = readCatalogue('miplib/expected.csv');

function nonZeroCosts(p: StandardForm): number {
  let n = 0;
  for (const c of p.colCost) if (c !== 0) n++;
  return n;
}

function integerCount(p: StandardForm): number {
  let n = 0;
  for (const v of p.colIntegral) n += v;
  return n;
}

function roundTrip(p: StandardForm): void {
  const free = readMps(writeMps(p), { file: 'free.mps', format: 'free' });
  expectSameProblem(p, free);
  expect(namesOf(free)).toEqual(namesOf(p));
  const fixed = readMps(writeMps(p, { format: 'fixed' }), { file: 'fixed.mps', format: 'fixed' });
  expectSameProblem(p, fixed);
  expect(namesOf(fixed)).toEqual(namesOf(p));
  expectSameProblem(p, readLp(writeLp(p), { file: 'out.lp' }));
}

describe('io round trips on Netlib', () => {
  it('io/netlib-catalogue-has-at-least-15-instances', () => {
    expect(netlib.length).toBeGreaterThanOrEqual(15);
  });

  for (const entry of netlib) {
    it(`netlib/${entry['name']}`, () => {
      const p = readMps(readFixture(`netlib/${entry['file']}`), { file: entry['file']! });
      // Netlib counts the objective row among the rows and its coefficients among the non-zeros.
      expect(p.numRows + 1).toBe(Number(entry['rows_incl_objective']));
      expect(p.numCols).toBe(Number(entry['cols']));
      expect(p.value.length + nonZeroCosts(p)).toBe(Number(entry['nonzeros_incl_objective']));
      expect(p.name).toBe(entry['netlib_name']);
      roundTrip(p);
    });
  }
});

describe('io round trips on MIPLIB', () => {
  it('io/miplib-catalogue-has-at-least-8-instances', () => {
    expect(miplib.length).toBeGreaterThanOrEqual(8);
  });

  for (const entry of miplib) {
    it(`miplib/${entry['name']}`, () => {
      const p = readMps(readFixture(`miplib/${entry['file']}`), { file: entry['file']! });
      expect(p.numRows).toBe(Number(entry['rows']));
      expect(p.numCols).toBe(Number(entry['cols']));
      expect(integerCount(p)).toBe(Number(entry['integer_cols']));
      // mas74: the file holds one more non-zero than its header and the catalogue say (see the note).
      const nnz = entry['name'] === 'mas74' ? 1706 : Number(entry['nonzeros']);
      expect(p.value.length).toBe(nnz);
      roundTrip(p);
    });
  }

  it('mps/mas74-non-standard-name-line', () => {
    expect(readMps(readFixture('miplib/mas74.mps')).name).toBe('MAS74');
  });
});

describe('io e226 objective constant', () => {
  it('mps/e226-objective-rhs-conventions', () => {
    const text = readFixture('netlib/e226.mps');
    expect(readMps(text).objectiveOffset).toBe(7.113);
    expect(readMps(text, { objectiveRhs: 'minus-rhs' }).objectiveOffset).toBe(7.113);
    expect(readMps(text, { objectiveRhs: 'plus-rhs' }).objectiveOffset).toBe(-7.113);
    expect(readMps(text, { objectiveRhs: 'ignore' }).objectiveOffset).toBe(0);
  });
});

describe('io LP files written by glpsol', () => {
  // glpsol writes ranged rows with ~r_i columns and drops the objective constant (a comment in e226.lp).
  for (const [lpFile, mpsFile] of [
    ['netlib/lp/afiro.lp', 'netlib/afiro.mps'],
    ['netlib/lp/boeing2.lp', 'netlib/boeing2.mps'],
    ['netlib/lp/e226.lp', 'netlib/e226.mps'],
    ['miplib/lp/p0033.lp', 'miplib/p0033.mps'],
    ['miplib/lp/flugpl.lp', 'miplib/flugpl.mps'],
  ] as const) {
    it(`lp/glpsol-${lpFile.split('/').pop()}`, () => {
      const lp = readLp(readFixture(lpFile), { file: lpFile });
      const mps = readMps(readFixture(mpsFile), { objectiveRhs: 'ignore' });
      expect({ rows: lp.numRows, cols: lp.numCols, nnz: lp.value.length, integers: integerCount(lp), offset: lp.objectiveOffset }).toEqual({
        rows: mps.numRows,
        cols: mps.numCols,
        nnz: mps.value.length,
        integers: integerCount(mps),
        offset: 0,
      });
      // glpsol keeps the row order (renaming rows whose names LP cannot hold) but numbers columns
      // by first appearance, so rows compare by position and columns as sorted multisets.
      expect(Array.from(lp.rowLower)).toEqual(Array.from(mps.rowLower));
      expect(Array.from(lp.rowUpper)).toEqual(Array.from(mps.rowUpper));
      const sorted = (a: Float64Array) => Array.from(a, (v) => (v === 0 ? 0 : v)).sort((x, y) => x - y);
      expect(sorted(lp.colCost)).toEqual(sorted(mps.colCost));
      expect(sorted(lp.colLower)).toEqual(sorted(mps.colLower));
      expect(sorted(lp.colUpper)).toEqual(sorted(mps.colUpper));
      expect(sorted(lp.value)).toEqual(sorted(mps.value));
      expect(lp.name).toBe(mps.name);
    });
  }
});
