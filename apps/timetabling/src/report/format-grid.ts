import type { GridCell, TimetableGrid } from './timetable-grids.js';

/** Options of {@link formatGrid}. */
export interface FormatGridOptions {
  /** Width of a day column in characters, borders excluded. Default 20 (as in the tutorial). */
  readonly columnWidth?: number;
}

const PERIOD_WIDTH = 6;

function fit(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : text.slice(0, width - 1) + '…';
}

function cellLines(cell: GridCell): string[] {
  if (cell === null) return ['·'];
  if (cell.length === 0) return [];
  const first = cell[0]?.lines ?? [];
  // Two lectures in one cell only happen in a damaged run; say so instead of hiding one.
  return cell.length === 1 ? [...first] : [...first.slice(0, 2), `CLASH: +${cell.length - 1} more`];
}

/**
 * A weekly grid as console text: a title line, then days as columns and periods as rows. Each
 * occupied cell takes three lines; a period in which the week is free everywhere takes one. A
 * `·` marks a day and period that has no timeslot. A grid with no lecture at all prints
 * `free all week` instead of an empty table.
 */
export function formatGrid(grid: TimetableGrid, options: FormatGridOptions = {}): string {
  const w = options.columnWidth ?? 20;
  const out: string[] = [];
  out.push(`${grid.title} (${grid.subtitle})`);
  if (grid.cells.every((row) => row.every((cell) => cell === null || cell.length === 0))) {
    out.push('  free all week');
    return out.join('\n');
  }
  const rule = (cross: string) => '─'.repeat(PERIOD_WIDTH + 1) + grid.days.map(() => cross + '─'.repeat(w + 1)).join('');
  out.push((fit('Period', PERIOD_WIDTH) + ' ' + grid.days.map((d) => '│ ' + fit(d.day_name, w)).join('')).trimEnd());
  out.push(rule('┼'));
  grid.periods.forEach((period, pi) => {
    const row = grid.cells[pi] ?? [];
    const lines = row.map(cellLines);
    const height = Math.max(1, ...lines.map((l) => l.length));
    for (let k = 0; k < height; k++) {
      const label = k === 0 ? fit(`  ${period}`, PERIOD_WIDTH) : ' '.repeat(PERIOD_WIDTH);
      out.push((label + ' ' + lines.map((l) => '│ ' + fit(l[k] ?? '', w)).join('')).trimEnd());
    }
    if (pi < grid.periods.length - 1) out.push(rule('┼'));
  });
  return out.join('\n');
}
