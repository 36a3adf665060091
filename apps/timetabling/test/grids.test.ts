import { describe, expect, it } from 'vitest';
import { readJsonFixture } from '@lumix/test-fixtures';
import { TUTORIAL_SCHOOL } from '../src/data/tutorial-school.js';
import { diagnoseInfeasibility } from '../src/model/diagnose-infeasibility.js';
import { formatGrid } from '../src/report/format-grid.js';
import { buildTimetableGrids, type Placement } from '../src/report/timetable-grids.js';

// The OR-Tools timetable recorded in the tutorial's notebook 12: [lecture, timeslot, classroom].
const recorded = readJsonFixture<{ expected: { example_valid_solution_from_notebook_12: { assignments: number[][] } } }>('tutorial/timetabling_step2.json')
  .expected.example_valid_solution_from_notebook_12.assignments.map(([lecture_id, timeslot_id, classroom_id]) => ({
    lecture_id: lecture_id as number,
    timeslot_id: timeslot_id as number,
    classroom_id: classroom_id as number,
  }));

describe('timetable grids', () => {
  it('grids/recorded-solution-cells', () => {
    const g = buildTimetableGrids(TUTORIAL_SCHOOL, recorded);
    expect(g.teachers.map((t) => `${t.title}: ${t.subtitle}`)).toEqual([
      'Dr. Smith: 6 lectures',
      'Prof. Johnson: 4 lectures',
      'Ms. Williams: 4 lectures',
      'Mr. Brown: 2 lectures',
      'Dr. Davis: 4 lectures',
    ]);
    const smith = g.teachers[0]!;
    expect(smith.days.map((d) => d.day_name)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']);
    expect(smith.periods).toEqual([1, 2, 3, 4, 5, 6]);
    // Lecture 1 (Math, 9A) in timeslot 1 = Monday period 1, Room 101.
    expect(smith.cells[0]![0]).toEqual([{ lectureId: 1, subject: 'Mathematics', lines: ['Mathematics', '9A', 'Room 101'] }]);
    const nineA = g.classes[0]!;
    expect(nineA.subtitle).toBe('25 students · 4 lectures');
    expect(nineA.cells[1]![0]![0]!.lines).toEqual(['Mathematics', 'Dr. Smith', 'Room 101']);
    const labA = g.rooms[3]!;
    expect(labA.subtitle).toBe('20 seats · 0 of 30 periods used');
    expect(formatGrid(labA)).toBe('Lab A (20 seats · 0 of 30 periods used)\n  free all week');
  });

  it('grids/console-layout', () => {
    const text = formatGrid(buildTimetableGrids(TUTORIAL_SCHOOL, recorded).teachers[0]!);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Dr. Smith (6 lectures)');
    expect(lines[1]).toMatch(/^Period │ Monday {14}│ Tuesday {13}│ Wednesday {11}│ Thursday {12}│ Friday$/);
    expect(lines[3]).toMatch(/^ {2}1 {4}│ Mathematics {9}│/);
    expect(lines[4]).toMatch(/^ {7}│ 9A {18}│/);
    expect(lines[5]).toMatch(/^ {7}│ Room 101 {12}│/);
  });

  it('grids/clash-and-missing-slot-are-visible', () => {
    const data = { ...TUTORIAL_SCHOOL, timeslots: TUTORIAL_SCHOOL.timeslots.filter((t) => t.id !== 30) };
    const clash: Placement[] = [
      { lecture_id: 1, timeslot_id: 1, classroom_id: 1 },
      { lecture_id: 2, timeslot_id: 1, classroom_id: 2 },
    ];
    const g = buildTimetableGrids(data, clash).teachers[0]!;
    expect(g.cells[0]![0]).toHaveLength(2);
    expect(g.cells[5]![4]).toBeNull(); // Friday period 6 has no timeslot
    const text = formatGrid(g);
    expect(text).toContain('CLASH: +1 more');
    expect(text).toMatch(/ 6 {4}│.*│ ·$/m);
  });
});

describe('diagnoseInfeasibility', () => {
  it('diagnose/scarce-large-rooms', () => {
    // Lab A holds nobody, so all 20 lectures compete for the 3 other rooms.
    const data = { ...TUTORIAL_SCHOOL, timeslots: TUTORIAL_SCHOOL.timeslots.slice(0, 6) };
    expect(diagnoseInfeasibility(data)).toBe(
      '20 lectures (classes 9A, 9B, 10A, 10B) need a room for more than 20 students, but only Room 101, Room 102, Room 201 are that large: 3 rooms × 6 timeslots = 18 places.',
    );
  });

  it('diagnose/total-places', () => {
    const data = { ...TUTORIAL_SCHOOL, classrooms: TUTORIAL_SCHOOL.classrooms.map((r) => ({ ...r, capacity: 40 })), timeslots: TUTORIAL_SCHOOL.timeslots.slice(0, 4) };
    expect(diagnoseInfeasibility(data)).toBe('There are 20 lectures but only 4 rooms × 4 timeslots = 16 places.');
  });

  it('diagnose/none-when-counts-fit', () => {
    expect(diagnoseInfeasibility(TUTORIAL_SCHOOL)).toBeNull();
  });
});
