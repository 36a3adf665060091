import { describeValue } from '@lumix/app-kit';
import { LumixError, type LumixErrorCode } from '@lumix/core';
import {
  DAY_NAMES,
  INPUT_TABLES,
  PREFERENCE_TYPES,
  ROOM_TYPES,
  allowedRoomTypes,
  type TeacherPreference,
  type Classroom,
  type InputTable,
  type Lecture,
  type SchoolClass,
  type SchoolData,
  type Subject,
  type Teacher,
  type Timeslot,
} from './school-data.js';

/** The input tables as read from a file or a database, before any check. */
export type RawSchoolData = Readonly<Partial<Record<InputTable, unknown>>>;

/** Where the data came from and how the user fixes it, for the messages of {@link validateSchoolData}. */
export interface DataOrigin {
  /** What the data was read from, e.g. `data.json` or `database school.db`. */
  readonly label: string;
  /** The sentence that ends the message: how to fix the data. */
  readonly fix: string;
}

/** One thing wrong with the data: which record, what, and the error code it maps to. */
interface DataProblem {
  readonly code: LumixErrorCode;
  readonly table: InputTable;
  /** The record's id when it has a usable one. */
  readonly id?: number;
  readonly message: string;
}

/** At most this many problems are listed in one message; the rest are counted. */
const MAX_LISTED = 8;

type Row = Readonly<Record<string, unknown>>;

/** A value in a message (app-kit's `describeValue`: bounded, never stringified whole; `1e309` is not a finite number). */
function describe(value: unknown): string {
  return describeValue(value, (text) => `'${text}'`);
}

/**
 * Checks the six input tables and returns them typed, or throws one LumixError that lists every
 * problem (up to 8) naming the record: `classrooms id 3 (Room 201): capacity is -5; …`.
 *
 * Rules: ids are positive whole numbers, unique per table; names are non-empty text (unique for
 * classrooms, classes and subjects); capacity and size are whole numbers ≥ 1; timeslots have a
 * day_of_week 0–6 (0 = Monday) and a period ≥ 1, one timeslot per (day_of_week, period); a
 * missing day_name is derived from day_of_week; every lecture's subject, teacher and class
 * exist; every class that has lectures fits in some classroom; no class and no teacher has more
 * lectures than there are timeslots. Extra columns are ignored.
 *
 * @throws LumixError `DATA_ERROR` (`DUPLICATE_KEY` when the only problems are duplicates,
 *   `INVALID_NUMBER` when they are all non-numeric values); `details.problems` lists them.
 */
export function validateSchoolData(raw: RawSchoolData, origin: DataOrigin): SchoolData {
  const problems: DataProblem[] = [];
  const tables: Partial<Record<InputTable, Row[]>> = {};
  for (const table of INPUT_TABLES) {
    const rows = table === 'teacher_preferences' && (raw[table] === undefined || raw[table] === null) ? [] : raw[table];
    if (!Array.isArray(rows)) {
      problems.push({
        code: 'DATA_ERROR',
        table,
        message: `${table}: ${rows === undefined ? 'the table is missing' : `expected a list of records, got ${describe(rows)}`}.`,
      });
      continue;
    }
    tables[table] = rows.map((r, i) => {
      if (typeof r !== 'object' || r === null || Array.isArray(r)) {
        problems.push({ code: 'DATA_ERROR', table, message: `${table} record #${i + 1}: expected an object, got ${describe(r)}.` });
        return {};
      }
      return r as Row;
    });
  }

  const check = new RowChecker(problems);
  const teachers = (tables.teachers ?? []).map((r, i): Teacher => {
    const c = check.row('teachers', r, i);
    const years = absent(r['work_years']) ? 0 : c.int('work_years', 0, 100, 'a whole number of years of service, 0 to 100');
    return { id: c.id, name: c.text('name'), work_years: years };
  });
  const classrooms = (tables.classrooms ?? []).map((r, i): Classroom => {
    const c = check.row('classrooms', r, i);
    const type = absent(r['room_type']) ? 'REGULAR' : c.oneOf('room_type', ROOM_TYPES);
    return { id: c.id, name: c.text('name'), capacity: c.count('capacity', 'seats'), room_type: type };
  });
  const classes = (tables.classes ?? []).map((r, i): SchoolClass => {
    const c = check.row('classes', r, i);
    return { id: c.id, name: c.text('name'), size: c.count('size', 'students') };
  });
  const subjects = (tables.subjects ?? []).map((r, i): Subject => {
    const c = check.row('subjects', r, i);
    return { id: c.id, name: c.text('name'), requires_lab: absent(r['requires_lab']) ? false : c.flag('requires_lab') };
  });
  const timeslots = (tables.timeslots ?? []).map((r, i): Timeslot => {
    const c = check.row('timeslots', r, i);
    const day = c.int('day_of_week', 0, 6, 'a day number from 0 (Monday) to 6 (Sunday)');
    const period = c.int('period', 1, Number.MAX_SAFE_INTEGER, 'a period number, at least 1');
    const dayName = r['day_name'] === undefined || r['day_name'] === null ? (DAY_NAMES[day] ?? '') : c.text('day_name');
    return { id: c.id, day_of_week: day, period, day_name: dayName };
  });
  const lectures = (tables.lectures ?? []).map((r, i): Lecture => {
    const c = check.row('lectures', r, i);
    return {
      id: c.id,
      subject_id: c.int('subject_id', 1, Number.MAX_SAFE_INTEGER, 'the id of a subject'),
      teacher_id: c.int('teacher_id', 1, Number.MAX_SAFE_INTEGER, 'the id of a teacher'),
      class_id: c.int('class_id', 1, Number.MAX_SAFE_INTEGER, 'the id of a class'),
    };
  });

  const teacher_preferences = (tables.teacher_preferences ?? []).map((r, i): TeacherPreference => {
    const c = check.row('teacher_preferences', r, i);
    const type = c.oneOf('preference_type', PREFERENCE_TYPES);
    const opt = (col: string, min: number, max: number, what: string): number | null => (absent(r[col]) ? null : c.int(col, min, max, what));
    const pref: TeacherPreference = {
      id: c.id,
      teacher_id: c.int('teacher_id', 1, Number.MAX_SAFE_INTEGER, 'the id of a teacher'),
      preference_type: type,
      day_of_week: opt('day_of_week', 0, 6, 'a day number from 0 (Monday) to 6 (Sunday)'),
      lecture_id: opt('lecture_id', 1, Number.MAX_SAFE_INTEGER, 'the id of a lecture'),
      timeslot_id: opt('timeslot_id', 1, Number.MAX_SAFE_INTEGER, 'the id of a timeslot'),
      description: absent(r['description']) ? null : c.text('description'),
    };
    if (type === 'DAY_OFF' && pref.day_of_week === null) c.report('DATA_ERROR', 'a DAY_OFF preference needs day_of_week.');
    if (type === 'SPECIFIC_TIME' && (pref.lecture_id === null || pref.timeslot_id === null)) {
      c.report('DATA_ERROR', 'a SPECIFIC_TIME preference needs lecture_id and timeslot_id.');
    }
    return pref;
  });

  check.unique('teachers', teachers, idKey, (t) => `id ${t.id}`);
  check.unique('teacher_preferences', teacher_preferences, idKey, (t) => `id ${t.id}`);
  check.unique('classrooms', classrooms, idKey, (t) => `id ${t.id}`);
  check.unique('classes', classes, idKey, (t) => `id ${t.id}`);
  check.unique('subjects', subjects, idKey, (t) => `id ${t.id}`);
  check.unique('timeslots', timeslots, idKey, (t) => `id ${t.id}`);
  check.unique('lectures', lectures, idKey, (t) => `id ${t.id}`);
  // Nothing to place is not a timetable: an empty school would be saved as an "optimal" empty run.
  if (problems.length === 0 && lectures.length === 0) {
    problems.push({
      code: 'DATA_ERROR',
      table: 'lectures',
      message: 'lectures: there are none, so there is nothing to timetable; add the lectures (and the teachers, classes, rooms and timeslots they need).',
    });
  }
  check.unique('classrooms', classrooms, (t) => t.name, (t) => `name '${t.name}'`);
  check.unique('classes', classes, (t) => t.name, (t) => `name '${t.name}'`);
  check.unique('subjects', subjects, (t) => t.name, (t) => `name '${t.name}'`);
  check.unique(
    'timeslots',
    timeslots,
    (t) => `${t.day_of_week}/${t.period}`,
    (t) => `(day_of_week ${t.day_of_week}, period ${t.period})`,
  );

  // Cross-table rules only make sense once every record has the right shape.
  if (problems.length === 0) {
    const data: SchoolData = { teachers, classrooms, classes, subjects, timeslots, lectures, teacher_preferences };
    crossCheck(data, problems);
    if (problems.length === 0) return data;
  }
  throw dataError(problems, origin);
}

function crossCheck(data: SchoolData, problems: DataProblem[]): void {
  const teachers = new Map(data.teachers.map((t) => [t.id, t]));
  const classes = new Map(data.classes.map((c) => [c.id, c]));
  const subjects = new Set(data.subjects.map((s) => s.id));
  const perClass = new Map<number, number>();
  const perTeacher = new Map<number, number>();
  for (const l of data.lectures) {
    const missing: string[] = [];
    if (!subjects.has(l.subject_id)) missing.push(`subject_id ${l.subject_id} is not in subjects`);
    if (!teachers.has(l.teacher_id)) missing.push(`teacher_id ${l.teacher_id} is not in teachers`);
    if (!classes.has(l.class_id)) missing.push(`class_id ${l.class_id} is not in classes`);
    if (missing.length > 0) {
      problems.push({ code: 'DATA_ERROR', table: 'lectures', id: l.id, message: `lectures id ${l.id}: ${missing.join('; ')}.` });
    }
    perClass.set(l.class_id, (perClass.get(l.class_id) ?? 0) + 1);
    perTeacher.set(l.teacher_id, (perTeacher.get(l.teacher_id) ?? 0) + 1);
  }
  // Room types: a lecture needs a room of an allowed type that holds its class.
  const subjectById = new Map(data.subjects.map((s) => [s.id, s]));
  for (const l of data.lectures) {
    const subject = subjectById.get(l.subject_id);
    const cls = classes.get(l.class_id);
    if (subject === undefined || cls === undefined) continue;
    const types = allowedRoomTypes(subject);
    if (!data.classrooms.some((r) => types.includes(r.room_type ?? 'REGULAR') && r.capacity >= cls.size)) {
      problems.push({
        code: 'DATA_ERROR',
        table: 'lectures',
        id: l.id,
        message: `lectures id ${l.id} (${subject.name} ${cls.name}): needs a ${types.join(' or ')} room for ${cls.size} students and there is none; add such a room or change the subject.`,
      });
    }
  }
  const lectureIds = new Set(data.lectures.map((l) => l.id));
  const slotIds = new Set(data.timeslots.map((t) => t.id));
  for (const p of data.teacher_preferences ?? []) {
    const missing: string[] = [];
    if (!teachers.has(p.teacher_id)) missing.push(`teacher_id ${p.teacher_id} is not in teachers`);
    if (p.lecture_id !== null && !lectureIds.has(p.lecture_id)) missing.push(`lecture_id ${p.lecture_id} is not in lectures`);
    if (p.timeslot_id !== null && !slotIds.has(p.timeslot_id)) missing.push(`timeslot_id ${p.timeslot_id} is not in timeslots`);
    if (missing.length > 0) {
      problems.push({ code: 'DATA_ERROR', table: 'teacher_preferences', id: p.id, message: `teacher_preferences id ${p.id}: ${missing.join('; ')}.` });
    }
  }
  let largest: Classroom | undefined;
  for (const r of data.classrooms) if (largest === undefined || r.capacity > largest.capacity) largest = r;
  const slots = data.timeslots.length;
  for (const c of data.classes) {
    const n = perClass.get(c.id) ?? 0;
    if (n === 0) continue;
    if (largest === undefined || c.size > largest.capacity) {
      problems.push({
        code: 'DATA_ERROR',
        table: 'classes',
        id: c.id,
        message:
          largest === undefined
            ? `classes id ${c.id} (${c.name}): it has ${n} lectures but there are no classrooms.`
            : `classes id ${c.id} (${c.name}): ${c.size} students do not fit in any classroom (the largest, ${largest.name}, holds ${largest.capacity}).`,
      });
    }
    if (n > slots) {
      problems.push({
        code: 'DATA_ERROR',
        table: 'classes',
        id: c.id,
        message: `classes id ${c.id} (${c.name}): ${n} lectures but only ${slots} timeslots in the week; a class attends one lecture at a time.`,
      });
    }
  }
  for (const t of data.teachers) {
    const n = perTeacher.get(t.id) ?? 0;
    if (n > slots) {
      problems.push({
        code: 'DATA_ERROR',
        table: 'teachers',
        id: t.id,
        message: `teachers id ${t.id} (${t.name}): ${n} lectures but only ${slots} timeslots in the week; a teacher gives one lecture at a time.`,
      });
    }
  }
}

/** `undefined` or `null`: an optional column left out (it takes its default). */
function absent(v: unknown): boolean {
  return v === undefined || v === null;
}

/**
 * What is odd in valid data, as one line per finding naming the preference (the data is kept as
 * written; a careful scheduler would want to know): a SPECIFIC_TIME preference on a lecture that
 * another teacher gives, and a SPECIFIC_TIME preference that falls on a day the lecture's teacher
 * asked to have off (the two cannot both be met).
 */
export function schoolDataWarnings(data: SchoolData): string[] {
  const out: string[] = [];
  const teachers = new Map(data.teachers.map((t) => [t.id, t]));
  const lectures = new Map(data.lectures.map((l) => [l.id, l]));
  const subjects = new Map(data.subjects.map((s) => [s.id, s]));
  const classes = new Map(data.classes.map((c) => [c.id, c]));
  const slots = new Map(data.timeslots.map((t) => [t.id, t]));
  const prefs = data.teacher_preferences ?? [];
  const dayOff = new Map<string, TeacherPreference>();
  for (const p of prefs) if (p.preference_type === 'DAY_OFF') dayOff.set(`${p.teacher_id}/${p.day_of_week}`, p);
  const what = (p: TeacherPreference) => `teacher_preferences id ${p.id} (${teachers.get(p.teacher_id)?.name ?? '?'}${p.description === null ? '' : `: '${p.description}'`})`;
  for (const p of prefs) {
    if (p.preference_type !== 'SPECIFIC_TIME' || p.lecture_id === null || p.timeslot_id === null) continue;
    const l = lectures.get(p.lecture_id);
    const slot = slots.get(p.timeslot_id);
    if (l === undefined || slot === undefined) continue;
    const lecture = `lecture ${l.id} (${subjects.get(l.subject_id)?.name ?? '?'} ${classes.get(l.class_id)?.name ?? '?'})`;
    if (l.teacher_id !== p.teacher_id) {
      out.push(`${what(p)}: ${lecture} is taught by ${teachers.get(l.teacher_id)?.name ?? '?'}, not by this teacher; kept as written.`);
    }
    const off = dayOff.get(`${l.teacher_id}/${slot.day_of_week}`);
    if (off !== undefined) {
      out.push(`${what(p)} conflicts with teacher_preferences id ${off.id}: ${lecture} on ${slot.day_name} is a day off of ${teachers.get(l.teacher_id)?.name ?? '?'}; one of the two will be missed.`);
    }
  }
  return out;
}

function dataError(problems: readonly DataProblem[], origin: DataOrigin): LumixError {
  const codes = new Set(problems.map((p) => p.code));
  const code: LumixErrorCode = codes.size === 1 ? (problems[0] as DataProblem).code : 'DATA_ERROR';
  const listed = problems.slice(0, MAX_LISTED).map((p) => `  - ${p.message}`);
  if (problems.length > MAX_LISTED) listed.push(`  - … and ${problems.length - MAX_LISTED} more.`);
  const head =
    problems.length === 1
      ? `Invalid data in ${origin.label}: ${(problems[0] as DataProblem).message}`
      : `Invalid data in ${origin.label} (${problems.length} problems):\n${listed.join('\n')}`;
  return new LumixError(code, `${head}\n${origin.fix}`, {
    details: { origin: origin.label, problems: problems.map((p) => ({ ...p })) },
  });
}

/** The id as a uniqueness key; '' (not checked) for a record whose id was already reported as invalid. */
const idKey = (t: { readonly id: number }): string => (t.id >= 1 ? String(t.id) : '');

/** A record by its position in its table (1-based) and, when it has one, its name: `#3 (Dr. Smith)`. */
function recordName(item: unknown, index: number): string {
  const name = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['name'] : undefined;
  return `#${index + 1}${typeof name === 'string' && name !== '' ? ` (${name})` : ''}`;
}

/** Reads the typed fields of one record, recording a problem (and a placeholder) for each bad one. */
class RowChecker {
  constructor(private readonly problems: DataProblem[]) {}

  row(table: InputTable, row: Row, index: number): FieldReader {
    const rawId = row['id'];
    const idOk = typeof rawId === 'number' && Number.isSafeInteger(rawId) && rawId >= 1;
    const name = typeof row['name'] === 'string' && row['name'] !== '' ? ` (${row['name']})` : '';
    const label = idOk ? `${table} id ${rawId}${name}` : `${table} record #${index + 1}${name}`;
    const reader = new FieldReader(this.problems, table, idOk ? (rawId as number) : undefined, label, row);
    if (!idOk) {
      reader.report(
        typeof rawId === 'number' || rawId === undefined || rawId === null ? 'DATA_ERROR' : 'INVALID_NUMBER',
        `id is ${describe(rawId)}; it must be a whole number, at least 1.`,
      );
    }
    return reader;
  }

  /** Reports each key that several records share, naming every one of them (`#2 (Dr. Smith) and #5 (Mr. Brown)`). */
  unique<T>(table: InputTable, items: readonly T[], key: (t: T) => string, what: (t: T) => string): void {
    const byKey = new Map<string, number[]>();
    items.forEach((item, i) => {
      const k = key(item);
      if (k === '') return;
      const at = byKey.get(k);
      if (at === undefined) byKey.set(k, [i]);
      else at.push(i);
    });
    for (const at of byKey.values()) {
      if (at.length < 2) continue;
      const records = at.slice(0, 5).map((i) => recordName(items[i], i));
      const list = `${records.slice(0, -1).join(', ')} and ${records[records.length - 1]}${at.length > 5 ? ` (and ${at.length - 5} more)` : ''}`;
      this.problems.push({
        code: 'DUPLICATE_KEY',
        table,
        message: `${table}: ${at.length === 2 ? 'two' : String(at.length)} records have ${what(items[at[0] as number] as T)}: ${list}; it must be unique.`,
      });
    }
  }
}

class FieldReader {
  readonly id: number;

  constructor(
    private readonly problems: DataProblem[],
    private readonly table: InputTable,
    id: number | undefined,
    private readonly label: string,
    private readonly row: Row,
  ) {
    this.id = id ?? -1;
  }

  report(code: LumixErrorCode, message: string): void {
    this.problems.push({ code, table: this.table, ...(this.id >= 1 ? { id: this.id } : {}), message: `${this.label}: ${message}` });
  }

  text(column: string): string {
    const v = this.row[column];
    if (typeof v === 'string' && v.trim() !== '') return v;
    this.report('DATA_ERROR', `${column} is ${describe(v)}; it must be non-empty text.`);
    return '';
  }

  int(column: string, min: number, max: number, what: string): number {
    const v = this.row[column];
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max) return v;
    const nonNumeric = v !== undefined && v !== null && typeof v !== 'number';
    this.report(nonNumeric ? 'INVALID_NUMBER' : 'DATA_ERROR', `${column} is ${describe(v)}${nonNumeric ? ', not a number' : ''}; it must be ${what}.`);
    return min;
  }

  oneOf<T extends string>(column: string, values: readonly T[]): T {
    const v = this.row[column];
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    this.report('DATA_ERROR', `${column} is ${describe(v)}; it must be one of ${values.join(', ')}.`);
    return values[0] as T;
  }

  /** A true/false column: a boolean, or 0/1 as SQLite stores it. */
  flag(column: string): boolean {
    const v = this.row[column];
    if (v === true || v === 1) return true;
    if (v === false || v === 0) return false;
    this.report('DATA_ERROR', `${column} is ${describe(v)}; it must be true or false.`);
    return false;
  }

  count(column: string, unit: string): number {
    return this.int(column, 1, Number.MAX_SAFE_INTEGER, `a whole number of ${unit}, at least 1`);
  }
}
