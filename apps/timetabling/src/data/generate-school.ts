import { LumixError } from '@lumix/core';
import { seededRandom } from '@lumix/core/testing';
import { DAY_NAMES, type Classroom, type Lecture, type SchoolClass, type SchoolData, type Subject, type Teacher, type Timeslot } from './school-data.js';

/** Options of {@link generateSchool}. */
export interface GenerateSchoolOptions {
  /** Number of classes. Default 8. */
  readonly classes?: number;
  /** Number of teachers. Default 10. */
  readonly teachers?: number;
  /** Number of classrooms. Default 6. */
  readonly rooms?: number;
  /** School days (at most 7). Default 5. */
  readonly days?: number;
  /** Periods per day. Default 6. */
  readonly periods?: number;
  /** Number of subjects. Default 8. */
  readonly subjects?: number;
  /** Chance that a class has a lecture in a given slot (0–1). Default 0.6. */
  readonly load?: number;
  /** Seed of the pseudo-random generator; the same seed gives the same data. Default 1. */
  readonly seed?: number;
}

const SUBJECTS = ['Mathematics', 'English', 'Physics', 'Chemistry', 'History', 'Biology', 'Geography', 'Art', 'Music', 'Computing', 'French', 'Sport'];
const SURNAMES = ['Adams', 'Baker', 'Clark', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jones', 'Khan', 'Lopez', 'Moreau', 'Novak', 'Olsen', 'Patel'];

/**
 * Generates a school whose timetable is feasible by construction: it first places lectures slot by
 * slot (a free teacher and a free room that holds the class), then forgets where it put them and
 * shuffles the lectures' order. The same options give the same data. Used by the tests and
 * benchmarks for sizes other than the tutorial's; the result has the shape `seed --data` takes.
 *
 * @throws LumixError `INVALID_ARGUMENT` for a non-positive count or more than 7 days.
 */
export function generateSchool(options: GenerateSchoolOptions = {}): SchoolData {
  const nClasses = options.classes ?? 8;
  const nTeachers = options.teachers ?? 10;
  const nRooms = options.rooms ?? 6;
  const nDays = options.days ?? 5;
  const nPeriods = options.periods ?? 6;
  const nSubjects = options.subjects ?? 8;
  const load = options.load ?? 0.6;
  for (const [name, v] of Object.entries({ classes: nClasses, teachers: nTeachers, rooms: nRooms, days: nDays, periods: nPeriods, subjects: nSubjects })) {
    if (!Number.isInteger(v) || v < 1) throw new LumixError('INVALID_ARGUMENT', `generateSchool: ${name} must be a whole number ≥ 1, got ${v}.`);
  }
  if (nDays > 7) throw new LumixError('INVALID_ARGUMENT', `generateSchool: at most 7 days, got ${nDays}.`);
  const rnd = seededRandom(options.seed ?? 1);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
    }
    return xs;
  };

  const teachers: Teacher[] = Array.from({ length: nTeachers }, (_, i) => ({
    id: i + 1,
    name: `${SURNAMES[i % SURNAMES.length]}${i >= SURNAMES.length ? ` ${Math.floor(i / SURNAMES.length) + 1}` : ''}`,
  }));
  const classrooms: Classroom[] = Array.from({ length: nRooms }, (_, i) => ({
    id: i + 1,
    name: `Room ${100 * (1 + Math.floor(i / 10)) + (i % 10) + 1}`,
    // The first room is always large, so every class fits somewhere.
    capacity: i === 0 ? 36 : 5 * int(4, 7),
  }));
  const classes: SchoolClass[] = Array.from({ length: nClasses }, (_, i) => ({
    id: i + 1,
    name: `${7 + Math.floor(i / 4)}${String.fromCharCode(65 + (i % 4))}${i >= 24 ? i : ''}`,
    size: int(18, 34),
  }));
  const subjects: Subject[] = Array.from({ length: nSubjects }, (_, i) => ({
    id: i + 1,
    name: SUBJECTS[i % SUBJECTS.length] + (i >= SUBJECTS.length ? ` ${Math.floor(i / SUBJECTS.length) + 1}` : ''),
  }));
  const timeslots: Timeslot[] = [];
  for (let d = 0; d < nDays; d++) {
    for (let p = 1; p <= nPeriods; p++) {
      timeslots.push({ id: d * nPeriods + p, day_of_week: d, period: p, day_name: DAY_NAMES[d] as string });
    }
  }

  const drafts: Omit<Lecture, 'id'>[] = [];
  for (let s = 0; s < timeslots.length; s++) {
    const freeTeachers = shuffle(teachers.map((t) => t.id));
    const freeRooms = new Set(classrooms.map((r) => r.id));
    for (const c of shuffle([...classes])) {
      if (rnd() >= load || freeTeachers.length === 0) continue;
      const fitting = shuffle(classrooms.filter((r) => freeRooms.has(r.id) && r.capacity >= c.size));
      const room = fitting[0];
      if (room === undefined) continue;
      freeRooms.delete(room.id);
      drafts.push({ subject_id: int(1, nSubjects), teacher_id: freeTeachers.pop() as number, class_id: c.id });
    }
  }
  const lectures: Lecture[] = shuffle(drafts).map((l, i) => ({ id: i + 1, ...l }));
  return { teachers, classrooms, classes, subjects, timeslots, lectures };
}
