import { beforeAll, describe, expect, it } from 'vitest';
import * as highsPackage from 'highs';
import type { Highs, InitOptions } from 'highs';
import { readFixture } from '@lumix/test-fixtures';
import { createStandardForm, type StandardForm } from '@lumix/core';
import { readLp, readMps, writeLp, writeMps } from '@lumix/core/io';

// HiGHS is the outside reader here: the files we write must load in it and solve to the
// optimum of the problem we wrote (solved by HiGHS from arrays, and known values where there are some).

type HighsLoader = (options?: InitOptions) => Promise<Highs>;
// 'highs' ships CommonJS typings over an ESM build: the loader may sit one default deeper.
const exported = (highsPackage as unknown as { default: HighsLoader | { default: HighsLoader } }).default;
const loadHighs: HighsLoader = typeof exported === 'function' ? exported : exported.default;

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

interface Outcome {
  readonly status: number;
  readonly objective: number;
}

function solveText(format: 'lp' | 'mps', data: string): Outcome {
  return highs.withModel({ format, data }, (m) => {
    m.options.set('output_flag', false);
    m.options.set('time_limit', 30);
    const r = m.run();
    return { status: r.modelStatus, objective: m.getObjectiveValue() };
  });
}

/** The problem handed to HiGHS as arrays, without any file in between. */
function solveArrays(p: StandardForm): Outcome {
  const data = {
    numCols: p.numCols,
    numRows: p.numRows,
    sense: p.sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    offset: p.objectiveOffset,
    colCost: p.colCost,
    colLower: p.colLower,
    colUpper: p.colUpper,
    rowLower: p.rowLower,
    rowUpper: p.rowUpper,
    matrix: { format: 'csr' as const, numRows: p.numRows, numCols: p.numCols, starts: p.rowStart, indices: p.colIndex, values: p.value },
    integrality: Int32Array.from(p.colIntegral),
  };
  return highs.withModel(data, (m) => {
    m.options.set('output_flag', false);
    m.options.set('time_limit', 30);
    const r = m.run();
    return { status: r.modelStatus, objective: m.getObjectiveValue() };
  });
}

function expectClose(actual: number, expected: number, rel = 1e-7): void {
  expect(Math.abs(actual - expected) / Math.max(1, Math.abs(expected))).toBeLessThan(rel);
}

const OPTIMAL = 7;

function expectFilesSolveLikeArrays(p: StandardForm, known?: number, rel = 1e-7): void {
  const reference = solveArrays(p);
  expect(reference.status).toBe(OPTIMAL);
  if (known !== undefined) expectClose(reference.objective, known, rel);
  for (const [format, text] of [
    ['lp', writeLp(p)],
    ['mps', writeMps(p)],
    ['mps', writeMps(p, { format: 'fixed' })],
  ] as const) {
    const out = solveText(format, text);
    expect(out.status).toBe(OPTIMAL);
    expectClose(out.objective, reference.objective, 1e-7);
  }
}

describe('io files read by HiGHS', () => {
  it('highs/every-feature-in-one-problem', () => {
    // Maximisation with an offset, ranged rows whose width is inexact in floating point,
    // a free row, an empty row, free / negative / fixed / integer / binary columns, and names
    // HiGHS cannot read (so ids are generated).
    const p = createStandardForm({
      name: 'all features',
      sense: 'max',
      objectiveOffset: -12.5,
      columns: [
        { name: 'make[chair]', lb: 0, ub: 40, cost: 3 },
        { name: 'make[table]', lb: -5, ub: 5, cost: 2 },
        { name: 'free x', lb: -Infinity, ub: Infinity, cost: -1 },
        { name: 'neg', lb: -Infinity, ub: -3, cost: 1 },
        { name: 'fixed', lb: 2.5, ub: 2.5, cost: 1 },
        { name: 'n', lb: 0, ub: Infinity, cost: 0.5, integer: true },
        { name: 'b', lb: 0, ub: 1, cost: 7, integer: true },
        { name: 'k', lb: -3, ub: 7, cost: -0.25, integer: true },
      ],
      rows: [
        { name: 'cap[1]', lb: 0.1, ub: 0.3 + 40, terms: [['make[chair]', 1], ['make[table]', 1], ['free x', 0.1]] },
        { name: 'balance', lb: 1, ub: 1, terms: [['free x', 1], ['neg', 1], ['k', -1]] },
        { name: 'limit', ub: 9.75, terms: [['n', 1], ['b', 3], ['k', 0.5]] },
        { name: 'floor', lb: -1e-7, terms: [['make[table]', 1e-3], ['n', -1]] },
        { name: 'watch', terms: [['make[chair]', 1], ['n', 1]] },
        { name: 'empty', lb: -1, ub: 1, terms: [] },
      ],
    });
    expectFilesSolveLikeArrays(p);
  });

  for (const [name, known] of [
    ['afiro', -464.75314286],
    ['boeing2', -315.01872802],
    ['capri', 2690.0129138],
    ['vtpbase', 129831.46246],
    ['bore3d', 1373.0803942],
  ] as const) {
    it(`highs/netlib-${name}`, () => {
      expectFilesSolveLikeArrays(readMps(readFixture(`netlib/${name}.mps`)), known, 1e-6);
    });
  }

  for (const [name, known] of [
    ['p0033', 3089],
    ['flugpl', 1201500],
    ['egout', 568.1007],
  ] as const) {
    it(`highs/miplib-${name}`, () => {
      expectFilesSolveLikeArrays(readMps(readFixture(`miplib/${name}.mps`)), known, 1e-5);
    });
  }

  it('highs/e226-constant-convention', () => {
    const text = readFixture('netlib/e226.mps');
    // HiGHS itself reads the objective RHS as constant = -RHS, like readMps by default.
    const native = solveText('mps', text);
    expectClose(native.objective, -11.638929066, 1e-6);
    const withConstant = readMps(text);
    expectFilesSolveLikeArrays(withConstant, -11.638929066, 1e-6);
    const ignored = readMps(text, { objectiveRhs: 'ignore' });
    expectFilesSolveLikeArrays(ignored, -18.751929066, 1e-6);
    // glpsol's e226.lp keeps the constant only as a comment: the Netlib value again.
    expectClose(solveArrays(readLp(readFixture('netlib/lp/e226.lp'))).objective, -18.751929066, 1e-6);
  });

  it('highs/lp-range-columns-fold-back', () => {
    // writeLp writes a two-sided row with a range column ~r_i;
    // readLp folds those columns back, so the problem keeps the MPS file's 143 columns.
    const lp = readLp(writeLp(readMps(readFixture('netlib/boeing2.mps'))));
    expect(lp.numCols).toBe(143);
    expectClose(solveArrays(lp).objective, -315.01872802, 1e-6);
  });
});
