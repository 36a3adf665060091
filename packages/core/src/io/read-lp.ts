import { finishStandardForm } from '../solver/standard-form.js';
import type { ObjectiveSense, StandardForm } from '../solver/standard-form.js';
import { parseError } from './parse-error.js';
import { toBound } from './parse-number.js';

/** Options of {@link readLp}. */
export interface ReadLpOptions {
  /** File name used in error messages and `details.file`. Default `'input.lp'`. */
  readonly file?: string;
  /**
   * Fold range columns back into their rows: a continuous column named `~r_...` with no cost,
   * no integrality and a single coefficient −1 in an equality row `a·x − ~r = b` turns that row
   * into `b + lb(~r) <= a·x <= b + ub(~r)` and disappears. This is how {@link writeLp} (and
   * glpsol) write two-sided rows. Default `true`.
   */
  readonly foldRangeColumns?: boolean;
}

type Section = 'none' | 'objective' | 'constraints' | 'bounds' | 'general' | 'binary';

/** Token kinds. */
const T = { Number: 0, Name: 1, Sign: 2, Compare: 3, Colon: 4 } as const;
type TokenKind = (typeof T)[keyof typeof T];

interface Token {
  readonly kind: TokenKind;
  /** Name text, `+`/`-`, `<=`/`>=`/`=`, or the number's source text. */
  readonly text: string;
  readonly value: number;
  readonly line: number;
}

/** What a section keyword starts. */
type Keyword = Exclude<Section, 'none' | 'objective'> | 'min' | 'max' | 'end' | 'unsupported';

const SECTION_WORDS: ReadonlyArray<[RegExp, Keyword]> = [
  [/^(minimize|minimise|minimum|min)(?=\s|$)/i, 'min'],
  [/^(maximize|maximise|maximum|max)(?=\s|$)/i, 'max'],
  [/^(subject\s+to|such\s+that|s\.t\.|st\.?)(?=\s|$)/i, 'constraints'],
  [/^bounds?(?=\s|$)/i, 'bounds'],
  [/^(generals?|gen|integers?)(?=\s|$)/i, 'general'],
  [/^(binary|binaries|bin)(?=\s|$)/i, 'binary'],
  [/^(semi-continuous|semis?|sos[12]?|pwl)(?=\s|$)/i, 'unsupported'],
  [/^end(?=\s|$)/i, 'end'],
];

/** ASCII classes for names: 1 may start a name (letters and CPLEX's symbols), 2 may only continue one (digits, '.'). */
const NAME_CLASS = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_!"#$%&()/,;?@\'`{}|~') NAME_CLASS[ch.charCodeAt(0)] = 1;
for (const ch of '0123456789.') NAME_CLASS[ch.charCodeAt(0)] = 2;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** End of the number starting at `i`: digits, an optional fraction, an optional exponent. */
function scanNumber(s: string, i: number): number {
  const n = s.length;
  let j = i;
  while (j < n && isDigitCode(s.charCodeAt(j))) j++;
  if (j < n && s.charCodeAt(j) === 46) {
    j++;
    while (j < n && isDigitCode(s.charCodeAt(j))) j++;
  }
  if (j < n && (s.charCodeAt(j) | 32) === 101) {
    let k = j + 1;
    if (k < n && (s.charCodeAt(k) === 43 || s.charCodeAt(k) === 45)) k++;
    if (k < n && isDigitCode(s.charCodeAt(k))) {
      while (k < n && isDigitCode(s.charCodeAt(k))) k++;
      j = k;
    }
  }
  return j;
}
const INFINITY_NAME = /^inf(inity)?$/i;

/** Where each section may stand: a section never comes after one of a higher rank. */
const SECTION_RANK: Readonly<Record<Section, number>> = { none: -1, objective: 0, constraints: 1, bounds: 2, general: 3, binary: 3 };
const SECTION_ORDER = "'Minimize'/'Maximize', 'Subject To', ['Bounds',] ['General'/'Binary' ...,] 'End'";

/**
 * Reads a CPLEX LP file into a validated {@link StandardForm} with the file's names.
 *
 * Supported: `\` comments (a `\ Problem: name` comment gives the problem's name);
 * `Minimize`/`Maximize` (and `min`, `max`, ...) with an optional `name:` and a constant term
 * (the objective offset); `Subject To` (`st`, `s.t.`, `such that`) with named or unnamed rows
 * (unnamed ones are called `c1, c2, ...`), operators `<= =< < >= => > =`, constants on either
 * side, ranged rows `lo <= a·x <= hi` (and `hi >= a·x >= lo`), a right-hand side of `±inf`;
 * `Bounds` (`x free`, `x >= -5`, `x <= 4`, `x = 2`, `-5 <= x <= 5`, `-inf <= x`, `±inf`/`±infinity`);
 * `General`/`Generals`/`Integer(s)`; `Binary`/`Binaries` (integer with bounds [0, 1]); `End`.
 * Expressions may run over several lines; `3x` is read as `3 x`. Section keywords are
 * recognised at the start of a line. Columns are numbered in order of first appearance.
 *
 * Sections come in CPLEX's order, as GLPK requires too: the objective, `Subject To` (required),
 * at most one `Bounds`, then any `General`/`Binary` sections, then `End`. A section out of order
 * or repeated (the objective, `Subject To`, `Bounds`) is an error. `End` is required (a file
 * without it is taken as truncated) and only blank and comment lines may follow it, so a
 * misplaced `End` can never drop the sections after it. A column named twice in one expression,
 * two signs in a row, text after a row's right-hand side on its line and a two-sided bound with two
 * directions (`0 >= x <= 4`) are errors too: each would otherwise read as another model.
 *
 * Rules: default bounds are [0, +∞); the last bound given wins; an upper bound below a
 * lower bound that was never set (`x <= -5` alone) is an error, as in CPLEX, not a free
 * lower bound (write `-inf <= x <= -5`); values of magnitude 1e30 and above are infinite.
 * Quadratic terms, semi-continuous columns and SOS are rejected.
 *
 * @throws LumixError `PARSE_ERROR` with a message `file:line: what was expected`, and
 *   `details: { file, line }`.
 */
export function readLp(text: string, options: ReadLpOptions = {}): StandardForm {
  return new LpReader(options.file ?? 'input.lp', options.foldRangeColumns !== false).read(text);
}

class LpReader {
  private name = '';
  private sense: ObjectiveSense | undefined;
  private section: Section = 'none';
  private tokens: Token[] = [];
  private pos = 0;
  private lineNo = 0;
  /** Line of the objective, `Subject To`, `Bounds` and `End` keywords (0: not seen). */
  private readonly sectionLine = new Map<Section | 'end', number>();
  private lastKeyword = '';
  /** Per column, the last expression (stamp) that named it. */
  private expressionMark = new Int32Array(1024);
  private expressionStamp = 0;

  private readonly colMap = new Map<string, number>();
  private readonly colNames: string[] = [];
  private readonly cost: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly integer: number[] = [];
  private readonly boundLine: number[] = [];
  private offset = 0;

  private readonly rowMap = new Map<string, number>();
  private readonly rowNames: string[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  private readonly rowStart: number[] = [0];
  private readonly entryCol: number[] = [];
  private readonly entryValue: number[] = [];

  constructor(
    private readonly file: string,
    private readonly fold: boolean,
  ) {}

  read(text: string): StandardForm {
    let pos = 0;
    const length = text.length;
    let ended = false;
    while (pos < length) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = length;
      let line = text.slice(pos, end);
      pos = end + 1;
      this.lineNo++;
      const comment = line.indexOf('\\');
      if (comment >= 0) {
        if (this.name === '' && this.section === 'none') {
          const named = /^\\\*?\s*Problem:\s*(.*?)\s*(\*\\)?\s*$/.exec(line.slice(comment));
          if (named !== null) this.name = named[1]!;
        }
        line = line.slice(0, comment);
      }
      let rest = line.trim();
      if (rest.length === 0) continue;
      if (ended) {
        throw parseError(
          this.file,
          this.lineNo,
          `found '${rest.slice(0, 40)}' after 'End' (line ${this.sectionLine.get('end')}); End must be the last line, only blank and comment lines may follow it.`,
        );
      }
      const keyword = this.sectionKeyword(rest);
      if (keyword !== undefined) {
        this.flush();
        const [kind, matched] = keyword;
        rest = rest.slice(matched.length);
        if (kind === 'end') {
          this.endSection(rest.trim());
          ended = true;
          continue;
        }
        if (kind === 'unsupported') {
          throw parseError(this.file, this.lineNo, `section '${matched}' is not supported (only linear rows, bounds, general and binary columns can be read).`);
        }
        this.enterSection(kind === 'min' || kind === 'max' ? 'objective' : kind, matched);
        if (kind === 'min' || kind === 'max') this.sense = kind;
      } else if (this.section === 'none') {
        throw parseError(this.file, this.lineNo, `expected 'Minimize' or 'Maximize' at the start of the file, found '${rest.slice(0, 20)}'.`);
      }
      const lineStart = this.tokens.length;
      this.tokenize(rest);
      // A row name starts a new row (CPLEX puts `name:` on the row's first line): the rows before
      // it are complete, so parse them now rather than holding a whole section of tokens.
      if (this.section === 'constraints' && lineStart > 0 && this.tokens[lineStart]?.kind === T.Name && this.tokens[lineStart + 1]?.kind === T.Colon) {
        this.pos = 0;
        while (this.pos < lineStart) this.parseConstraint();
        this.tokens = this.tokens.slice(this.pos);
      }
    }
    this.flush();
    if (this.sense === undefined) throw parseError(this.file, this.lineNo, `expected 'Minimize' or 'Maximize'; the file has no objective section.`);
    if (!ended) throw parseError(this.file, this.lineNo, `expected 'End' at the end of the file; the file looks truncated.`);
    return this.finish();
  }

  /** Checks that section `kind` (keyword `matched`) may start here: order, repetition, required sections. */
  private enterSection(kind: Exclude<Section, 'none'>, matched: string): void {
    const first = this.sectionLine.get(kind);
    if (kind === 'objective' && first !== undefined) {
      throw parseError(this.file, this.lineNo, `expected one objective section, found a second '${matched}' (the first at line ${first}).`);
    }
    if (this.sense === undefined && kind !== 'objective') {
      throw parseError(this.file, this.lineNo, `expected 'Minimize' or 'Maximize' before '${matched}'.`);
    }
    if (first !== undefined && kind !== 'general' && kind !== 'binary') {
      throw parseError(this.file, this.lineNo, `section '${matched}' appears a second time (the first at line ${first}); sections must come once each, in the order ${SECTION_ORDER}.`);
    }
    if (SECTION_RANK[kind] < SECTION_RANK[this.section]) {
      throw parseError(this.file, this.lineNo, `section '${matched}' cannot come after '${this.lastKeyword}'; sections must come in the order ${SECTION_ORDER}.`);
    }
    if (kind !== 'objective' && kind !== 'constraints' && !this.sectionLine.has('constraints')) {
      throw parseError(this.file, this.lineNo, `expected a 'Subject To' section before '${matched}'.`);
    }
    if (first === undefined) this.sectionLine.set(kind, this.lineNo);
    this.section = kind;
    this.lastKeyword = matched;
  }

  /** The `End` keyword: nothing may follow it on its line, and the required sections must have come. */
  private endSection(rest: string): void {
    if (rest.length > 0) throw parseError(this.file, this.lineNo, `found '${rest.slice(0, 40)}' after 'End'; End must stand alone on the last line.`);
    if (this.sense === undefined) throw parseError(this.file, this.lineNo, `expected 'Minimize' or 'Maximize' before 'End'.`);
    if (!this.sectionLine.has('constraints')) throw parseError(this.file, this.lineNo, `expected a 'Subject To' section before 'End'.`);
    this.sectionLine.set('end', this.lineNo);
  }

  private sectionKeyword(rest: string): [Keyword, string] | undefined {
    for (const [re, kind] of SECTION_WORDS) {
      const m = re.exec(rest);
      if (m === null) continue;
      const after = rest.slice(m[0].length).trimStart();
      // `bin: x + y <= 1` or `end + x >= 2` are rows, not sections.
      if (after.startsWith(':')) return undefined;
      if (kind !== 'min' && kind !== 'max' && /^[<>=+-]/.test(after)) return undefined;
      return [kind, m[0]];
    }
    return undefined;
  }

  private tokenize(s: string): void {
    const line = this.lineNo;
    const tokens = this.tokens;
    let i = 0;
    const n = s.length;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) {
        i++;
        continue;
      }
      const isDigit = c >= 48 && c <= 57;
      if (isDigit || (c === 46 && i + 1 < n && isDigitCode(s.charCodeAt(i + 1)))) {
        const end = scanNumber(s, i);
        const text = s.slice(i, end);
        const value = Number(text);
        if (!Number.isFinite(value)) throw parseError(this.file, line, `number '${text}' is too large; write inf or infinity for an infinite bound.`);
        tokens.push({ kind: T.Number, text, value, line });
        i = end;
        continue;
      }
      if (c === 43 || c === 45) {
        tokens.push(c === 43 ? { kind: T.Sign, text: '+', value: 0, line } : { kind: T.Sign, text: '-', value: 0, line });
        i++;
        continue;
      }
      if (c === 60 || c === 62 || c === 61) {
        const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        // <=, =<, >=, => are two characters; <, >, = one.
        const pair = (c === 61 && (next === 60 || next === 62)) || (c !== 61 && next === 61);
        const ch = c === 61 ? (pair ? next : 61) : c;
        const op = ch === 60 ? '<=' : ch === 62 ? '>=' : '=';
        tokens.push({ kind: T.Compare, text: op, value: 0, line });
        i += pair ? 2 : 1;
        continue;
      }
      if (c === 58) {
        tokens.push({ kind: T.Colon, text: ':', value: 0, line });
        i++;
        continue;
      }
      if (c < 128 && NAME_CLASS[c] === 1) {
        let j = i + 1;
        while (j < n) {
          const d = s.charCodeAt(j);
          if (d >= 128 || NAME_CLASS[d] === 0) break;
          j++;
        }
        tokens.push({ kind: T.Name, text: s.slice(i, j), value: 0, line });
        i = j;
        continue;
      }
      const ch = s[i]!;
      if (ch === '[' || ch === '^' || ch === '*') {
        throw parseError(this.file, line, `quadratic terms ('${ch}') are not supported; only linear expressions can be read.`);
      }
      throw parseError(this.file, line, `unexpected character '${ch}'; expected a name, a number, '+', '-', ':' or a comparison.`);
    }
  }

  // ---- parsing one section's tokens -------------------------------------------------------

  private flush(): void {
    const section = this.section;
    this.pos = 0;
    switch (section) {
      case 'objective':
        this.parseObjective();
        break;
      case 'constraints':
        while (this.pos < this.tokens.length) this.parseConstraint();
        break;
      case 'bounds':
        while (this.pos < this.tokens.length) this.parseBound();
        break;
      case 'general':
      case 'binary':
        for (const t of this.tokens) {
          if (t.kind !== T.Name) throw this.error(t, `expected a column name in the ${section === 'general' ? 'General' : 'Binary'} section but found '${t.text}'.`);
          const j = this.column(t.text);
          this.integer[j] = 1;
          if (section === 'binary') {
            this.lower[j] = 0;
            this.upper[j] = 1;
            this.boundLine[j] = t.line;
          }
        }
        break;
      default:
        break;
    }
    this.tokens = [];
  }

  private error(t: Token | undefined, message: string): Error {
    return parseError(this.file, t?.line ?? this.lineNo, message);
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private column(name: string): number {
    let j = this.colMap.get(name);
    if (j === undefined) {
      j = this.colNames.length;
      this.colMap.set(name, j);
      this.colNames.push(name);
      this.cost.push(0);
      this.lower.push(0);
      this.upper.push(Number.POSITIVE_INFINITY);
      this.integer.push(0);
      this.boundLine.push(0);
    }
    return j;
  }

  /** `name :` at the current position, consumed; undefined when there is none. */
  private label(): string | undefined {
    const a = this.peek();
    const b = this.peek(1);
    if (a?.kind === T.Name && b?.kind === T.Colon) {
      this.pos += 2;
      return a.text;
    }
    if (a?.kind === T.Colon) throw this.error(a, `expected a name before ':'.`);
    return undefined;
  }

  /**
   * Reads `[+|-] [number] [name] ...` terms into `terms` (column, coefficient) and returns the
   * sum of the constant terms. Stops at the first token that cannot continue the expression.
   */
  private expression(terms: number[]): number {
    let constant = 0;
    let first = true;
    const stamp = ++this.expressionStamp;
    for (;;) {
      const start = this.peek();
      // One sign per term, as in CPLEX and GLPK: '- - x' is an error, not a silent '+ x'.
      const sawSign = start?.kind === T.Sign;
      const sign = sawSign && start.text === '-' ? -1 : 1;
      if (sawSign) this.pos++;
      if (!first && !sawSign) return constant;
      const t = this.peek();
      if (t?.kind === T.Number) {
        this.pos++;
        const next = this.peek();
        if (next?.kind === T.Name && !INFINITY_NAME.test(next.text) && this.peek(1)?.kind !== T.Colon) {
          this.pos++;
          terms.push(this.termColumn(next, stamp), sign * t.value);
        } else {
          constant += sign * t.value;
        }
      } else if (t?.kind === T.Name && !(this.peek(1)?.kind === T.Colon)) {
        if (INFINITY_NAME.test(t.text)) throw this.error(t, `'${t.text}' cannot appear in an expression; infinite values belong on the right-hand side or in Bounds.`);
        this.pos++;
        terms.push(this.termColumn(t, stamp), sign);
      } else if (sawSign) {
        throw this.error(t ?? start, `expected a number or a column name after '${sign < 0 ? '-' : '+'}' but found ${describe(t)}.`);
      } else {
        return constant;
      }
      first = false;
    }
  }

  /**
   * The column of a term of the expression numbered `stamp`. A column named twice in one
   * expression is an error (GLPK refuses it too): a duplicated line must not double a coefficient.
   */
  private termColumn(t: Token, stamp: number): number {
    const j = this.column(t.text);
    if (j >= this.expressionMark.length) {
      const grown = new Int32Array(Math.max(2 * this.expressionMark.length, j + 1));
      grown.set(this.expressionMark);
      this.expressionMark = grown;
    }
    if (this.expressionMark[j] === stamp) {
      throw this.error(t, `column '${t.text}' appears twice in one expression; write it once, with the sum of its coefficients.`);
    }
    this.expressionMark[j] = stamp;
    return j;
  }

  /** `[+|-] number` or `[+|-] inf(inity)`, consumed; undefined (nothing consumed) otherwise. */
  private signedNumber(): number | undefined {
    const signed = this.peek()?.kind === T.Sign;
    const k = signed ? 1 : 0;
    const sign = signed && this.peek()!.text === '-' ? -1 : 1;
    const t = this.peek(k);
    let v: number;
    if (t?.kind === T.Number) v = t.value;
    else if (t?.kind === T.Name && INFINITY_NAME.test(t.text)) v = Number.POSITIVE_INFINITY;
    else return undefined;
    this.pos += k + 1;
    return toBound(sign * v);
  }

  private expectNumber(after: Token): number {
    const v = this.signedNumber();
    if (v === undefined) {
      throw this.error(this.peek() ?? after, `expected a number after '${after.text}' but found ${describe(this.peek())}.`);
    }
    return v;
  }

  /** True when the tokens at the current position are a signed number followed by a comparison. */
  private numberThenCompare(): boolean {
    const k = this.peek()?.kind === T.Sign ? 1 : 0;
    const t = this.peek(k);
    const isNumber = t?.kind === T.Number || (t?.kind === T.Name && INFINITY_NAME.test(t.text));
    return isNumber && this.peek(k + 1)?.kind === T.Compare;
  }

  private parseObjective(): void {
    this.label();
    const terms: number[] = [];
    this.offset += this.expression(terms);
    for (let k = 0; k < terms.length; k += 2) this.cost[terms[k]!] = this.cost[terms[k]!]! + terms[k + 1]!;
    const t = this.peek();
    if (t !== undefined) throw this.error(t, `expected '+', '-' or the next section after the objective but found ${describe(t)}.`);
  }

  private parseConstraint(): void {
    const startToken = this.peek()!;
    const explicitName = this.label();
    const terms: number[] = [];
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    const apply = (op: string, v: number, exprOnLeft: boolean) => {
      if (op === '=') {
        lo = v;
        hi = v;
      } else if ((op === '<=') === exprOnLeft) hi = v;
      else lo = v;
    };
    if (this.numberThenCompare()) {
      const left = this.signedNumber()!;
      const op1 = this.peek()!;
      this.pos++;
      const constant = this.expression(terms);
      if (terms.length === 0) throw this.error(this.peek() ?? op1, `expected an expression with at least one column after '${op1.text}'.`);
      apply(op1.text, left - constant, false);
      const op2 = this.peek();
      if (op2?.kind === T.Compare) {
        this.pos++;
        if (op2.text !== op1.text || op1.text === '=') {
          throw this.error(op2, `a ranged row needs two '<=' or two '>=' (as in '-5 <= x + y <= 5'), found '${op1.text}' and '${op2.text}'.`);
        }
        apply(op2.text, this.expectNumber(op2) - constant, true);
      }
    } else {
      const constant = this.expression(terms);
      const op = this.peek();
      if (op?.kind !== T.Compare) {
        throw this.error(op ?? startToken, `expected a comparison ('<=', '>=' or '=') after the row's expression but found ${describe(op)}.`);
      }
      if (terms.length === 0) throw this.error(op, `expected at least one column before '${op.text}'.`);
      this.pos++;
      apply(op.text, this.expectNumber(op) - constant, true);
    }
    const rowIndex = this.rowNames.length;
    const name = explicitName ?? `c${rowIndex + 1}`;
    // A row ends its line (as GLPK requires): text after the right-hand side is an error, not
    // the start of an unnamed row, so a mangled row cannot silently turn into two.
    const last = this.tokens[this.pos - 1]!;
    const next = this.peek();
    if (next !== undefined && next.line === last.line) {
      throw this.error(next, `expected the end of the line after row '${name}' but found '${next.text}'; start each row on a line of its own.`);
    }
    if (this.rowMap.has(name)) throw this.error(startToken, `row name '${name}' is used twice; give every row its own name.`);
    if (lo === Number.POSITIVE_INFINITY || hi === Number.NEGATIVE_INFINITY || lo > hi) {
      throw this.error(startToken, `row '${name}' asks for ${lo} <= expression <= ${hi}, which no point satisfies; check its right-hand side.`);
    }
    this.rowMap.set(name, rowIndex);
    this.rowNames.push(name);
    this.rowLower.push(lo);
    this.rowUpper.push(hi);
    for (let k = 0; k < terms.length; k += 2) {
      this.entryCol.push(terms[k]!);
      this.entryValue.push(terms[k + 1]!);
    }
    this.rowStart.push(this.entryCol.length);
  }

  private parseBound(): void {
    const start = this.peek()!;
    const setLower = (j: number, v: number) => {
      this.lower[j] = v;
    };
    const setUpper = (j: number, v: number) => {
      this.upper[j] = v;
    };
    const apply = (j: number, op: string, v: number, columnOnLeft: boolean) => {
      if (op === '=') {
        setLower(j, v);
        setUpper(j, v);
      } else if ((op === '<=') === columnOnLeft) setUpper(j, v);
      else setLower(j, v);
    };
    if (this.numberThenCompare()) {
      const left = this.signedNumber()!;
      const op1 = this.peek()!;
      this.pos++;
      const col = this.peek();
      if (col?.kind !== T.Name) throw this.error(col ?? op1, `expected a column name after '${op1.text}' in Bounds but found ${describe(col)}.`);
      this.pos++;
      const j = this.column(col.text);
      this.boundLine[j] = start.line;
      apply(j, op1.text, left, false);
      const op2 = this.peek();
      if (op2?.kind === T.Compare) {
        this.pos++;
        // '0 >= x <= 4' or '0 = x <= 4' would silently keep only one side (GLPK refuses them too).
        if (op2.text !== op1.text || op1.text === '=') {
          throw this.error(op2, `a two-sided bound needs two '<=' or two '>=' (as in '-5 <= ${col.text} <= 5'), found '${op1.text}' and '${op2.text}'.`);
        }
        apply(j, op2.text, this.expectNumber(op2), true);
      }
      return;
    }
    if (start.kind !== T.Name) throw this.error(start, `expected a bound such as 'x <= 4', '-1 <= x <= 1' or 'x free' but found ${describe(start)}.`);
    this.pos++;
    const j = this.column(start.text);
    this.boundLine[j] = start.line;
    const next = this.peek();
    if (next?.kind === T.Name && /^free$/i.test(next.text)) {
      this.pos++;
      setLower(j, Number.NEGATIVE_INFINITY);
      setUpper(j, Number.POSITIVE_INFINITY);
      return;
    }
    if (next?.kind !== T.Compare) throw this.error(next ?? start, `expected '<=', '>=', '=' or 'free' after '${start.text}' in Bounds but found ${describe(next)}.`);
    this.pos++;
    apply(j, next.text, this.expectNumber(next), true);
  }

  // ---- building the problem ----------------------------------------------------------------

  private finish(): StandardForm {
    for (let j = 0; j < this.colNames.length; j++) {
      const lo = this.lower[j]!;
      const hi = this.upper[j]!;
      if (lo > hi || lo === Number.POSITIVE_INFINITY || hi === Number.NEGATIVE_INFINITY) {
        const hint = hi < 0 && lo === 0 ? ` (the default lower bound is 0: write '-inf <= ${this.colNames[j]} <= ${hi}' for a free lower bound)` : '';
        throw parseError(this.file, this.boundLine[j] || this.lineNo, `column '${this.colNames[j]}' has lower bound ${lo} above its upper bound ${hi}${hint}.`);
      }
    }
    if (this.fold) this.foldRangeColumns();
    const n = this.colNames.length;
    const m = this.rowNames.length;
    const colNames = this.colNames;
    const rowNames = this.rowNames;
    return finishStandardForm({
      name: this.name,
      sense: this.sense!,
      objectiveOffset: this.offset === 0 ? 0 : this.offset,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      colIntegral: Uint8Array.from(this.integer),
      rowLower: Float64Array.from(this.rowLower),
      rowUpper: Float64Array.from(this.rowUpper),
      rowStart: Int32Array.from(this.rowStart),
      colIndex: Int32Array.from(this.entryCol),
      value: Float64Array.from(this.entryValue),
      colName: (j) => (j < n ? colNames[j]! : `x${j}`),
      rowName: (i) => (i < m ? rowNames[i]! : `c${i + 1}`),
    });
  }

  /** Turns `a·x − ~r = b, lb <= ~r <= ub` back into `b + lb <= a·x <= b + ub` (see ReadLpOptions). */
  private foldRangeColumns(): void {
    const n = this.colNames.length;
    const candidates: number[] = [];
    for (let j = 0; j < n; j++) {
      if (this.colNames[j]!.startsWith('~r_') && this.cost[j] === 0 && this.integer[j] === 0) candidates.push(j);
    }
    if (candidates.length === 0) return;
    const count = new Int32Array(n);
    const where = new Int32Array(n).fill(-1);
    for (let k = 0; k < this.entryCol.length; k++) {
      const j = this.entryCol[k]!;
      count[j]!++;
      where[j] = k;
    }
    const drop = new Uint8Array(n);
    const dropEntry = new Uint8Array(this.entryCol.length);
    for (const j of candidates) {
      const k = where[j]!;
      if (count[j] !== 1 || this.entryValue[k] !== -1) continue;
      const i = this.rowOfEntry(k);
      const b = this.rowLower[i]!;
      if (b !== this.rowUpper[i]) continue;
      this.rowLower[i] = b + this.lower[j]!;
      this.rowUpper[i] = b + this.upper[j]!;
      drop[j] = 1;
      dropEntry[k] = 1;
    }
    const newIndex = new Int32Array(n);
    let w = 0;
    for (let j = 0; j < n; j++) {
      newIndex[j] = w;
      if (drop[j] === 1) continue;
      this.colNames[w] = this.colNames[j]!;
      this.cost[w] = this.cost[j]!;
      this.lower[w] = this.lower[j]!;
      this.upper[w] = this.upper[j]!;
      this.integer[w] = this.integer[j]!;
      w++;
    }
    if (w === n) return;
    for (const arr of [this.colNames, this.cost, this.lower, this.upper, this.integer]) arr.length = w;
    let out = 0;
    let k = 0;
    for (let i = 0; i < this.rowNames.length; i++) {
      const end = this.rowStart[i + 1]!;
      for (; k < end; k++) {
        if (dropEntry[k] === 1) continue;
        this.entryCol[out] = newIndex[this.entryCol[k]!]!;
        this.entryValue[out] = this.entryValue[k]!;
        out++;
      }
      this.rowStart[i + 1] = out;
    }
    this.entryCol.length = out;
    this.entryValue.length = out;
  }

  private rowOfEntry(k: number): number {
    let lo = 0;
    let hi = this.rowNames.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.rowStart[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function describe(t: Token | undefined): string {
  return t === undefined ? 'the end of the section' : `'${t.text}'`;
}
