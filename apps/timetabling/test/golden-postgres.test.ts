// The tutorial golden on PostgreSQL (a throw-away server started by this package's vitest
// globalSetup): seed, solve with each solver, runs and show on a database URL (and through
// DATABASE_URL), the saved timetable read back with plain SQL and checked independently.
import { afterAll, describe, expect, it } from 'vitest';
import type { OrmAdapter } from '@lumix/core';
import { openSequelizeAdapter } from '@lumix/orm-sequelize';
import { fixturePath, newPostgresDatabase, readJsonFixture, testPostgres } from '@lumix/test-fixtures';
import { checkTimetable } from './support/check-timetable.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';

afterAll(removeTempDirs);

interface Expected {
  expected: { assignments: number; model_size: { assignment_variables_after_filter: number; constraints: { total: number } } };
}
const fixture = readJsonFixture<Expected>('tutorial/timetabling_step2.json');
const server = testPostgres();

/** A saved timetable as the database holds it, read with plain SQL. */
async function readTimetable(a: OrmAdapter, runId: number) {
  return {
    lectures: await a.query<{ id: number; teacher_id: number; class_id: number }>('SELECT id, subject_id, teacher_id, class_id FROM lectures'),
    classes: await a.query<{ id: number; size: number }>('SELECT id, size FROM classes'),
    classrooms: await a.query<{ id: number; capacity: number }>('SELECT id, capacity FROM classrooms'),
    timeslots: await a.query<{ id: number }>('SELECT id, day_of_week, period FROM timeslots'),
    assignments: await a.query<{ lecture_id: number; timeslot_id: number; classroom_id: number }>(
      'SELECT lecture_id, timeslot_id, classroom_id FROM schedule_assignments WHERE run_id = ?',
      [runId],
    ),
  };
}

if ('skip' in server) {
  console.warn(`[golden-postgres] skipped: ${server.skip}`);
  describe.skip(`golden on PostgreSQL (${server.skip})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describe('golden on PostgreSQL: tutorial data, both solvers', () => {
    it('golden/tutorial-postgres', async () => {
      const dir = tempDir();
      const db = await newPostgresDatabase(server.url, 'lumix_school');
      const seeded = await cli(dir, 'seed', '--db', db);
      expect(seeded.code, seeded.stderr).toBe(0);
      for (const solver of ['highs', 'glpk'] as const) {
        const r = await cli(dir, 'solve', '--db', db, '--solver', solver);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain(`Saved run #${solver === 'highs' ? 1 : 2}: ${fixture.expected.assignments} assignments in ${db}.`);
      }
      const a = await openSequelizeAdapter(db);
      try {
        const runs = await a.query<Record<string, unknown>>('SELECT * FROM solve_runs ORDER BY id');
        expect(runs.map((r) => [r['id'], r['solver'], r['status'], r['model_name'], r['label']])).toEqual([
          [1, 'highs', 'optimal', 'timetabling', 'orm=sequelize'],
          [2, 'glpk', 'optimal', 'timetabling', 'orm=sequelize'],
        ]);
        for (const r of runs) {
          expect(r['num_variables']).toBe(fixture.expected.model_size.assignment_variables_after_filter);
          // + 20 rows of the soft same-subject-per-day rule.
          expect(r['num_constraints']).toBe(fixture.expected.model_size.constraints.total + 20);
          expect(r['objective']).toBe(0);
          const t = await readTimetable(a, r['id'] as number);
          expect(t.assignments).toHaveLength(fixture.expected.assignments);
          expect(checkTimetable(t)).toEqual([]);
        }
      } finally {
        await a.close();
      }
      const before = process.env['DATABASE_URL'];
      process.env['DATABASE_URL'] = db;
      try {
        const list = await cli(dir, 'runs');
        expect(list.code, list.stderr).toBe(0);
        expect(list.stdout).toMatch(/^\s+1 .* highs +optimal +20 +1500 +430 /m);
        expect(list.stdout).toMatch(/^\s+2 .* glpk +optimal +20 +1500 +430 /m);
        const shown = await cli(dir, 'show', '--run', '1');
        expect(shown.code, shown.stderr).toBe(0);
        expect(shown.stdout).toContain('assignments    20 of 20 lectures');
        expect(shown.stdout).toContain('Dr. Smith (6 lectures)');
        // seed again replaces the app's tables and their runs in place.
        const again = await cli(dir, 'seed');
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).toContain('Replaced');
        const none = await cli(dir, 'runs');
        expect(none.stdout).not.toMatch(/highs +optimal/);
      } finally {
        if (before === undefined) delete process.env['DATABASE_URL'];
        else process.env['DATABASE_URL'] = before;
      }
      const raw = await cli(dir, 'runs', '--db', db, '--orm', 'sqlite');
      expect(raw.code).not.toBe(0);
      expect(raw.stderr).toContain('--orm sequelize');
    });

    it('golden/step4-postgres: room types, 24 preferences, weighted 101,000', async () => {
      const dir = tempDir();
      const db = await newPostgresDatabase(server.url, 'lumix_school4');
      const seeded = await cli(dir, 'seed', '--db', db, '--data', fixturePath('tutorial/timetabling_step4.json'));
      expect(seeded.code, seeded.stderr).toBe(0);
      const r = await cli(dir, 'solve', '--db', db, '--solver', 'highs');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('preference penalty Σ 10^(6−priority)·deviation = 101000');
      expect(r.stdout).toContain('Priority 1: 8/9 satisfied (89%)');
      const a = await openSequelizeAdapter(db);
      try {
        const t = await readTimetable(a, 1);
        expect(t.assignments).toHaveLength(87);
        expect(checkTimetable(t)).toEqual([]);
        // Room types from the rows (requires_lab is a real boolean on PostgreSQL).
        const rows = await a.query<{ subject: string; requires_lab: boolean; room_type: string }>(
          `SELECT s.name AS subject, s.requires_lab, r.room_type FROM schedule_assignments a JOIN lectures l ON l.id = a.lecture_id
             JOIN subjects s ON s.id = l.subject_id JOIN classrooms r ON r.id = a.classroom_id WHERE a.run_id = 1`,
        );
        const bad = rows.filter((x) => (x.subject === 'Physical Education' ? x.room_type !== 'GYM' : x.requires_lab ? x.room_type !== 'LAB' : x.room_type === 'GYM'));
        expect(bad).toEqual([]);
        expect(rows.filter((x) => x.room_type === 'GYM')).toHaveLength(12);
      } finally {
        await a.close();
      }
    }, 300_000);
  });
}
