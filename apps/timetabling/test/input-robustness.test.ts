import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TUTORIAL_SCHOOL } from '../src/data/tutorial-school.js';
import { cli, removeTempDirs, tempDir, type CliResult } from './support/cli.js';
import { readRows, snapshot } from './support/read-db.js';

// Input robustness (issue 10): data files that are deep, carry a BOM, hold 1e309, repeat ids, or
// hold nothing; run numbers written as anything but digits. Each is a clear exit 2, never a
// stack trace, and the database is unchanged.

afterAll(removeTempDirs);

let dir: string;
let before: Record<string, unknown[]>;
beforeAll(async () => {
  dir = tempDir();
  expect((await cli(dir, 'seed', '--orm', 'sqlite')).code).toBe(0);
  expect((await cli(dir, 'solve', '--orm', 'sqlite')).code).toBe(0);
  before = await snapshot(join(dir, 'school.db'));
});

async function seedWith(name: string, content: string | Buffer): Promise<CliResult> {
  writeFileSync(join(dir, name), content);
  const r = await cli(dir, 'seed', '--orm', 'sqlite', '--data', name);
  expect(r.stderr, name).not.toMatch(/internal error|^\s+at /m);
  return r;
}

const tutorialWith = (change: (d: Record<string, Record<string, unknown>[]>) => void): string => {
  const d = JSON.parse(JSON.stringify(TUTORIAL_SCHOOL)) as Record<string, Record<string, unknown>[]>;
  change(d);
  return JSON.stringify(d);
};

describe('input robustness', () => {
  it('input/deeply-nested-json-is-refused-with-a-message', async () => {
    const invalid = await seedWith('deep-invalid.json', '['.repeat(200_000));
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/deep-invalid\.json is not valid JSON \(line 1, column 200001\)/);
    const valid = await seedWith('deep-valid.json', `{"teachers": ${'['.repeat(100_000)}1${']'.repeat(100_000)}}`);
    expect(valid.code).toBe(2);
    expect(valid.stderr).toMatch(/deep-valid\.json nests lists and objects more than 32 levels deep \(line 1, column 45\)/);
    // A record that is a (shallow) list is named, not stringified.
    const shallow = await seedWith('list-record.json', tutorialWith((d: Record<string, unknown>) => (d['teachers'] = [[[[1]]]])));
    expect(shallow.code).toBe(2);
    expect(shallow.stderr).toContain('teachers record #1: expected an object, got a list (of 1).');
    expect(await snapshot(join(dir, 'school.db'))).toEqual(before);
  });

  it('input/utf8-bom-is-accepted-and-a-utf16-one-named', async () => {
    const text = JSON.stringify(TUTORIAL_SCHOOL);
    const utf16 = await seedWith('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(utf16.code).toBe(2);
    expect(utf16.stderr).toMatch(/utf16\.json is UTF-16 \(it starts with a UTF-16 byte-order mark, BOM\); save it as UTF-8/);
    writeFileSync(join(dir, 'bom.json'), `\uFEFF${text}`);
    const bom = await cli(dir, 'seed', '--orm', 'sqlite', '--data', 'bom.json', '--db', 'bom.db');
    expect(bom.code, bom.stderr).toBe(0);
    expect(await readRows(join(dir, 'bom.db'), 'SELECT COUNT(*) AS n FROM lectures')).toEqual([{ n: 20 }]);
    expect(await snapshot(join(dir, 'school.db'))).toEqual(before);
  });

  it('input/1e309-is-not-a-finite-number', async () => {
    const r = await seedWith('huge.json', tutorialWith((d) => (d['classrooms']![0]!['capacity'] = 7)).replace('"capacity":7', '"capacity":1e309'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'classrooms id 1 (Room 101): capacity is not a finite number (a value beyond ±1.8e308, such as 1e309, reads as infinite); it must be a whole number of seats, at least 1.',
    );
    expect(r.stderr).not.toMatch(/is null/);
  });

  it('input/duplicate-ids-name-both-records', async () => {
    const r = await seedWith(
      'dup.json',
      tutorialWith((d) => {
        d['teachers']![3]!['id'] = 2;
      }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/teachers: two records have id 2: #2 \(Prof\. Johnson\) and #4 \(Mr\. Brown\); it must be unique/);
  });

  it('input/all-empty-data-file-is-refused', async () => {
    const r = await seedWith('empty.json', JSON.stringify({ teachers: [], classrooms: [], classes: [], subjects: [], timeslots: [], lectures: [] }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lectures: there are none, so there is nothing to timetable');
    expect(await snapshot(join(dir, 'school.db'))).toEqual(before);
  });

  it('input/run-must-be-plain-digits', async () => {
    for (const run of ['0x1', '1e0', '+1', ' 1', '1.0', '0b1', 'Infinity', '-1']) {
      const r = await cli(dir, 'show', '--orm', 'sqlite', '--run', run);
      expect(r.code, run).toBe(2);
      expect(r.stderr, run).toContain(`Flag '--run' needs a whole number; got '${run}' (write it in digits, such as 3).`);
    }
    expect((await cli(dir, 'show', '--orm', 'sqlite', '--run', '1')).code).toBe(0);
  });
});
