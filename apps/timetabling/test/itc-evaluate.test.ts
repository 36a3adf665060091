import { readFixture } from '@lumix/test-fixtures';
import { describe, expect, it } from 'vitest';
import { evaluateItc, formatItcSolution, parseItcSolution, type ItcLecture } from '../src/itc/itc-evaluate.js';
import { parseItcInstance } from '../src/itc/itc-instance.js';
import { itcExpected } from './support/itc-expected.js';

// The evaluator, independent of the model: the official costs of the seven third-party reference
// solutions (expected.csv, computed by the official ITC-2007 validator), each hard rule caught on
// a damaged timetable, and each soft cost on a tiny instance worked out by hand.

const references = itcExpected()
  .filter((r) => r['reference_solution'] !== '')
  .map((r) => ({ name: r['name']!, cost: Number(r['reference_solution_cost_official_validator']) }));

describe('ITC-2007 evaluator', () => {
  it('itc/evaluate/there-are-seven-reference-solutions', () => {
    expect(references.map((r) => r.name)).toEqual(['comp01', 'comp02', 'comp03', 'comp04', 'comp05', 'comp06', 'comp07']);
  });

  it.each(references)('itc/evaluate/$name-reference-solution-costs-$cost', ({ name, cost }) => {
    const inst = parseItcInstance(readFixture(`itc2007/ctt/${name}.ctt`), `${name}.ctt`);
    const lectures = parseItcSolution(readFixture(`itc2007/solutions/${name}.sol`), `${name}.sol`);
    const score = evaluateItc(inst, lectures);
    expect(score.hard).toBe(0);
    expect(score.soft).toBe(cost);
    expect(score.roomCapacity + score.minWorkingDays + score.curriculumCompactness + score.roomStability).toBe(cost);
    // Writing and reading the official format again changes nothing.
    expect(evaluateItc(inst, parseItcSolution(formatItcSolution(lectures), 'again'))).toEqual(score);
  });

  it('itc/evaluate/comp01-reference-cost-by-component', () => {
    const inst = parseItcInstance(readFixture('itc2007/ctt/comp01.ctt'), 'comp01.ctt');
    const s = evaluateItc(inst, parseItcSolution(readFixture('itc2007/solutions/comp01.sol'), 'comp01.sol'));
    expect(s).toMatchObject({ roomCapacity: 4, minWorkingDays: 0, curriculumCompactness: 0, roomStability: 1, soft: 5 });
  });

  it('itc/evaluate/each-hard-rule-is-caught', () => {
    const inst = parseItcInstance(readFixture('itc2007/ctt/comp01.ctt'), 'comp01.ctt');
    const ok = parseItcSolution(readFixture('itc2007/solutions/comp01.sol'), 'comp01.sol');
    const first = ok[0] as ItcLecture;
    // A missing lecture.
    expect(evaluateItc(inst, ok.slice(1))).toMatchObject({ lectures: 1, hard: 1 });
    // Two lectures in one room and period (the second moved onto the first).
    const clash = ok.map((l, i) => (i === 1 ? { ...l, room: first.room, day: first.day, period: first.period } : l));
    const occ = evaluateItc(inst, clash);
    expect(occ.roomOccupancy).toBe(1);
    expect(occ.hard).toBeGreaterThanOrEqual(1);
    // Same course twice in one period, in another room: a conflict.
    const j = ok.findIndex((l, i) => i > 0 && l.course === first.course);
    expect(j).toBeGreaterThan(0);
    const spare = inst.rooms.find((r) => !ok.some((l) => l.room === r.name && l.day === first.day && l.period === first.period))!;
    const twice = evaluateItc(inst, ok.map((l, i) => (i === j ? { ...l, room: spare.name, day: first.day, period: first.period } : l)));
    expect(twice).toMatchObject({ conflicts: 1, roomOccupancy: 0 });
    // c0001 may not meet on day 4, period 0 (first unavailability of comp01).
    const i1 = ok.findIndex((l) => l.course === 'c0001');
    const moved = evaluateItc(inst, ok.map((l, i) => (i === i1 ? { ...l, day: 4, period: 0 } : l)));
    expect(moved.availability).toBe(1);
    // Unknown names and out-of-range periods are hard errors, never silently dropped.
    expect(evaluateItc(inst, [...ok.slice(1), { ...first, room: 'nowhere' }])).toMatchObject({ unknown: 1 });
    expect(evaluateItc(inst, [...ok.slice(1), { ...first, period: 6 }])).toMatchObject({ unknown: 1 });
  });

  it('itc/evaluate/soft-costs-on-a-tiny-instance-by-hand', () => {
    const inst = parseItcInstance(
      [
        'Name: tiny',
        'Courses: 3',
        'Rooms: 2',
        'Days: 2',
        'Periods_per_day: 3',
        'Curricula: 1',
        'Constraints: 0',
        '',
        'COURSES:',
        'a t1 3 2 30',
        'b t2 1 1 10',
        'c t1 1 1 5',
        '',
        'ROOMS:',
        'big 25',
        'small 10',
        '',
        'CURRICULA:',
        'q 2 a b',
        '',
        'UNAVAILABILITY_CONSTRAINTS:',
        '',
        'END.',
      ].join('\n'),
      'tiny.ctt',
    );
    const s = evaluateItc(inst, [
      // a: three lectures on day 0 (1 day of 2: 5), in big (5 over each: 15) and small once (20 over; 2 rooms: 1).
      { course: 'a', room: 'big', day: 0, period: 0 },
      { course: 'a', room: 'small', day: 0, period: 1 },
      { course: 'a', room: 'big', day: 1, period: 2 },
      // b with a in curriculum q: day 0 period 2 is adjacent to a's period 1; a's day-1 lecture is isolated (2).
      { course: 'b', room: 'small', day: 0, period: 2 },
      { course: 'c', room: 'small', day: 1, period: 0 },
    ]);
    expect(s).toMatchObject({ hard: 0, roomCapacity: 5 + 20 + 5, minWorkingDays: 0, curriculumCompactness: 2, roomStability: 1, soft: 33 });
    const oneDay = evaluateItc(inst, [
      { course: 'a', room: 'big', day: 0, period: 0 },
      { course: 'a', room: 'big', day: 0, period: 1 },
      { course: 'a', room: 'big', day: 0, period: 2 },
      { course: 'b', room: 'small', day: 1, period: 0 },
      { course: 'c', room: 'small', day: 1, period: 1 },
    ]);
    // a on one day of the two it needs: 5; b alone on day 1 is isolated in q: 2; a is compact.
    expect(oneDay).toMatchObject({ hard: 0, roomCapacity: 15, minWorkingDays: 5, curriculumCompactness: 2, roomStability: 0, soft: 22 });
    // Teacher t1 teaches a and c: together in one period is a conflict.
    expect(evaluateItc(inst, [{ course: 'a', room: 'big', day: 0, period: 0 }, { course: 'c', room: 'small', day: 0, period: 0 }]).conflicts).toBe(1);
  });

  it('itc/evaluate/solution-lines-are-checked', () => {
    expect(() => parseItcSolution('c0001 rB 0 0\nc0002 rC x 1\n', 'bad.sol')).toThrow(/bad\.sol line 2: expected 'course room day period'/);
  });
});
