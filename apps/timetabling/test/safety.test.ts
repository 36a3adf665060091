import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TUTORIAL_SCHOOL } from '../src/data/tutorial-school.js';
import { cli, cliChild, removeTempDirs, tempDir } from './support/cli.js';
import { execSql, readRows, snapshot } from './support/read-db.js';

afterAll(removeTempDirs);

/** The tutorial data as a data file, with one record changed. */
function dataFile(dir: string, name: string, change: (d: Record<string, Record<string, unknown>[]>) => void): string {
  const d = JSON.parse(JSON.stringify(TUTORIAL_SCHOOL)) as Record<string, Record<string, unknown>[]>;
  change(d);
  writeFileSync(join(dir, name), JSON.stringify(d));
  return name;
}

const noTempFiles = (dir: string) => expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('-journal'))).toEqual([]);

describe('exit codes (child process)', () => {
  // One seeded database with one saved run; every failing command below must leave it as it is.
  let dir: string;
  let before: Record<string, unknown[]>;
  beforeAll(async () => {
    dir = tempDir();
    expect((await cli(dir, 'seed', '--orm', 'sqlite')).code).toBe(0);
    expect((await cli(dir, 'solve', '--orm', 'sqlite')).code).toBe(0);
    before = await snapshot(join(dir, 'school.db'));
  });

  it('exit/solve-missing-database-says-seed', async () => {
    const r = await cliChild(dir, 'solve', '--db', 'nothing-here.db');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No database at nothing-here.db. Create it first with: pnpm --filter @lumix/timetabling start -- seed --db nothing-here.db');
    expect(existsSync(join(dir, 'nothing-here.db'))).toBe(false);
  });

  it('exit/seed-invalid-data-names-the-record-and-keeps-the-database', async () => {
    const bad = dataFile(dir, 'negative.json', (d) => {
      (d['classrooms'] as Record<string, unknown>[])[2]!['capacity'] = -5;
    });
    const r = await cliChild(dir, 'seed', '--data', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('classrooms id 3 (Room 201): capacity is -5');
    expect(await snapshot(join(dir, 'school.db'))).toEqual(before);
    noTempFiles(dir);
  });

  it('exit/infeasible-exits-3-and-saves-nothing', async () => {
    const sub = tempDir();
    // 9A and 9B (30 students) fit only Room 101; together they have 31 lectures for 30 slots.
    const tight = dataFile(sub, 'tight.json', (d) => {
      for (const c of d['classes']!) if ((c['id'] as number) <= 2) c['size'] = 30;
      d['classrooms']![1]!['capacity'] = 29;
      d['lectures'] = Array.from({ length: 31 }, (_, i) => ({ id: i + 1, subject_id: 1, teacher_id: 1 + (i % 5), class_id: 1 + (i % 2) }));
    });
    expect((await cli(sub, 'seed', '--data', tight, '--orm', 'sqlite')).code).toBe(0);
    const seeded = await snapshot(join(sub, 'school.db'));
    const r = await cliChild(sub, 'solve', '--orm', 'sqlite', '--report', 'never.html');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('No feasible timetable');
    expect(r.stderr).toContain('Explained by the irreducible infeasible set (IIS) from highs on the LP relaxation');
    expect(r.stderr).toContain('  - room Room 101 holds at most one lecture at a time: at every one of the 30 timeslots');
    expect(await snapshot(join(sub, 'school.db'))).toEqual(seeded);
    expect(existsSync(join(sub, 'never.html'))).toBe(false);
    noTempFiles(sub);
  });

  it('exit/bad-flag-is-bad-input', async () => {
    const r = await cliChild(dir, 'solve', '--solver', 'cplex');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Flag '--solver' must be one of highs, glpk; got 'cplex'.");
  });

  it('exit/save-failure-is-internal-and-rolls-back', async () => {
    const sub = tempDir();
    const file = join(sub, 'school.db');
    expect((await cli(sub, 'seed', '--orm', 'sqlite')).code).toBe(0);
    // A trigger makes the 20th insert fail part-way through saving the run.
    await execSql(file, "CREATE TRIGGER boom BEFORE INSERT ON schedule_assignments WHEN (SELECT COUNT(*) FROM schedule_assignments) >= 19 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
    const seeded = await snapshot(file);
    const r = await cliChild(sub, 'solve', '--orm', 'sqlite', '--report', 'r.html');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('disk on fire');
    expect(await snapshot(file)).toEqual(seeded);
    expect(existsSync(join(sub, 'r.html'))).toBe(false);
    noTempFiles(sub);
  });
});

describe('bad input keeps the database (in process)', () => {
  let dir: string;
  let before: Record<string, unknown[]>;
  beforeAll(async () => {
    dir = tempDir();
    expect((await cli(dir, 'seed', '--orm', 'sqlite')).code).toBe(0);
    expect((await cli(dir, 'solve', '--orm', 'sqlite')).code).toBe(0);
    before = await snapshot(join(dir, 'school.db'));
  });

  const cases: [string, (d: Record<string, Record<string, unknown>[]>) => void, string][] = [
    ['unknown-foreign-key', (d) => {
      d['lectures']![6]!['teacher_id'] = 99;
    }, 'lectures id 7: teacher_id 99 is not in teachers'],
    ['class-larger-than-every-room', (d) => {
      d['classes']![3]!['size'] = 45;
    }, 'classes id 4 (10B): 45 students do not fit in any classroom (the largest, Room 101, holds 30)'],
    ['more-lectures-than-timeslots', (d) => {
      d['timeslots'] = d['timeslots']!.slice(0, 5);
    }, 'classes id 3 (10A): 6 lectures but only 5 timeslots'],
    ['non-numeric-value', (d) => {
      d['classes']![1]!['size'] = 'twenty-eight';
    }, "classes id 2 (9B): size is 'twenty-eight', not a number"],
  ];
  for (const [name, change, message] of cases) {
    it(`input/seed-${name}`, async () => {
      const r = await cli(dir, 'seed', '--data', dataFile(dir, `${name}.json`, change));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(await snapshot(join(dir, 'school.db'))).toEqual(before);
    });
  }

  it('input/seed-not-json-and-missing-file', async () => {
    writeFileSync(join(dir, 'broken.json'), '{ "teachers": [');
    const broken = await cli(dir, 'seed', '--data', 'broken.json');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('is not valid JSON');
    const missing = await cli(dir, 'seed', '--data', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    expect(await snapshot(join(dir, 'school.db'))).toEqual(before);
  });

  it('input/solve-tampered-row-names-it', async () => {
    const sub = tempDir();
    const file = join(sub, 'school.db');
    expect((await cli(sub, 'seed', '--orm', 'sqlite')).code).toBe(0);
    await execSql(file, "UPDATE classrooms SET capacity = 'lots' WHERE id = 3");
    const tampered = await snapshot(file);
    for (const orm of ['sqlite', 'sequelize']) {
      const r = await cli(sub, 'solve', '--orm', orm);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/classrooms.*(id 3|row).*capacity/);
    }
    await execSql(file, 'UPDATE classrooms SET capacity = -4 WHERE id = 3');
    const negative = await cli(sub, 'solve', '--orm', 'sqlite');
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('classrooms id 3 (Room 201): capacity is -4');
    await execSql(file, 'UPDATE classrooms SET capacity = 25 WHERE id = 3');
    expect(await snapshot(file)).toEqual({ ...tampered, classrooms: (await snapshot(file))['classrooms'] });
  });

  it('input/seed-refuses-a-foreign-database', async () => {
    const sub = tempDir();
    const file = join(sub, 'accounts.db');
    await execSql(file, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);");
    const r = await cli(sub, 'seed', '--db', 'accounts.db');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('accounts.db holds other tables (invoices)');
    expect(await readRows(file, 'SELECT * FROM invoices')).toEqual([{ id: 1, total: 9.5 }]);
    writeFileSync(join(sub, 'notes.txt'), 'hello');
    const text = await cli(sub, 'seed', '--db', 'notes.txt');
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('is not a SQLite database');
  });

  it('input/show-unknown-run-and-report-dir', async () => {
    const r = await cli(dir, 'show', '--run', '9', '--orm', 'sqlite');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no run #9. Its runs are #1');
    const rep = await cli(dir, 'solve', '--orm', 'sqlite', '--report', 'no/such/dir/r.html');
    expect(rep.code).toBe(2);
    expect(rep.stderr).toContain('does not exist');
    expect(await snapshot(join(dir, 'school.db'))).toEqual(before);
  });

  it('input/reseed-replaces-data-and-runs', async () => {
    const sub = tempDir();
    expect((await cli(sub, 'seed', '--orm', 'sqlite')).code).toBe(0);
    expect((await cli(sub, 'solve', '--orm', 'sqlite')).code).toBe(0);
    const again = await cli(sub, 'seed', '--orm', 'sqlite');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('The previous data and its 1 saved run were replaced.');
    expect(await readRows(join(sub, 'school.db'), 'SELECT COUNT(*) AS n FROM solve_runs')).toEqual([{ n: 0 }]);
  });
});
