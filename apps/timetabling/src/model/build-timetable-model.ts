import { Model, indexSource, type IndexSource, type Lookup, type Source, type VariableFamily } from '@lumix/core';
import type { Classroom, Lecture, Timeslot } from '../data/school-data.js';
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
}

/** The built (not yet solved) step 1/2 timetabling model and its assignment family. */
export interface TimetableModel {
  readonly model: Model;
  /** `assign[lecture, slot, room]` = 1 when the lecture takes place in that slot and room. Key: `[lectureId, slotId, roomId]`. */
  readonly assign: VariableFamily<AssignItem>;
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
    { where: ({ lecture, room }) => classSize.get(lecture.class_id) <= room.capacity },
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
  return { model: m, assign };
}
