import type { SchoolData } from '../data/school-data.js';
import type { Placement } from './timetable-grids.js';

/** The lectures of one class or teacher on each day of the week. */
export interface WeeklyLoad {
  readonly id: number;
  readonly name: string;
  /** Lectures per day, in the order of {@link WeeklyLoads.days}. */
  readonly perDay: readonly number[];
  readonly total: number;
}

/** The weekly load of every class and teacher (in id order), over the days that have timeslots. */
export interface WeeklyLoads {
  /** Names of the days that have timeslots, in order. */
  readonly days: readonly string[];
  readonly classes: readonly WeeklyLoad[];
  readonly teachers: readonly WeeklyLoad[];
}

/**
 * Counts the placed lectures of each class and teacher per day. A placement whose lecture or
 * timeslot is unknown is not counted (the grids show it as `?`).
 */
export function weeklyLoads(data: SchoolData, placements: readonly Placement[]): WeeklyLoads {
  const dayNames = new Map<number, string>();
  for (const t of data.timeslots) if (!dayNames.has(t.day_of_week)) dayNames.set(t.day_of_week, t.day_name);
  const dayOrder = [...dayNames.keys()].sort((a, b) => a - b);
  const dayIndex = new Map(dayOrder.map((d, i) => [d, i]));
  const slotDay = new Map(data.timeslots.map((t) => [t.id, dayIndex.get(t.day_of_week) as number]));
  const lectures = new Map(data.lectures.map((l) => [l.id, l]));
  const count = (list: readonly { id: number; name: string }[], owner: (l: { class_id: number; teacher_id: number }) => number): WeeklyLoad[] => {
    const per = new Map(list.map((x) => [x.id, dayOrder.map(() => 0)]));
    for (const p of placements) {
      const l = lectures.get(p.lecture_id);
      const d = slotDay.get(p.timeslot_id);
      if (l === undefined || d === undefined) continue;
      const row = per.get(owner(l));
      if (row !== undefined) row[d] = (row[d] ?? 0) + 1;
    }
    return list.map((x) => {
      const perDay = per.get(x.id) ?? [];
      return { id: x.id, name: x.name, perDay, total: perDay.reduce((s, n) => s + n, 0) };
    });
  };
  return {
    days: dayOrder.map((d) => dayNames.get(d) as string),
    classes: count(data.classes, (l) => l.class_id),
    teachers: count(data.teachers, (l) => l.teacher_id),
  };
}
