import { describe, expect, it } from 'vitest';
import { resolveSolver } from '@lumix/solver-runtime';
import { createLookup, indexSource, type Lookup } from '@lumix/core';
import { fixturePath } from '@lumix/test-fixtures';
import { generateSchool } from '../src/data/generate-school.js';
import { readSchoolJson } from '../src/data/read-school-json.js';
import type { SchoolData } from '../src/data/school-data.js';
import { validateSchoolData } from '../src/data/validate-school-data.js';
import { buildTimetableModel } from '../src/model/build-timetable-model.js';
import { checkTimetable } from './support/check-timetable.js';

const tutorial = (): SchoolData =>
  validateSchoolData(readSchoolJson(fixturePath('tutorial/timetabling_step2.json')).raw, { label: 'fixture', fix: '' });
const sizes = (d: SchoolData): Lookup<number> => createLookup('classes', d.classes, (c) => c.id, (c) => c.size);

async function solveArrays(data: SchoolData, solver: 'highs' | 'glpk') {
  const built = buildTimetableModel({ lectures: data.lectures, timeslots: data.timeslots, classrooms: data.classrooms, classSize: sizes(data) });
  const sol = await built.model.solve({ solver: await resolveSolver(solver) });
  const assignments = sol.hasSolution
    ? sol.entries(built.assign).filter((e) => e.value > 0.5).map((e) => ({ lecture_id: e.item.lecture.id, timeslot_id: e.item.slot.id, classroom_id: e.item.room.id }))
    : [];
  return { sol, assignments };
}

describe('buildTimetableModel', () => {
  it('model/tutorial-size-matches-the-reference', async () => {
    const data = tutorial();
    const { model } = buildTimetableModel({ lectures: data.lectures, timeslots: data.timeslots, classrooms: data.classrooms, classSize: sizes(data) });
    const { problem } = await model.compile();
    // 1,500 binaries after the capacity filter (2,400 before); 20 + 120 + 150 + 120 = 410 rows.
    expect(problem.numCols).toBe(1500);
    expect(problem.numRows).toBe(410);
    expect(problem.colCost.every((c) => c === 0)).toBe(true);
  });

  for (const solver of ['highs', 'glpk'] as const) {
    it(`model/tutorial-feasible-${solver}`, async () => {
      const data = tutorial();
      const { sol, assignments } = await solveArrays(data, solver);
      expect(sol.status).toBe('optimal');
      expect(assignments).toHaveLength(20);
      expect(checkTimetable({ ...data, assignments })).toEqual([]);
    });
  }

  it('model/sources-load-once', async () => {
    const data = tutorial();
    const loads: string[] = [];
    const src = <T>(label: string, rows: readonly T[]) => indexSource(label, async () => {
      loads.push(label);
      return rows;
    });
    const { model } = buildTimetableModel({
      lectures: src('lectures', data.lectures),
      timeslots: src('timeslots', data.timeslots),
      classrooms: src('classrooms', data.classrooms),
      classSize: sizes(data),
    });
    const { problem } = await model.compile();
    expect(problem.numRows).toBe(410);
    expect(loads.sort()).toEqual(['classrooms', 'lectures', 'timeslots']);
  });

  it('model/generated-8x10x6x30-both-solvers', async () => {
    const data = generateSchool({ classes: 8, teachers: 10, rooms: 6, days: 5, periods: 6, seed: 11 });
    expect(data.lectures.length).toBeGreaterThan(100);
    for (const solver of ['highs', 'glpk'] as const) {
      const { sol, assignments } = await solveArrays(data, solver);
      expect(sol.status).toBe('optimal');
      expect(assignments).toHaveLength(data.lectures.length);
      expect(checkTimetable({ ...data, assignments })).toEqual([]);
    }
  });

  it('model/infeasible-when-lectures-need-the-one-big-room', async () => {
    // Two big classes fit only Room 101; together they have 31 lectures for 30 slots.
    const base = tutorial();
    const data: SchoolData = {
      ...base,
      classes: base.classes.map((c) => (c.id <= 2 ? { ...c, size: 30 } : c)),
      classrooms: base.classrooms.map((r) => (r.id === 2 ? { ...r, capacity: 29 } : r)),
      lectures: Array.from({ length: 31 }, (_, i) => ({ id: i + 1, subject_id: 1, teacher_id: 1 + (i % 5), class_id: 1 + (i % 2) })),
    };
    const { sol } = await solveArrays(data, 'highs');
    expect(sol.status).toBe('infeasible');
    expect(sol.hasSolution).toBe(false);
  });
});
