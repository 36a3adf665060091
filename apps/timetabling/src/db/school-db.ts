import { LumixError, type IndexSource, type OrmAdapter } from '@lumix/core';
import { INPUT_COLUMNS, INPUT_TABLES, type Classroom, type InputTable, type Lecture, type SchoolClass, type Subject, type Teacher, type TeacherPreference, type Timeslot } from '../data/school-data.js';
import { loadOnce } from '../model/load-once.js';
import { SCHOOL_TABLE_NAMES } from './school-schema.js';
import { openAdapter, type OrmKind } from './open-adapter.js';

/** Index sources over the input tables, each loaded with one query (and only once). */
export interface SchoolSources {
  readonly teachers: IndexSource<Teacher>;
  readonly classrooms: IndexSource<Classroom>;
  readonly classes: IndexSource<SchoolClass>;
  readonly subjects: IndexSource<Subject>;
  readonly timeslots: IndexSource<Timeslot>;
  readonly lectures: IndexSource<Lecture>;
  readonly teacher_preferences: IndexSource<TeacherPreference>;
}

/** An open school database, through the ORM adapter the user chose. */
export interface SchoolDb {
  readonly file: string;
  /** The path as the user typed it, for messages. */
  readonly name: string;
  readonly orm: OrmKind;
  readonly adapter: OrmAdapter;
  /**
   * Fresh sources over the input tables (Sequelize models or plain tables, by adapter), wrapped
   * so each table is queried once however many readers it has.
   */
  sources(): SchoolSources;
  /** See `OpenedAdapter.dropTables`. */
  dropTables?(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a school database with the chosen adapter: Sequelize models (`--orm sequelize`) or the raw
 * sqlite3 adapter (`--orm sqlite`). Foreign keys are enforced on both.
 */
export async function openSchoolDb(file: string, orm: OrmKind, name: string = file): Promise<SchoolDb> {
  const opened = await openAdapter(file, orm);
  return {
    file,
    name,
    orm,
    adapter: opened.adapter,
    sources: () => {
      const out: Partial<Record<InputTable, IndexSource<unknown>>> = {};
      for (const t of INPUT_TABLES) out[t] = loadOnce(opened.source(t, INPUT_COLUMNS[t]));
      return out as unknown as SchoolSources;
    },
    ...(opened.dropTables === undefined ? {} : { dropTables: opened.dropTables }),
    close: opened.close,
  };
}

/**
 * Checks that every school table exists.
 *
 * @throws LumixError `SCHEMA_ERROR` naming the missing tables and telling the user to run `seed`.
 */
export async function assertSchoolSchema(db: SchoolDb, seedHint: string): Promise<void> {
  const present = new Set(await db.adapter.listTables());
  const missing = SCHOOL_TABLE_NAMES.filter((t) => !present.has(t));
  if (missing.length > 0) {
    throw new LumixError(
      'SCHEMA_ERROR',
      `${db.name} is not a school database (missing table${missing.length === 1 ? '' : 's'} ${missing.join(', ')}). Create it with: ${seedHint}`,
      { details: { file: db.file, missing } },
    );
  }
}
