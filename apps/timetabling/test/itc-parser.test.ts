import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLumixError } from '@lumix/core';
import { fixturePath, readFixture } from '@lumix/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { parseItcInstance } from '../src/itc/itc-instance.js';
import { cli, removeTempDirs, tempDir } from './support/cli.js';
import { itcExpected } from './support/itc-expected.js';
import { readRows, snapshot } from './support/read-db.js';

// The ITC-2007 .ctt/.ectt reader: the 21 competition instances against the sizes in expected.csv,
// malformed files refused with their line number, and import-itc writing nothing then.

afterAll(removeTempDirs);

const expected = itcExpected().map((r) => {
  const num = (c: string) => Number(r[c]);
  return { name: r['name']!, courses: num('courses'), lectures: num('lectures'), rooms: num('rooms'), days: num('days'), periods: num('periods_per_day'), curricula: num('curricula'), unavailable: num('unavailability_constraints') };
});

const COMP01 = readFixture('itc2007/ctt/comp01.ctt');

function parseError(text: string): { line: number; message: string } {
  try {
    parseItcInstance(text, 'bad.ctt');
  } catch (e) {
    if (isLumixError(e) && e.code === 'PARSE_ERROR') return { line: (e.details as { line: number }).line, message: e.message };
    throw e;
  }
  throw new Error('no error');
}

/** The 1-based number of comp01's first line that starts with `prefix`. */
const lineOf = (prefix: string): number => COMP01.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;

/** comp01 with line `n` (1-based) replaced. */
const withLine = (n: number, text: string | null): string => {
  const lines = COMP01.split('\n');
  if (text === null) lines.splice(n - 1, 1);
  else lines[n - 1] = text;
  return lines.join('\n');
};

describe('ITC-2007 parser', () => {
  it.each(expected)('itc/parse/$name-matches-the-published-sizes', ({ name, ...size }) => {
    const inst = parseItcInstance(readFixture(`itc2007/ctt/${name}.ctt`), `${name}.ctt`);
    expect(inst.courses).toHaveLength(size.courses);
    expect(inst.courses.reduce((n, c) => n + c.lectures, 0)).toBe(size.lectures);
    expect(inst.rooms).toHaveLength(size.rooms);
    expect([inst.days, inst.periodsPerDay]).toEqual([size.days, size.periods]);
    expect(inst.curricula).toHaveLength(size.curricula);
    expect(inst.unavailability).toHaveLength(size.unavailable);
  });

  it('itc/parse/ectt-keeps-the-extended-fields', () => {
    const ctt = parseItcInstance(COMP01, 'comp01.ctt');
    const ectt = parseItcInstance(readFixture('itc2007/comp01.ectt'), 'comp01.ectt');
    expect(ectt.dailyLectures).toEqual({ min: 2, max: 5 });
    expect(ectt.roomConstraints).toHaveLength(23);
    expect(ectt.roomConstraints?.[0]).toEqual({ course: 'c0002', room: 'rC' });
    expect(ectt.rooms[1]).toEqual({ name: 'rC', capacity: 100, site: 2 });
    // The common part is the same instance.
    expect(ectt.courses.map(({ doubleLectures: _d, ...c }) => c)).toEqual(ctt.courses);
    expect(ectt.curricula).toEqual(ctt.curricula);
    expect(ectt.unavailability).toEqual(ctt.unavailability);
  });

  it('itc/parse/malformed-files-name-their-line', () => {
    const course = lineOf('c0001 t000 6 4 130');
    expect(course).toBe(10);
    expect(parseError(withLine(course, 'c0001 t000 six 4 130'))).toMatchObject({ line: course, message: expect.stringMatching(/'six' is not a whole number/) });
    expect(parseError(withLine(course, 'c0001 t000 6 4'))).toMatchObject({ line: course, message: expect.stringMatching(/takes 5 fields, found 4/) });
    expect(parseError(withLine(course + 1, 'c0001 t001 6 4 75'))).toMatchObject({ line: course + 1, message: expect.stringMatching(/course c0001 is listed twice \(first on line 10\)/) });
    const curriculum = lineOf('q000');
    expect(parseError(withLine(curriculum, 'q000 4 c0001 c0002 c0004 c9999'))).toMatchObject({ line: curriculum, message: expect.stringMatching(/names course c9999, which is not in COURSES/) });
    expect(parseError(withLine(4, 'Days: 0'))).toMatchObject({ line: 4, message: expect.stringMatching(/out of range/) });
    expect(parseError(withLine(4, 'Dayz: 5'))).toMatchObject({ line: 4, message: expect.stringMatching(/expected 'Days: …'/) });
    const unavailable = lineOf('c0001 4 0');
    expect(parseError(withLine(unavailable, 'c0001 5 0'))).toMatchObject({ line: unavailable, message: expect.stringMatching(/5 is out of range \(0–4\)/) });
    // One course fewer than the header says: the next section header is read as a course.
    const lastCourse = lineOf('c0072');
    expect(parseError(withLine(lastCourse, null))).toMatchObject({ line: lastCourse + 1, message: expect.stringMatching(/course 30 of 30 takes 5 fields, found 1/) });
    const end = COMP01.split('\n').indexOf('END.') + 1;
    expect(parseError(withLine(end, 'END'))).toMatchObject({ line: end, message: expect.stringMatching(/expected 'END\.'/) });
    expect(parseError(COMP01.slice(0, COMP01.indexOf('ROOMS:')))).toMatchObject({ message: expect.stringMatching(/the file ends where 'ROOMS:' was expected/) });
    expect(parseError(`${COMP01}\nextra\n`)).toMatchObject({ message: expect.stringMatching(/text after 'END\.'/) });
  });

  it('itc/import/a-malformed-file-exits-2-and-writes-nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.ctt'), withLine(10, 'c0001 t000 6 4 -1'));
    const fresh = await cli(dir, 'import-itc', 'bad.ctt', '--db', 'new.db');
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toMatch(/bad\.ctt line 10: '-1' is not a whole number\. .*nothing was written/);
    expect(fresh.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'new.db'))).toBe(false);

    // Over an existing imported database: refused, the database unchanged.
    expect((await cli(dir, 'import-itc', fixturePath('itc2007/ctt/comp11.ctt'), '--db', 'itc.db', '--orm', 'sqlite')).code).toBe(0);
    const before = await snapshot(join(dir, 'itc.db'));
    const again = await cli(dir, 'import-itc', 'bad.ctt', '--db', 'itc.db');
    expect(again.code).toBe(2);
    expect(await snapshot(join(dir, 'itc.db'))).toEqual(before);

    const missing = await cli(dir, 'import-itc', 'nope.ctt', '--db', 'itc.db');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read nope\.ctt/);
    const none = await cli(dir, 'import-itc', '--db', 'itc.db');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/import-itc needs the instance file/);
  });

  it.each(['sequelize', 'sqlite'])('itc/import/stores-the-instance-through-the-%s-adapter', async (orm) => {
    const dir = tempDir();
    const r = await cli(dir, 'import-itc', fixturePath('itc2007/comp01.ectt'), '--db', 'c.db', '--orm', orm);
    expect(r.code, r.stderr).toBe(0);
    const db = join(dir, 'c.db');
    const count = async (t: string) => (await readRows<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ${t}`))[0]!.n;
    expect(await count('itc_courses')).toBe(30);
    expect(await count('itc_teachers')).toBe(24);
    expect(await count('itc_rooms')).toBe(6);
    expect(await count('itc_curricula')).toBe(14);
    expect(await count('itc_unavailability')).toBe(53);
    expect(await count('itc_room_constraints')).toBe(23);
    expect((await readRows<{ s: number }>(db, 'SELECT SUM(lectures) AS s FROM itc_courses'))[0]!.s).toBe(160);
    expect(await readRows(db, 'SELECT name, days, periods_per_day, min_daily_lectures FROM itc_instance')).toEqual([{ name: 'Fis0506-1', days: 5, periods_per_day: 6, min_daily_lectures: 2 }]);
    // The tutorial's seed may replace it (same app), and import-itc a school database.
    expect((await cli(dir, 'seed', '--db', 'c.db')).code).toBe(0);
    expect((await cli(dir, 'import-itc', fixturePath('itc2007/ctt/comp01.ctt'), '--db', 'c.db')).code).toBe(0);
    expect(readFileSync(db).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});
