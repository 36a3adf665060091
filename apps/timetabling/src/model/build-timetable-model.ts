import { Expr, Model, indexSource, type ConstraintFamily, type IndexSource, type Lookup, type Source, type VariableFamily } from '@lumix/core';
import type { Classroom, Lecture, TeacherPreference, Timeslot } from '../data/school-data.js';
import { loadOnce } from './load-once.js';

/** The item of one assignment variable: this lecture, in this timeslot, in this room. */
interface AssignItem {
  readonly lecture: Lecture;
  readonly slot: Timeslot;
  readonly room: Classroom;
}

/**
 * What the model reads, straight from the database through an ORM adapter (or arrays in tests).
 * Each index source is loaded once per build; when one is also read elsewhere first (the data
 * checks), wrap it with {@link loadOnce} before both uses so the table is queried once.
 */
export interface TimetableInputs {
  readonly lectures: Source<Lecture>;
  readonly timeslots: Source<Timeslot>;
  readonly classrooms: Source<Classroom>;
  /** Students per class, by class id (a cached lookup: one query). */
  readonly classSize: Lookup<number>;
  /**
   * Whether a lecture may take place in a room by its type (step 4: PE only in a gym, lab subjects
   * only in labs, the rest never in a gym). Default: every room type fits.
   */
  readonly roomTypeFits?: (lecture: Lecture, room: Classroom) => boolean;
  /** Teacher preferences, each a goal at its priority (step 3 on). Default: none. */
  readonly preferences?: readonly TeacherPreference[];
  /** Priority of a preference (1 first): by the teacher's seniority. Needed with `preferences`. */
  readonly preferencePriority?: (p: TeacherPreference) => number;
  /**
   * The soft rule "a class does not get the same subject twice a day": one goal row per (class,
   * subject with ≥ 2 lectures, day), Σ ≤ limit, where limit = ceil(lectures / days) (more only
   * when the data asks for it), at priority {@link SAME_SUBJECT_DAY_PRIORITY} with this weight.
   * Default: not modelled.
   */
  readonly sameSubjectDay?: { readonly weight: number; readonly rows: readonly SameSubjectDay[] };
}

/** Priority of the same-subject-per-day rows: after every preference (weighted scale 10^(6−4) = 100 per extra lecture, a tenth of a P3 preference). */
const SAME_SUBJECT_DAY_PRIORITY = 4;

/** One (class, subject, day) of the soft same-subject-per-day rule and the most lectures it should get. */
export interface SameSubjectDay {
  readonly class_id: number;
  readonly subject_id: number;
  readonly day_of_week: number;
  readonly limit: number;
}

/** The rows of the same-subject-per-day rule for these lectures and timeslots (only subjects a class has at least twice). */
export function sameSubjectDayRows(lectures: readonly Lecture[], timeslots: readonly Timeslot[]): SameSubjectDay[] {
  const days = [...new Set(timeslots.map((t) => t.day_of_week))].sort((a, b) => a - b);
  const count = new Map<string, { class_id: number; subject_id: number; n: number }>();
  for (const l of lectures) {
    const k = `${l.class_id}/${l.subject_id}`;
    const c = count.get(k) ?? { class_id: l.class_id, subject_id: l.subject_id, n: 0 };
    c.n++;
    count.set(k, c);
  }
  const rows: SameSubjectDay[] = [];
  for (const c of count.values()) {
    if (c.n < 2 || days.length === 0) continue;
    const limit = Math.ceil(c.n / days.length);
    for (const d of days) rows.push({ class_id: c.class_id, subject_id: c.subject_id, day_of_week: d, limit });
  }
  return rows;
}

/** The built (not yet solved) step 1/2 timetabling model and its assignment family. */
export interface TimetableModel {
  readonly model: Model;
  /** `assign[lecture, slot, room]` = 1 when the lecture takes place in that slot and room. Key: `[lectureId, slotId, roomId]`. */
  readonly assign: VariableFamily<AssignItem>;
  /** The preference goals, keyed by preference id; undefined without preferences. */
  readonly preferences?: ConstraintFamily<TeacherPreference>;
  /** The same-subject-per-day goals; undefined when not modelled. */
  readonly sameSubjectDay?: ConstraintFamily<SameSubjectDay>;
}

async function loadAll<T>(source: Source<T>): Promise<readonly T[]> {
  if (Array.isArray(source)) return source as readonly T[];
  if ((source as IndexSource<T>).isIndexSource === true) return (source as IndexSource<T>).load();
  const out: T[] = [];
  for await (const x of source as AsyncIterable<T> | Iterable<T>) out.push(x);
  return out;
}

/**
 * Declares the tutorial's step 1/2 model (a feasibility model: objective 0, so any timetable
 * that keeps the rules is optimal and the solver picks one):
 *
 * - a binary `assign` over the named product { lecture, slot, room }, keeping only the rooms that
 *   hold the lecture's class (class size ≤ room capacity);
 * - `lecture_once`: every lecture exactly once, Σ assign.sum({ lecture }) = 1;
 * - `room_slot`: at most one lecture per room and slot, assign.sum({ slot, room }) ≤ 1;
 * - `teacher_slot` and `class_slot`: a teacher, a class, in at most one place per slot, over
 *   `assign.groupBy` by [teacher id, slot id] and [class id, slot id].
 *
 * Every row selects its terms through the family's hash indexes, never by scanning the family, so
 * the build is O(non-zeros). Nothing is loaded until the model is compiled or solved.
 */
export function buildTimetableModel(inputs: TimetableInputs): TimetableModel {
  const m = new Model('timetabling');
  const lectures = loadOnce(inputs.lectures);
  const timeslots = loadOnce(inputs.timeslots);
  const classrooms = loadOnce(inputs.classrooms);
  const { classSize } = inputs;
  const assign = m.binary(
    'assign',
    { lecture: lectures, slot: timeslots, room: classrooms },
    { where: ({ lecture, room }) => classSize.get(lecture.class_id) <= room.capacity && (inputs.roomTypeFits?.(lecture, room) ?? true) },
  );

  m.constraints('lecture_once', lectures, (l) => assign.sum({ lecture: l }).eq(1));

  // One row per (slot, room); the pairs are formed when the model is built, from the same
  // (already loaded) sources as the family's dimensions.
  const slotRooms = indexSource<{ readonly slot: Timeslot; readonly room: Classroom }>('timeslots × classrooms', async () => {
    const [slots, rooms] = await Promise.all([loadAll(timeslots), loadAll(classrooms)]);
    const pairs: { slot: Timeslot; room: Classroom }[] = [];
    for (const slot of slots) for (const room of rooms) pairs.push({ slot, room });
    return pairs;
  });
  m.constraints('room_slot', slotRooms, ({ slot, room }) => assign.sum({ slot, room }).le(1), {
    key: ({ slot, room }) => [slot.id, room.id],
  });

  m.constraints(
    'teacher_slot',
    assign.groupBy(({ lecture, slot }) => [lecture.teacher_id, slot.id]),
    (g) => g.sum().le(1),
  );
  m.constraints(
    'class_slot',
    assign.groupBy(({ lecture, slot }) => [lecture.class_id, slot.id]),
    (g) => g.sum().le(1),
  );
  let sameSubjectDay: ConstraintFamily<SameSubjectDay> | undefined;
  const ssd = inputs.sameSubjectDay;
  if (ssd !== undefined && ssd.weight > 0 && ssd.rows.length > 0) {
    const byClassSubjectDay = assign.groupBy(({ lecture, slot }) => [lecture.class_id, lecture.subject_id, slot.day_of_week]);
    sameSubjectDay = m.constraints(
      'same_subject_day',
      ssd.rows,
      (r) => (byClassSubjectDay.get([r.class_id, r.subject_id, r.day_of_week])?.sum() ?? new Expr()).le(r.limit),
      { key: (r) => [r.class_id, r.subject_id, r.day_of_week] },
    );
    m.goal(sameSubjectDay, { priority: SAME_SUBJECT_DAY_PRIORITY, weight: ssd.weight });
  }
  const soft = sameSubjectDay === undefined ? {} : { sameSubjectDay };
  const prefs = inputs.preferences ?? [];
  if (prefs.length === 0) return { model: m, assign, ...soft };
  // DAY_OFF: none of the teacher's lectures on that day (≤ 0, the excess is the deviation);
  // SPECIFIC_TIME: the lecture in that slot (≥ 1, the shortfall is the deviation; lecture_once
  // keeps it ≤ 1, so this is the tutorial's step-3 '= 1' as well).
  const byTeacherDay = assign.groupBy(({ lecture, slot }) => [lecture.teacher_id, slot.day_of_week]);
  const preferences = m.constraints(
    'preference',
    prefs,
    (p) =>
      p.preference_type === 'DAY_OFF'
        ? (byTeacherDay.get([p.teacher_id, p.day_of_week as number])?.sum() ?? new Expr()).le(0)
        : assign.sum({ lecture: p.lecture_id as number, slot: p.timeslot_id as number }).ge(1),
    { key: (p) => p.id },
  );
  const priority = inputs.preferencePriority ?? (() => 1);
  m.goal(preferences, { priority, weight: 1 });
  return { model: m, assign, preferences, ...soft };
}
