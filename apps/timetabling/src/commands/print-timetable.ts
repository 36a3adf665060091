import type { CliOutput } from '@lumix/app-kit';
import type { SchoolData } from '../data/school-data.js';
import { formatGrid } from '../report/format-grid.js';
import { buildTimetableGrids, type Placement } from '../report/timetable-grids.js';

/** Prints the weekly grids of every teacher, class and room, each set under a heading. */
export function printTimetable(out: CliOutput, data: SchoolData, placements: readonly Placement[]): void {
  const grids = buildTimetableGrids(data, placements);
  const sets = [
    ['TEACHER TIMETABLES', grids.teachers],
    ['CLASS TIMETABLES', grids.classes],
    ['ROOM TIMETABLES', grids.rooms],
  ] as const;
  for (const [heading, list] of sets) {
    out.out('');
    out.out(heading);
    out.out('='.repeat(heading.length));
    for (const g of list) {
      out.out('');
      out.out(formatGrid(g));
    }
  }
}
