import { LumixError } from '../errors.js';

/** Direction of optimisation. */
export type ObjectiveSense = 'min' | 'max';

/**
 * A validated linear (mixed-integer) problem in the form every solver backend consumes:
 *
 *     min|max  colCost·x + objectiveOffset
 *     s.t.     rowLower <= A x <= rowUpper
 *              colLower <= x <= colUpper,  x_j integer where colIntegral[j] = 1
 *
 * `A` is stored row-wise (CSR): the entries of row `i` are positions `rowStart[i]` to
 * `rowStart[i + 1] - 1` of `colIndex` and `value`. Guarantees (checked when it is made):
 * every number is finite except bounds, which may be ±Infinity; no row holds the same column
 * twice; no stored coefficient is 0; `colLower <= colUpper` and `rowLower <= rowUpper`.
 *
 * Names are human-readable (`make[chair]`, `machine_hours[2]`) and come from functions so a
 * million-column model does not build a million strings unless someone asks. Backends that need
 * names of their own must generate short ids (`c12`, `r7`): HiGHS' LP reader and glpk.js break
 * on names like `x[1, 2]`.
 */
export interface StandardForm {
  /** Model name (free text). */
  readonly name: string;
  readonly sense: ObjectiveSense;
  /** Constant added to the objective. */
  readonly objectiveOffset: number;
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** 1 where the column is integer (binaries are integer columns with bounds [0, 1]). */
  readonly colIntegral: Uint8Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** CSR row starts, length `numRows + 1`. */
  readonly rowStart: Int32Array;
  /** CSR column indices, length = number of non-zeros. */
  readonly colIndex: Int32Array;
  /** CSR values, length = number of non-zeros. */
  readonly value: Float64Array;
  /** Display name of column `j`. */
  colName(j: number): string;
  /** Display name of row `i`. */
  rowName(i: number): string;
}

/** True when any column is integer. */
export function isMip(p: StandardForm): boolean {
  for (let j = 0; j < p.numCols; j++) if (p.colIntegral[j] === 1) return true;
  return false;
}

/** One column of a {@link StandardFormSpec}. */
interface ProblemColumnSpec {
  /** Name; default `x{j}`. */
  readonly name?: string;
  /** Lower bound; default 0. */
  readonly lb?: number;
  /** Upper bound; default +Infinity. */
  readonly ub?: number;
  /** Objective coefficient; default 0. */
  readonly cost?: number;
  /** Integer column; default false. */
  readonly integer?: boolean;
}

/** One row of a {@link StandardFormSpec}: `lb <= Σ coef·x[col] <= ub`. */
interface ProblemRowSpec {
  /** Name; default `r{i}`. */
  readonly name?: string;
  /** Lower bound; default -Infinity. */
  readonly lb?: number;
  /** Upper bound; default +Infinity. */
  readonly ub?: number;
  /** Terms as `[column index or name, coefficient]`; duplicates are added up, zeros dropped. */
  readonly terms: ReadonlyArray<readonly [number | string, number]>;
}

/** A small, readable description of a problem, turned into a {@link StandardForm} by {@link createStandardForm}. */
export interface StandardFormSpec {
  /** Default `problem`. */
  readonly name?: string;
  /** Default `min`. */
  readonly sense?: ObjectiveSense;
  /** Default 0. */
  readonly objectiveOffset?: number;
  readonly columns: readonly ProblemColumnSpec[];
  readonly rows: readonly ProblemRowSpec[];
}

/**
 * Makes a validated {@link StandardForm} from a readable spec: the way tests, readers and
 * hand-written problems build one. Models built with `Model` compile through the same checks.
 *
 * @throws LumixError `INVALID_NUMBER` for a NaN/infinite coefficient or cost, `INVALID_BOUNDS`
 *   for lb > ub, `UNKNOWN_KEY` for a term naming no column, `DUPLICATE_KEY` for two columns of one name.
 */
export function createStandardForm(spec: StandardFormSpec): StandardForm {
  const n = spec.columns.length;
  const m = spec.rows.length;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n);
  const colIntegral = new Uint8Array(n);
  const colNames: string[] = new Array<string>(n);
  const byName = new Map<string, number>();
  spec.columns.forEach((c, j) => {
    const name = c.name ?? `x${j}`;
    if (byName.has(name)) {
      throw new LumixError('DUPLICATE_KEY', `Column name '${name}' is used twice; give every column its own name.`, {
        details: { column: name },
      });
    }
    byName.set(name, j);
    colNames[j] = name;
    colCost[j] = c.cost ?? 0;
    colLower[j] = c.lb ?? 0;
    colUpper[j] = c.ub ?? Number.POSITIVE_INFINITY;
    colIntegral[j] = c.integer === true ? 1 : 0;
  });
  const rowLower = new Float64Array(m);
  const rowUpper = new Float64Array(m);
  const rowNames: string[] = new Array<string>(m);
  let nnz = 0;
  for (const r of spec.rows) nnz += r.terms.length;
  const rowStart = new Int32Array(m + 1);
  const colIndex = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  let k = 0;
  spec.rows.forEach((r, i) => {
    rowNames[i] = r.name ?? `r${i}`;
    rowLower[i] = r.lb ?? Number.NEGATIVE_INFINITY;
    rowUpper[i] = r.ub ?? Number.POSITIVE_INFINITY;
    rowStart[i] = k;
    for (const [ref, coef] of r.terms) {
      let j: number;
      if (typeof ref === 'number') {
        if (!Number.isInteger(ref) || ref < 0 || ref >= n) {
          throw new LumixError('UNKNOWN_KEY', `Row '${rowNames[i]}' refers to column ${ref}, but columns are 0..${n - 1}.`, {
            details: { row: rowNames[i], column: ref },
          });
        }
        j = ref;
      } else {
        const found = byName.get(ref);
        if (found === undefined) {
          throw new LumixError('UNKNOWN_KEY', `Row '${rowNames[i]}' refers to column '${ref}', which is not declared.`, {
            details: { row: rowNames[i], column: ref },
          });
        }
        j = found;
      }
      colIndex[k] = j;
      value[k] = coef;
      k++;
    }
  });
  rowStart[m] = k;
  return finishStandardForm({
    name: spec.name ?? 'problem',
    sense: spec.sense ?? 'min',
    objectiveOffset: spec.objectiveOffset ?? 0,
    colCost,
    colLower,
    colUpper,
    colIntegral,
    rowLower,
    rowUpper,
    rowStart,
    colIndex,
    value,
    colName: (j) => colNames[j] ?? `x${j}`,
    rowName: (i) => rowNames[i] ?? `r${i}`,
  });
}

/** Raw parts of a problem before validation (sizes come from the arrays); CSR rows may hold duplicates and zeros. */
export type RawProblem = Omit<StandardForm, 'numCols' | 'numRows'>;

/**
 * Validates raw parts and returns a {@link StandardForm}: duplicate columns within a row are
 * added up and zeros dropped in one O(non-zeros) pass (a marker array, no sorting), every
 * number is checked, bounds are checked. The shared last step of every way to make a problem.
 */
export function finishStandardForm(raw: RawProblem): StandardForm {
  checkVectors(raw);
  return finishRows(raw);
}

/** The CSR arrays of a problem. */
interface CsrRows {
  readonly rowStart: Int32Array;
  readonly colIndex: Int32Array;
  readonly value: Float64Array;
}

/**
 * @internal What a model's build already knows to be valid, so that {@link finishMergedForm}
 * does not check it again: the costs (all finite), and column ranges `[from, to)` (ascending,
 * not overlapping) whose bounds are valid.
 */
export interface CheckedVectors {
  readonly costs: boolean;
  readonly colBounds: ReadonlyArray<readonly [number, number]>;
}

/**
 * @internal {@link finishStandardForm} for a model's build, whose rows come merged, checked and
 * free of zeros (they are merged as they are copied): the costs and bounds are checked first, as
 * {@link finishStandardForm} does (but for what `checked` vouches for), then `rows()` lays out
 * (and checks) the CSR arrays.
 */
export function finishMergedForm(raw: Omit<RawProblem, keyof CsrRows>, rows: () => CsrRows, checked?: CheckedVectors): StandardForm {
  checkVectors(raw, checked);
  const csr = rows();
  return formOf(raw, csr.rowStart, csr.colIndex, csr.value);
}

/** Checks the objective, column bounds and row bounds of raw parts (but for what `checked` vouches for). */
function checkVectors(raw: Omit<RawProblem, keyof CsrRows>, checked?: CheckedVectors): void {
  const n = raw.colCost.length;
  const m = raw.rowLower.length;
  if (!Number.isFinite(raw.objectiveOffset)) {
    throw new LumixError('INVALID_NUMBER', `The objective constant is ${raw.objectiveOffset}; it must be a finite number.`);
  }
  const costs = checked?.costs !== true;
  let j = 0;
  for (const [from, to] of checked?.colBounds ?? []) {
    checkColumns(raw, j, from, costs, true);
    checkColumns(raw, from, to, costs, false);
    j = to;
  }
  checkColumns(raw, j, n, costs, true);
  checkRows(raw, m);
}

/** Checks the costs and/or the bounds of columns `from` to `to - 1`, column by column. */
function checkColumns(raw: Omit<RawProblem, keyof CsrRows>, from: number, to: number, costs: boolean, bounds: boolean): void {
  if (!costs && !bounds) return;
  for (let j = from; j < to; j++) {
    const c = raw.colCost[j]!;
    if (costs && !Number.isFinite(c)) {
      throw new LumixError(
        'INVALID_NUMBER',
        `Objective coefficient of ${raw.colName(j)} is ${c}; coefficients must be finite numbers (check the data it is computed from).`,
        { details: { column: raw.colName(j), value: c } },
      );
    }
    if (!bounds) continue;
    const lb = raw.colLower[j]!;
    const ub = raw.colUpper[j]!;
    if (Number.isNaN(lb) || Number.isNaN(ub) || lb === Number.POSITIVE_INFINITY || ub === Number.NEGATIVE_INFINITY) {
      throw new LumixError('INVALID_NUMBER', `Bounds of ${raw.colName(j)} are [${lb}, ${ub}]; use finite numbers, -Infinity for no lower bound, Infinity for no upper bound.`, {
        details: { column: raw.colName(j), lb, ub },
      });
    }
    if (lb > ub) {
      throw new LumixError('INVALID_BOUNDS', `Lower bound ${lb} of ${raw.colName(j)} is above its upper bound ${ub}.`, {
        details: { column: raw.colName(j), lb, ub },
      });
    }
  }
}

/** Checks the row bounds. */
function checkRows(raw: Omit<RawProblem, keyof CsrRows>, m: number): void {
  for (let i = 0; i < m; i++) {
    const lb = raw.rowLower[i]!;
    const ub = raw.rowUpper[i]!;
    if (Number.isNaN(lb) || Number.isNaN(ub) || lb === Number.POSITIVE_INFINITY || ub === Number.NEGATIVE_INFINITY) {
      throw new LumixError('INVALID_NUMBER', `Right-hand side of ${raw.rowName(i)} is [${lb}, ${ub}]; it must be a finite number (check the data it is computed from).`, {
        details: { row: raw.rowName(i), lb, ub },
      });
    }
    if (lb > ub) {
      throw new LumixError('INVALID_BOUNDS', `Row ${raw.rowName(i)} asks for ${lb} <= expression <= ${ub}, an empty range.`, {
        details: { row: raw.rowName(i), lb, ub },
      });
    }
  }
}

/** Merges duplicate columns within rows, drops zeros and checks every coefficient. */
function finishRows(raw: RawProblem): StandardForm {
  const n = raw.colCost.length;
  const m = raw.rowLower.length;
  // One pass: marker[col] = position in the output of this column within the current row.
  const { rowStart, colIndex, value } = raw;
  const marker = new Int32Array(n).fill(-1);
  const outStart = new Int32Array(m + 1);
  let out = 0;
  let clean = true;
  for (let i = 0; i < m; i++) {
    const rowBegin = out;
    outStart[i] = rowBegin;
    const end = rowStart[i + 1]!;
    for (let k = rowStart[i]!; k < end; k++) {
      const j = colIndex[k]!;
      const v = value[k]!;
      if (!Number.isFinite(v)) {
        throw new LumixError(
          'INVALID_NUMBER',
          `Coefficient of ${raw.colName(j)} in ${raw.rowName(i)} is ${v}; coefficients must be finite numbers (check the data it is computed from).`,
          { details: { row: raw.rowName(i), column: raw.colName(j), value: v } },
        );
      }
      const at = marker[j]!;
      if (at >= rowBegin) {
        value[at] = value[at]! + v;
        clean = false;
      } else {
        marker[j] = out;
        if (out !== k) clean = false;
        colIndex[out] = j;
        value[out] = v;
        out++;
      }
    }
  }
  outStart[m] = out;
  // Drop exact zeros (including sums that cancelled) in a second compaction only when present.
  let zeros = 0;
  for (let k = 0; k < out; k++) if (value[k] === 0) zeros++;
  let finalStart = outStart;
  let finalCol = colIndex;
  let finalVal = value;
  if (zeros > 0 || !clean || out !== colIndex.length) {
    const nnz = out - zeros;
    finalStart = new Int32Array(m + 1);
    finalCol = new Int32Array(nnz);
    finalVal = new Float64Array(nnz);
    let w = 0;
    for (let i = 0; i < m; i++) {
      finalStart[i] = w;
      const end = outStart[i + 1]!;
      for (let k = outStart[i]!; k < end; k++) {
        const v = value[k]!;
        if (v !== 0) {
          finalCol[w] = colIndex[k]!;
          finalVal[w] = v;
          w++;
        }
      }
    }
    finalStart[m] = w;
  }
  return formOf(raw, finalStart, finalCol, finalVal);
}

/** The {@link StandardForm} of raw parts with the given CSR arrays. */
function formOf(raw: Omit<RawProblem, keyof CsrRows>, rowStart: Int32Array, colIndex: Int32Array, value: Float64Array): StandardForm {
  return {
    name: raw.name,
    sense: raw.sense,
    objectiveOffset: raw.objectiveOffset,
    numCols: raw.colCost.length,
    numRows: raw.rowLower.length,
    colCost: raw.colCost,
    colLower: raw.colLower,
    colUpper: raw.colUpper,
    colIntegral: raw.colIntegral,
    rowLower: raw.rowLower,
    rowUpper: raw.rowUpper,
    rowStart,
    colIndex,
    value,
    colName: raw.colName,
    rowName: raw.rowName,
  };
}
