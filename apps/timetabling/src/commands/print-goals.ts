import type { CliOutput } from '@lumix/app-kit';
import type { GoalRowReport } from '@lumix/core';
import { DAY_NAMES, seniorityPriority, type SchoolData, type TeacherPreference } from '../data/school-data.js';
import { sameSubjectDayRows, type SameSubjectDay } from '../model/build-timetable-model.js';
import type { Placement } from '../report/timetable-grids.js';

/** What the goal printers read of a goal row: a solve's `GoalRowReport`, or a line recomputed from a saved timetable. */
type GoalLine<R> = Pick<GoalRowReport<R>, 'item' | 'priority' | 'weight' | 'achieved' | 'deviation' | 'satisfied'>;

/**
 * The goal lines of a saved timetable, from its `schedule_assignments` rows and the school's
 * preferences (nothing is solved): each preference at its teacher's seniority priority, with its
 * deviation in the saved placements (DAY_OFF: the teacher's lectures that day; SPECIFIC_TIME: 1
 * when the lecture is not in that slot), and each (class, subject, day) of the same-subject rule
 * with the lectures the timetable puts there.
 */
export function savedGoalLines(data: SchoolData, placements: readonly Placement[]): { preferences: GoalLine<TeacherPreference>[]; sameSubjectDay: GoalLine<SameSubjectDay>[] } {
  const lectures = new Map(data.lectures.map((l) => [l.id, l]));
  const slots = new Map(data.timeslots.map((t) => [t.id, t]));
  const teachers = new Map(data.teachers.map((t) => [t.id, t]));
  const perTeacherDay = new Map<string, number>();
  const perClassSubjectDay = new Map<string, number>();
  const placedAt = new Set<string>();
  for (const p of placements) {
    const l = lectures.get(p.lecture_id);
    const t = slots.get(p.timeslot_id);
    placedAt.add(`${p.lecture_id}/${p.timeslot_id}`);
    if (l === undefined || t === undefined) continue;
    const td = `${l.teacher_id}/${t.day_of_week}`;
    perTeacherDay.set(td, (perTeacherDay.get(td) ?? 0) + 1);
    const csd = `${l.class_id}/${l.subject_id}/${t.day_of_week}`;
    perClassSubjectDay.set(csd, (perClassSubjectDay.get(csd) ?? 0) + 1);
  }
  const preferences = (data.teacher_preferences ?? []).map((item) => {
    const teacher = teachers.get(item.teacher_id);
    const priority = teacher === undefined ? 3 : seniorityPriority(teacher);
    if (item.preference_type === 'DAY_OFF') {
      const achieved = perTeacherDay.get(`${item.teacher_id}/${String(item.day_of_week)}`) ?? 0;
      return { item, priority, weight: 1, achieved, deviation: achieved, satisfied: achieved === 0 };
    }
    const achieved = placedAt.has(`${String(item.lecture_id)}/${String(item.timeslot_id)}`) ? 1 : 0;
    return { item, priority, weight: 1, achieved, deviation: 1 - achieved, satisfied: achieved === 1 };
  });
  const sameSubjectDay = sameSubjectDayRows(data.lectures, data.timeslots).map((item) => {
    const achieved = perClassSubjectDay.get(`${item.class_id}/${item.subject_id}/${item.day_of_week}`) ?? 0;
    const deviation = Math.max(0, achieved - item.limit);
    return { item, priority: 4, weight: 1, achieved, deviation, satisfied: deviation === 0 };
  });
  return { preferences, sameSubjectDay };
}

/** A preference in words: `Dr. Smith: Tuesday off` or `Dr. Smith: lecture 1 (Mathematics 9A) at Monday P1`. */
export function describePreference(data: SchoolData, p: TeacherPreference): string {
  const teacher = data.teachers.find((t) => t.id === p.teacher_id)?.name ?? `teacher ${p.teacher_id}`;
  if (p.preference_type === 'DAY_OFF') return `${teacher}: ${DAY_NAMES[p.day_of_week as number] ?? `day ${p.day_of_week}`} off`;
  const l = data.lectures.find((x) => x.id === p.lecture_id);
  const subject = data.subjects.find((s) => s.id === l?.subject_id)?.name ?? '?';
  const cls = data.classes.find((c) => c.id === l?.class_id)?.name ?? '?';
  const slot = data.timeslots.find((t) => t.id === p.timeslot_id);
  return `${teacher}: lecture ${p.lecture_id} (${subject} ${cls}) at ${slot === undefined ? `timeslot ${p.timeslot_id}` : `${slot.day_name} P${slot.period}`}`;
}

/**
 * Prints the GOAL SATISFACTION section: per priority, a ✓/✗ line per preference (with its
 * deviation) and `Priority k: a/n satisfied (pct%)`, then the penalty Σ 10^(6−p)·deviation.
 */
export function printGoalSatisfaction(
  out: CliOutput,
  data: SchoolData,
  rows: readonly GoalLine<TeacherPreference>[],
  mode: string,
): void {
  out.out('');
  out.out('GOAL SATISFACTION (teacher preferences; priority by seniority: ≥ 15 years P1, ≥ 7 P2, else P3)');
  const priorities = [...new Set(rows.map((r) => r.priority))].sort((a, b) => a - b);
  for (const p of priorities) {
    const at = rows.filter((r) => r.priority === p);
    out.out('');
    for (const r of at) {
      const d = Math.round(r.deviation * 1e6) / 1e6;
      const unit = r.item.preference_type === 'DAY_OFF' ? `lecture${d === 1 ? '' : 's'} that day` : 'missed';
      out.out(`  ${r.satisfied ? '✓' : '✗'} [P${p}] #${r.item.id} ${describePreference(data, r.item)} (deviation ${d} ${unit})`);
    }
    const ok = at.filter((r) => r.satisfied).length;
    out.out(`  Priority ${p}: ${ok}/${at.length} satisfied (${Math.round((100 * ok) / at.length)}%)`);
  }
  // The preferences' own penalty (the same-subject rule at priority 4 is reported apart).
  const penalty = rows.reduce((s, r) => s + 10 ** (6 - r.priority) * r.weight * r.deviation, 0);
  out.out('');
  out.out(`Goal mode ${mode}; preference penalty Σ 10^(6−priority)·deviation = ${penalty.toFixed(0)}`);
}

/** Prints the soft same-subject-per-day rule: the (class, subject, day) rows it breaks, or that it holds everywhere. */
export function printSameSubjectDay(out: CliOutput, data: SchoolData, rows: readonly GoalLine<SameSubjectDay>[]): void {
  const broken = rows.filter((r) => !r.satisfied);
  out.out('');
  if (broken.length === 0) {
    out.out(`Same subject twice a day: never (${rows.length} class/subject/day rows checked).`);
    return;
  }
  out.out(`Same subject twice a day: ${broken.length} time${broken.length === 1 ? '' : 's'} (soft rule, priority 4):`);
  for (const line of sameSubjectBreaks(data, rows)) out.out(`  ✗ ${line}`);
}

/** The broken rows of the same-subject-per-day rule in words: `9A Mathematics on Monday: 2 lectures (at most 1 wanted)`. */
export function sameSubjectBreaks(data: SchoolData, rows: readonly GoalLine<SameSubjectDay>[]): string[] {
  return rows
    .filter((r) => !r.satisfied)
    .map((r) => {
      const cls = data.classes.find((c) => c.id === r.item.class_id)?.name ?? `class ${r.item.class_id}`;
      const subject = data.subjects.find((s) => s.id === r.item.subject_id)?.name ?? `subject ${r.item.subject_id}`;
      return `${cls} ${subject} on ${DAY_NAMES[r.item.day_of_week] ?? r.item.day_of_week}: ${Math.round(r.achieved)} lectures (at most ${r.item.limit} wanted)`;
    });
}
