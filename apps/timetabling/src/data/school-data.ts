/** A teacher (`teachers` row). */
export interface Teacher {
  readonly id: number;
  readonly name: string;
  /** Years of service (step 3 on); the priority of the teacher's preferences follows from it. Default 0. */
  readonly work_years?: number;
}

/** A classroom (`classrooms` row); `capacity` is the number of seats. */
export interface Classroom {
  readonly id: number;
  readonly name: string;
  readonly capacity: number;
  /** Kind of room (step 4 on): `REGULAR` (default), `LAB` or `GYM`. */
  readonly room_type?: RoomType;
}

/** The kinds of classroom: lab subjects take place in a `LAB`, physical education in a `GYM`, the rest in `REGULAR` rooms or labs. */
export const ROOM_TYPES = ['REGULAR', 'LAB', 'GYM'] as const;

/** One kind of classroom. */
export type RoomType = (typeof ROOM_TYPES)[number];

/** A class of students (`classes` row); `size` is its number of students. */
export interface SchoolClass {
  readonly id: number;
  readonly name: string;
  readonly size: number;
}

/** A subject (`subjects` row). */
export interface Subject {
  readonly id: number;
  readonly name: string;
  /** Taught only in a `LAB` room (step 4 on). Default false. */
  readonly requires_lab?: boolean;
}

/** The two kinds of teacher preference (step 3 on). */
export const PREFERENCE_TYPES = ['DAY_OFF', 'SPECIFIC_TIME'] as const;

/**
 * A teacher's wish (`teacher_preferences` row), a goal of the model: `DAY_OFF` (no lecture of the
 * teacher on `day_of_week`) or `SPECIFIC_TIME` (lecture `lecture_id` in timeslot `timeslot_id`).
 */
export interface TeacherPreference {
  readonly id: number;
  readonly teacher_id: number;
  readonly preference_type: (typeof PREFERENCE_TYPES)[number];
  /** For `DAY_OFF`: the day (0 = Monday); else null. */
  readonly day_of_week: number | null;
  /** For `SPECIFIC_TIME`: the lecture; else null. */
  readonly lecture_id: number | null;
  /** For `SPECIFIC_TIME`: the timeslot; else null. */
  readonly timeslot_id: number | null;
  readonly description: string | null;
}

/**
 * A teaching period in the week (`timeslots` row): `day_of_week` 0 = Monday … 6 = Sunday,
 * `period` 1, 2, … within the day.
 */
export interface Timeslot {
  readonly id: number;
  readonly day_of_week: number;
  readonly period: number;
  readonly day_name: string;
}

/** One lecture to place (`lectures` row): a subject taught by a teacher to a class, once a week. */
export interface Lecture {
  readonly id: number;
  readonly subject_id: number;
  readonly teacher_id: number;
  readonly class_id: number;
}

/** Everything the timetabling model reads: the input tables. */
export interface SchoolData {
  readonly teachers: readonly Teacher[];
  readonly classrooms: readonly Classroom[];
  readonly classes: readonly SchoolClass[];
  readonly subjects: readonly Subject[];
  readonly timeslots: readonly Timeslot[];
  readonly lectures: readonly Lecture[];
  /** Teacher preferences (step 3 on); none when absent. */
  readonly teacher_preferences?: readonly TeacherPreference[];
}

/** The input tables in foreign-key order (a table comes after the tables it references). */
export const INPUT_TABLES = ['teachers', 'classrooms', 'classes', 'subjects', 'timeslots', 'lectures', 'teacher_preferences'] as const;

/** Name of one input table. */
export type InputTable = (typeof INPUT_TABLES)[number];

/** The columns of each input table, in order; the same names in JSON, SQL and the Sequelize models. */
export const INPUT_COLUMNS: Readonly<Record<InputTable, readonly string[]>> = Object.freeze({
  teachers: ['id', 'name', 'work_years'],
  classrooms: ['id', 'name', 'capacity', 'room_type'],
  classes: ['id', 'name', 'size'],
  subjects: ['id', 'name', 'requires_lab'],
  timeslots: ['id', 'day_of_week', 'period', 'day_name'],
  lectures: ['id', 'subject_id', 'teacher_id', 'class_id'],
  teacher_preferences: ['id', 'teacher_id', 'preference_type', 'day_of_week', 'lecture_id', 'timeslot_id', 'description'],
});

/** The name that marks a physical-education subject (case-insensitive): taught only in a `GYM` (the tutorial's rule; the data has no flag for it). */
const GYM_SUBJECT = /^(physical education|pe)$/i;

/** The room types a lecture of this subject may use: `GYM` for physical education, `LAB` when it requires a lab, else `REGULAR` or `LAB`. */
export function allowedRoomTypes(subject: Subject): readonly RoomType[] {
  if (GYM_SUBJECT.test(subject.name.trim())) return ['GYM'];
  if (subject.requires_lab === true) return ['LAB'];
  return ['REGULAR', 'LAB'];
}

/** Priority of a teacher's preferences by seniority: ≥ 15 years 1, ≥ 7 years 2, else 3. */
export function seniorityPriority(teacher: Teacher): number {
  const y = teacher.work_years ?? 0;
  return y >= 15 ? 1 : y >= 7 ? 2 : 3;
}

/** English day names by `day_of_week` (0 = Monday). */
export const DAY_NAMES: readonly string[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
