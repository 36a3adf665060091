import { Model, sum, type Expr, type VariableFamily } from '@lumix/core';

type CompiledModel = Awaited<ReturnType<Model['compile']>>;
import type { ItcInstance } from './itc-instance.js';

/** A course as the models see it: `id` is its position in the instance, `teacher` the teacher's position. */
interface CourseItem {
  readonly id: number;
  readonly name: string;
  readonly teacher: number;
  readonly lectures: number;
  readonly minDays: number;
  readonly students: number;
}

/** A curriculum: its position and its member courses. */
interface CurriculumItem {
  readonly id: number;
  readonly courses: readonly CourseItem[];
}

interface PeriodItem {
  readonly course: CourseItem;
  readonly day: number;
  readonly slot: number;
}

/** The UD2 weights of ITC-2007 track 3. */
const UD2_WEIGHTS = Object.freeze({ roomCapacity: 1, minWorkingDays: 5, curriculumCompactness: 2, roomStability: 1 });

/** Options of {@link buildPeriodStage}. */
export interface PeriodStageOptions {
  /** A home room per course (by position): two courses of one home in one period cost 1. */
  readonly homes?: readonly number[];
  /**
   * The full (monolithic) model instead: `place[course, day, slot, room]` binaries linked to
   * `meet`, one lecture per room and period, capacity and stability costs exact. Default false.
   */
  readonly withRooms?: boolean;
}

/** Stage 1 of the decomposition: which periods each course meets in (rooms only counted). */
export interface PeriodStage {
  readonly model: Model;
  /** `meet[course, day, slot]` = 1 when the course has a lecture then. Key `[courseIx, day, slot]`. */
  readonly meet: VariableFamily<PeriodItem>;
  /** With `withRooms`: `place[course, day, slot, room]` = 1 when a lecture of the course is in that room then (else empty). */
  readonly place: VariableFamily<PeriodItem & { readonly room: { readonly id: number; readonly capacity: number } }>;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function courseItems(inst: ItcInstance): CourseItem[] {
  const teachers = new Map<string, number>();
  return inst.courses.map((c, id) => {
    if (!teachers.has(c.teacher)) teachers.set(c.teacher, teachers.size);
    return { id, name: c.name, teacher: teachers.get(c.teacher)!, lectures: c.lectures, minDays: c.minDays, students: c.students };
  });
}

/**
 * Stage 1, the period model (the "time" stage of the two-stage MIP decomposition used in the
 * literature, e.g. Lach & Lübbecke, Burke, Mareček, Parkes & Rudová): binaries `meet[course, day,
 * slot]` (none in a period unavailable to the course), with the hard rules that do not depend on
 * rooms — every lecture scheduled (`lectures`), one lecture per curriculum (`curriculum_period`)
 * and per teacher (`teacher_period`) in a period, at most as many lectures as rooms in a period
 * (`rooms_period`) — and the soft costs that do not depend on rooms: minimum working days
 * (`working_day`, `min_days`, 5 per missing day) and curriculum compactness (`isolated`, 2 per
 * isolated lecture). Room capacity enters as a counting bound: in each period, the courses with
 * more than `t` students beyond the rooms that seat more than `t` (for each room capacity `t`) are
 * penalised by the least overflow one such course must cost, so stage 1 does not fill a period
 * with large courses that stage 2 cannot seat.
 *
 * Every row selects its terms through the families' hash indexes (`sum({ course, day })`,
 * `groupBy`): the build is linear in the non-zeros.
 */
export function buildPeriodStage(inst: ItcInstance, options: PeriodStageOptions = {}): PeriodStage {
  const { homes, withRooms = false } = options;
  const m = new Model('itc-periods');
  const S = inst.periodsPerDay;
  const P = inst.days * S;
  const courses = courseItems(inst);
  const byName = new Map(courses.map((c) => [c.name, c]));
  const curricula: CurriculumItem[] = inst.curricula.map((q, id) => ({ id, courses: q.courses.map((n) => byName.get(n)!) }));
  const days = range(inst.days);
  const slots = range(S);
  const unavailable = new Set(inst.unavailability.map((u) => byName.get(u.course)!.id * P + u.day * S + u.period));

  const meet = m.binary('meet', { course: courses, day: days, slot: slots }, { where: ({ course, day, slot }) => !unavailable.has(course.id * P + day * S + slot) });

  m.constraints('lectures', courses, (c) => meet.sum({ course: c }).eq(c.lectures));
  m.constraints('teacher_period', meet.groupBy(({ course, day, slot }) => [course.teacher, day, slot]), (g) => g.sum().le(1));
  m.constraints('rooms_period', meet.groupBy(({ day, slot }) => [day, slot]), (g) => g.sum().le(inst.rooms.length));

  const qPeriods = curricula.flatMap((q) => days.flatMap((day) => slots.map((slot) => ({ q, day, slot }))));
  const load = (q: CurriculumItem, day: number, slot: number): Expr => sum(q.courses.map((c) => meet.sum({ course: c, day, slot })));
  m.constraints('curriculum_period', qPeriods, ({ q, day, slot }) => load(q, day, slot).le(1), { key: ({ q, day, slot }) => [q.id, day, slot] });

  // Minimum working days: working[c, d] ≤ Σ_s meet[c, d, s]; missing[c] ≥ minDays − Σ_d working[c, d].
  const working = m.binary('working', { course: courses, day: days });
  m.constraints(
    'working_day',
    courses.flatMap((course) => days.map((day) => ({ course, day }))),
    ({ course, day }) => working.get([course.id, day]).minus(meet.sum({ course, day })).le(0),
    { key: ({ course, day }) => [course.id, day] },
  );
  const missing = m.continuous('missing_days', courses, { lb: 0 });
  m.constraints('min_days', courses, (c) => working.sum({ course: c }).plus(missing.get(c.id)).ge(c.minDays));

  // Compactness: isolated[q, d, s] ≥ load(q, d, s) − load(q, d, s−1) − load(q, d, s+1).
  const isolated = m.continuous('isolated', { q: curricula, day: days, slot: slots }, { lb: 0 });
  m.constraints(
    'compactness',
    qPeriods,
    ({ q, day, slot }) => {
      let e = load(q, day, slot).minus(isolated.get([q.id, day, slot]));
      if (slot > 0) e = e.minus(load(q, day, slot - 1));
      if (slot < S - 1) e = e.minus(load(q, day, slot + 1));
      return e.le(0);
    },
    { key: ({ q, day, slot }) => [q.id, day, slot] },
  );

  // Room capacity, counted: for each capacity t of a room, courses with more than t students in a
  // period beyond the rooms seating more than t each cost at least min(next capacity, smallest
  // such course) − t.
  const caps = [...new Set(inst.rooms.map((r) => r.capacity))].sort((a, b) => a - b);
  const bySize = [...courses].sort((a, b) => a.students - b.students);
  const thresholds = caps
    .map((t, i) => {
      const big = bySize.filter((c) => c.students > t);
      const seats = inst.rooms.filter((r) => r.capacity > t).length;
      const next = i + 1 < caps.length ? caps[i + 1]! : Number.POSITIVE_INFINITY;
      return { id: i, t, big, seats, weight: big.length === 0 ? 0 : Math.min(next, big[0]!.students) - t };
    })
    .filter((th) => !withRooms && th.big.length > th.seats);
  const overflow = m.continuous('overflow', { th: thresholds, day: days, slot: slots }, { lb: 0 });
  m.constraints(
    'capacity_count',
    thresholds.flatMap((th) => days.flatMap((day) => slots.map((slot) => ({ th, day, slot })))),
    ({ th, day, slot }) => sum(th.big.map((c) => meet.sum({ course: c, day, slot }))).minus(overflow.get([th.id, day, slot])).le(th.seats),
    { key: ({ th, day, slot }) => [th.id, day, slot] },
  );

  // With home rooms (from an earlier room stage): two courses of one home room in one period
  // cost at least one room change.
  const homeRooms: { id: number; courses: CourseItem[] }[] = inst.rooms.map((_, id) => ({ id, courses: [] }));
  if (homes !== undefined) for (const c of courses) homeRooms[homes[c.id]!]?.courses.push(c);
  const shared = homeRooms.filter((r) => r.courses.length > 1);
  const clash = m.continuous('home_clash', { room: shared, day: days, slot: slots }, { lb: 0 });
  m.constraints(
    'home_room',
    shared.flatMap((room) => days.flatMap((day) => slots.map((slot) => ({ room, day, slot })))),
    ({ room, day, slot }) => sum(room.courses.map((c) => meet.sum({ course: c, day, slot }))).minus(clash.get([room.id, day, slot])).le(1),
    { key: ({ room, day, slot }) => [room.id, day, slot] },
  );

  // The full model: a room for every lecture, exact capacity and stability costs.
  const roomItems = withRooms ? inst.rooms.map((r, id) => ({ id, capacity: r.capacity })) : [];
  const place = m.binary(
    'place',
    { course: courses, day: days, slot: slots, room: roomItems },
    { where: ({ course, day, slot }) => !unavailable.has(course.id * P + day * S + slot) },
  );
  const uses = m.binary('uses', { course: withRooms ? courses : [], room: roomItems });
  m.constraints(
    'room_of',
    withRooms ? meet.groupBy(({ course, day, slot }) => [course.id, day, slot]) : [],
    (g) => {
      const { course, day, slot } = g.items()[0]!;
      return place.sum({ course, day, slot }).minus(g.sum()).eq(0);
    },
  );
  m.constraints('room_period', place.groupBy(({ day, slot, room }) => [day, slot, room.id]), (g) => g.sum().le(1));
  m.constraints(
    'stability',
    uses.groupBy(({ course, room }) => [course.id, room.id]),
    (g) => {
      const { course, room } = g.items()[0]!;
      return place.sum({ course, room }).minus(g.sum().times(course.lectures)).le(0);
    },
  );

  m.minimize(
    place
      .sum(({ course, room }) => UD2_WEIGHTS.roomCapacity * Math.max(0, course.students - room.capacity))
      .plus(uses.sum().times(UD2_WEIGHTS.roomStability))
      .plus(missing.sum().times(UD2_WEIGHTS.minWorkingDays))
      .plus(isolated.sum().times(UD2_WEIGHTS.curriculumCompactness))
      .plus(overflow.sum(({ th }) => th.weight * UD2_WEIGHTS.roomCapacity))
      .plus(clash.sum().times(UD2_WEIGHTS.roomStability)),
  );
  return { model: m, meet, place };
}

/**
 * A complete starting point for a compiled period stage (a MIP start): the given lectures, and
 * every auxiliary column (working days, missing days, isolated lectures, overflow, home clashes)
 * at the value the lectures imply, so the solver accepts it as a feasible incumbent.
 */
export function periodStageStart(inst: ItcInstance, compiled: CompiledModel, placed: readonly PlacedLecture[]): Float64Array {
  const S = inst.periodsPerDay;
  const P = inst.days * S;
  const R = inst.rooms.length;
  const at = new Int32Array(inst.courses.length * P);
  const inRoom = new Int32Array(inst.courses.length * P * R);
  const usesRoom = new Uint8Array(inst.courses.length * R);
  for (const l of placed) {
    at[l.course * P + l.day * S + l.slot]!++;
    if (l.room !== undefined) {
      inRoom[(l.course * P + l.day * S + l.slot) * R + l.room]!++;
      usesRoom[l.course * R + l.room] = 1;
    }
  }
  const n = (courses: readonly CourseItem[], day: number, slot: number): number => {
    if (slot < 0 || slot >= S) return 0;
    let k = 0;
    for (const c of courses) k += at[c.id * P + day * S + slot]!;
    return k;
  };
  const x = new Float64Array(compiled.problem.numCols);
  for (let j = 0; j < x.length; j++) {
    const { family, item } = compiled.column(j);
    const it = item as Record<string, never>;
    switch (family) {
      case 'meet': {
        const { course, day, slot } = it as unknown as PeriodItem;
        x[j] = at[course.id * P + day * S + slot]!;
        break;
      }
      case 'working': {
        const { course, day } = it as unknown as { course: CourseItem; day: number };
        x[j] = range(S).some((s) => at[course.id * P + day * S + s]! > 0) ? 1 : 0;
        break;
      }
      case 'missing_days': {
        const course = it as unknown as CourseItem;
        let days = 0;
        for (let d = 0; d < inst.days; d++) if (range(S).some((s) => at[course.id * P + d * S + s]! > 0)) days++;
        x[j] = Math.max(0, course.minDays - days);
        break;
      }
      case 'isolated': {
        const { q, day, slot } = it as unknown as { q: CurriculumItem; day: number; slot: number };
        x[j] = Math.max(0, n(q.courses, day, slot) - n(q.courses, day, slot - 1) - n(q.courses, day, slot + 1));
        break;
      }
      case 'overflow': {
        const { th, day, slot } = it as unknown as { th: { big: CourseItem[]; seats: number }; day: number; slot: number };
        x[j] = Math.max(0, n(th.big, day, slot) - th.seats);
        break;
      }
      case 'place': {
        const { course, day, slot, room } = it as unknown as PeriodItem & { room: { id: number } };
        x[j] = inRoom[(course.id * P + day * S + slot) * R + room.id]!;
        break;
      }
      case 'uses': {
        const { course, room } = it as unknown as { course: CourseItem; room: { id: number } };
        x[j] = usesRoom[course.id * R + room.id]!;
        break;
      }
      case 'home_clash': {
        const { room, day, slot } = it as unknown as { room: { courses: CourseItem[] }; day: number; slot: number };
        x[j] = Math.max(0, n(room.courses, day, slot) - 1);
        break;
      }
      default:
        x[j] = 0;
    }
  }
  return x;
}

/** A lecture placed in a period by stage 1. */
export interface PlacedLecture {
  readonly course: number;
  readonly day: number;
  readonly slot: number;
  /** The room (by position), when known. */
  readonly room?: number;
}

interface LectureItem {
  readonly id: number;
  readonly course: CourseItem;
  readonly day: number;
  readonly slot: number;
}

interface RoomItem {
  readonly id: number;
  readonly capacity: number;
}

/** Stage 2 of the decomposition: a room for every lecture, the periods fixed. */
export interface RoomStage {
  readonly model: Model;
  /** `room[lecture, room]` = 1 when the lecture (by its position in the stage-1 list) takes that room. */
  readonly room: VariableFamily<{ readonly lecture: LectureItem; readonly room: RoomItem }>;
}

/**
 * Stage 2, the room model: with the periods of stage 1 fixed, binaries `room[lecture, room]`;
 * every lecture in one room (`one_room`), one lecture per room and period (`room_period`), and the
 * two room-dependent soft costs: capacity (1 per student over, in the objective coefficients) and
 * stability (`uses[course, room]` ≥ `room[lecture, room]`, 1 per room used beyond the first; the
 * constant −1 per course is left out of the objective).
 */
export function buildRoomStage(inst: ItcInstance, placed: readonly PlacedLecture[]): RoomStage {
  const m = new Model('itc-rooms');
  const courses = courseItems(inst);
  const rooms: RoomItem[] = inst.rooms.map((r, id) => ({ id, capacity: r.capacity }));
  const lectures: LectureItem[] = placed.map((p, id) => ({ id, course: courses[p.course]!, day: p.day, slot: p.slot }));
  const used = [...new Set(placed.map((p) => p.course))].map((c) => courses[c]!);

  const room = m.binary('room', { lecture: lectures, room: rooms });
  const uses = m.binary('uses', { course: used, room: rooms });
  m.constraints('one_room', lectures, (l) => room.sum({ lecture: l }).eq(1));
  m.constraints('room_period', room.groupBy(({ lecture, room: r }) => [lecture.day, lecture.slot, r.id]), (g) => g.sum().le(1));
  m.constraints(
    'stability',
    lectures.flatMap((lecture) => rooms.map((r) => ({ lecture, r }))),
    ({ lecture, r }) => room.get([lecture.id, r.id]).minus(uses.get([lecture.course.id, r.id])).le(0),
    { key: ({ lecture, r }) => [lecture.id, r.id] },
  );
  m.minimize(room.sum(({ lecture, room: r }) => UD2_WEIGHTS.roomCapacity * Math.max(0, lecture.course.students - r.capacity)).plus(uses.sum().times(UD2_WEIGHTS.roomStability)));
  return { model: m, room };
}

/**
 * A starting room for every lecture (by position in `placed`): in each period, the lectures by
 * students (most first) take the rooms by capacity (largest first), which minimises the capacity
 * cost of that period; among rooms of equal capacity a course keeps the room it had before
 * (`previous`, by course) or took last. A MIP start for {@link buildRoomStage}.
 */
export function greedyRooms(inst: ItcInstance, placed: readonly PlacedLecture[], previous?: ReadonlyMap<number, number>): number[] {
  const S = inst.periodsPerDay;
  const byPeriod = new Map<number, number[]>();
  placed.forEach((l, i) => {
    const p = l.day * S + l.slot;
    const list = byPeriod.get(p) ?? [];
    list.push(i);
    byPeriod.set(p, list);
  });
  const roomsBySize = inst.rooms.map((r, id) => ({ id, capacity: r.capacity })).sort((a, b) => b.capacity - a.capacity);
  const home = new Map(previous ?? []);
  const out = new Array<number>(placed.length).fill(0);
  for (const list of byPeriod.values()) {
    list.sort((a, b) => inst.courses[placed[b]!.course]!.students - inst.courses[placed[a]!.course]!.students);
    const free = new Set(roomsBySize.map((r) => r.id));
    for (let k = 0; k < list.length; k++) {
      const i = list[k]!;
      const course = placed[i]!.course;
      // The k-th largest free capacity; prefer the course's home among rooms that large.
      const free0 = roomsBySize.filter((r) => free.has(r.id));
      const target = free0[0]!.capacity;
      const students = inst.courses[course]!.students;
      const fits = free0.filter((r) => r.capacity >= Math.min(students, target));
      const h = home.get(course);
      const pick = (h !== undefined && fits.find((r) => r.id === h)) || fits[fits.length - 1]!;
      free.delete(pick.id);
      out[i] = pick.id;
      if (h === undefined) home.set(course, pick.id);
    }
  }
  return out;
}

/** The full start vector of a compiled room stage from a room per lecture. */
export function roomStageStart(compiled: CompiledModel, roomOf: readonly number[]): Float64Array {
  const x = new Float64Array(compiled.problem.numCols);
  const pairs = new Set<string>();
  for (let j = 0; j < x.length; j++) {
    const { family, item } = compiled.column(j);
    if (family === 'room') {
      const { lecture, room } = item as { lecture: LectureItem; room: RoomItem };
      if (roomOf[lecture.id] === room.id) {
        x[j] = 1;
        pairs.add(`${lecture.course.id} ${room.id}`);
      }
    }
  }
  for (let j = 0; j < x.length; j++) {
    const { family, item } = compiled.column(j);
    if (family === 'uses') {
      const { course, room } = item as { course: CourseItem; room: RoomItem };
      x[j] = pairs.has(`${course.id} ${room.id}`) ? 1 : 0;
    }
  }
  return x;
}
