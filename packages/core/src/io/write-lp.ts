import { LumixError } from '../errors.js';
import type { StandardForm } from '../solver/standard-form.js';
import { chooseNames, commentText, uniqueName } from './choose-names.js';
import { formatNumber } from './format-number.js';

/** Options of {@link writeLp}. */
export interface WriteLpOptions {
  /** Write `\` comment lines mapping generated ids back to the problem's names. Default `true`. */
  readonly nameComments?: boolean;
}

/** Words an LP reader may take for a keyword, so they are never written as names. */
const LP_KEYWORDS = new Set([
  'min', 'minimize', 'minimise', 'minimum', 'max', 'maximize', 'maximise', 'maximum',
  'st', 's.t.', 'st.', 'subject', 'such', 'bound', 'bounds', 'free', 'inf', 'infinity',
  'gen', 'general', 'generals', 'int', 'integer', 'integers', 'bin', 'binary', 'binaries',
  'semi', 'semis', 'semi-continuous', 'sos', 'end',
]);

/**
 * A name every CPLEX-LP reader takes as it is: a letter or `_` first, then letters, digits,
 * `_` and `.`; at most 255 characters; not a keyword; not `e`/`E` alone or followed by a digit
 * or another `e` (CPLEX reserves those for exponents). HiGHS' reader fails on names like `x[1,2]`, so brackets,
 * commas and the other symbols CPLEX allows are left out on purpose.
 */
export function isLegalLpName(name: string): boolean {
  return (
    name.length <= 255 &&
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) &&
    !/^[eE]([0-9eE]|$)/.test(name) &&
    !LP_KEYWORDS.has(name.toLowerCase())
  );
}

const LINE_WIDTH = 200;

/**
 * Writes a problem in CPLEX LP format, readable by {@link readLp}, HiGHS (`highs.solve(text)`),
 * GLPK and CPLEX.
 *
 * - Names: the problem's own column (row) names when all are legal ({@link isLegalLpName})
 *   and distinct; otherwise generated ids `x0, x1, ...` (`r0, r1, ...`) for all of them, with a
 *   `\` comment block at the top mapping ids to names (unless `nameComments` is false).
 * - Objective: `Minimize`/`Maximize`, named `obj`; every column appears in it in index order
 *   (with coefficient 0 where it has no cost) so that readers number columns as the problem
 *   does and no column is lost. The objective constant is written as a constant term
 *   (`obj: 3 x0 + 2 x1 + 5`), which HiGHS and readLp read as the objective offset.
 * - Rows: `<=`, `>=`, `=`; a free row as `>= -inf`; an empty row with a `0 x0` term.
 *   A two-sided row lb <= a·x <= ub (not an equality) is written the CPLEX way, because
 *   HiGHS' reader rejects `lb <= a·x <= ub`: `name: a·x - ~r_i = 0` with the range column
 *   bounded `lb <= ~r_i <= ub`. readLp folds such a column back into the row's bounds, so
 *   the problem reads back unchanged; other readers see one extra continuous column per ranged row.
 * - Bounds: `x free`, `x = v`, `x >= lb`, `x <= ub`, `lb <= x <= ub`, `-inf <= x <= ub`.
 *   Integer columns go under `General`, integer columns with bounds [0, 1] under `Binary`.
 * - Lines are wrapped before 200 characters (CPLEX truncates past 510).
 *
 * @throws LumixError `INVALID_ARGUMENT` for a problem with rows but no columns, which LP
 *   format cannot express.
 */
export function writeLp(problem: StandardForm, options: WriteLpOptions = {}): string {
  const p = problem;
  if (p.numCols === 0 && p.numRows > 0) {
    throw new LumixError('INVALID_ARGUMENT', `Problem '${p.name}' has ${p.numRows} rows but no columns; LP format cannot write a row without a variable. Write it as MPS instead.`);
  }
  const cols = chooseNames(p.numCols, (j) => p.colName(j), isLegalLpName, 'x');
  const rows = chooseNames(p.numRows, (i) => p.rowName(i), isLegalLpName, 'r');
  const rowSet = new Set(rows.names);
  const obj = uniqueName('obj', (s) => rowSet.has(s));

  const out: string[] = [];
  out.push(`\\ Problem: ${commentText(p.name)}`);
  out.push('\\ Written by @lumix/core writeLp. Two-sided rows use a range column ~r_<row> (row: a.x - ~r = 0, bounds lb <= ~r <= ub).');
  if (options.nameComments !== false) {
    if (cols.generated) {
      out.push('\\ Column ids and the names they stand for:');
      for (let j = 0; j < p.numCols; j++) out.push(`\\   ${cols.names[j]} ${commentText(p.colName(j))}`);
    }
    if (rows.generated) {
      out.push('\\ Row ids and the names they stand for:');
      for (let i = 0; i < p.numRows; i++) out.push(`\\   ${rows.names[i]} ${commentText(p.rowName(i))}`);
    }
  }

  out.push(p.sense === 'max' ? 'Maximize' : 'Minimize');
  const expr = new ExpressionWriter(out);
  expr.start(` ${obj}:`);
  for (let j = 0; j < p.numCols; j++) expr.term(p.colCost[j]!, cols.names[j]!, true);
  if (p.objectiveOffset !== 0) expr.constant(p.objectiveOffset);
  expr.end('');

  out.push('Subject To');
  const rangeBounds: string[] = [];
  for (let i = 0; i < p.numRows; i++) {
    const lb = p.rowLower[i]!;
    const ub = p.rowUpper[i]!;
    expr.start(` ${rows.names[i]}:`);
    const begin = p.rowStart[i]!;
    const end = p.rowStart[i + 1]!;
    if (begin === end) expr.term(0, cols.names[0]!, true);
    for (let k = begin; k < end; k++) expr.term(p.value[k]!, cols.names[p.colIndex[k]!]!, false);
    if (lb === ub) expr.end(` = ${formatNumber(lb)}`);
    else if (lb === Number.NEGATIVE_INFINITY && ub === Number.POSITIVE_INFINITY) expr.end(' >= -inf');
    else if (lb === Number.NEGATIVE_INFINITY) expr.end(` <= ${formatNumber(ub)}`);
    else if (ub === Number.POSITIVE_INFINITY) expr.end(` >= ${formatNumber(lb)}`);
    else {
      const rangeColumn = `~r_${i}`;
      expr.term(-1, rangeColumn, false);
      expr.end(' = 0');
      rangeBounds.push(` ${formatNumber(lb)} <= ${rangeColumn} <= ${formatNumber(ub)}`);
    }
  }

  const bounds: string[] = [];
  const general: string[] = [];
  const binary: string[] = [];
  for (let j = 0; j < p.numCols; j++) {
    const lb = p.colLower[j]!;
    const ub = p.colUpper[j]!;
    const name = cols.names[j]!;
    if (p.colIntegral[j] === 1) {
      if (lb === 0 && ub === 1) {
        binary.push(name);
        continue;
      }
      general.push(name);
    }
    if (lb === 0 && ub === Number.POSITIVE_INFINITY) continue;
    if (lb === ub) bounds.push(` ${name} = ${formatNumber(lb)}`);
    else if (lb === Number.NEGATIVE_INFINITY && ub === Number.POSITIVE_INFINITY) bounds.push(` ${name} free`);
    else if (ub === Number.POSITIVE_INFINITY) bounds.push(` ${name} >= ${formatNumber(lb)}`);
    else if (lb === 0) bounds.push(` ${name} <= ${formatNumber(ub)}`);
    else bounds.push(` ${lb === Number.NEGATIVE_INFINITY ? '-inf' : formatNumber(lb)} <= ${name} <= ${formatNumber(ub)}`);
  }
  // Plain loops: spreading a million lines into push() overflows the stack.
  if (bounds.length > 0 || rangeBounds.length > 0) {
    out.push('Bounds');
    for (const b of bounds) out.push(b);
    for (const b of rangeBounds) out.push(b);
  }
  if (general.length > 0) {
    out.push('General');
    for (const line of wrapNames(general)) out.push(line);
  }
  if (binary.length > 0) {
    out.push('Binary');
    for (const line of wrapNames(binary)) out.push(line);
  }
  out.push('End', '');
  return out.join('\n');
}

/** Appends `+ 3 x` terms to the output, wrapping lines before {@link LINE_WIDTH}. */
class ExpressionWriter {
  private line = '';
  private first = true;

  constructor(private readonly out: string[]) {}

  start(head: string): void {
    this.line = head;
    this.first = true;
  }

  /** Writes `coef name`; zero coefficients only when `keepZero` (to declare the column). */
  term(coef: number, name: string, keepZero: boolean): void {
    if (coef === 0 && !keepZero) return;
    const sign = coef < 0 ? '-' : '+';
    const abs = Math.abs(coef);
    const body = abs === 1 ? name : `${formatNumber(abs)} ${name}`;
    this.push(this.first && sign === '+' ? ` ${body}` : ` ${sign} ${body}`);
  }

  constant(v: number): void {
    this.push(v < 0 ? ` - ${formatNumber(-v)}` : ` + ${formatNumber(v)}`);
  }

  end(tail: string): void {
    if (this.line.length + tail.length > LINE_WIDTH) {
      this.out.push(this.line);
      this.line = ' ';
    }
    this.out.push(this.line + tail);
  }

  private push(piece: string): void {
    if (this.line.length + piece.length > LINE_WIDTH && this.line.trim().length > 0) {
      this.out.push(this.line);
      this.line = ' ';
    }
    this.line += piece;
    this.first = false;
  }
}

function wrapNames(names: readonly string[]): string[] {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    if (line.length + name.length + 1 > LINE_WIDTH && line.length > 0) {
      lines.push(line);
      line = '';
    }
    line += ` ${name}`;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}
