// `show` reports the goal satisfaction of a saved run (per priority satisfied / total, each
// preference met or missed, the same-subject-per-day rule) from the run's schedule_assignments
// rows: both ORMs on tutorial step 3. The last case moves a saved lecture behind the app's back and
// checks show against the independent re-check of the rows (support/check-steps.ts): the section
// describes the saved timetable, not a new solve.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath } from '@lumix/test-fixtures';
import { preferenceSatisfaction } from './support/check-steps.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';
import { execSql } from './support/read-db.js';

afterAll(removeTempDirs);

/** `P<k> a/n` from the printed `Priority k: a/n satisfied` lines. */
const printed = (text: string): string[] => [...text.matchAll(/Priority (\d): (\d+)\/(\d+) satisfied/g)].map((m) => `P${m[1]} ${m[2]}/${m[3]}`);

async function seededStep3(orm: 'sqlite' | 'sequelize'): Promise<string> {
  const dir = tempDir();
  const seeded = await cli(dir, 'seed', '--orm', orm, '--data', fixturePath('tutorial/timetabling_step3.json'));
  expect(seeded.code, seeded.stderr).toBe(0);
  const solved = await cli(dir, 'solve', '--orm', orm, '--solver', 'highs');
  expect(solved.code, solved.stderr).toBe(0);
  return dir;
}

describe('show: goal satisfaction of a saved timetable', () => {
  for (const orm of ['sqlite', 'sequelize'] as const) {
    it(`show-goals/step3-${orm}`, async () => {
      const dir = await seededStep3(orm);
      const r = await cli(dir, 'show', '--orm', orm, '--report', 'shown.html');
      expect(r.code, r.stderr).toBe(0);
      // The report of show has the preferences too.
      const html = readFileSync(join(dir, 'shown.html'), 'utf8');
      expect(html).toContain('<tr><td>P1</td><td class="num">4/4</td><td class="num">100%</td></tr>');
      expect(r.stdout).toContain('GOAL SATISFACTION (teacher preferences');
      expect(printed(r.stdout)).toEqual(['P1 4/4', 'P2 1/1', 'P3 2/2']);
      expect(r.stdout).toContain('Goal mode weighted; preference penalty Σ 10^(6−priority)·deviation = 0');
      expect(r.stdout).toMatch(/✓ \[P\d\] #2 Dr\. Smith: lecture 1 \(Mathematics 9A\) at Monday P1/);
      expect(r.stdout).toContain('Same subject twice a day: never');
    }, 120_000);
  }

  it('show-goals/read-back-from-the-saved-rows', async () => {
    const dir = await seededStep3('sqlite');
    const file = join(dir, 'school.db');
    // Lecture 1 leaves Monday P1 (preference 2) for a free slot of its class, teacher and room: Tuesday P1 (Dr. Smith's day off, preference 1).
    await execSql(file, 'UPDATE schedule_assignments SET timeslot_id = (SELECT id FROM timeslots WHERE day_of_week = 1 AND period = 1) WHERE lecture_id = 1 AND run_id = 1');
    const r = await cli(dir, 'show', '--orm', 'sqlite');
    expect(r.code, r.stderr).toBe(0);
    const independent = await preferenceSatisfaction(file, 1);
    expect(independent.missed).toEqual([1, 2]);
    expect(printed(r.stdout)).toEqual(independent.summary);
    expect(r.stdout).toMatch(/✗ \[P\d\] #1 Dr\. Smith: Tuesday off \(deviation 1 lecture that day\)/);
    expect(r.stdout).toMatch(/✗ \[P\d\] #2 Dr\. Smith: lecture 1/);
    expect(r.stdout).toContain(`preference penalty Σ 10^(6−priority)·deviation = ${String(independent.penalty)}`);
  }, 120_000);

  it('show-goals/a-run-without-goals-has-no-goal-section', async () => {
    const dir = tempDir();
    expect((await cli(dir, 'seed', '--orm', 'sqlite')).code).toBe(0);
    expect((await cli(dir, 'solve', '--orm', 'sqlite', '--solver', 'highs')).code).toBe(0);
    const r = await cli(dir, 'show', '--orm', 'sqlite');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('GOAL SATISFACTION');
  }, 120_000);
});
