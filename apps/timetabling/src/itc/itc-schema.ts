import { LumixError, SOLVE_RUNS_SPEC, solutionTable, type OrmAdapter, type TableSpec } from '@lumix/core';
import type { ItcInstance } from './itc-instance.js';
import type { ItcLecture } from './itc-evaluate.js';

/**
 * The tables of an imported ITC-2007 instance, parents first. ITC data has its own tables beside
 * the tutorial's (not a mapping onto them): a course has many lectures and belongs to several
 * curricula, while a tutorial lecture has exactly one class; the tutorial's `classes` cannot hold
 * curricula that overlap. `solve_runs` is shared, `itc_assignments` holds each run's timetable.
 */
export const ITC_SCHEMA: readonly TableSpec[] = [
  {
    name: 'itc_instance',
    columns: {
      id: { type: 'integer', primaryKey: true },
      name: { type: 'text' },
      source: { type: 'text' },
      days: { type: 'integer' },
      periods_per_day: { type: 'integer' },
      min_daily_lectures: { type: 'integer', nullable: true },
      max_daily_lectures: { type: 'integer', nullable: true },
    },
  },
  { name: 'itc_teachers', columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text', unique: true } } },
  {
    name: 'itc_courses',
    columns: {
      id: { type: 'integer', primaryKey: true },
      name: { type: 'text', unique: true },
      teacher_id: { type: 'integer', references: 'itc_teachers' },
      lectures: { type: 'integer' },
      min_working_days: { type: 'integer' },
      students: { type: 'integer' },
      double_lectures: { type: 'boolean', nullable: true },
    },
  },
  {
    name: 'itc_rooms',
    columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text', unique: true }, capacity: { type: 'integer' }, site: { type: 'integer', nullable: true } },
  },
  { name: 'itc_curricula', columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text', unique: true } } },
  {
    name: 'itc_curriculum_courses',
    columns: { id: { type: 'integer', primaryKey: true }, curriculum_id: { type: 'integer', references: 'itc_curricula' }, course_id: { type: 'integer', references: 'itc_courses' } },
    unique: [['curriculum_id', 'course_id']],
  },
  {
    name: 'itc_unavailability',
    columns: { id: { type: 'integer', primaryKey: true }, course_id: { type: 'integer', references: 'itc_courses' }, day: { type: 'integer' }, period: { type: 'integer' } },
    unique: [['course_id', 'day', 'period']],
  },
  {
    name: 'itc_room_constraints',
    columns: { id: { type: 'integer', primaryKey: true }, course_id: { type: 'integer', references: 'itc_courses' }, room_id: { type: 'integer', references: 'itc_rooms' } },
    unique: [['course_id', 'room_id']],
  },
  SOLVE_RUNS_SPEC,
  solutionTable(
    'itc_assignments',
    {
      course_id: { type: 'integer', references: 'itc_courses' },
      room_id: { type: 'integer', references: 'itc_rooms' },
      day: { type: 'integer' },
      period: { type: 'integer' },
    },
    { unique: [['room_id', 'day', 'period']] },
  ),
];

/** Every table of an ITC database, in creation order. */
export const ITC_TABLE_NAMES: readonly string[] = ITC_SCHEMA.map((t) => t.name);

/** The rows of each ITC input table for an instance (ids from 1, in file order). */
export function itcRows(inst: ItcInstance, source: string): [table: string, rows: Record<string, unknown>[]][] {
  const teachers = [...new Set(inst.courses.map((c) => c.teacher))];
  const teacherId = new Map(teachers.map((t, i) => [t, i + 1]));
  const courseId = new Map(inst.courses.map((c, i) => [c.name, i + 1]));
  const roomId = new Map(inst.rooms.map((r, i) => [r.name, i + 1]));
  return [
    [
      'itc_instance',
      [
        {
          id: 1,
          name: inst.name,
          source,
          days: inst.days,
          periods_per_day: inst.periodsPerDay,
          min_daily_lectures: inst.dailyLectures?.min ?? null,
          max_daily_lectures: inst.dailyLectures?.max ?? null,
        },
      ],
    ],
    ['itc_teachers', teachers.map((name, i) => ({ id: i + 1, name }))],
    [
      'itc_courses',
      inst.courses.map((c, i) => ({
        id: i + 1,
        name: c.name,
        teacher_id: teacherId.get(c.teacher),
        lectures: c.lectures,
        min_working_days: c.minDays,
        students: c.students,
        double_lectures: c.doubleLectures ?? null,
      })),
    ],
    ['itc_rooms', inst.rooms.map((r, i) => ({ id: i + 1, name: r.name, capacity: r.capacity, site: r.site ?? null }))],
    ['itc_curricula', inst.curricula.map((q, i) => ({ id: i + 1, name: q.name }))],
    ['itc_curriculum_courses', inst.curricula.flatMap((q, i) => q.courses.map((c) => ({ curriculum_id: i + 1, course_id: courseId.get(c) })))],
    ['itc_unavailability', inst.unavailability.map((u) => ({ course_id: courseId.get(u.course), day: u.day, period: u.period }))],
    ['itc_room_constraints', (inst.roomConstraints ?? []).map((r) => ({ course_id: courseId.get(r.course), room_id: roomId.get(r.room) }))],
  ];
}

/** An instance loaded from the database, with the row ids of its courses and rooms (both ways). */
export interface LoadedItc {
  readonly instance: ItcInstance;
  readonly courseIds: ReadonlyMap<string, number>;
  readonly roomIds: ReadonlyMap<string, number>;
  readonly courseName: ReadonlyMap<number, string>;
  readonly roomName: ReadonlyMap<number, string>;
}

interface Named {
  readonly id: number;
  readonly name: string;
}

/**
 * Loads the imported instance through the ORM adapter (one query per table, ordered by id).
 * Checks what SQLite does not: the database holds one instance with days and periods ≥ 1.
 *
 * @throws LumixError `DATA_ERROR` when the instance row is missing or a row was edited out of range.
 */
export async function loadItcInstance(adapter: OrmAdapter, dbName: string): Promise<LoadedItc> {
  const [head, teachers, courses, rooms, curricula, members, unavailable, roomRules] = await Promise.all([
    adapter.fromTable<{ name: string; days: number; periods_per_day: number; min_daily_lectures: number | null; max_daily_lectures: number | null }>('itc_instance', { orderBy: 'id' }).load(),
    adapter.fromTable<Named>('itc_teachers', { orderBy: 'id' }).load(),
    adapter.fromTable<Named & { teacher_id: number; lectures: number; min_working_days: number; students: number; double_lectures: number | boolean | null }>('itc_courses', { orderBy: 'id' }).load(),
    adapter.fromTable<Named & { capacity: number; site: number | null }>('itc_rooms', { orderBy: 'id' }).load(),
    adapter.fromTable<Named>('itc_curricula', { orderBy: 'id' }).load(),
    adapter.fromTable<{ curriculum_id: number; course_id: number }>('itc_curriculum_courses', { orderBy: 'id' }).load(),
    adapter.fromTable<{ course_id: number; day: number; period: number }>('itc_unavailability', { orderBy: 'id' }).load(),
    adapter.fromTable<{ course_id: number; room_id: number }>('itc_room_constraints', { orderBy: 'id' }).load(),
  ]);
  const h = head[0];
  const bad = (what: string): never => {
    throw new LumixError('DATA_ERROR', `database ${dbName}: ${what}. Import the instance again with import-itc.`, { details: { file: dbName } });
  };
  if (head.length !== 1 || h === undefined) return bad(`itc_instance holds ${head.length} rows, not 1`);
  if (!(Number(h.days) >= 1 && Number(h.periods_per_day) >= 1)) bad('itc_instance has days or periods_per_day below 1');
  const teacherName = new Map(teachers.map((t) => [Number(t.id), t.name]));
  const courseName = new Map(courses.map((c) => [Number(c.id), c.name]));
  const roomName = new Map(rooms.map((r) => [Number(r.id), r.name]));
  for (const c of courses) if (!(c.lectures >= 1 && c.min_working_days >= 0 && c.students >= 0)) bad(`course ${c.name} has lectures < 1 or a negative minimum or size`);
  for (const u of unavailable) if (!(u.day >= 0 && u.day < h.days && u.period >= 0 && u.period < h.periods_per_day)) bad(`an unavailability of course ${courseName.get(Number(u.course_id))} is outside the week`);
  const membersOf = new Map<number, string[]>();
  for (const m of members) {
    const list = membersOf.get(Number(m.curriculum_id)) ?? [];
    list.push(courseName.get(Number(m.course_id))!);
    membersOf.set(Number(m.curriculum_id), list);
  }
  const instance: ItcInstance = {
    name: h.name,
    days: Number(h.days),
    periodsPerDay: Number(h.periods_per_day),
    courses: courses.map((c) => ({
      name: c.name,
      teacher: teacherName.get(Number(c.teacher_id))!,
      lectures: Number(c.lectures),
      minDays: Number(c.min_working_days),
      students: Number(c.students),
      ...(c.double_lectures === null ? {} : { doubleLectures: Boolean(c.double_lectures) }),
    })),
    rooms: rooms.map((r) => ({ name: r.name, capacity: Number(r.capacity), ...(r.site === null ? {} : { site: Number(r.site) }) })),
    curricula: curricula.map((q) => ({ name: q.name, courses: membersOf.get(Number(q.id)) ?? [] })),
    unavailability: unavailable.map((u) => ({ course: courseName.get(Number(u.course_id))!, day: Number(u.day), period: Number(u.period) })),
    ...(h.min_daily_lectures === null || h.max_daily_lectures === null ? {} : { dailyLectures: { min: Number(h.min_daily_lectures), max: Number(h.max_daily_lectures) } }),
    ...(roomRules.length === 0 ? {} : { roomConstraints: roomRules.map((r) => ({ course: courseName.get(Number(r.course_id))!, room: roomName.get(Number(r.room_id))! })) }),
  };
  return {
    instance,
    courseIds: new Map(courses.map((c) => [c.name, Number(c.id)])),
    roomIds: new Map(rooms.map((r) => [r.name, Number(r.id)])),
    courseName,
    roomName,
  };
}

/** The saved timetable of a run, as lectures (course and room by name). */
export async function loadItcRun(adapter: OrmAdapter, runId: number, loaded: LoadedItc): Promise<ItcLecture[]> {
  const rows = await adapter.readRunRows<{ course_id: number; room_id: number; day: number; period: number }>('itc_assignments', runId, { orderBy: ['day', 'period', 'room_id'] });
  return rows.map((r) => ({
    course: loaded.courseName.get(Number(r.course_id))!,
    room: loaded.roomName.get(Number(r.room_id))!,
    day: Number(r.day),
    period: Number(r.period),
  }));
}
