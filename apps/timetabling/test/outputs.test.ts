import { chmodSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSchool } from '../src/data/generate-school.js';
import { BOUND_BY_PERMISSIONS, fullDiskUnavailable, mountSmallDisk, openFolderTo } from '@lumix/app-kit/testing';
import { cli, cliChildAs, processGone, removeTempDirs, spawnCli, tempDir } from './support/cli.js';
import { execSql, readRows, snapshot } from './support/read-db.js';

// The output rule (issue 10, "data loss"): every output is checked before solving, a report
// never goes over the database or a file the app did not write (unless --force), seed replaces
// only a school database, and a command that exits non-zero has changed nothing.

afterAll(removeTempDirs);

/** A fresh user folder with a seeded `school.db` (sqlite adapter) and `runs` saved runs. */
async function seeded(runs = 0): Promise<string> {
  const dir = tempDir();
  expect((await cli(dir, 'seed', '--orm', 'sqlite')).code).toBe(0);
  for (let i = 0; i < runs; i++) expect((await cli(dir, 'solve', '--orm', 'sqlite', '--solver', 'highs')).code).toBe(0);
  return dir;
}

const temps = (dir: string): string[] => readdirSync(dir).filter((f) => /tmp|journal/.test(f));
const runCount = async (dir: string): Promise<number> => (await readRows<{ n: number }>(join(dir, 'school.db'), 'SELECT COUNT(*) AS n FROM solve_runs'))[0]?.n ?? -1;

describe('outputs: what solve, show and seed may write', () => {
  it('outputs/report-onto-the-database-is-refused-even-with-force', async () => {
    const dir = await seeded(1);
    const db = join(dir, 'school.db');
    const before = await snapshot(db);
    symlinkSync(db, join(dir, 'link.html'));
    for (const args of [
      ['solve', '--orm', 'sqlite', '--report', 'school.db'],
      ['solve', '--orm', 'sqlite', '--report', 'school.db', '--force'],
      ['solve', '--orm', 'sqlite', '--report', 'link.html'],
      ['show', '--orm', 'sqlite', '--report', 'school.db', '--force'],
    ]) {
      const r = await cli(dir, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--report .* is the database school\.db itself; writing there would destroy it and every saved run/);
      expect(r.stdout).not.toMatch(/variables \(binary\)/);
    }
    expect(await snapshot(db)).toEqual(before);
    expect(temps(dir)).toEqual([]);
  });

  it('outputs/report-onto-a-file-the-app-did-not-write-needs-force', async () => {
    const dir = await seeded();
    writeFileSync(join(dir, 'notes.txt'), 'my notes');
    const refused = await cli(dir, 'solve', '--orm', 'sqlite', '--report', 'notes.txt');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--report .*notes\.txt already exists and is not a file this app wrote; it was left as it is\. .*add --force to replace it/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('my notes');
    expect(await runCount(dir)).toBe(0);
    const forced = await cli(dir, 'solve', '--orm', 'sqlite', '--report', 'notes.txt', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    // A report this app wrote may be replaced without --force, by solve and by show.
    expect((await cli(dir, 'solve', '--orm', 'sqlite', '--report', 'timetable.html')).code).toBe(0);
    expect((await cli(dir, 'solve', '--orm', 'sqlite', '--report', 'timetable.html')).code).toBe(0);
    expect((await cli(dir, 'show', '--orm', 'sqlite', '--report', 'timetable.html', '--run', '2')).code).toBe(0);
    expect(readFileSync(join(dir, 'timetable.html'), 'utf8')).toContain('Run #2 from');
    expect(temps(dir)).toEqual([]);
  });

  it('outputs/report-path-faults-are-found-before-solving', async () => {
    const dir = await seeded(1);
    const db = join(dir, 'school.db');
    const before = await snapshot(db);
    symlinkSync(join(dir, 'no-such-folder', 'timetable.html'), join(dir, 'dangling.html'));
    mkdirSync(join(dir, 'reports'));
    const cases: [string, RegExp][] = [
      ['dangling.html', /--report .*dangling\.html is a symbolic link to .*no-such-folder.*, which does not exist/],
      ['reports', /--report .*reports is a folder; give a file name such as .*reports\/timetable\.html/],
      ['missing-folder/t.html', /The folder of --report .*missing-folder.* does not exist/],
    ];
    for (const [report, message] of cases) {
      const r = await cli(dir, 'solve', '--orm', 'sqlite', '--report', report);
      expect(r.code, `${report}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout, 'nothing is solved before the outputs are checked').not.toMatch(/variables \(binary\)/);
    }
    expect(await snapshot(db)).toEqual(before);
    expect(readdirSync(join(dir, 'reports'))).toEqual([]);
    expect(temps(dir)).toEqual([]);
  });

  it('outputs/report-folder-that-cannot-be-written-is-found-before-solving', async () => {
    const dir = await seeded();
    // The user folder and the database are writable by the child; only the report's folder is not.
    openFolderTo(dir, true);
    chmodSync(join(dir, 'school.db'), 0o666);
    mkdirSync(join(dir, 'locked'));
    chmodSync(join(dir, 'locked'), 0o555);
    const before = await snapshot(join(dir, 'school.db'));
    const r = await cliChildAs(BOUND_BY_PERMISSIONS, dir, 'solve', '--orm', 'sqlite', '--report', 'locked/t.html');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Cannot write .*locked\/t\.html: the file or its folder is read-only/);
    expect(r.stdout).not.toMatch(/variables \(binary\)/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(await snapshot(join(dir, 'school.db'))).toEqual(before);
  });

  const noFullDisk = fullDiskUnavailable();
  it.skipIf(noFullDisk !== null)(`outputs/report-on-a-full-disk-saves-no-run${noFullDisk === null ? '' : ` (skipped: ${noFullDisk})`}`, async () => {
    const dir = await seeded(1);
    const before = await snapshot(join(dir, 'school.db'));
    const disk = mountSmallDisk(join(dir, 'full'), 64);
    try {
      disk.fill();
      const r = await cli(dir, 'solve', '--orm', 'sqlite', '--report', 'full/t.html');
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^error: The disk that holds .*full\/t\.html is full; nothing was changed/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(await snapshot(join(dir, 'school.db'))).toEqual(before);
      expect(readdirSync(join(dir, 'full')).filter((f) => !f.startsWith('.filler'))).toEqual([]);
    } finally {
      disk.unmount();
    }
  });

  it('outputs/seed-replaces-only-a-school-database-unless-forced', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'README.md'), '# my project\n');
    await execSql(join(dir, 'production.db'), "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO products VALUES (1, 'Chair');");
    const other = await snapshot(join(dir, 'production.db'));
    for (const [target, message] of [
      ['README.md', /README\.md is not a SQLite database \(it is another kind of file\); seed replaces only this app's own database\. .*add --force/],
      ['production.db', /production\.db holds other tables \(products\); seed replaces only this app's own database/],
    ] as const) {
      for (const orm of ['sqlite', 'sequelize']) {
        const r = await cli(dir, 'seed', '--db', target, '--orm', orm);
        expect(r.code, `${target} ${orm}`).toBe(2);
        expect(r.stderr).toMatch(message);
      }
    }
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# my project\n');
    expect(await snapshot(join(dir, 'production.db'))).toEqual(other);
    const forced = await cli(dir, 'seed', '--db', 'production.db', '--orm', 'sqlite', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('Replaced production.db');
    expect(await readRows(join(dir, 'production.db'), "SELECT name FROM sqlite_master WHERE name = 'products'")).toEqual([]);
    expect(temps(dir)).toEqual([]);
  });

  it('outputs/a-killed-seed-leaves-temp-files-the-next-seed-removes', async () => {
    const dir = tempDir();
    // Big enough that the seed spends a while writing its temporary database.
    const big = generateSchool({ classes: 40, teachers: 60, rooms: 30, days: 5, periods: 8, seed: 3 });
    writeFileSync(join(dir, 'big.json'), JSON.stringify(big));
    const app = spawnCli(dir, 'seed', '--orm', 'sequelize', '--data', 'big.json');
    const deadline = Date.now() + 30_000;
    while (temps(dir).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    app.kill9();
    await app.exited;
    expect(temps(dir).length, 'the killed seed left its temporary files').toBeGreaterThan(0);
    await processGone(Number(/\.(\d+)[-.]/.exec(temps(dir)[0] as string)?.[1]));
    const r = await cli(dir, 'seed', '--orm', 'sqlite');
    expect(r.code, r.stderr).toBe(0);
    expect(temps(dir)).toEqual([]);
  });
});
