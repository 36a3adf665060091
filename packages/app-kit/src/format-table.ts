/** A column of a console or HTML table. */
export interface TableColumn {
  readonly header: string;
  /** Cell alignment. Default `left`; use `right` for numbers. */
  readonly align?: 'left' | 'right';
}

/** Options of {@link formatTable}. */
export interface FormatTableOptions {
  /** A heading printed above the table, underlined. Default: none. */
  readonly title?: string;
  /** A last row (totals) set off by a rule. Default: none. */
  readonly footer?: readonly string[];
}

/**
 * Formats rows as a fixed-width console table: a header, a rule, the rows, and optionally a rule
 * and a footer row. Cells are strings (format numbers first, e.g. with {@link formatNumber});
 * missing cells print empty.
 */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: FormatTableOptions = {}): string {
  const n = columns.length;
  const widths = columns.map((c) => c.header.length);
  const widen = (r: readonly string[]): void => {
    for (let j = 0; j < n; j++) {
      const len = (r[j] ?? '').length;
      if (len > (widths[j] as number)) widths[j] = len;
    }
  };
  for (const r of rows) widen(r);
  if (options.footer !== undefined) widen(options.footer);
  const right = columns.map((c) => c.align === 'right');
  // A line is one string built by concatenation (no array of padded cells and join per line).
  const line = (cells: readonly string[]): string => {
    let s = '';
    for (let j = 0; j < n; j++) {
      const cell = cells[j] ?? '';
      const w = widths[j] as number;
      if (j > 0) s += '  ';
      s += right[j] === true ? cell.padStart(w) : cell.padEnd(w);
    }
    return s.trimEnd();
  };
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out: string[] = [];
  if (options.title !== undefined) out.push(options.title, '='.repeat(Math.max(options.title.length, rule.length)));
  out.push(line(columns.map((c) => c.header)), rule);
  // The lines joined a piece at a time, so that each line string dies young (issue 9: a 30k-row
  // table's lines kept alive until one join cost more in garbage collection than in formatting).
  let piece: string[] = [];
  for (const r of rows) {
    piece.push(line(r));
    if (piece.length === 1024) {
      out.push(piece.join('\n'));
      piece = [];
    }
  }
  if (piece.length > 0) out.push(piece.join('\n'));
  if (options.footer !== undefined) out.push(rule, line(options.footer));
  return out.join('\n');
}

/**
 * A number with thousands separators and a fixed number of decimals (default 2), in the `en-US`
 * style the tutorials print (`2,735.71`). Negative zero prints as `0.00`.
 */
export function formatNumber(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const v = Object.is(Math.round(value * 10 ** decimals) / 10 ** decimals, -0) ? 0 : value;
  return fixedEnUs(v, decimals) ?? numberFormat(decimals).format(v);
}

/**
 * One `Intl.NumberFormat` per number of decimals, made on first use and kept: building one is what
 * `toLocaleString` does on every call, which made number formatting 36 % of a 10k-product `solve`
 * (115 µs a cell against 1.9 µs for a kept formatter, issue 9). Used where {@link fixedEnUs} is not.
 */
const FORMATS = new Map<number, Intl.NumberFormat>();

function numberFormat(decimals: number): Intl.NumberFormat {
  let f = FORMATS.get(decimals);
  if (f === undefined) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    FORMATS.set(decimals, f);
  }
  return f;
}

/** Zeros to pad decimals with, by count. */
const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000', '0000000', '00000000', '000000000'];
const POW10 = ZEROS.map((_, i) => 10 ** i);

/** Integer digits grouped by three with commas: `1234567` → `1,234,567`. */
function groupThousands(int: string): string {
  if (int.length <= 3) return int;
  const head = int.length % 3 || 3;
  let grouped = int.slice(0, head);
  for (let i = head; i < int.length; i += 3) grouped += `,${int.slice(i, i + 3)}`;
  return grouped;
}

/**
 * What `new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }).format(v)`
 * returns, character for character, several times faster (a kept formatter still cost 0.3–1 µs
 * a cell: 160 ms of a 30k-product `solve --report`, issue 9); `undefined` where it does not apply
 * (more than 9 decimals, or a number whose shortest form has an exponent: below 1e-6 or from 1e21).
 *
 * ICU rounds the shortest decimal form of the double (`String(v)`: 1.005 → "1.01", where
 * `toFixed` gives "1.00") half away from zero, keeps the sign of a value that rounds to zero
 * ("-0.00") and groups the integer digits by three. Most numbers are far from a tie in the last
 * kept place, and then rounding the double scaled by 10^d gives the same digits; near a tie (or
 * past 10^12 scaled) the digits of `String(v)` are rounded instead.
 */
function fixedEnUs(v: number, decimals: number): string | undefined {
  const p = POW10[decimals];
  if (p === undefined || !Number.isInteger(decimals)) return undefined;
  const negative = v < 0 || Object.is(v, -0);
  const a = negative ? -v : v;
  const scaled = a * p;
  const whole = Math.floor(scaled);
  const rest = scaled - whole;
  // The scaled double is within 2^-52 relative of both the exact value and the shortest form's
  // value: below 10^12 that is under 3e-4, so a remainder 1e-3 away from one half rounds alike.
  if (scaled < 1e12 && (rest < 0.499 || rest > 0.501)) {
    const n = rest > 0.5 ? whole + 1 : whole;
    const int = groupThousands(String(Math.floor(n / p)));
    if (decimals === 0) return negative ? `-${int}` : int;
    const f = String(n % p);
    return `${(negative ? '-' : '') + int}.${ZEROS[decimals - f.length] as string}${f}`;
  }
  const s = String(a);
  if (s.includes('e')) return undefined;
  const dot = s.indexOf('.');
  let int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? '' : s.slice(dot + 1);
  if (frac.length <= decimals) {
    frac += ZEROS[decimals - frac.length] as string;
  } else {
    const up = frac.charCodeAt(decimals) >= 53; // '5' or more: half away from zero
    frac = frac.slice(0, decimals);
    if (up) {
      // One unit more in the last kept place, carried through the fraction into the integer.
      const digits = (int + frac).split('');
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === '9') digits[i--] = '0';
      if (i < 0) digits.unshift('1');
      else digits[i] = String.fromCharCode((digits[i] as string).charCodeAt(0) + 1);
      const joined = digits.join('');
      int = joined.slice(0, joined.length - decimals);
      frac = joined.slice(joined.length - decimals);
    }
  }
  return (negative ? '-' : '') + groupThousands(int) + (decimals === 0 ? '' : `.${frac}`);
}

/** A dollar amount with thousands separators and cents: `$2,735.71`, `-$0.71`. */
export function formatMoney(value: number, decimals = 2): string {
  const s = formatNumber(Math.abs(value), decimals);
  return (value < 0 && s !== formatNumber(0, decimals) ? '-$' : '$') + s;
}

/** A percentage of 0–100 with one decimal (default): `36.7%`. */
export function formatPercent(value: number, decimals = 1): string {
  return `${formatNumber(value, decimals)}%`;
}
