// The soft rule "a class does not get the same subject twice a day" (priority 4, after every
// preference): kept when it can be, broken and reported by name when a preference forces it,
// and re-checked from the saved rows.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sameSubjectTwiceADay } from './support/check-steps.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';

afterAll(removeTempDirs);

/** One class with two Math lectures, two days of two periods, and the given preferences. */
function school(prefs: unknown[]) {
  return {
    teachers: [{ id: 1, name: 'T', work_years: 20 }],
    classrooms: [{ id: 1, name: 'R', capacity: 30 }],
    classes: [{ id: 1, name: '9A', size: 20 }],
    subjects: [{ id: 1, name: 'Mathematics' }],
    timeslots: [
      { id: 1, day_of_week: 0, period: 1 },
      { id: 2, day_of_week: 0, period: 2 },
      { id: 3, day_of_week: 1, period: 1 },
      { id: 4, day_of_week: 1, period: 2 },
    ],
    lectures: [
      { id: 1, subject_id: 1, teacher_id: 1, class_id: 1 },
      { id: 2, subject_id: 1, teacher_id: 1, class_id: 1 },
    ],
    teacher_preferences: prefs,
  };
}

async function solve(data: unknown, ...flags: string[]) {
  const dir = tempDir();
  writeFileSync(join(dir, 'd.json'), JSON.stringify(data));
  expect((await cli(dir, 'seed', '--data', 'd.json', '--orm', 'sqlite')).code).toBe(0);
  const r = await cli(dir, 'solve', '--orm', 'sqlite', '--solver', 'highs', ...flags);
  expect(r.code, r.stderr).toBe(0);
  return { r, file: join(dir, 'school.db') };
}

describe('soft rule: same subject at most once a day', () => {
  it('spreads the two Math lectures over the two days', async () => {
    // Lecture 1 wanted Monday P1: without the rule, Monday P2 would do as well for lecture 2.
    const { r, file } = await solve(school([{ id: 1, teacher_id: 1, preference_type: 'SPECIFIC_TIME', lecture_id: 1, timeslot_id: 1 }]));
    expect(r.stdout).toContain('Same subject twice a day: never (2 class/subject/day rows checked).');
    expect(await sameSubjectTwiceADay(file, 1)).toEqual([]);
  });

  it('a preference outranks it: the break is reported by class, subject and day', async () => {
    const { r, file } = await solve(
      school([
        { id: 1, teacher_id: 1, preference_type: 'SPECIFIC_TIME', lecture_id: 1, timeslot_id: 1 },
        { id: 2, teacher_id: 1, preference_type: 'SPECIFIC_TIME', lecture_id: 2, timeslot_id: 2 },
      ]),
    );
    expect(r.stdout).toContain('Priority 1: 2/2 satisfied (100%)');
    expect(r.stdout).toContain('✗ 9A Mathematics on Monday: 2 lectures (at most 1 wanted)');
    expect(await sameSubjectTwiceADay(file, 1)).toEqual(['1/1/0']);
  });

  it('weight 0 turns it off (no rows, nothing reported)', async () => {
    const { r } = await solve(school([]), '--same-subject-day-weight', '0');
    expect(r.stdout).not.toContain('Same subject twice a day');
  });
});
