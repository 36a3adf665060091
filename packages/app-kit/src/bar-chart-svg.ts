import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-table.js';

/** One bar of {@link barChartSvg}. */
export interface ChartBar {
  readonly label: string;
  /** The bar's value, in the chart's unit (a percentage for utilisation). */
  readonly value: number;
  /** Text at the end of the bar. Default: the value with one decimal and the unit. */
  readonly valueLabel?: string;
  /** Colour class. Default: by value against `max` (>= 99.95 % full, >= 85 % warn, else ok). */
  readonly tone?: 'ok' | 'warn' | 'full';
  /** A heading row drawn before the first bar of each new group (machines, materials). Default: none. */
  readonly group?: string;
}

/** Options of {@link barChartSvg}. */
export interface BarChartOptions {
  /** Accessible title of the chart (the SVG `<title>`). */
  readonly title: string;
  /** Value of a full-length bar. Default 100. */
  readonly max?: number;
  /** Unit appended to default value labels and axis ticks. Default `%`. */
  readonly unit?: string;
  /** Width of the drawing in px. Default 760. */
  readonly width?: number;
}

const TONE_COLOUR: Readonly<Record<'ok' | 'warn' | 'full', string>> = { ok: '#2b9a66', warn: '#d9822b', full: '#c23b3b' };

/**
 * An inline SVG horizontal bar chart (utilisation of machines and materials): one labelled bar
 * per item, gridlines at quarters of `max`, a value label at the end of each bar, and group
 * headings. Pure markup, no script, no external font: it renders the same in any browser.
 */
export function barChartSvg(bars: readonly ChartBar[], options: BarChartOptions): string {
  const max = options.max ?? 100;
  const unit = options.unit ?? '%';
  const width = options.width ?? 760;
  const labelW = 210;
  const valueW = 190;
  const plotX = labelW;
  const plotW = width - labelW - valueW;
  const rowH = 30;
  const barH = 18;
  const top = 26;
  const rows: string[] = [];
  let y = top;
  let group: string | undefined;
  for (const bar of bars) {
    if (bar.group !== undefined && bar.group !== group) {
      group = bar.group;
      rows.push(`<text x="0" y="${y + 18}" class="grp">${escapeHtml(bar.group)}</text>`);
      y += rowH - 4;
    }
    const v = Number.isFinite(bar.value) ? bar.value : 0;
    const frac = Math.max(0, Math.min(1, v / max));
    const tone = bar.tone ?? (v >= max * 0.9995 ? 'full' : v >= max * 0.85 ? 'warn' : 'ok');
    const label = bar.valueLabel ?? `${formatNumber(v, 1)}${unit}`;
    rows.push(
      `<text x="${labelW - 10}" y="${y + barH / 2 + 5}" text-anchor="end" class="lbl">${escapeHtml(bar.label)}</text>`,
      `<rect x="${plotX}" y="${y}" width="${plotW}" height="${barH}" fill="#eef2f7" rx="3"/>`,
      `<rect x="${plotX}" y="${y}" width="${(plotW * frac).toFixed(1)}" height="${barH}" fill="${TONE_COLOUR[tone]}" rx="3"><title>${escapeHtml(`${bar.label}: ${label}`)}</title></rect>`,
      `<text x="${plotX + plotW + 8}" y="${y + barH / 2 + 5}" class="val">${escapeHtml(label)}</text>`,
    );
    y += rowH;
  }
  const height = y + 8;
  const grid: string[] = [];
  for (let q = 0; q <= 4; q++) {
    const x = plotX + (plotW * q) / 4;
    grid.push(
      `<line x1="${x.toFixed(1)}" y1="${top - 6}" x2="${x.toFixed(1)}" y2="${height - 8}" stroke="#d9e2ec" stroke-dasharray="${q === 0 ? '0' : '3 3'}"/>`,
      `<text x="${x.toFixed(1)}" y="${top - 10}" text-anchor="middle" class="tick">${escapeHtml(formatNumber((max * q) / 4, 0) + unit)}</text>`,
    );
  }
  return `<svg role="img" aria-label="${escapeHtml(options.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui,Arial,sans-serif">
<title>${escapeHtml(options.title)}</title>
<style>.lbl{font-size:13px;fill:#1f2933}.val{font-size:12px;fill:#52606d}.tick{font-size:11px;fill:#7b8794}.grp{font-size:12px;font-weight:700;fill:#52606d;text-transform:uppercase;letter-spacing:.05em}</style>
${grid.join('\n')}
${rows.join('\n')}
</svg>`;
}
