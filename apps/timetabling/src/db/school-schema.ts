import { SOLVE_RUNS_SPEC, solutionTable, type TableSpec } from '@lumix/core';

/**
 * The tables of the school database, parents first. Names and columns are the tutorial's;
 * `solve_runs` and the `run_id` of `schedule_assignments` are ours (every run is kept).
 *
 * Declared rules, enforced by SQLite (foreign keys on): every lecture's subject, teacher and
 * class exist; one timeslot per (day_of_week, period); classroom, class and subject names are
 * unique; within one run, one assignment per lecture and one lecture per (timeslot, classroom),
 * and deleting a run deletes its assignments. Clashes of a teacher or a class span tables; the
 * model prevents them and the tests re-check every saved run.
 */
export const SCHOOL_SCHEMA: readonly TableSpec[] = [
  { name: 'teachers', columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text' }, work_years: { type: 'integer', default: 0 } } },
  {
    name: 'classrooms',
    columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text', unique: true }, capacity: { type: 'integer' }, room_type: { type: 'text', default: 'REGULAR' } },
  },
  {
    name: 'classes',
    columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text', unique: true }, size: { type: 'integer' } },
  },
  {
    name: 'subjects',
    columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text', unique: true }, requires_lab: { type: 'boolean', default: false } },
  },
  {
    name: 'timeslots',
    columns: {
      id: { type: 'integer', primaryKey: true },
      day_of_week: { type: 'integer' },
      period: { type: 'integer' },
      day_name: { type: 'text' },
    },
    unique: [['day_of_week', 'period']],
  },
  {
    name: 'lectures',
    columns: {
      id: { type: 'integer', primaryKey: true },
      subject_id: { type: 'integer', references: 'subjects' },
      teacher_id: { type: 'integer', references: 'teachers' },
      class_id: { type: 'integer', references: 'classes' },
    },
    indexes: [['teacher_id'], ['class_id']],
  },
  {
    name: 'teacher_preferences',
    columns: {
      id: { type: 'integer', primaryKey: true },
      teacher_id: { type: 'integer', references: 'teachers' },
      preference_type: { type: 'text' },
      day_of_week: { type: 'integer', nullable: true },
      lecture_id: { type: 'integer', nullable: true, references: 'lectures' },
      timeslot_id: { type: 'integer', nullable: true, references: 'timeslots' },
      description: { type: 'text', nullable: true },
    },
    indexes: [['teacher_id']],
  },
  SOLVE_RUNS_SPEC,
  solutionTable(
    'schedule_assignments',
    {
      lecture_id: { type: 'integer', references: 'lectures' },
      timeslot_id: { type: 'integer', references: 'timeslots' },
      classroom_id: { type: 'integer', references: 'classrooms' },
    },
    { unique: [['lecture_id'], ['timeslot_id', 'classroom_id']] },
  ),
];

/** Every table of the school database, in creation order. */
export const SCHOOL_TABLE_NAMES: readonly string[] = SCHOOL_SCHEMA.map((t) => t.name);
