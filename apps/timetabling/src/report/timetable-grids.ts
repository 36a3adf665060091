import type { SchoolData, Timeslot } from '../data/school-data.js';

/** One saved placement: a lecture in a timeslot and a classroom (a `schedule_assignments` row without its ids). */
export interface Placement {
  readonly lecture_id: number;
  readonly timeslot_id: number;
  readonly classroom_id: number;
}

/** Whose week a grid shows. */
type GridKind = 'teacher' | 'class' | 'room';

/** One lecture shown in a cell: its subject, then the two other facts (class/room, teacher/room or class/teacher). */
interface GridEntry {
  readonly lectureId: number;
  readonly subject: string;
  /** The lines of the cell, subject first (3 lines). */
  readonly lines: readonly string[];
}

/** A cell of a grid: `null` when the week has no timeslot at that day and period, else its lectures (none = free). */
export type GridCell = readonly GridEntry[] | null;

/** One weekly grid: days as columns, periods as rows. */
export interface TimetableGrid {
  readonly kind: GridKind;
  /** Id of the teacher, class or room. */
  readonly id: number;
  /** Its name (`Dr. Smith`, `9A`, `Room 101`). */
  readonly title: string;
  /** A short fact line (`6 lectures`, `25 students · 4 lectures`, `30 seats · 9 of 30 periods used`, `GYM · 50 seats · 12 of 40 periods used`). */
  readonly subtitle: string;
  /** The days of the week that have timeslots, in order. */
  readonly days: readonly { readonly day_of_week: number; readonly day_name: string }[];
  /** The periods that occur on any day, in order. */
  readonly periods: readonly number[];
  /** `cells[periodIndex][dayIndex]`. */
  readonly cells: readonly (readonly GridCell[])[];
}

/** The three sets of grids of a timetable. */
export interface TimetableGrids {
  readonly teachers: readonly TimetableGrid[];
  readonly classes: readonly TimetableGrid[];
  readonly rooms: readonly TimetableGrid[];
}

/**
 * Lays out a timetable as weekly grids: one per teacher, per class and per room (in id order).
 * Cells show subject / class / room for a teacher, subject / teacher / room for a class and
 * subject / class / teacher for a room. A placement that names an unknown record shows `?`, so a
 * damaged run can still be looked at.
 */
export function buildTimetableGrids(data: SchoolData, placements: readonly Placement[]): TimetableGrids {
  const byId = <T extends { id: number }>(xs: readonly T[]) => new Map(xs.map((x) => [x.id, x]));
  const lectures = byId(data.lectures);
  const teachers = byId(data.teachers);
  const classes = byId(data.classes);
  const rooms = byId(data.classrooms);
  const subjects = byId(data.subjects);
  const slots = byId(data.timeslots);

  const dayMap = new Map<number, string>();
  const periodSet = new Set<number>();
  for (const t of data.timeslots) {
    if (!dayMap.has(t.day_of_week)) dayMap.set(t.day_of_week, t.day_name);
    periodSet.add(t.period);
  }
  const days = [...dayMap].sort((a, b) => a[0] - b[0]).map(([day_of_week, day_name]) => ({ day_of_week, day_name }));
  const periods = [...periodSet].sort((a, b) => a - b);
  const dayIndex = new Map(days.map((d, i) => [d.day_of_week, i]));
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const slotExists = new Set(data.timeslots.map((t) => `${t.day_of_week}/${t.period}`));

  type Mutable = { kind: GridKind; id: number; title: string; facts: string; count: number; cells: GridEntry[][][] };
  const blank = (kind: GridKind, id: number, title: string, facts: string): Mutable => ({
    kind,
    id,
    title,
    facts,
    count: 0,
    cells: periods.map(() => days.map(() => [] as GridEntry[])),
  });
  const teacherGrids = new Map(data.teachers.map((t) => [t.id, blank('teacher', t.id, t.name, '')]));
  const classGrids = new Map(data.classes.map((c) => [c.id, blank('class', c.id, c.name, `${c.size} students`)]));
  const roomGrids = new Map(data.classrooms.map((r) => [r.id, blank('room', r.id, r.name, `${r.room_type === undefined || r.room_type === 'REGULAR' ? '' : `${r.room_type} · `}${r.capacity} seats`)]));

  const put = (grid: Mutable | undefined, slot: Timeslot, entry: GridEntry) => {
    if (grid === undefined) return;
    const pi = periodIndex.get(slot.period);
    const di = dayIndex.get(slot.day_of_week);
    if (pi === undefined || di === undefined) return;
    (grid.cells[pi] as GridEntry[][])[di]?.push(entry);
    grid.count++;
  };

  const sorted = [...placements].sort((a, b) => a.timeslot_id - b.timeslot_id || a.classroom_id - b.classroom_id);
  for (const p of sorted) {
    const slot = slots.get(p.timeslot_id);
    const lecture = lectures.get(p.lecture_id);
    if (slot === undefined) continue;
    const subject = lecture === undefined ? `lecture ${p.lecture_id}?` : (subjects.get(lecture.subject_id)?.name ?? '?');
    const teacher = lecture === undefined ? '?' : (teachers.get(lecture.teacher_id)?.name ?? '?');
    const klass = lecture === undefined ? '?' : (classes.get(lecture.class_id)?.name ?? '?');
    const room = rooms.get(p.classroom_id)?.name ?? '?';
    const entry = (lines: string[]): GridEntry => ({ lectureId: p.lecture_id, subject, lines });
    if (lecture !== undefined) {
      put(teacherGrids.get(lecture.teacher_id), slot, entry([subject, klass, room]));
      put(classGrids.get(lecture.class_id), slot, entry([subject, teacher, room]));
    }
    put(roomGrids.get(p.classroom_id), slot, entry([subject, klass, teacher]));
  }

  const totalSlots = data.timeslots.length;
  const finish = (g: Mutable): TimetableGrid => {
    const lectureWord = `${g.count} lecture${g.count === 1 ? '' : 's'}`;
    const subtitle =
      g.kind === 'teacher'
        ? lectureWord
        : g.kind === 'class'
          ? `${g.facts} · ${lectureWord}`
          : `${g.facts} · ${g.count} of ${totalSlots} periods used`;
    return {
      kind: g.kind,
      id: g.id,
      title: g.title,
      subtitle,
      days,
      periods,
      cells: g.cells.map((row, pi) =>
        row.map((entries, di) => (slotExists.has(`${days[di]?.day_of_week}/${periods[pi]}`) ? entries : null)),
      ),
    };
  };
  return {
    teachers: [...teacherGrids.values()].map(finish),
    classes: [...classGrids.values()].map(finish),
    rooms: [...roomGrids.values()].map(finish),
  };
}
