import { explainInfeasibleModel, explanationMethod, membersByFamily } from '@lumix/app-kit';
import type { ExplainedMember, Key, Model, Solver } from '@lumix/core';
import type { SchoolData } from '../data/school-data.js';
import { diagnoseInfeasibility } from './diagnose-infeasibility.js';

/** What explained an infeasible timetable, and the lines that say it. */
interface TimetableExplanation {
  /** `explain`: core's explain (IIS or elastic filter) named the rules; `counting`: the counting diagnosis; `none`: neither found a cause. */
  readonly by: 'explain' | 'counting' | 'none';
  readonly lines: readonly string[];
}

/** At most `n` names, then `… (+k more)`. */
function some(names: readonly string[], n = 6): string {
  return names.length <= n ? names.join(', ') : `${names.slice(0, n).join(', ')} … (+${names.length - n} more)`;
}

/** The slot ids in a group's keys (`[owner, slot]`) as names, or `every timeslot` when all are there. */
function slotList(data: SchoolData, slots: readonly number[]): string {
  if (slots.length === data.timeslots.length) return `every one of the ${slots.length} timeslots`;
  const name = new Map(data.timeslots.map((t) => [t.id, `${t.day_name} P${t.period}`]));
  return `${slots.length} timeslot${slots.length === 1 ? '' : 's'} (${some(slots.map((s) => name.get(s) ?? `timeslot ${s}`))})`;
}

const keyPart = (key: Key | undefined, i: number): number => Number(Array.isArray(key) ? key[i] : key);

/** The rows of one family of the conflict as sentences, grouped by the teacher, class or room they are about. */
function familyLines(data: SchoolData, family: string, members: readonly ExplainedMember[]): string[] {
  const lecture = new Map(data.lectures.map((l) => [l.id, l]));
  const subject = new Map(data.subjects.map((s) => [s.id, s.name]));
  const teacher = new Map(data.teachers.map((t) => [t.id, t.name]));
  const cls = new Map(data.classes.map((c) => [c.id, c.name]));
  const room = new Map(data.classrooms.map((r) => [r.id, r.name]));
  const byOwner = (ownerAt: number, slotAt: number): Map<number, number[]> => {
    const out = new Map<number, number[]>();
    for (const m of members) {
      const owner = keyPart(m.key, ownerAt);
      out.set(owner, [...(out.get(owner) ?? []), keyPart(m.key, slotAt)]);
    }
    return out;
  };
  switch (family) {
    case 'lecture_once': {
      const names = members.map((m) => {
        const l = lecture.get(keyPart(m.key, 0));
        return l === undefined ? `#${String(m.key)}` : `#${l.id} ${subject.get(l.subject_id) ?? '?'} ${cls.get(l.class_id) ?? '?'} (${teacher.get(l.teacher_id) ?? '?'})`;
      });
      return [`every lecture takes place once: ${members.length} lecture${members.length === 1 ? '' : 's'}: ${some(names)}`];
    }
    case 'teacher_slot':
      return [...byOwner(0, 1)].map(([t, slots]) => `teacher ${teacher.get(t) ?? `#${t}`} teaches at most one lecture at a time: at ${slotList(data, slots)}`);
    case 'class_slot':
      return [...byOwner(0, 1)].map(([c, slots]) => `class ${cls.get(c) ?? `#${c}`} has at most one lecture at a time: at ${slotList(data, slots)}`);
    case 'room_slot':
      return [...byOwner(1, 0)].map(([r, slots]) => `room ${room.get(r) ?? `#${r}`} holds at most one lecture at a time: at ${slotList(data, slots)}`);
    default:
      return [`${family}: ${some(members.map((m) => m.name))}`];
  }
}

/**
 * Explains why no timetable exists, in the school's words. First core's explain on the model
 * (HiGHS' IIS, an elastic filter with GLPK; preferences and the same-subject rule set aside, they
 * are goals): the lectures, teachers, classes, rooms and timeslots whose rules conflict. When that
 * names nothing (only integrality makes it infeasible: the LP relaxation has a fractional
 * timetable) or fails (or `signal`, Ctrl-C, stops it), the counting diagnosis of
 * {@link diagnoseInfeasibility}. The first line says which one answered.
 */
export async function explainInfeasibleTimetable(
  model: Model,
  data: SchoolData,
  solver: Solver,
  goalFamilies: readonly string[],
  timeLimit?: number,
  signal?: AbortSignal,
): Promise<TimetableExplanation> {
  const e = await explainInfeasibleModel(model, { solver, goalFamilies, ...(timeLimit === undefined ? {} : { timeLimit }), ...(signal === undefined ? {} : { signal }) });
  if (e?.infeasible && e.rows.length > 0) {
    const lines = [`Explained by ${explanationMethod(e, solver.name)}: these rules cannot all hold together, and dropping any one of them lets the rest hold:`];
    for (const [family, members] of membersByFamily(e.rows)) for (const l of familyLines(data, family, members)) lines.push(`  - ${l}`);
    return { by: 'explain', lines };
  }
  const counted = diagnoseInfeasibility(data);
  const why =
    e === null || e.status === 'interrupted' || e.status === 'time-limit'
      ? 'explain did not finish'
      : e.infeasible && e.rows.length === 0
        ? 'explain names no rule: the LP relaxation admits a fractional timetable, so only whole lectures make it impossible'
        : `explain found the model ${e.status}`;
  if (counted === null) return { by: 'none', lines: [`No single cause found (${why}; the counting diagnosis finds every count fine: the conflict comes from a mix of rules).`] };
  return { by: 'counting', lines: [`Explained by counting (${why}): ${counted}`] };
}
