import { LumixError } from '@lumix/core';

/** One course of an ITC-2007 track 3 instance: `lectures` weekly lectures by one teacher. */
export interface ItcCourse {
  readonly name: string;
  readonly teacher: string;
  readonly lectures: number;
  /** The minimum number of days its lectures should spread over (soft, 5 per day below). */
  readonly minDays: number;
  readonly students: number;
  /** `.ectt` only: whether double lectures are wanted (not used by the UD2 model). */
  readonly doubleLectures?: boolean;
}

/** A room: capacity in seats (`.ectt`: and its site). */
export interface ItcRoom {
  readonly name: string;
  readonly capacity: number;
  readonly site?: number;
}

/** A curriculum: courses that share students, so no two of them may meet in one period. */
export interface ItcCurriculum {
  readonly name: string;
  readonly courses: readonly string[];
}

/** A period (day, period of the day, both from 0) in which a course may not take place. */
export interface ItcUnavailability {
  readonly course: string;
  readonly day: number;
  readonly period: number;
}

/**
 * An ITC-2007 curriculum-based course timetabling instance (`.ctt`, or the extended `.ectt`,
 * whose extra fields are kept but not used by the UD2 model).
 */
export interface ItcInstance {
  readonly name: string;
  readonly days: number;
  readonly periodsPerDay: number;
  readonly courses: readonly ItcCourse[];
  readonly rooms: readonly ItcRoom[];
  readonly curricula: readonly ItcCurriculum[];
  readonly unavailability: readonly ItcUnavailability[];
  /** `.ectt` only: the minimum and maximum daily lectures of a curriculum. */
  readonly dailyLectures?: { readonly min: number; readonly max: number };
  /** `.ectt` only: rooms a course may not use. */
  readonly roomConstraints?: readonly { readonly course: string; readonly room: string }[];
}

const MAX_COUNT = 100_000;

class Lines {
  readonly #lines: string[];
  #i = 0;
  constructor(
    text: string,
    readonly label: string,
  ) {
    this.#lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  }
  fail(line: number, message: string): never {
    throw new LumixError('PARSE_ERROR', `${this.label} line ${line}: ${message} Fix the file and import it again; nothing was written.`, {
      details: { file: this.label, line },
    });
  }
  /** The next non-blank line (trimmed) and its 1-based number; fails at the end of the file. */
  next(expecting: string): { text: string; line: number } {
    while (this.#i < this.#lines.length) {
      const text = this.#lines[this.#i++]!.trim();
      if (text !== '') return { text, line: this.#i };
    }
    this.fail(this.#lines.length, `the file ends where ${expecting} was expected.`);
  }
  /** What is left after the last consumed line (non-blank lines), for the END. check. */
  rest(): { text: string; line: number } | null {
    while (this.#i < this.#lines.length) {
      const text = this.#lines[this.#i++]!.trim();
      if (text !== '') return { text, line: this.#i };
    }
    return null;
  }
}

function count(l: Lines, field: string, line: number, max = MAX_COUNT, min = 0): number {
  if (!/^\d+$/.test(field)) l.fail(line, `'${field}' is not a whole number.`);
  const n = Number(field);
  if (n < min || n > max) l.fail(line, `${n} is out of range (${min}–${max}).`);
  return n;
}

function header(l: Lines, key: string, fields: number): { values: string[]; line: number } {
  const { text, line } = l.next(`'${key}:'`);
  const m = /^([A-Za-z_]+):\s*(.*)$/.exec(text);
  if (m === null || m[1] !== key) l.fail(line, `expected '${key}: …', found '${text.slice(0, 60)}'.`);
  const values = m[2]!.split(/\s+/).filter((s) => s !== '');
  if (values.length !== fields) l.fail(line, `'${key}:' takes ${fields} value${fields === 1 ? '' : 's'}, found ${values.length}.`);
  return { values, line };
}

function section(l: Lines, key: string): void {
  const { text, line } = l.next(`'${key}:'`);
  if (text !== `${key}:`) l.fail(line, `expected the section '${key}:', found '${text.slice(0, 60)}'.`);
}

function fields(l: Lines, what: string, n: number | ((first: string[]) => number)): { f: string[]; line: number } {
  const { text, line } = l.next(what);
  const f = text.split(/\s+/);
  const want = typeof n === 'number' ? n : n(f);
  if (f.length !== want) l.fail(line, `${what} takes ${want} fields, found ${f.length} ('${text.slice(0, 60)}').`);
  return { f, line };
}

/**
 * Parses an ITC-2007 track 3 instance in the `.ctt` format (or `.ectt` when `extended`) and checks
 * it: counts match the header, names are unique, every reference (a curriculum's course, an
 * unavailability's course, day and period) exists, numbers are whole and in range.
 *
 * @param label How messages name the file (the path as typed).
 * @throws LumixError `PARSE_ERROR` whose message gives the line number, what is wrong and that nothing was written.
 */
export function parseItcInstance(text: string, label: string, extended = /\.ectt$/i.test(label)): ItcInstance {
  const l = new Lines(text, label);
  const name = header(l, 'Name', 1).values[0]!;
  const nCourses = header(l, 'Courses', 1);
  const nRooms = header(l, 'Rooms', 1);
  const nDays = header(l, 'Days', 1);
  const nPeriods = header(l, 'Periods_per_day', 1);
  const nCurricula = header(l, 'Curricula', 1);
  const courses = count(l, nCourses.values[0]!, nCourses.line, MAX_COUNT, 1);
  const rooms = count(l, nRooms.values[0]!, nRooms.line, MAX_COUNT, 1);
  const days = count(l, nDays.values[0]!, nDays.line, 7, 1);
  const periodsPerDay = count(l, nPeriods.values[0]!, nPeriods.line, 24, 1);
  const curricula = count(l, nCurricula.values[0]!, nCurricula.line);
  let dailyLectures: ItcInstance['dailyLectures'];
  let nUnavail: number;
  let nRoomConstraints = 0;
  if (extended) {
    const mm = header(l, 'Min_Max_Daily_Lectures', 2);
    dailyLectures = { min: count(l, mm.values[0]!, mm.line), max: count(l, mm.values[1]!, mm.line) };
    const u = header(l, 'UnavailabilityConstraints', 1);
    nUnavail = count(l, u.values[0]!, u.line);
    const r = header(l, 'RoomConstraints', 1);
    nRoomConstraints = count(l, r.values[0]!, r.line);
  } else {
    const u = header(l, 'Constraints', 1);
    nUnavail = count(l, u.values[0]!, u.line);
  }

  section(l, 'COURSES');
  const courseList: ItcCourse[] = [];
  const courseLine = new Map<string, number>();
  for (let i = 0; i < courses; i++) {
    const { f, line } = fields(l, `course ${i + 1} of ${courses}`, extended ? 6 : 5);
    const [c, teacher, lec, minDays, students] = f as [string, string, string, string, string];
    if (courseLine.has(c)) l.fail(line, `course ${c} is listed twice (first on line ${courseLine.get(c)}).`);
    courseLine.set(c, line);
    const lectures = count(l, lec, line, days * periodsPerDay, 1);
    const md = count(l, minDays, line, days);
    const course: ItcCourse = { name: c, teacher, lectures, minDays: md, students: count(l, students, line) };
    courseList.push(extended ? { ...course, doubleLectures: count(l, f[5]!, line, 1) === 1 } : course);
  }

  section(l, 'ROOMS');
  const roomList: ItcRoom[] = [];
  const roomLine = new Map<string, number>();
  for (let i = 0; i < rooms; i++) {
    const { f, line } = fields(l, `room ${i + 1} of ${rooms}`, extended ? 3 : 2);
    if (roomLine.has(f[0]!)) l.fail(line, `room ${f[0]} is listed twice (first on line ${roomLine.get(f[0]!)}).`);
    roomLine.set(f[0]!, line);
    const room: ItcRoom = { name: f[0]!, capacity: count(l, f[1]!, line) };
    roomList.push(extended ? { ...room, site: count(l, f[2]!, line) } : room);
  }

  section(l, 'CURRICULA');
  const curriculumList: ItcCurriculum[] = [];
  const curriculumLine = new Map<string, number>();
  for (let i = 0; i < curricula; i++) {
    const { f, line } = fields(l, `curriculum ${i + 1} of ${curricula}`, (first) => (/^\d+$/.test(first[1] ?? '') ? 2 + Number(first[1]) : 2));
    if (curriculumLine.has(f[0]!)) l.fail(line, `curriculum ${f[0]} is listed twice (first on line ${curriculumLine.get(f[0]!)}).`);
    curriculumLine.set(f[0]!, line);
    count(l, f[1]!, line, courses, 1);
    const members = f.slice(2);
    const seen = new Set<string>();
    for (const c of members) {
      if (!courseLine.has(c)) l.fail(line, `curriculum ${f[0]} names course ${c}, which is not in COURSES.`);
      if (seen.has(c)) l.fail(line, `curriculum ${f[0]} names course ${c} twice.`);
      seen.add(c);
    }
    curriculumList.push({ name: f[0]!, courses: members });
  }

  section(l, 'UNAVAILABILITY_CONSTRAINTS');
  const unavailability: ItcUnavailability[] = [];
  const unavailLine = new Map<string, number>();
  for (let i = 0; i < nUnavail; i++) {
    const { f, line } = fields(l, `unavailability ${i + 1} of ${nUnavail}`, 3);
    if (!courseLine.has(f[0]!)) l.fail(line, `course ${f[0]} is not in COURSES.`);
    const day = count(l, f[1]!, line, days - 1);
    const period = count(l, f[2]!, line, periodsPerDay - 1);
    const key = `${f[0]} ${day} ${period}`;
    if (unavailLine.has(key)) l.fail(line, `course ${f[0]}, day ${day}, period ${period} is listed twice (first on line ${unavailLine.get(key)}).`);
    unavailLine.set(key, line);
    unavailability.push({ course: f[0]!, day, period });
  }

  let roomConstraints: { course: string; room: string }[] | undefined;
  if (extended) {
    section(l, 'ROOM_CONSTRAINTS');
    roomConstraints = [];
    for (let i = 0; i < nRoomConstraints; i++) {
      const { f, line } = fields(l, `room constraint ${i + 1} of ${nRoomConstraints}`, 2);
      if (!courseLine.has(f[0]!)) l.fail(line, `course ${f[0]} is not in COURSES.`);
      if (!roomLine.has(f[1]!)) l.fail(line, `room ${f[1]} is not in ROOMS.`);
      roomConstraints.push({ course: f[0]!, room: f[1]! });
    }
  }
  const end = l.rest() ?? l.fail(text.split(/\r?\n/).length, `the file ends without 'END.'.`);
  if (end.text !== 'END.') l.fail(end.line, `expected 'END.' after ${nUnavail} unavailability constraints, found '${end.text.slice(0, 60)}' (is a count in the header too small?).`);
  const after = l.rest();
  if (after !== null) l.fail(after.line, `text after 'END.'.`);

  return {
    name,
    days,
    periodsPerDay,
    courses: courseList,
    rooms: roomList,
    curricula: curriculumList,
    unavailability,
    ...(dailyLectures === undefined ? {} : { dailyLectures }),
    ...(roomConstraints === undefined ? {} : { roomConstraints }),
  };
}
