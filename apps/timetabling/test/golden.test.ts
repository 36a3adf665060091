import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonFixture } from '@lumix/test-fixtures';
import { generateSchool } from '../src/data/generate-school.js';
import { TUTORIAL_SCHOOL } from '../src/data/tutorial-school.js';
import { roomTypeViolations } from './support/check-steps.js';
import { checkTimetable } from './support/check-timetable.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';
import { readRows, readTimetable } from './support/read-db.js';

afterAll(removeTempDirs);

interface Expected {
  expected: { assignments: number; model_size: { assignment_variables_after_filter: number; constraints: { total: number } } };
}
const fixture = readJsonFixture<Expected>('tutorial/timetabling_step2.json');

async function expectValidRun(file: string, runId: number, lectures: number): Promise<void> {
  const t = await readTimetable(file, runId);
  expect(t.assignments).toHaveLength(lectures);
  expect(checkTimetable(t)).toEqual([]);
}

describe('golden: tutorial data, both ORMs × both solvers', () => {
  for (const orm of ['sequelize', 'sqlite'] as const) {
    it(`golden/tutorial-${orm}`, async () => {
      const dir = tempDir();
      const seeded = await cli(dir, 'seed', '--orm', orm);
      expect(seeded.code, seeded.stderr).toBe(0);
      for (const solver of ['highs', 'glpk'] as const) {
        const r = await cli(dir, 'solve', '--orm', orm, '--solver', solver);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain(`Saved run #${solver === 'highs' ? 1 : 2}: ${fixture.expected.assignments} assignments in school.db.`);
        expect(r.stdout).toMatch(/TEACHER TIMETABLES[\s\S]*CLASS TIMETABLES[\s\S]*ROOM TIMETABLES/);
      }
      const runs = await readRows<Record<string, unknown>>(join(dir, 'school.db'), 'SELECT * FROM solve_runs ORDER BY id');
      expect(runs.map((r) => [r['id'], r['solver'], r['status'], r['model_name'], r['label']])).toEqual([
        [1, 'highs', 'optimal', 'timetabling', `orm=${orm}`],
        [2, 'glpk', 'optimal', 'timetabling', `orm=${orm}`],
      ]);
      for (const r of runs) {
        expect(r['num_variables']).toBe(fixture.expected.model_size.assignment_variables_after_filter);
        // The tutorial's 410 hard rows + 20 rows of the soft same-subject-per-day rule (4 classes have one subject twice × 5 days).
        expect(r['num_constraints']).toBe(fixture.expected.model_size.constraints.total + 20);
        expect(r['objective']).toBe(0);
        await expectValidRun(join(dir, 'school.db'), r['id'] as number, fixture.expected.assignments);
      }
      const list = await cli(dir, 'runs', '--orm', orm);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/^\s+1 .* highs +optimal +20 +1500 +430 /m);
      expect(list.stdout).toMatch(/^\s+2 .* glpk +optimal +20 +1500 +430 /m);
      const shown = await cli(dir, 'show', '--run', '1', '--orm', orm);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain('assignments    20 of 20 lectures');
      expect(shown.stdout).toContain('Dr. Smith (6 lectures)');
      expect(shown.stdout).toContain('10B (26 students · 6 lectures)');
    });
  }

  it('golden/default-data-is-the-fixture', () => {
    const json = readJsonFixture<Record<string, unknown>>('tutorial/timetabling_step2.json');
    for (const table of ['teachers', 'classrooms', 'classes', 'subjects', 'timeslots', 'lectures'] as const) {
      expect(TUTORIAL_SCHOOL[table]).toEqual(json[table]);
    }
  });
});

describe('golden: generated and larger data', () => {
  it('golden/generated-8x10x6x30-via-data-file', async () => {
    const dir = tempDir();
    const data = generateSchool({ classes: 8, teachers: 10, rooms: 6, days: 5, periods: 6, seed: 11 });
    writeFileSync(join(dir, 'gen.json'), JSON.stringify({ _meta: { generator: 'generateSchool seed 11' }, ...data }));
    expect((await cli(dir, 'seed', '--db', 'gen.db', '--data', 'gen.json', '--orm', 'sqlite')).code).toBe(0);
    const highs = await cli(dir, 'solve', '--db', 'gen.db', '--orm', 'sequelize', '--solver', 'highs');
    expect(highs.code, highs.stderr).toBe(0);
    // GLPK does not settle the soft same-subject-per-day rule on this dense instance within the
    // test time (it searched > 60 s); here it solves the pure feasibility model, as before the rule.
    const glpk = await cli(dir, 'solve', '--db', 'gen.db', '--orm', 'sqlite', '--solver', 'glpk', '--same-subject-day-weight', '0');
    expect(glpk.code, glpk.stderr).toBe(0);
    await expectValidRun(join(dir, 'gen.db'), 1, data.lectures.length);
    await expectValidRun(join(dir, 'gen.db'), 2, data.lectures.length);
  });

  for (const [name, opts] of [
    ['small-3x4x2x10', { classes: 3, teachers: 4, rooms: 2, days: 2, periods: 5, seed: 5, load: 0.9 }],
    ['wide-12x15x8x40', { classes: 12, teachers: 15, rooms: 8, days: 5, periods: 8, seed: 6, load: 0.7 }],
  ] as const) {
    it(`golden/generated-${name}`, async () => {
      const dir = tempDir();
      const data = generateSchool(opts);
      writeFileSync(join(dir, 'gen.json'), JSON.stringify(data));
      expect((await cli(dir, 'seed', '--data', 'gen.json', '--orm', 'sqlite')).code).toBe(0);
      const r = await cli(dir, 'solve', '--orm', 'sqlite');
      expect(r.code, r.stderr).toBe(0);
      await expectValidRun(join(dir, 'school.db'), 1, data.lectures.length);
    });
  }

  it('golden/tutorial-step4-data-honours-room-types', async () => {
    const dir = tempDir();
    const { fixturePath } = await import('@lumix/test-fixtures');
    const seeded = await cli(dir, 'seed', '--data', fixturePath('tutorial/timetabling_step4.json'), '--orm', 'sqlite');
    expect(seeded.code, seeded.stderr).toBe(0);
    // Nothing is dropped any more: room types, lab requirements and preferences are all seeded and used.
    expect(seeded.stdout).not.toContain('note: ignored');
    const r = await cli(dir, 'solve', '--orm', 'sqlite');
    expect(r.code, r.stderr).toBe(0);
    await expectValidRun(join(dir, 'school.db'), 1, 87);
    expect(await roomTypeViolations(join(dir, 'school.db'), 1)).toEqual([]);
  });
});
