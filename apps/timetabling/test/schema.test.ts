import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSequelize } from '@lumix/orm-sequelize';
import { SCHOOL_SCHEMA } from '../src/db/school-schema.js';
import { SCHOOL_MODELS } from '../src/db/sequelize-models.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';
import { execSql } from './support/read-db.js';

afterAll(removeTempDirs);

describe('school schema', () => {
  it('schema/sequelize-models-match-the-tables', async () => {
    const sequelize = await openSequelize(':memory:', { models: SCHOOL_MODELS });
    const byTable = new Map(SCHOOL_SCHEMA.map((t) => [t.name, t]));
    for (const model of SCHOOL_MODELS) {
      const spec = byTable.get(model.getTableName() as string);
      expect(spec, model.name).toBeDefined();
      const attrs = model.getAttributes();
      expect(Object.keys(attrs).sort(), model.name).toEqual(Object.keys(spec!.columns).sort());
      for (const [name, col] of Object.entries(spec!.columns)) {
        const type = (attrs[name]?.type as { key?: string } | undefined)?.key;
        expect(type, `${model.name}.${name}`).toBe(col.type === 'integer' ? 'INTEGER' : col.type === 'boolean' ? 'BOOLEAN' : 'TEXT');
      }
    }
    await sequelize.close();
  });

  for (const orm of ['sqlite', 'sequelize'] as const) {
    it(`schema/rules-enforced-when-seeded-via-${orm}`, async () => {
      const dir = tempDir();
      const file = join(dir, 'school.db');
      expect((await cli(dir, 'seed', '--orm', orm)).code).toBe(0);
      const fails = (sql: string) => expect(execSql(file, `PRAGMA foreign_keys = ON; ${sql}`), sql).rejects.toThrow(/constraint failed/i);
      await fails('INSERT INTO lectures (id, subject_id, teacher_id, class_id) VALUES (99, 1, 42, 1)');
      await fails("INSERT INTO timeslots (id, day_of_week, period, day_name) VALUES (99, 0, 1, 'Monday')");
      await fails("INSERT INTO classrooms (id, name, capacity) VALUES (9, 'Room 101', 30)");
      await fails('DELETE FROM teachers WHERE id = 1');
      expect((await cli(dir, 'solve', '--orm', orm)).code).toBe(0);
      await fails('INSERT INTO schedule_assignments (run_id, lecture_id, timeslot_id, classroom_id) SELECT run_id, lecture_id, 30, 4 FROM schedule_assignments LIMIT 1');
      await fails('INSERT INTO schedule_assignments (run_id, lecture_id, timeslot_id, classroom_id) SELECT run_id, 1, timeslot_id, classroom_id FROM schedule_assignments WHERE lecture_id = 2');
      await fails('INSERT INTO schedule_assignments (run_id, lecture_id, timeslot_id, classroom_id) VALUES (7, 1, 1, 1)');
      // Deleting a run deletes its assignments.
      await execSql(file, 'PRAGMA foreign_keys = ON; DELETE FROM solve_runs WHERE id = 1');
      const { readRows } = await import('./support/read-db.js');
      expect(await readRows(file, 'SELECT COUNT(*) AS n FROM schedule_assignments')).toEqual([{ n: 0 }]);
    });
  }
});
