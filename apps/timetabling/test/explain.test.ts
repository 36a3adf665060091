// An infeasible timetable is explained through core's explain (HiGHS' IIS, GLPK's elastic filter),
// in the school's words: the teacher, class or room and the timeslots whose rule conflicts with the
// lectures that must all take place. Both solvers; preferences (goals) are never named; nothing is
// saved and the exit code is 3.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLookup } from '@lumix/core';
import { createWorkerSolver, resolveSolver } from '@lumix/solver-runtime';
import { readJsonFixture } from '@lumix/test-fixtures';
import { TUTORIAL_SCHOOL } from '../src/data/tutorial-school.js';
import type { SchoolData } from '../src/data/school-data.js';
import { buildTimetableModel } from '../src/model/build-timetable-model.js';
import { explainInfeasibleTimetable } from '../src/model/explain-timetable.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';
import { readRows } from './support/read-db.js';

afterAll(removeTempDirs);

type Data = Record<string, Record<string, unknown>[]>;

/** A school from a tutorial fixture, changed, seeded into a fresh folder. */
async function seeded(fixture: string, change: (d: Data) => void): Promise<string> {
  const dir = tempDir();
  const d = readJsonFixture<Data>(`tutorial/${fixture}`);
  change(d);
  writeFileSync(join(dir, 'school.json'), JSON.stringify(d));
  const r = await cli(dir, 'seed', '--orm', 'sqlite', '--data', 'school.json');
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

/** 9A and 9B (30 students) fit only Room 101 (Room 102 holds 29); together they have 31 lectures for 30 timeslots. */
function bigClassesOneRoom(d: Data): void {
  for (const c of d['classes']!) if ((c['id'] as number) <= 2) c['size'] = 30;
  d['classrooms']![1]!['capacity'] = 29;
  d['lectures'] = Array.from({ length: 31 }, (_, i) => ({ id: i + 1, subject_id: 1 + (i % 5), teacher_id: 1 + (i % 5), class_id: 1 + (i % 2) }));
  d['teacher_preferences'] = (d['teacher_preferences'] ?? []).filter((p) => p['preference_type'] === 'DAY_OFF');
}

/** The `  - …` lines of the explanation. */
const members = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('  - ')).map((l) => l.slice(4));

describe('solve explains an infeasible timetable with core explain', () => {
  for (const solver of ['highs', 'glpk'] as const) {
    it(`explain/lectures-of-big-classes-above-the-one-room-that-holds-them-${solver}`, async () => {
      const dir = await seeded('timetabling_step1.json', bigClassesOneRoom);
      const r = await cli(dir, 'solve', '--orm', 'sqlite', '--solver', solver);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain('No feasible timetable');
      expect(r.stderr).toContain(solver === 'highs' ? 'Explained by the irreducible infeasible set (IIS) from highs on the LP relaxation' : 'Explained by an elastic filter with glpk on the LP relaxation');
      const named = members(r.stderr);
      expect(named).toHaveLength(2);
      expect(named).toContain('room Room 101 holds at most one lecture at a time: at every one of the 30 timeslots');
      expect(named.find((l) => l.startsWith('every lecture takes place once: 31 lectures: #1 Mathematics 9A (Dr. Smith), #2 English 9B (Prof. Johnson), '))).toBeDefined();
      expect(r.stderr).toContain('Nothing was saved.');
      expect(await readRows(join(dir, 'school.db'), 'SELECT id FROM solve_runs')).toEqual([]);
    }, 120_000);

    it(`explain/more-lab-lectures-than-the-lab-has-periods-${solver}`, async () => {
      // Chemistry needs a lab; Lab A (now 30 seats) is the only one: 31 chemistry lectures over the four classes and five teachers.
      const dir = await seeded('timetabling_step1.json', (d) => {
        for (const r of d['classrooms']!) r['room_type'] = r['name'] === 'Lab A' ? 'LAB' : 'REGULAR';
        d['classrooms']![3]!['capacity'] = 30;
        for (const s of d['subjects']!) s['requires_lab'] = s['name'] === 'Chemistry';
        d['lectures'] = Array.from({ length: 31 }, (_, i) => ({ id: i + 1, subject_id: 4, teacher_id: 1 + (i % 5), class_id: 1 + (i % 4) }));
      });
      const r = await cli(dir, 'solve', '--orm', 'sqlite', '--solver', solver);
      expect(r.code, r.stderr).toBe(3);
      const named = members(r.stderr);
      expect(named).toHaveLength(2);
      expect(named).toContain('room Lab A holds at most one lecture at a time: at every one of the 30 timeslots');
      expect(named.find((l) => l.startsWith('every lecture takes place once: 31 lectures: #1 Chemistry 9A (Dr. Smith), '))).toBeDefined();
    }, 120_000);
  }

  it('explain/preferences-are-goals-and-never-named', async () => {
    // Step 3 with its DAY_OFF preferences (goals: set aside before the explanation) and the big classes.
    const dir = await seeded('timetabling_step3.json', bigClassesOneRoom);
    const r = await cli(dir, 'solve', '--orm', 'sqlite', '--solver', 'highs');
    expect(r.code, r.stderr).toBe(3);
    const named = members(r.stderr);
    expect(named).toContain('room Room 101 holds at most one lecture at a time: at every one of the 30 timeslots');
    expect(named.join('\n')).not.toMatch(/prefer|day off|same_subject/i);
  }, 120_000);

  it('explain/only-integrality-says-so-and-the-counting-finds-nothing', async () => {
    // Two timeslots and five lectures in a ring of clashes: 1–2 share Dr. Smith, 2–3 class 9B, 3–4
    // Prof. Johnson, 4–5 class 10A, 5–1 the one lab. A ring of five cannot be coloured with two
    // timeslots, but half of each lecture in each slot keeps every rule: the LP relaxation is feasible.
    const dir = await seeded('timetabling_step1.json', (d) => {
      d['timeslots'] = d['timeslots']!.slice(0, 2);
      for (const r of d['classrooms']!) r['room_type'] = r['name'] === 'Lab A' ? 'LAB' : 'REGULAR';
      d['classrooms']![3]!['capacity'] = 30;
      for (const s of d['subjects']!) s['requires_lab'] = s['name'] === 'Chemistry';
      d['lectures'] = [
        { id: 1, subject_id: 4, teacher_id: 1, class_id: 4 },
        { id: 2, subject_id: 1, teacher_id: 1, class_id: 2 },
        { id: 3, subject_id: 2, teacher_id: 2, class_id: 2 },
        { id: 4, subject_id: 3, teacher_id: 2, class_id: 3 },
        { id: 5, subject_id: 4, teacher_id: 3, class_id: 3 },
      ];
    });
    for (const solver of ['highs', 'glpk'] as const) {
      const r = await cli(dir, 'solve', '--orm', 'sqlite', '--solver', solver);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain('No feasible timetable');
      expect(r.stderr).toContain('explain names no rule: the LP relaxation admits a fractional timetable, so only whole lectures make it impossible');
      expect(r.stderr).toContain('the counting diagnosis finds every count fine');
      expect(members(r.stderr)).toEqual([]);
    }
  }, 120_000);

  it('explain/stopped-explanation-falls-back-to-the-counting-diagnosis', async () => {
    // The big classes again, in process; the elastic filter is stopped at once (as Ctrl-C does), so the counting answers.
    // GLPK in a worker: the elastic filter, and a solver that can be stopped.
    const data: SchoolData = {
      ...TUTORIAL_SCHOOL,
      classes: TUTORIAL_SCHOOL.classes.map((c) => (c.id <= 2 ? { ...c, size: 30 } : c)),
      classrooms: TUTORIAL_SCHOOL.classrooms.map((r) => (r.id === 2 ? { ...r, capacity: 29 } : r)),
      lectures: Array.from({ length: 31 }, (_, i) => ({ id: i + 1, subject_id: 1, teacher_id: 1 + (i % 5), class_id: 1 + (i % 2) })),
    };
    const build = () =>
      buildTimetableModel({
        lectures: data.lectures,
        timeslots: data.timeslots,
        classrooms: data.classrooms,
        classSize: createLookup('classes', data.classes, (c) => c.id, (c) => c.size),
      }).model;
    const glpk = await createWorkerSolver({ solver: 'glpk' });
    const stopped = await explainInfeasibleTimetable(build(), data, glpk, [], undefined, AbortSignal.abort());
    expect(stopped.by).toBe('counting');
    expect(stopped.lines).toEqual([
      'Explained by counting (explain did not finish): 31 lectures (classes 9A, 9B) need a room for more than 29 students, but only Room 101 is that large: 1 room × 30 timeslots = 30 places.',
    ]);
    // Not stopped, the same model is explained (HiGHS' IIS on the calling thread).
    const explained = await explainInfeasibleTimetable(build(), data, await resolveSolver('highs'), []);
    expect(explained.by).toBe('explain');
    expect(explained.lines).toContain('  - room Room 101 holds at most one lecture at a time: at every one of the 30 timeslots');
  });
});
