// Timetabling solve jobs on the pg-boss queue in the school's PostgreSQL database (a throw-away
// server started by this package's vitest globalSetup): submit, runs showing each job's state,
// a worker that takes them and saves one checked timetable per job. The kill -9 fault tests of
// the shared worker loop (app-kit's serveSolveJobs) are in the production-planning app.
import { afterAll, describe, expect, it } from 'vitest';
import { listSolveJobs } from '@lumix/app-kit';
import { openSequelizeAdapter } from '@lumix/orm-sequelize';
import { newPostgresDatabase, readJsonFixture, testPostgres } from '@lumix/test-fixtures';
import { checkTimetable } from './support/check-timetable.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';

afterAll(removeTempDirs);

const assignments = readJsonFixture<{ expected: { assignments: number } }>('tutorial/timetabling_step2.json').expected.assignments;
const server = testPostgres();

if ('skip' in server) {
  console.warn(`[queue-postgres] skipped: ${server.skip}`);
  describe.skip(`solve jobs on PostgreSQL (${server.skip})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describe('timetabling solve jobs on a pg-boss queue', () => {
    it('queue/submit-worker-runs', { timeout: 120_000 }, async () => {
      const dir = tempDir();
      const db = await newPostgresDatabase(server.url, 'lumix_school');
      expect((await cli(dir, 'seed', '--db', db)).code).toBe(0);
      const ids: string[] = [];
      for (const solver of ['highs', 'glpk']) {
        const r = await cli(dir, 'submit', '--db', db, '--solver', solver);
        expect(r.code, r.stderr).toBe(0);
        ids.push(/Queued solve job ([0-9a-f-]{36})/.exec(r.stdout)![1]!);
      }
      const queued = await cli(dir, 'runs', '--db', db);
      expect(queued.stdout).toMatch(new RegExp(`${ids[0]!}\\s+queued`));
      expect(queued.stdout).toContain('has no saved runs yet');

      const worker = await cli(dir, 'worker', '--db', db, '--exit-when-idle', '--concurrency', '2');
      expect(worker.code, worker.stderr).toBe(0);
      expect(worker.stdout).toContain('2 job(s) handled');
      const jobs = await listSolveJobs(db, 'timetabling');
      expect(jobs.map((j) => [j.id, j.state])).toEqual(ids.map((id) => [id, 'done']));

      const a = await openSequelizeAdapter(db);
      try {
        const runs = await a.query<{ id: number; solver: string; label: string }>('SELECT id, solver, label FROM solve_runs ORDER BY id');
        expect(runs).toHaveLength(2);
        for (const [i, job] of jobs.entries()) {
          const run = runs.find((r) => r.id === job.runId)!;
          expect(run.label).toBe(`orm=sequelize job=${job.id}`);
          expect(run.solver).toBe(i === 0 ? 'highs' : 'glpk');
          const t = {
            lectures: await a.query<{ id: number; teacher_id: number; class_id: number }>('SELECT id, teacher_id, class_id FROM lectures'),
            classes: await a.query<{ id: number; size: number }>('SELECT id, size FROM classes'),
            classrooms: await a.query<{ id: number; capacity: number }>('SELECT id, capacity FROM classrooms'),
            timeslots: await a.query<{ id: number }>('SELECT id FROM timeslots'),
            assignments: await a.query<{ lecture_id: number; timeslot_id: number; classroom_id: number }>(
              'SELECT lecture_id, timeslot_id, classroom_id FROM schedule_assignments WHERE run_id = ?',
              [run.id],
            ),
          };
          expect(t.assignments).toHaveLength(assignments);
          expect(checkTimetable(t)).toEqual([]);
        }
      } finally {
        await a.close();
      }
      const done = await cli(dir, 'runs', '--db', db);
      expect(done.stdout).toMatch(new RegExp(`${ids[1]!}\\s+done`));
    });

    it('queue/sqlite-refused', async () => {
      const dir = tempDir();
      const r = await cli(dir, 'submit', '--db', 'school.db');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('need a PostgreSQL database');
    });
  });
}
