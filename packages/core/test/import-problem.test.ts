import { describe, expect, it } from 'vitest';
import { createStandardForm, importProblem, isLumixError } from '../src/index.js';
import { scriptedSolver } from './helpers/scripted-solver.js';

const problem = createStandardForm({
  name: 'small',
  sense: 'max',
  objectiveOffset: 2.5,
  columns: [
    { name: 'X1', lb: -1, ub: 4, cost: 3 },
    { name: 'N2', ub: 7, cost: 1, integer: true },
    { name: 'F3', lb: -Infinity, cost: 0 },
  ],
  rows: [
    { name: 'R1', ub: 10, terms: [['X1', 1], ['N2', 2]] },
    { name: 'R2', lb: -3, ub: 3, terms: [['N2', 1], ['F3', -1]] },
    { name: 'E3', lb: 1, ub: 1, terms: [['F3', 1]] },
  ],
});

describe('import-problem', () => {
  it('import/compiles-back-to-the-same-problem', async () => {
    const { model } = importProblem(problem);
    const { problem: p } = await model.compile();
    expect(p.sense).toBe('max');
    expect(p.objectiveOffset).toBe(2.5);
    expect(Array.from(p.colCost)).toEqual([3, 1, 0]);
    expect(Array.from(p.colLower)).toEqual([-1, 0, -Infinity]);
    expect(Array.from(p.colUpper)).toEqual([4, 7, Infinity]);
    expect(Array.from(p.colIntegral)).toEqual([0, 1, 0]);
    expect(Array.from(p.rowLower)).toEqual([-Infinity, -3, 1]);
    expect(Array.from(p.rowUpper)).toEqual([10, 3, 1]);
    expect(Array.from(p.rowStart)).toEqual(Array.from(problem.rowStart));
    expect(Array.from(p.colIndex)).toEqual(Array.from(problem.colIndex));
    expect(Array.from(p.value)).toEqual(Array.from(problem.value));
    expect(p.colName(1)).toBe('columns[N2]');
    expect(p.rowName(2)).toBe('rows[E3]');
  });

  it('import/extend-and-read-values-by-file-names', async () => {
    const { model, columns } = importProblem(problem);
    model.constraint('extra', columns.get('X1').plus(columns.get('F3')).le(5));
    const sol = await model.solve({ solver: scriptedSolver((p) => ({ colValues: Float64Array.from([4, 3, 1]), rowDuals: new Float64Array(p.numRows) })) });
    expect(sol.value(columns, 'N2')).toBe(3);
    expect(sol.dual('rows', 'R2')).toBe(0);
    expect(sol.compiled.problem.numRows).toBe(4);
  });

  it('import/duplicate-column-names-rejected', () => {
    const dup = { ...problem, colName: () => 'SAME' };
    let err: unknown;
    try {
      importProblem(dup);
    } catch (e) {
      err = e;
    }
    expect(isLumixError(err, 'DUPLICATE_KEY')).toBe(true);
  });
});
