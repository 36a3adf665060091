import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { SequelizeAdapter } from '@lumix/orm-sequelize';
import type { SqliteAdapter } from '@lumix/orm-sqlite';
import type { SchoolClass } from '../src/data/school-data.js';
import { loadSchool } from '../src/commands/load-school.js';
import { openSchoolDb, type SchoolDb } from '../src/db/school-db.js';
import { buildTimetableModel } from '../src/model/build-timetable-model.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';

afterAll(removeTempDirs);

/** Records the SQL statements a school database runs, whichever adapter it uses. */
function traceSql(db: SchoolDb): string[] {
  const seen: string[] = [];
  if (db.orm === 'sqlite') (db.adapter as SqliteAdapter).db.on('trace', (sql: string) => seen.push(sql));
  else {
    const sequelize = (db.adapter as SequelizeAdapter).sequelize as unknown as { options: { logging: (sql: string) => void } };
    sequelize.options.logging = (sql) => void seen.push(sql.replace(/^Executing \([^)]*\): /, ''));
  }
  return seen;
}

describe('queries per build', () => {
  for (const orm of ['sqlite', 'sequelize'] as const) {
    it(`queries/one-select-per-input-table-${orm}`, async () => {
      const dir = tempDir();
      expect((await cli(dir, 'seed', '--orm', 'sqlite')).code).toBe(0);
      const db = await openSchoolDb(join(dir, 'school.db'), orm);
      try {
        const seen = traceSql(db);
        const { sources } = await loadSchool(db, 'school.db');
        const classSize = await db.adapter.lookup<number, SchoolClass>(sources.classes, 'id', 'size');
        const { model } = buildTimetableModel({ lectures: sources.lectures, timeslots: sources.timeslots, classrooms: sources.classrooms, classSize });
        const { problem } = await model.compile();
        expect(problem.numCols).toBe(1500);
        const reads = () => seen.filter((s) => /^\s*SELECT/i.test(s) && !/sqlite_master|pragma/i.test(s));
        // sqlite3 reports 'trace' events asynchronously, sometimes after the query's own callback:
        // wait until the seven reads have been reported, then check there is exactly one per table.
        await vi.waitFor(() => expect(reads().length).toBeGreaterThanOrEqual(7), { timeout: 2000, interval: 10 });
        const selects = reads();
        for (const table of ['teachers', 'classrooms', 'classes', 'subjects', 'timeslots', 'lectures', 'teacher_preferences']) {
          expect(selects.filter((s) => new RegExp(`FROM [\`"]?${table}[\`"]?`, 'i').test(s)), table).toHaveLength(1);
        }
        expect(selects).toHaveLength(7);
      } finally {
        await db.close();
      }
    });
  }
});
