import { LumixError } from '../errors.js';
import type { StandardForm } from '../solver/standard-form.js';
import type { ConstraintFamily } from './constraint-family.js';
import { exprAccess, type Expr } from './expr.js';
import { Model } from './model.js';
import { familyAccess, type VariableFamily } from './variable-family.js';

/** A column of an imported problem: its name in the file and its position. */
interface ImportedColumn {
  readonly name: string;
  readonly index: number;
}

/** A row of an imported problem: its name in the file and its position. */
interface ImportedRow {
  readonly name: string;
  readonly index: number;
}

/** What {@link importProblem} returns: a model plus its two families, keyed by the file's names. */
export interface ImportedModel {
  readonly model: Model;
  /** Every column, keyed by its name in the file (integer columns keep their integrality). */
  readonly columns: VariableFamily<ImportedColumn>;
  /** Every row, keyed by its name in the file. */
  readonly rows: ConstraintFamily<ImportedRow>;
}

/**
 * Turns a problem (read with `readMps` or `readLp`, or compiled elsewhere) into a {@link Model}
 * that can be extended and solved like any other: one variable family `columns` and one
 * constraint family `rows`, keyed by the names in the file, and the same objective (sense and
 * constant included).
 *
 * @example
 * const { model, columns } = importProblem(readMps(text));
 * model.constraint('extra', columns.get('X01').plus(columns.get('X02')).le(10));
 * const sol = await model.solve({ solver: createHighsSolver() });
 * sol.value(columns, 'X01');
 */
export function importProblem(problem: StandardForm, options: { columnFamily?: string; rowFamily?: string } = {}): ImportedModel {
  const model = new Model(problem.name);
  const cols: ImportedColumn[] = Array.from({ length: problem.numCols }, (_, j) => ({ name: problem.colName(j), index: j }));
  const seen = new Set<string>();
  for (const c of cols) {
    if (seen.has(c.name)) {
      throw new LumixError('DUPLICATE_KEY', `The problem has two columns named '${c.name}'; columns need unique names to be imported.`, { details: { column: c.name } });
    }
    seen.add(c.name);
  }
  const columns = model.continuous(options.columnFamily ?? 'columns', cols, {
    key: (c) => c.name,
    lb: (c) => problem.colLower[c.index]!,
    ub: (c) => problem.colUpper[c.index]!,
    integer: (c) => problem.colIntegral[c.index] === 1,
  });
  const rowItems: ImportedRow[] = Array.from({ length: problem.numRows }, (_, i) => ({ name: problem.rowName(i), index: i }));
  const rows = model.constraints(
    options.rowFamily ?? 'rows',
    rowItems,
    (r) => {
      const start = problem.rowStart[r.index]!;
      const end = problem.rowStart[r.index + 1]!;
      const n = end - start;
      const c = new Int32Array(Math.max(n, 1));
      const at = familyAccess.offset(columns as VariableFamily<unknown>);
      for (let k = 0; k < n; k++) c[k] = at + problem.colIndex[start + k]!;
      const e = exprAccess.fromArrays(model, c, problem.value.slice(start, end), n);
      return e.between(problem.rowLower[r.index]!, problem.rowUpper[r.index]!);
    },
    { key: (r) => r.name },
  );
  const objective = (): Expr => columns.sum((c) => problem.colCost[c.index]!).plus(problem.objectiveOffset);
  if (problem.sense === 'max') model.maximize(objective);
  else model.minimize(objective);
  return { model, columns, rows };
}
