import type { IndexSource, OrmAdapter } from '@lumix/core';
import type { Model, ModelStatic } from 'sequelize';
import { fromModel, openSequelizeAdapter } from '@lumix/orm-sequelize';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { assertOrmOpens } from '@lumix/app-kit';
import type { InputTable } from '../data/school-data.js';
import { ClassroomRow, LectureRow, SCHOOL_MODELS, SchoolClassRow, SubjectRow, TeacherPreferenceRow, TeacherRow, TimeslotRow } from './sequelize-models.js';

const MODEL_OF: Readonly<Record<InputTable, ModelStatic<Model>>> = {
  teachers: TeacherRow,
  classrooms: ClassroomRow,
  classes: SchoolClassRow,
  subjects: SubjectRow,
  timeslots: TimeslotRow,
  lectures: LectureRow,
  teacher_preferences: TeacherPreferenceRow,
};

/** The ORM adapters the app can use: `sequelize` (sequelize-typescript models) or `sqlite` (raw sqlite3). */
export type OrmKind = 'sequelize' | 'sqlite';

/** An open adapter plus the way to get an index source over one input table. */
export interface OpenedAdapter {
  readonly adapter: OrmAdapter;
  /** A source over an input table's columns, ordered by id: a Sequelize model query or a table SELECT. */
  source(table: InputTable, columns: readonly string[]): IndexSource<unknown>;
  /** Drops tables and what depends on them (Sequelize: on a PostgreSQL database, which `seed` refills in place). */
  dropTables?(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** Opens `file` (created when missing), or a PostgreSQL URL through Sequelize, with the chosen adapter, foreign keys enforced. */
export async function openAdapter(file: string, orm: OrmKind): Promise<OpenedAdapter> {
  assertOrmOpens(file, orm);
  if (orm === 'sqlite') {
    const adapter = await openSqliteAdapter(file);
    return {
      adapter,
      source: (table, columns) => adapter.fromTable(table, { columns, orderBy: 'id' }),
      close: () => adapter.close(),
    };
  }
  const adapter = await openSequelizeAdapter(file, { models: SCHOOL_MODELS });
  return {
    adapter,
    source: (table, columns) => fromModel(MODEL_OF[table], { attributes: [...columns], label: `table ${table} (model ${MODEL_OF[table].name})` }) as IndexSource<unknown>,
    dropTables: async (tables) => {
      if (tables.length > 0) await adapter.sequelize.query(`DROP TABLE IF EXISTS ${tables.map((t) => `"${t.replace(/"/g, '""')}"`).join(', ')} CASCADE`);
    },
    close: () => adapter.close(),
  };
}
