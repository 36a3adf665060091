import 'reflect-metadata';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table, type ModelCtor } from 'sequelize-typescript';

// Every @Column names its DataType: esbuild (tsx, vitest) emits no decorator metadata, so
// sequelize-typescript cannot infer types. Fields are `declare`d so that class fields do not
// shadow Sequelize's attribute accessors. The tables themselves are created by `seed` from
// SCHOOL_SCHEMA; these models map them 1:1 (no sync).

/** `teachers` row. */
@Table({ tableName: 'teachers', timestamps: false })
export class TeacherRow extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare id: number;

  @Column({ type: DataType.TEXT, allowNull: false })
  declare name: string;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare work_years: number;
}

/** `classrooms` row. */
@Table({ tableName: 'classrooms', timestamps: false })
export class ClassroomRow extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare id: number;

  @Column({ type: DataType.TEXT, allowNull: false, unique: true })
  declare name: string;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare capacity: number;

  @Column({ type: DataType.TEXT, allowNull: false, defaultValue: 'REGULAR' })
  declare room_type: string;
}

/** `classes` row (the tutorial's SchoolClass). */
@Table({ tableName: 'classes', timestamps: false })
export class SchoolClassRow extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare id: number;

  @Column({ type: DataType.TEXT, allowNull: false, unique: true })
  declare name: string;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare size: number;
}

/** `subjects` row. */
@Table({ tableName: 'subjects', timestamps: false })
export class SubjectRow extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare id: number;

  @Column({ type: DataType.TEXT, allowNull: false, unique: true })
  declare name: string;

  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: false })
  declare requires_lab: boolean;
}

/** `timeslots` row: day_of_week 0 = Monday, period 1, 2, … */
@Table({ tableName: 'timeslots', timestamps: false, indexes: [{ unique: true, fields: ['day_of_week', 'period'] }] })
export class TimeslotRow extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare id: number;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare day_of_week: number;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare period: number;

  @Column({ type: DataType.TEXT, allowNull: false })
  declare day_name: string;
}

/** `lectures` row: one weekly lecture of a subject, by a teacher, to a class. */
@Table({ tableName: 'lectures', timestamps: false })
export class LectureRow extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare id: number;

  @ForeignKey(() => SubjectRow)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare subject_id: number;

  @ForeignKey(() => TeacherRow)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare teacher_id: number;

  @ForeignKey(() => SchoolClassRow)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare class_id: number;

  @BelongsTo(() => SubjectRow, 'subject_id')
  declare subject?: SubjectRow;

  @BelongsTo(() => TeacherRow, 'teacher_id')
  declare teacher?: TeacherRow;

  @BelongsTo(() => SchoolClassRow, 'class_id')
  declare schoolClass?: SchoolClassRow;
}

/** `teacher_preferences` row: a DAY_OFF (day_of_week) or SPECIFIC_TIME (lecture_id, timeslot_id) wish. */
@Table({ tableName: 'teacher_preferences', timestamps: false })
export class TeacherPreferenceRow extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare id: number;

  @ForeignKey(() => TeacherRow)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare teacher_id: number;

  @Column({ type: DataType.TEXT, allowNull: false })
  declare preference_type: string;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare day_of_week: number | null;

  @ForeignKey(() => LectureRow)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare lecture_id: number | null;

  @ForeignKey(() => TimeslotRow)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare timeslot_id: number | null;

  @Column({ type: DataType.TEXT, allowNull: true })
  declare description: string | null;
}

/** `schedule_assignments` row: where and when a lecture takes place in run `run_id`. */
@Table({ tableName: 'schedule_assignments', timestamps: false })
class ScheduleAssignmentRow extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare run_id: number;

  @ForeignKey(() => LectureRow)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare lecture_id: number;

  @ForeignKey(() => TimeslotRow)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare timeslot_id: number;

  @ForeignKey(() => ClassroomRow)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare classroom_id: number;
}

/** Every model of the school database, to register with a Sequelize instance. */
export const SCHOOL_MODELS: readonly ModelCtor[] = [TeacherRow, ClassroomRow, SchoolClassRow, SubjectRow, TimeslotRow, LectureRow, TeacherPreferenceRow, ScheduleAssignmentRow];
