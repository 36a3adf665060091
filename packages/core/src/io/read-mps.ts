import { finishStandardForm } from '../solver/standard-form.js';
import type { ObjectiveSense, StandardForm } from '../solver/standard-form.js';
import { parseError } from './parse-error.js';
import { parseNumber, toBound } from './parse-number.js';
import { Triplets } from './triplets.js';

/** The two layouts of MPS files. */
export type MpsFormat = 'free' | 'fixed';

/**
 * What a right-hand side on the objective (`N`) row means. MPS has no standard for it:
 * - `'minus-rhs'` (default): objective constant = −RHS, as CLP/CBC and HiGHS read it
 *   (the row reads `c·x − RHS`, i.e. the RHS is moved to the left-hand side);
 * - `'plus-rhs'`: objective constant = +RHS, as GLPK reads it;
 * - `'ignore'`: no constant, the convention behind the Netlib reference optima.
 *
 * Netlib's e226 is the case in point: its objective RHS is −7.113, so its optimum is
 * −11.638929066 with `'minus-rhs'`, −25.864929066 with `'plus-rhs'` and −18.751929066
 * (the Netlib value) with `'ignore'`.
 */
export type ObjectiveRhsConvention = 'minus-rhs' | 'plus-rhs' | 'ignore';

/** Options of {@link readMps}. */
export interface ReadMpsOptions {
  /** File name used in error messages and `details.file`. Default `'input.mps'`. */
  readonly file?: string;
  /**
   * Layout of the file. Default `'auto'`: fields split at blanks and tabs, and a data line
   * whose fields do not fit (a name with a blank in it) is read again by the fixed columns.
   * `'free'` never looks at columns; `'fixed'` reads by columns first and falls back to blanks.
   */
  readonly format?: 'auto' | MpsFormat;
  /** Meaning of a right-hand side on the objective row. Default `'minus-rhs'`. */
  readonly objectiveRhs?: ObjectiveRhsConvention;
}

const HEADERS = new Set(['NAME', 'ROWS', 'COLUMNS', 'RHS', 'RANGES', 'BOUNDS', 'ENDATA', 'OBJSENSE', 'OBJSENCE', 'OBJNAME']);
const UNSUPPORTED = new Set([
  'SOS', 'SETS', 'QUADOBJ', 'QSECTION', 'QMATRIX', 'QCMATRIX', 'CSECTION', 'INDICATORS', 'GENCONS', 'PWLOBJ', 'PWLNAM', 'PWLSOS', 'BRANCH',
]);
/** Where each section header may stand: a header never comes after one of a higher rank. */
const SECTION_RANK: Readonly<Record<string, number>> = {
  NAME: 0,
  OBJSENSE: 1,
  OBJNAME: 1,
  ROWS: 2,
  COLUMNS: 3,
  RHS: 4,
  RANGES: 5,
  BOUNDS: 6,
  ENDATA: 7,
};
const RANK_ROWS = 2;
const RANK_COLUMNS = 3;
const SECTION_ORDER = 'NAME, [OBJSENSE, OBJNAME,] ROWS, COLUMNS, [RHS,] [RANGES,] [BOUNDS,] ENDATA';
/** No second row of a COLUMNS line. */
const NO_ROW = Number.MIN_SAFE_INTEGER;
/** Bound-side masks of the BOUNDS types (GLPK's rule: each side of a column is set at most once). */
const LOWER_SIDE = 1;
const UPPER_SIDE = 2;
const ROW_L = 1;
const ROW_G = 2;
const ROW_E = 3;

type Section = 'none' | 'name' | 'objsense' | 'objname' | 'rows' | 'columns' | 'rhs' | 'ranges' | 'bounds';

/** A data line whose fields do not fit the section; `message` says what was expected. */
class LineMismatch {
  constructor(readonly message: string) {}
}

/**
 * Reads an MPS file (free or fixed layout) into a validated {@link StandardForm} carrying the
 * file's row and column names.
 *
 * What it reads, and the rules it follows where MPS readers differ:
 * - `NAME` (its first word, wherever it starts, so mas74's non-standard line works; any further
 *   words, as in blend's `NAME BLEND BRUCE MURTAGHS ...`, are a comment),
 *   `OBJSENSE` (`MAX`/`MIN`, on the same or the next line), `OBJNAME`, `ROWS`, `COLUMNS`,
 *   `RHS`, `RANGES`, `BOUNDS`, `ENDATA`, each at most once and in this order (`NAME` first,
 *   `OBJSENSE`/`OBJNAME` before `ROWS`; `ROWS`, `COLUMNS` and `ENDATA` required), as GLPK
 *   requires: a section out of order or repeated is an error, never merged. `ENDATA` is
 *   required (a file without it is taken as truncated) and only blank and comment lines may
 *   follow it. Lines starting with `*` and blank lines are comments.
 * - The first `N` row is the objective (or the one `OBJNAME` names); other `N` rows are free
 *   rows and are dropped with their coefficients.
 * - `MARKER` lines `'INTORG'`/`'INTEND'` make the columns between them integer, with default
 *   bounds [0, +∞) (HiGHS instead makes such columns binary when no bound is given).
 * - RHS on the objective row: see {@link ObjectiveRhsConvention}; default constant = −RHS.
 * - `RANGES` with value R on a row with RHS b: `L` → [b − |R|, b], `G` → [b, b + |R|],
 *   `E` → [b, b + R] when R > 0 and [b + R, b] when R < 0. Ranges on `N` rows are ignored.
 * - `BOUNDS`: `UP`, `LO`, `FX`, `FR`, `MI`, `PL`, `BV`, `LI`, `UI`. `UP` (or `UI`) with a
 *   negative value on a column whose lower bound was not set sets the lower bound to −∞
 *   (the rule of the MPS standard as CPLEX and most readers apply it). `SC` (semi-continuous)
 *   is rejected. Only the first RHS, RANGES and BOUNDS vector (set name) is read; lines of
 *   other sets are skipped.
 * - Values of magnitude 1e30 and above in RHS, RANGES and BOUNDS mean infinity.
 * - The entries of one column must stand together in COLUMNS; a column that comes back after
 *   another column, a second coefficient of one column in one row, a second right-hand side or
 *   range of one row, and a second lower (upper) bound of one column are errors (GLPK refuses
 *   each too), never added up or overwritten.
 *
 * @throws LumixError `PARSE_ERROR` with a message `file:line: what was expected`, and
 *   `details: { file, line }`.
 */
export function readMps(text: string, options: ReadMpsOptions = {}): StandardForm {
  return new MpsReader(options.file ?? 'input.mps', options.format ?? 'auto', options.objectiveRhs ?? 'minus-rhs').read(text);
}

class MpsReader {
  private name = '';
  private sense: ObjectiveSense = 'min';
  private objName: string | undefined;
  private objectiveRow: string | undefined;
  private section: Section = 'none';
  private lineNo = 0;
  private ended = false;
  /** Line of each section header read so far (OBJSENCE counts as OBJSENSE). */
  private readonly headerLine = new Map<string, number>();
  private lastHeader = '';
  private lastRank = -1;
  private senseLine = 0;
  private objNameLine = 0;

  /** Row name → constraint row index (>= 0), or `-1 - k` for the k-th `N` row. */
  private readonly rowMap = new Map<string, number>();
  private readonly nRowNames: string[] = [];
  /** Index among the `N` rows of the objective, -1 while there is none. */
  private objectiveN = -1;
  private readonly rowNames: string[] = [];
  private readonly rowType: number[] = [];
  private rhs = new Float64Array(0);
  /** Line of each row's right-hand side (0: none yet); `N` rows in `nRhsLine`. */
  private rhsLine = new Int32Array(0);
  private nRhsLine = new Int32Array(0);
  private range = new Float64Array(0);
  /** Line of each row's range (0: none yet); `N` rows in `nRangeLine`. */
  private rangeLine = new Int32Array(0);
  private nRangeLine = new Int32Array(0);
  /** Per row, 1 + the last column with a coefficient in it: finds a second coefficient in O(1). */
  private rowMark = new Int32Array(0);
  private nRowMark = new Int32Array(0);
  private objectiveRhs = 0;

  private readonly colMap = new Map<string, number>();
  private readonly colNames: string[] = [];
  private readonly cost: number[] = [];
  private readonly integer: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly lowerSet: number[] = [];
  private readonly boundLine: number[] = [];
  /** Bound sides (LOWER_SIDE | UPPER_SIDE) already set in BOUNDS, per column. */
  private readonly boundSides: number[] = [];
  private readonly colLine: number[] = [];
  private lastCol = '';
  private lastColIndex = -1;
  private inInteger = false;

  private rhsSet: string | undefined;
  private rangeSet: string | undefined;
  private boundSet: string | undefined;
  private readonly entries = new Triplets();

  constructor(
    private readonly file: string,
    private readonly mode: 'auto' | MpsFormat,
    private readonly objectiveConvention: ObjectiveRhsConvention,
  ) {}

  read(text: string): StandardForm {
    let pos = 0;
    const length = text.length;
    while (pos < length) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = length;
      let line = text.slice(pos, end);
      pos = end + 1;
      this.lineNo++;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (this.ended) this.afterEnd(line);
      else this.readLine(line);
    }
    if (!this.ended) {
      throw parseError(this.file, this.lineNo, 'expected ENDATA at the end of the file; the file looks truncated.');
    }
    return this.finish();
  }

  private fail(message: string): never {
    throw parseError(this.file, this.lineNo, message);
  }

  /** Only blank and comment lines may follow ENDATA: text there would be silently dropped. */
  private afterEnd(line: string): void {
    const trimmed = line.trim();
    if (trimmed.length === 0 || line.charCodeAt(0) === 42 /* * */) return;
    this.fail(
      `found '${trimmed.slice(0, 40)}' after ENDATA (line ${this.headerLine.get('ENDATA')}); ENDATA must be the last line, only blank and comment lines may follow it.`,
    );
  }

  /** Checks that section `word` may start here (order, repetition, required sections) and records it. */
  private enterSection(word: string): void {
    const key = word === 'OBJSENCE' ? 'OBJSENSE' : word;
    const rank = SECTION_RANK[key]!;
    const first = this.headerLine.get(key);
    if (first !== undefined) {
      this.fail(`section ${word} appears a second time (first at line ${first}); each section may appear only once, in the order ${SECTION_ORDER}.`);
    }
    if (rank < this.lastRank) {
      this.fail(`section ${word} cannot come after ${this.lastHeader}; sections must come in the order ${SECTION_ORDER}.`);
    }
    if (rank > RANK_ROWS && !this.headerLine.has('ROWS')) this.fail(`expected a ROWS section before ${word}.`);
    if (rank > RANK_COLUMNS && !this.headerLine.has('COLUMNS')) this.fail(`expected a COLUMNS section before ${word}.`);
    this.headerLine.set(key, this.lineNo);
    this.lastHeader = word;
    this.lastRank = rank;
  }

  private readLine(line: string): void {
    const first = line.charCodeAt(0);
    if (line.length === 0 || first === 42 /* * */) return;
    const trimmed = line.trim();
    if (trimmed.length === 0) return;
    if (first !== 32 && first !== 9) {
      const tokens = trimmed.split(/\s+/);
      const word = tokens[0]!;
      if (this.readHeader(word, tokens)) return;
      if (UNSUPPORTED.has(word)) {
        this.fail(`section ${word} is not supported (only linear problems with continuous and integer columns can be read).`);
      }
      if (this.section === 'none' || this.section === 'name' || this.mode === 'fixed' || tokens.length === 1) {
        this.fail(`expected a section header (NAME, ROWS, COLUMNS, RHS, RANGES, BOUNDS or ENDATA) but found '${word}'; data lines must start with a blank.`);
      }
    }
    this.readData(line, trimmed);
  }

  /** Handles a header line; false when `word` is no header in this position. */
  private readHeader(word: string, tokens: string[]): boolean {
    if (!HEADERS.has(word)) return false;
    switch (word) {
      case 'NAME':
        this.enterSection(word);
        this.name = tokens[1] ?? '';
        this.section = 'name';
        return true;
      case 'OBJSENSE':
      case 'OBJSENCE':
        this.enterSection(word);
        this.section = 'objsense';
        if (tokens.length > 1) this.setSense(tokens[1]!);
        return true;
      case 'OBJNAME':
        this.enterSection(word);
        this.section = 'objname';
        if (tokens.length > 1) this.setObjName(tokens[1]!);
        return true;
      default:
        break;
    }
    if (tokens.length > 1) return false;
    this.enterSection(word);
    switch (word) {
      case 'ROWS':
        this.section = 'rows';
        break;
      case 'COLUMNS':
        this.section = 'columns';
        this.endRows();
        break;
      case 'RHS':
        this.section = 'rhs';
        break;
      case 'RANGES':
        this.section = 'ranges';
        break;
      case 'BOUNDS':
        this.section = 'bounds';
        break;
      case 'ENDATA':
        this.ended = true;
        break;
    }
    return true;
  }

  /** ROWS is complete (no section can add rows after it): size the per-row data. */
  private endRows(): void {
    if (this.objName !== undefined && this.objectiveN < 0) {
      throw parseError(this.file, this.objNameLine, `OBJNAME names the objective '${this.objName}', but ROWS declares no N row of that name.`);
    }
    const m = this.rowNames.length;
    const n = this.nRowNames.length;
    this.rhs = new Float64Array(m);
    this.rhsLine = new Int32Array(m);
    this.nRhsLine = new Int32Array(n);
    this.range = new Float64Array(m);
    this.rangeLine = new Int32Array(m);
    this.nRangeLine = new Int32Array(n);
    this.rowMark = new Int32Array(m);
    this.nRowMark = new Int32Array(n);
  }

  private setObjName(name: string): void {
    if (this.objNameLine !== 0) this.fail(`OBJNAME has a second row name '${name}' (the first at line ${this.objNameLine}).`);
    this.objName = name;
    this.objNameLine = this.lineNo;
  }

  private setSense(word: string): void {
    if (this.senseLine !== 0) this.fail(`OBJSENSE has a second value '${word}' (the first at line ${this.senseLine}).`);
    this.senseLine = this.lineNo;
    const w = word.toUpperCase();
    if (w === 'MAX' || w === 'MAXIMIZE' || w === 'MAXIMISE') this.sense = 'max';
    else if (w === 'MIN' || w === 'MINIMIZE' || w === 'MINIMISE') this.sense = 'min';
    else this.fail(`expected MAX or MIN after OBJSENSE but found '${word}'.`);
  }

  private readData(line: string, trimmed: string): void {
    switch (this.section) {
      case 'none':
        this.fail(`expected NAME or ROWS before the first data line.`);
        break;
      case 'name':
        this.fail(`expected ROWS after NAME but found a data line.`);
        break;
      case 'objsense':
        this.setSense(trimmed.split(/\s+/)[0]!);
        return;
      case 'objname':
        this.setObjName(trimmed.split(/\s+/)[0]!);
        return;
      default:
        break;
    }
    const tokens = trimmed.split(/\s+/);
    // The fixed columns are cut out only when needed: first in 'fixed' mode, after a mismatch in 'auto'.
    const sliced = this.mode === 'fixed' ? sliceFixed(line, this.section) : undefined;
    const first = this.tryData(sliced ?? tokens);
    if (first === undefined) return;
    const second = this.mode === 'free' ? undefined : sliced !== undefined ? tokens : sliceFixed(line, this.section);
    if (second !== undefined && this.tryData(second) === undefined) return;
    this.fail(first.message);
  }

  /** Reads one data line from its fields; returns the mismatch instead of throwing it. */
  private tryData(f: readonly string[]): LineMismatch | undefined {
    try {
      switch (this.section) {
        case 'rows':
          this.readRow(f);
          break;
        case 'columns':
          this.readColumn(f);
          break;
        case 'rhs':
          this.readRhsOrRange(f, false);
          break;
        case 'ranges':
          this.readRhsOrRange(f, true);
          break;
        case 'bounds':
          this.readBound(f);
          break;
        default:
          break;
      }
      return undefined;
    } catch (e) {
      if (e instanceof LineMismatch) return e;
      throw e;
    }
  }

  private readRow(f: readonly string[]): void {
    if (f.length !== 2) throw new LineMismatch(`expected a row type (N, L, G or E) and a row name in ROWS but found ${f.length} field(s).`);
    const type = f[0]!.toUpperCase();
    const name = f[1]!;
    if (name === '') throw new LineMismatch(`expected a row name after the row type.`);
    if (this.rowMap.has(name)) throw new LineMismatch(`row '${name}' is declared twice in ROWS; give every row its own name.`);
    if (type === 'N') {
      const isObjective = this.objectiveRow === undefined && (this.objName === undefined || this.objName === name);
      if (isObjective) {
        this.objectiveRow = name;
        this.objectiveN = this.nRowNames.length;
      }
      this.rowMap.set(name, -1 - this.nRowNames.length);
      this.nRowNames.push(name);
      return;
    }
    const kind = type === 'L' ? ROW_L : type === 'G' ? ROW_G : type === 'E' ? ROW_E : 0;
    if (kind === 0) throw new LineMismatch(`expected a row type N, L, G or E but found '${f[0]}'.`);
    this.rowMap.set(name, this.rowNames.length);
    this.rowNames.push(name);
    this.rowType.push(kind);
  }

  private rowOf(name: string, section: string): number {
    const i = this.rowMap.get(name);
    if (i === undefined) throw new LineMismatch(`row '${name}' in ${section} is not declared in ROWS.`);
    return i;
  }

  private numberOf(token: string, what: string): number {
    const v = parseNumber(token);
    if (v === undefined) throw new LineMismatch(`expected a number for ${what} but found '${token}'.`);
    return v;
  }

  private readColumn(f: readonly string[]): void {
    if (f.length >= 3 && f[1] === "'MARKER'") {
      const tag = f.slice(2).find((t) => t === "'INTORG'" || t === "'INTEND'");
      if (tag === undefined) throw new LineMismatch(`expected 'INTORG' or 'INTEND' on a MARKER line.`);
      this.inInteger = tag === "'INTORG'";
      return;
    }
    if (f.length !== 3 && f.length !== 5) {
      throw new LineMismatch(`expected 'column row value' or 'column row value row value' in COLUMNS but found ${f.length} field(s).`);
    }
    const name = f[0]!;
    if (name === '') throw new LineMismatch(`expected a column name in COLUMNS.`);
    const r1 = this.rowOf(f[1]!, 'COLUMNS');
    const v1 = this.numberOf(f[2]!, `the coefficient of column '${name}' in row '${f[1]}'`);
    if (!Number.isFinite(v1)) throw new LineMismatch(`coefficient of column '${name}' in row '${f[1]}' is infinite; coefficients must be finite.`);
    let r2 = NO_ROW;
    let v2 = 0;
    if (f.length === 5) {
      r2 = this.rowOf(f[3]!, 'COLUMNS');
      v2 = this.numberOf(f[4]!, `the coefficient of column '${name}' in row '${f[3]}'`);
      if (!Number.isFinite(v2)) throw new LineMismatch(`coefficient of column '${name}' in row '${f[3]}' is infinite; coefficients must be finite.`);
    }
    // Everything is checked before anything is stored, so a line can be read again by the fixed columns.
    const isNew = name !== this.lastCol;
    if (isNew) {
      const j = this.colMap.get(name);
      if (j !== undefined) {
        throw new LineMismatch(
          `column '${name}' comes back after column '${this.lastCol}' (it started at line ${this.colLine[j]}); the entries of one column must stand together in COLUMNS.`,
        );
      }
    }
    const stamp = isNew ? this.colNames.length + 1 : this.lastColIndex + 1;
    this.checkNewEntry(name, r1, f[1]!, stamp);
    if (r2 !== NO_ROW) {
      if (r2 === r1) throw new LineMismatch(`column '${name}' has two coefficients in row '${f[3]}' on one line; give each row one coefficient.`);
      this.checkNewEntry(name, r2, f[3]!, stamp);
    }
    const j = isNew ? this.newColumn(name) : this.lastColIndex;
    this.addEntry(r1, j, v1);
    if (r2 !== NO_ROW) this.addEntry(r2, j, v2);
  }

  /** A second coefficient of the column (`stamp` = its index + 1) in one row is an error, not a sum. */
  private checkNewEntry(column: string, row: number, rowName: string, stamp: number): void {
    const seen = row >= 0 ? this.rowMark[row] : this.nRowMark[-1 - row];
    if (seen === stamp) {
      throw new LineMismatch(`column '${column}' has a second coefficient in row '${rowName}'; give each row one coefficient per column.`);
    }
  }

  private newColumn(name: string): number {
    const j = this.colNames.length;
    this.colMap.set(name, j);
    this.colNames.push(name);
    this.cost.push(0);
    this.integer.push(this.inInteger ? 1 : 0);
    this.lower.push(0);
    this.upper.push(Number.POSITIVE_INFINITY);
    this.lowerSet.push(0);
    this.boundLine.push(0);
    this.boundSides.push(0);
    this.colLine.push(this.lineNo);
    this.lastCol = name;
    this.lastColIndex = j;
    return j;
  }

  private addEntry(row: number, col: number, v: number): void {
    if (row >= 0) {
      this.rowMark[row] = col + 1;
      this.entries.push(row, col, v);
    } else {
      this.nRowMark[-1 - row] = col + 1;
      if (-1 - row === this.objectiveN) this.cost[col] = this.cost[col]! + v;
    }
  }

  private readRhsOrRange(f: readonly string[], isRange: boolean): void {
    const section = isRange ? 'RANGES' : 'RHS';
    if (f.length < 2 || f.length > 5) {
      throw new LineMismatch(`expected '[set] row value [row value]' in ${section} but found ${f.length} field(s).`);
    }
    const hasSet = f.length % 2 === 1;
    const set = hasSet ? f[0]! : '';
    const chosen = isRange ? this.rangeSet : this.rhsSet;
    const pairs: Array<[number, number]> = [];
    for (let k = hasSet ? 1 : 0; k + 1 < f.length; k += 2) {
      const row = this.rowOf(f[k]!, section);
      const v = this.numberOf(f[k + 1]!, `the ${isRange ? 'range' : 'right-hand side'} of row '${f[k]}'`);
      pairs.push([row, v]);
    }
    if (chosen !== undefined && chosen !== set) return;
    const lines = isRange ? this.rangeLine : this.rhsLine;
    const nLines = isRange ? this.nRangeLine : this.nRhsLine;
    const what = isRange ? 'range' : 'right-hand side';
    for (let k = 0; k < pairs.length; k++) {
      const row = pairs[k]![0];
      const first = row >= 0 ? lines[row]! : nLines[-1 - row]!;
      const sameLine = k === 1 && pairs[0]![0] === row;
      if (first !== 0 || sameLine) {
        const rowName = f[(hasSet ? 1 : 0) + 2 * k]!;
        throw new LineMismatch(`row '${rowName}' gets a second ${what} (the first at line ${sameLine ? this.lineNo : first}); give each row one ${what}.`);
      }
    }
    if (isRange) this.rangeSet = set;
    else this.rhsSet = set;
    for (const [row, v] of pairs) {
      if (row >= 0) lines[row] = this.lineNo;
      else nLines[-1 - row] = this.lineNo;
      if (isRange) {
        if (row >= 0) this.range[row] = v;
      } else if (row >= 0) {
        this.rhs[row] = v;
      } else if (-1 - row === this.objectiveN) {
        this.objectiveRhs = v;
      }
    }
  }

  private readBound(f: readonly string[]): void {
    const type = (f[0] ?? '').toUpperCase();
    let set = '';
    let colName = '';
    let valueToken = '';
    switch (type) {
      case 'UP':
      case 'LO':
      case 'FX':
      case 'LI':
      case 'UI':
        if (f.length === 4) [, set, colName, valueToken] = f as [string, string, string, string];
        else if (f.length === 3) [, colName, valueToken] = f as [string, string, string];
        else throw new LineMismatch(`expected '${type} [set] column value' in BOUNDS but found ${f.length} field(s).`);
        break;
      case 'FR':
      case 'MI':
      case 'PL':
      case 'BV':
        if (f.length === 4) [, set, colName, valueToken] = f as [string, string, string, string];
        else if (f.length === 3) {
          const columnThenValue = this.colMap.has(f[1]!) && !this.colMap.has(f[2]!) && parseNumber(f[2]!) !== undefined;
          if (columnThenValue) [, colName, valueToken] = f as [string, string, string];
          else [, set, colName] = f as [string, string, string];
        } else if (f.length === 2) colName = f[1]!;
        else throw new LineMismatch(`expected '${type} [set] column' in BOUNDS but found ${f.length} field(s).`);
        break;
      case 'SC':
        this.fail(`semi-continuous bounds (SC) are not supported; model the column with a binary indicator instead.`);
        break;
      default:
        throw new LineMismatch(`expected a bound type (UP, LO, FX, FR, MI, PL, BV, LI or UI) but found '${f[0]}'.`);
    }
    const j = this.colMap.get(colName);
    if (j === undefined) throw new LineMismatch(`column '${colName}' in BOUNDS is not declared in COLUMNS.`);
    const needsValue = type !== 'FR' && type !== 'MI' && type !== 'PL' && type !== 'BV';
    const v = needsValue ? toBound(this.numberOf(valueToken, `the ${type} bound of column '${colName}'`)) : 0;
    if (this.boundSet !== undefined && this.boundSet !== set) return;
    const sides =
      type === 'LO' || type === 'LI' || type === 'MI' ? LOWER_SIDE : type === 'UP' || type === 'UI' || type === 'PL' ? UPPER_SIDE : LOWER_SIDE | UPPER_SIDE;
    const clash = this.boundSides[j]! & sides;
    if (clash !== 0) {
      const side = clash === (LOWER_SIDE | UPPER_SIDE) ? 'lower and upper bounds' : clash === LOWER_SIDE ? 'lower bound' : 'upper bound';
      throw new LineMismatch(
        `column '${colName}' gets its ${side} a second time (${type}; the first at line ${this.boundLine[j]}); set each bound of a column once.`,
      );
    }
    this.boundSides[j] = this.boundSides[j]! | sides;
    this.boundSet = set;
    this.boundLine[j] = this.lineNo;
    switch (type) {
      case 'UP':
      case 'UI':
        this.upper[j] = v;
        if (v < 0 && this.lowerSet[j] === 0) this.lower[j] = Number.NEGATIVE_INFINITY;
        if (type === 'UI') this.integer[j] = 1;
        break;
      case 'LO':
      case 'LI':
        this.lower[j] = v;
        this.lowerSet[j] = 1;
        if (type === 'LI') this.integer[j] = 1;
        break;
      case 'FX':
        this.lower[j] = v;
        this.upper[j] = v;
        this.lowerSet[j] = 1;
        break;
      case 'FR':
        this.lower[j] = Number.NEGATIVE_INFINITY;
        this.upper[j] = Number.POSITIVE_INFINITY;
        this.lowerSet[j] = 1;
        break;
      case 'MI':
        this.lower[j] = Number.NEGATIVE_INFINITY;
        this.lowerSet[j] = 1;
        break;
      case 'PL':
        this.upper[j] = Number.POSITIVE_INFINITY;
        break;
      case 'BV':
        this.lower[j] = 0;
        this.upper[j] = 1;
        this.lowerSet[j] = 1;
        this.integer[j] = 1;
        break;
    }
  }

  private finish(): StandardForm {
    const m = this.rowNames.length;
    const n = this.colNames.length;
    const rowLower = new Float64Array(m);
    const rowUpper = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const b = toBound(this.rhs[i]!);
      const r = this.range[i]!;
      const ranged = this.rangeLine[i] !== 0;
      let lo: number;
      let hi: number;
      switch (this.rowType[i]) {
        case ROW_L:
          lo = ranged ? b - Math.abs(r) : Number.NEGATIVE_INFINITY;
          hi = b;
          break;
        case ROW_G:
          lo = b;
          hi = ranged ? b + Math.abs(r) : Number.POSITIVE_INFINITY;
          break;
        default:
          lo = ranged && r < 0 ? b + r : b;
          hi = ranged && r > 0 ? b + r : b;
          break;
      }
      if (lo === Number.POSITIVE_INFINITY || hi === Number.NEGATIVE_INFINITY || Number.isNaN(lo) || Number.isNaN(hi)) {
        throw parseError(
          this.file,
          this.rhsLine[i] || this.lineNo,
          `row '${this.rowNames[i]}' gets the impossible bounds [${lo}, ${hi}] from its right-hand side ${this.rhs[i]}; an infinite right-hand side only fits an L row (+inf) or a G row (-inf).`,
        );
      }
      rowLower[i] = lo;
      rowUpper[i] = hi;
    }
    const colLower = Float64Array.from(this.lower);
    const colUpper = Float64Array.from(this.upper);
    for (let j = 0; j < n; j++) {
      const lo = colLower[j]!;
      const hi = colUpper[j]!;
      if (lo > hi || lo === Number.POSITIVE_INFINITY || hi === Number.NEGATIVE_INFINITY) {
        throw parseError(
          this.file,
          this.boundLine[j] || this.lineNo,
          `column '${this.colNames[j]}' ends up with lower bound ${lo} above its upper bound ${hi}; fix its BOUNDS lines.`,
        );
      }
    }
    const offset =
      this.objectiveConvention === 'minus-rhs' ? -this.objectiveRhs : this.objectiveConvention === 'plus-rhs' ? this.objectiveRhs : 0;
    const { rowStart, colIndex, value } = this.entries.toCsr(m);
    const rowNames = this.rowNames;
    const colNames = this.colNames;
    return finishStandardForm({
      name: this.name,
      sense: this.sense,
      objectiveOffset: offset === 0 ? 0 : offset,
      colCost: Float64Array.from(this.cost),
      colLower,
      colUpper,
      colIntegral: Uint8Array.from(this.integer),
      rowLower,
      rowUpper,
      rowStart,
      colIndex,
      value,
      colName: (j) => colNames[j] ?? `x${j}`,
      rowName: (i) => rowNames[i] ?? `r${i}`,
    });
  }
}

/**
 * Fields of a fixed-layout data line by column position (type 2–3, names 5–12 and 15–22,
 * number from 25, name 40–47, number from 50), as the token list the section expects:
 * empty set names are left out. A number may run past its 12 columns; the next field then
 * starts after it. `undefined` for lines with tabs, where columns mean nothing, and for lines
 * with text in the columns that must be blank (4, 13–14, 23–24, 37–39, 48–49 and after the last
 * number), which would otherwise be dropped silently (GLPK refuses such lines too).
 */
function sliceFixed(line: string, section: Section): string[] | undefined {
  if (line.includes('\t')) return undefined;
  // Only lines laid out in the fixed columns are read by them: a name must start in column 5
  // (ROWS) or column 15 (other sections), with blanks before it.
  if (section === 'rows' ? !(line.length > 4 && line[3] === ' ' && line[4] !== ' ') : !(line.length > 14 && line[12] === ' ' && line[13] === ' ' && line[14] !== ' ')) {
    return undefined;
  }
  const field = (from: number, to: number) => line.slice(from, to).trim();
  const type = field(1, 3);
  const name1 = field(4, 12);
  const name2 = field(14, 22);
  if (section === 'rows') return [type, line.slice(4).trim()];
  const blank = (from: number, to: number) => line.slice(from, to).trim() === '';
  if (!blank(3, 4) || !blank(22, 24)) return undefined;
  if (section === 'columns' && name2 === "'MARKER'") return [name1, name2, ...line.slice(22).trim().split(/\s+/)];
  const [num1, after1] = numberField(line, 24, 36);
  const name3 = field(Math.max(39, after1), 47);
  const [num2, after2] = numberField(line, 49, 61);
  if (!blank(after1, 39) || !blank(47, 49) || !blank(after2, line.length)) return undefined;
  const out: string[] = [];
  if (section === 'bounds') {
    out.push(type);
    if (name1 !== '') out.push(name1);
    out.push(name2);
    if (num1 !== '') out.push(num1);
    return out;
  }
  if (section === 'columns' || name1 !== '') out.push(name1);
  out.push(name2, num1);
  if (name3 !== '' || num2 !== '') out.push(name3, num2);
  return out;
}

/** The number starting in columns [from, to), extended past `to` while non-blank; and where it ends. */
function numberField(line: string, from: number, to: number): [string, number] {
  let end = Math.min(to, line.length);
  while (end < line.length && line.charCodeAt(end) !== 32) end++;
  return [line.slice(from, end).trim(), end];
}
