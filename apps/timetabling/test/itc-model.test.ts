import { chooseSolver } from '@lumix/app-kit';
import { readFixture } from '@lumix/test-fixtures';
import { describe, expect, it } from 'vitest';
import { evaluateItc } from '../src/itc/itc-evaluate.js';
import { parseItcInstance } from '../src/itc/itc-instance.js';
import { buildPeriodStage } from '../src/itc/itc-model.js';
import { solveItc } from '../src/itc/itc-solve.js';

// The ITC model on tiny instances whose optimum is worked out by hand: the solver has to trade one
// soft cost against another the way UD2 weighs them.

/** Two days of two periods, one room of 10 seats, course `a` (2 lectures, 20 students, minimum `minDays`) alone in curriculum q; `b` (1 lecture, 5 students) in r. */
const tiny = (minDays: number) =>
  parseItcInstance(
    ['Name: tiny', 'Courses: 2', 'Rooms: 1', 'Days: 2', 'Periods_per_day: 2', 'Curricula: 2', 'Constraints: 1', '', 'COURSES:', `a t1 2 ${minDays} 20`, 'b t2 1 1 5', '', 'ROOMS:', 'r1 10', '',
      'CURRICULA:', 'q 1 a', 'r 1 b', '', 'UNAVAILABILITY_CONSTRAINTS:', 'b 0 0', '', 'END.'].join('\n'),
    'tiny.ctt',
  );

describe('ITC-2007 model', () => {
  it('itc/model/spreading-over-two-days-beats-one-compact-day', async () => {
    // a on two days: 2 isolated lectures (2 × 2 = 4) < one day short of 2 (5); capacity 2 × 10; b alone: isolated 2.
    const { solver } = await chooseSolver({ cwd: process.cwd(), name: 'highs' });
    const r = await solveItc(tiny(2), { solver, timeLimit: 30 });
    if ('none' in r) throw new Error(`no timetable: ${r.none}`);
    const s = evaluateItc(tiny(2), r.lectures);
    expect(s).toMatchObject({ hard: 0, roomCapacity: 20, minWorkingDays: 0, curriculumCompactness: 6, roomStability: 0, soft: 26 });
    expect(new Set(r.lectures.filter((l) => l.course === 'a').map((l) => l.day)).size).toBe(2);
  }, 60_000);

  it('itc/model/with-a-minimum-of-one-day-the-lectures-sit-together', async () => {
    const { solver } = await chooseSolver({ cwd: process.cwd(), name: 'highs' });
    const r = await solveItc(tiny(1), { solver, timeLimit: 30 });
    if ('none' in r) throw new Error(`no timetable: ${r.none}`);
    const s = evaluateItc(tiny(1), r.lectures);
    expect(s).toMatchObject({ hard: 0, roomCapacity: 20, minWorkingDays: 0, curriculumCompactness: 2, soft: 22 });
    const a = r.lectures.filter((l) => l.course === 'a');
    expect(a[0]!.day).toBe(a[1]!.day);
    // b is unavailable on day 0, period 0.
    expect(r.lectures.find((l) => l.course === 'b')).not.toMatchObject({ day: 0, period: 0 });
  }, 60_000);

  it('itc/model/period-stage-size-on-comp01', async () => {
    const inst = parseItcInstance(readFixture('itc2007/ctt/comp01.ctt'), 'comp01.ctt');
    const compiled = await buildPeriodStage(inst).model.compile();
    // meet: 30 courses × 30 periods − 53 unavailable; one row per course, per curriculum and period, per period.
    const meet = [...Array(compiled.problem.numCols).keys()].filter((j) => compiled.column(j).family === 'meet').length;
    expect(meet).toBe(30 * 30 - 53);
    const rows = (f: string) => [...Array(compiled.problem.numRows).keys()].filter((i) => compiled.row(i).family === f).length;
    expect(rows('lectures')).toBe(30);
    expect(rows('curriculum_period')).toBe(14 * 30);
    expect(rows('rooms_period')).toBe(30);
    expect(rows('min_days')).toBe(30);
  });
});
