import type { StandardForm } from '../solver/standard-form.js';
import { chooseNames, commentText, uniqueName } from './choose-names.js';
import { formatNumber } from './format-number.js';
import { rowRange } from './row-range.js';
import type { MpsFormat } from './read-mps.js';

/** Options of {@link writeMps}. */
export interface WriteMpsOptions {
  /** Layout: `'free'` (default; names up to 255 characters) or `'fixed'` (names up to 8). */
  readonly format?: MpsFormat;
  /** Write `*` comment lines mapping generated ids back to the problem's names. Default `true`. */
  readonly nameComments?: boolean;
}

const FREE_NAME = /^[\x21-\x7e]+$/;

function legalMpsName(maxLength: number): (name: string) => boolean {
  return (name) => name.length <= maxLength && FREE_NAME.test(name) && name[0] !== '*' && name !== "'MARKER'";
}

/**
 * Writes a problem as an MPS file (free layout by default, or fixed), readable by
 * {@link readMps}, HiGHS, CPLEX, CLP and GLPK.
 *
 * - Names: the problem's own column (row) names are written when every one of them is legal
 *   for the layout (printable ASCII without blanks, not starting with `*`, at most 255
 *   characters in free and 8 in fixed layout) and no two are equal; otherwise every column
 *   (row) gets a generated id `x0, x1, ...` (`r0, r1, ...`) and, unless `nameComments` is
 *   false, a `*` comment line at the top maps each id to the original name.
 * - The objective row is named `obj` (`obj_1`, ... if a row already has that name).
 * - Sense: `OBJSENSE MAX` for maximisation, nothing for minimisation.
 * - Objective constant: written as a right-hand side on the objective row with value
 *   −constant, the convention of {@link readMps}' default (`'minus-rhs'`, as CLP/CBC and
 *   HiGHS read it); a header comment says so. GLPK reads it with the opposite sign.
 * - Rows: `E` for lb = ub, `L`/`G` for one finite side, a `G` (or `L`) row with a `RANGES`
 *   entry for two finite sides (the range is chosen so that lb and ub read back exactly),
 *   and a `G` row with right-hand side −1e30 for a free row (kept, where an `N` row would be dropped).
 * - Bounds: `FX`, `FR`, `MI`, `LO`, `UP`; integer columns sit between `MARKER` lines and
 *   always get an explicit upper bound (`PL` when infinite), because some readers (HiGHS)
 *   make marker columns without bounds binary. Columns that appear nowhere are still listed.
 * - Numbers are written in the shortest form that reads back exactly. In fixed layout a number
 *   longer than its 12 columns is written whole, alone on its line, starting in column 25.
 */
export function writeMps(problem: StandardForm, options: WriteMpsOptions = {}): string {
  const fixed = options.format === 'fixed';
  const maxName = fixed ? 8 : 255;
  const legal = legalMpsName(maxName);
  const p = problem;
  const cols = chooseNames(p.numCols, (j) => p.colName(j), legal, 'x', maxName);
  const rows = chooseNames(p.numRows, (i) => p.rowName(i), legal, 'r', maxName);
  const rowSet = new Set(rows.names);
  const obj = uniqueName('obj', (s) => rowSet.has(s), maxName);

  const out: string[] = [];
  out.push(`* Written by @lumix/core writeMps (${fixed ? 'fixed' : 'free'} MPS).`);
  out.push(`* Objective constant (if any): right-hand side of row ${obj}, constant = -RHS.`);
  if (options.nameComments !== false) {
    if (cols.generated) {
      out.push('* Column ids and the names they stand for:');
      for (let j = 0; j < p.numCols; j++) out.push(`*   ${cols.names[j]} ${commentText(p.colName(j))}`);
    }
    if (rows.generated) {
      out.push('* Row ids and the names they stand for:');
      for (let i = 0; i < p.numRows; i++) out.push(`*   ${rows.names[i]} ${commentText(p.rowName(i))}`);
    }
  }
  const problemName = p.name.trim().replace(/\s+/g, '_');
  if (problemName !== p.name) out.push(`* Problem name: ${commentText(p.name)}`);
  out.push(problemName === '' ? 'NAME' : fixed ? `NAME          ${problemName}` : `NAME ${problemName}`);
  if (p.sense === 'max') out.push('OBJSENSE', '    MAX');

  const line = fixed ? fixedLine : freeLine;
  const number = formatNumber;

  // ROWS, and the RHS / RANGES entries they need.
  out.push('ROWS');
  out.push(fixed ? ` N  ${obj}` : ` N ${obj}`);
  const rhs: Array<[string, number]> = [];
  const ranges: Array<[string, number]> = [];
  if (p.objectiveOffset !== 0) rhs.push([obj, -p.objectiveOffset]);
  for (let i = 0; i < p.numRows; i++) {
    const lb = p.rowLower[i]!;
    const ub = p.rowUpper[i]!;
    const name = rows.names[i]!;
    let type: string;
    let b: number;
    if (lb === ub) {
      type = 'E';
      b = lb;
    } else if (lb === Number.NEGATIVE_INFINITY && ub === Number.POSITIVE_INFINITY) {
      type = 'G';
      b = -1e30;
    } else if (lb === Number.NEGATIVE_INFINITY) {
      type = 'L';
      b = ub;
    } else if (ub === Number.POSITIVE_INFINITY) {
      type = 'G';
      b = lb;
    } else {
      const r = rowRange(lb, ub);
      type = r.type;
      b = r.rhs;
      ranges.push([name, r.range]);
    }
    out.push(fixed ? ` ${type}  ${name}` : ` ${type} ${name}`);
    if (b !== 0) rhs.push([name, b]);
  }

  // COLUMNS: transpose the CSR matrix so each column's entries come together.
  out.push('COLUMNS');
  const n = p.numCols;
  const nnz = p.value.length;
  const colStart = new Int32Array(n + 1);
  for (let k = 0; k < nnz; k++) colStart[p.colIndex[k]! + 1]!++;
  for (let j = 0; j < n; j++) colStart[j + 1]! += colStart[j]!;
  const fill = colStart.slice(0, n);
  const entryRow = new Int32Array(nnz);
  const entryValue = new Float64Array(nnz);
  for (let i = 0; i < p.numRows; i++) {
    for (let k = p.rowStart[i]!; k < p.rowStart[i + 1]!; k++) {
      const at = fill[p.colIndex[k]!]!++;
      entryRow[at] = i;
      entryValue[at] = p.value[k]!;
    }
  }
  let inInteger = false;
  const columnLines = new EntryLines(out, line, fixed);
  for (let j = 0; j < n; j++) {
    const integer = p.colIntegral[j] === 1;
    if (integer !== inInteger) {
      out.push(line('', 'MARKER', "'MARKER'", '', integer ? "'INTORG'" : "'INTEND'", ''));
      inInteger = integer;
    }
    columnLines.start(cols.names[j]!);
    const c = p.colCost[j]!;
    if (c !== 0 || colStart[j] === colStart[j + 1]) columnLines.add(obj, number(c));
    for (let k = colStart[j]!; k < colStart[j + 1]!; k++) columnLines.add(rows.names[entryRow[k]!]!, number(entryValue[k]!));
    columnLines.flush();
  }
  if (inInteger) out.push(line('', 'MARKER', "'MARKER'", '', "'INTEND'", ''));

  if (rhs.length > 0) {
    out.push('RHS');
    writeSetPairs(out, line, fixed, 'RHS', rhs);
  }
  if (ranges.length > 0) {
    out.push('RANGES');
    writeSetPairs(out, line, fixed, 'RNG', ranges);
  }

  const bounds: string[] = [];
  for (let j = 0; j < n; j++) {
    for (const [type, v] of boundEntries(p.colLower[j]!, p.colUpper[j]!, p.colIntegral[j] === 1)) {
      bounds.push(line(type, 'BND', cols.names[j]!, v === undefined ? '' : number(v), undefined, undefined));
    }
  }
  if (bounds.length > 0) {
    out.push('BOUNDS');
    for (const b of bounds) out.push(b);
  }
  out.push('ENDATA', '');
  return out.join('\n');
}

type LineWriter = (type: string, name1: string, name2: string, v1: string, name3?: string, v2?: string) => string;

/** A fixed-layout line: type in columns 2–3, names at 5 and 15, number ending at 36, name at 40, number ending at 61. */
function fixedLine(type: string, name1: string, name2: string, v1: string, name3?: string, v2?: string): string {
  let s = ` ${type.padEnd(2)} ${name1.padEnd(8)}  ${name2.padEnd(8)}  ${v1.length <= 12 ? v1.padStart(12) : v1}`;
  if (name3 !== undefined) s += `   ${name3.padEnd(8)}  ${(v2 ?? '').padStart(12)}`;
  return s.trimEnd();
}

/** A free-layout line: the same fields separated by blanks; lines without a type are indented by 4. */
function freeLine(type: string, name1: string, name2: string, v1: string, name3?: string, v2?: string): string {
  let s = type === '' ? `    ${name1}  ${name2}` : ` ${type} ${name1}  ${name2}`;
  if (v1 !== '') s += `  ${v1}`;
  if (name3 !== undefined) s += `  ${name3}`;
  if (v2 !== undefined && v2 !== '') s += `  ${v2}`;
  return s;
}

/** Writes `name row value [row value]` lines, two entries a line (one in fixed layout when a number is too long). */
class EntryLines {
  private name = '';
  private pendingRow: string | undefined;
  private pendingValue = '';

  constructor(
    private readonly out: string[],
    private readonly line: LineWriter,
    private readonly fixed: boolean,
  ) {}

  start(name: string): void {
    this.name = name;
    this.pendingRow = undefined;
  }

  add(row: string, value: string): void {
    if (this.pendingRow === undefined) {
      if (this.fixed && value.length > 12) this.out.push(this.line('', this.name, row, value));
      else {
        this.pendingRow = row;
        this.pendingValue = value;
      }
      return;
    }
    if (this.fixed && value.length > 12) {
      this.flush();
      this.out.push(this.line('', this.name, row, value));
      return;
    }
    this.out.push(this.line('', this.name, this.pendingRow, this.pendingValue, row, value));
    this.pendingRow = undefined;
  }

  flush(): void {
    if (this.pendingRow !== undefined) this.out.push(this.line('', this.name, this.pendingRow, this.pendingValue));
    this.pendingRow = undefined;
  }
}

function writeSetPairs(out: string[], line: LineWriter, fixed: boolean, set: string, entries: ReadonlyArray<[string, number]>): void {
  const lines = new EntryLines(out, line, fixed);
  lines.start(set);
  for (const [row, v] of entries) lines.add(row, formatNumber(v));
  lines.flush();
}

/** The BOUNDS entries that give a column [lb, ub] after the default [0, +inf). */
function boundEntries(lb: number, ub: number, integer: boolean): Array<[string, number | undefined]> {
  if (lb === ub) return [['FX', lb]];
  if (lb === Number.NEGATIVE_INFINITY && ub === Number.POSITIVE_INFINITY) return [['FR', undefined]];
  const out: Array<[string, number | undefined]> = [];
  if (lb === Number.NEGATIVE_INFINITY) out.push(['MI', undefined]);
  else if (lb !== 0) out.push(['LO', lb]);
  if (ub !== Number.POSITIVE_INFINITY) out.push(['UP', ub]);
  else if (integer) out.push(['PL', undefined]);
  return out;
}
