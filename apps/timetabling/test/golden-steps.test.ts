// Golden tests of tutorial steps 3 and 4 from seed to saved run (expected values from the
// reference, lumix-apps.md §2.3–2.4): step 3 weighted objective 0 with all 7 preferences met;
// step 4 24,520 variables, 1,647 hard rows + 24 goal rows, weighted objective 101,000, P1 8/9,
// P2 7/7, P3 7/8. Every saved run is re-checked from the database rows with raw SQL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath } from '@lumix/test-fixtures';
import { checkTimetable } from './support/check-timetable.js';
import { preferenceSatisfaction, roomTypeViolations, sameSubjectTwiceADay } from './support/check-steps.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';
import { readRows, readTimetable } from './support/read-db.js';

afterAll(removeTempDirs);

async function checkRun(file: string, runId: number, lectures: number): Promise<void> {
  const t = await readTimetable(file, runId);
  expect(t.assignments).toHaveLength(lectures);
  expect(checkTimetable(t)).toEqual([]);
  expect(await roomTypeViolations(file, runId)).toEqual([]);
}

describe('golden: tutorial step 3 (teacher preferences as goals)', () => {
  for (const [orm, solver] of [['sequelize', 'highs'], ['sqlite', 'highs'], ['sqlite', 'glpk']] as const) {
    it(`step 3 with ${orm} and ${solver}: all 7 preferences met, objective 0`, async () => {
      const dir = tempDir();
      const seeded = await cli(dir, 'seed', '--orm', orm, '--data', fixturePath('tutorial/timetabling_step3.json'));
      expect(seeded.code, seeded.stderr).toBe(0);
      expect(seeded.stdout).toMatch(/teacher_preferences +7/);
      expect(seeded.stdout).not.toContain('warning');
      const r = await cli(dir, 'solve', '--orm', orm, '--solver', solver);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Priority 1: 4/4 satisfied (100%)');
      expect(r.stdout).toContain('Priority 2: 1/1 satisfied (100%)');
      expect(r.stdout).toContain('Priority 3: 2/2 satisfied (100%)');
      expect(r.stdout).toContain('Same subject twice a day: never');
      const file = join(dir, 'school.db');
      const [run] = await readRows<Record<string, unknown>>(file, 'SELECT * FROM solve_runs');
      expect(run?.['status']).toBe('optimal');
      expect(run?.['num_variables']).toBe(1500);
      expect(run?.['objective']).toBe(0);
      await checkRun(file, 1, 20);
      expect(await preferenceSatisfaction(file, 1)).toEqual({ summary: ['P1 4/4', 'P2 1/1', 'P3 2/2'], missed: [], penalty: 0 });
      expect(await sameSubjectTwiceADay(file, 1)).toEqual([]);
    }, 300_000);
  }
});

describe('golden: tutorial step 3, lexicographic', () => {
  for (const solver of ['highs', 'glpk'] as const) {
    it(`--goal-mode lexicographic with ${solver} meets all 7 too`, async () => {
      const dir = tempDir();
      expect((await cli(dir, 'seed', '--orm', 'sqlite', '--data', fixturePath('tutorial/timetabling_step3.json'))).code).toBe(0);
      const r = await cli(dir, 'solve', '--orm', 'sqlite', '--solver', solver, '--goal-mode', 'lexicographic');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Goal mode lexicographic; preference penalty Σ 10^(6−priority)·deviation = 0');
      const file = join(dir, 'school.db');
      await checkRun(file, 1, 20);
      expect((await preferenceSatisfaction(file, 1)).summary).toEqual(['P1 4/4', 'P2 1/1', 'P3 2/2']);
    }, 300_000);
  }
});

describe('golden: tutorial step 4 (room types, 24 preferences)', () => {
  for (const [orm, solver] of [['sequelize', 'highs'], ['sqlite', 'highs'], ['sqlite', 'glpk']] as const) {
    it(`step 4 with ${orm} and ${solver}: weighted 101,000, P1 8/9, P2 7/7, P3 7/8`, async () => {
      const dir = tempDir();
      const seeded = await cli(dir, 'seed', '--orm', orm, '--data', fixturePath('tutorial/timetabling_step4.json'));
      expect(seeded.code, seeded.stderr).toBe(0);
      expect(seeded.stdout).toMatch(/teacher_preferences +24/);
      // The data's problems are named: preferences on another teacher's lecture, and the two conflicting pairs.
      expect(seeded.stdout).toMatch(/teacher_preferences id 3 \(Dr\. Emily Watson: 'Dr\. Watson prefers Math 9B on Tuesday Period 1'\): lecture 3 \(Physics 9A\) is taught by Prof\. Michael Chen/);
      expect(seeded.stdout).toMatch(/teacher_preferences id 7 .* conflicts with teacher_preferences id 6/);
      expect(seeded.stdout).toMatch(/teacher_preferences id 18 .* conflicts with teacher_preferences id 17/);
      const r = await cli(dir, 'solve', '--orm', orm, '--solver', solver, '--report', 'report.html');
      expect(r.code, r.stderr).toBe(0);
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html).toContain('<tr><td>P1</td><td class="num">8/9</td><td class="num">89%</td></tr>');
      expect(html).toContain('<tr><td>P3</td><td class="num">7/8</td><td class="num">88%</td></tr>');
      expect(html.match(/<tr class="missed">/g)).toHaveLength(2);
      expect(html).toMatch(/GYM 12/);
      expect(r.stdout).toContain('Main Gym (GYM · 50 seats · 12 of 40 periods used)');
      expect(r.stdout).toContain('Priority 1: 8/9 satisfied (89%)');
      expect(r.stdout).toContain('Priority 2: 7/7 satisfied (100%)');
      expect(r.stdout).toContain('Priority 3: 7/8 satisfied (88%)');
      expect(r.stdout).toContain('preference penalty Σ 10^(6−priority)·deviation = 101000');
      // The soft rule costs nothing here: Math and science twice a week each fit on different days.
      expect(r.stdout).toContain('Same subject twice a day: never (120 class/subject/day rows checked).');
      const file = join(dir, 'school.db');
      const [run] = await readRows<Record<string, unknown>>(file, 'SELECT * FROM solve_runs');
      expect(run?.['status']).toBe('optimal');
      // 24,520 assignment binaries; 1,647 hard rows + 24 preference rows + 120 same-subject-per-day rows (12 classes × 2 subjects × 5 days).
      expect(run?.['num_variables']).toBe(24_520);
      expect(run?.['num_constraints']).toBe(1_647 + 24 + 120);
      expect(await sameSubjectTwiceADay(file, 1)).toEqual([]);
      // solve_runs.objective is the model's own objective (none here: 0); the penalty is printed and recomputed below.
      expect(run?.['objective']).toBe(0);
      await checkRun(file, 1, 87);
      const sat = await preferenceSatisfaction(file, 1);
      expect(sat.summary).toEqual(['P1 8/9', 'P2 7/7', 'P3 7/8']);
      expect(sat.penalty).toBe(101_000);
      expect(sat.missed).toHaveLength(2);
      expect([6, 7]).toContain(sat.missed[0]);
      expect([17, 18]).toContain(sat.missed[1]);
    }, 300_000);
  }
});
