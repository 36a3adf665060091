/** A teacher (`teachers` row). */
export interface Teacher {
  readonly id: number;
  readonly name: string;
}

/** A classroom (`classrooms` row); `capacity` is the number of seats. */
export interface Classroom {
  readonly id: number;
  readonly name: string;
  readonly capacity: number;
}

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

/** Everything the step 1/2 timetabling model reads: the six input tables. */
export interface SchoolData {
  readonly teachers: readonly Teacher[];
  readonly classrooms: readonly Classroom[];
  readonly classes: readonly SchoolClass[];
  readonly subjects: readonly Subject[];
  readonly timeslots: readonly Timeslot[];
  readonly lectures: readonly Lecture[];
}

/** The input tables in foreign-key order (a table comes after the tables it references). */
export const INPUT_TABLES = ['teachers', 'classrooms', 'classes', 'subjects', 'timeslots', 'lectures'] as const;

/** Name of one input table. */
export type InputTable = (typeof INPUT_TABLES)[number];

/** The columns of each input table, in order; the same names in JSON, SQL and the Sequelize models. */
export const INPUT_COLUMNS: Readonly<Record<InputTable, readonly string[]>> = Object.freeze({
  teachers: ['id', 'name'],
  classrooms: ['id', 'name', 'capacity'],
  classes: ['id', 'name', 'size'],
  subjects: ['id', 'name'],
  timeslots: ['id', 'day_of_week', 'period', 'day_name'],
  lectures: ['id', 'subject_id', 'teacher_id', 'class_id'],
});

/** English day names by `day_of_week` (0 = Monday). */
export const DAY_NAMES: readonly string[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
