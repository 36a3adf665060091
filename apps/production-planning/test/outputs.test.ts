import { chmodSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateProductionData } from '../src/data/generate-production-data.js';
import { execSql, snapshotDatabase } from './support/db-snapshot.js';
import { BOUND_BY_PERMISSIONS, fullDiskUnavailable, mountSmallDisk, openFolderTo } from '@lumix/app-kit/testing';
import { runApp, runInProcess, spawnApp } from './support/run-app.js';
import { useTempDir } from './support/temp-dir.js';

// The output rule (issue 10, "data loss"): every output is checked before solving, a report
// never goes over the database or a file the app did not write (unless --force), seed replaces
// only a production database, and a command that exits non-zero has changed nothing.

const root = useTempDir('outputs');
let folders = 0;

/** A fresh user folder with a seeded `production.db` (sqlite adapter) and, when `runs`, that many saved runs. */
async function seeded(runs = 0): Promise<string> {
  const dir = join(root, `u${++folders}`);
  mkdirSync(dir);
  expect((await runInProcess(['seed', '--orm', 'sqlite'], dir)).code).toBe(0);
  for (let i = 0; i < runs; i++) expect((await runInProcess(['solve', '--orm', 'sqlite', '--solver', 'highs'], dir)).code).toBe(0);
  return dir;
}

/** Waits (up to 10 s) until process `pid` has exited: the app runs in a node process under tsx, killed with it. */
async function processGone(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  const alive = (): boolean => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  };
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

const temps = (dir: string): string[] => readdirSync(dir).filter((f) => /tmp|journal/.test(f));
const runCount = async (dir: string): Promise<number> => (JSON.parse(await snapshotDatabase(join(dir, 'production.db'))) as { solve_runs: unknown[] }).solve_runs.length;

describe('outputs: what solve, show and seed may write', () => {
  it('outputs/report-onto-the-database-is-refused-even-with-force', async () => {
    const dir = await seeded(1);
    const db = join(dir, 'production.db');
    const before = await snapshotDatabase(db);
    symlinkSync(db, join(dir, 'link.html'));
    for (const args of [
      ['solve', '--orm', 'sqlite', '--report', 'production.db'],
      ['solve', '--orm', 'sqlite', '--report', 'production.db', '--force'],
      ['solve', '--orm', 'sqlite', '--report', 'link.html'],
      ['show', '--orm', 'sqlite', '--report', 'production.db', '--force'],
    ]) {
      const r = await runInProcess(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--report .* is the database .*production\.db itself; writing there would destroy it and every saved run/);
      expect(r.stdout).not.toMatch(/Model:/);
    }
    expect(await snapshotDatabase(db)).toBe(before);
    expect(temps(dir)).toEqual([]);
  });

  it('outputs/report-onto-a-file-the-app-did-not-write-needs-force', async () => {
    const dir = await seeded();
    writeFileSync(join(dir, 'notes.txt'), 'my notes');
    const refused = await runInProcess(['solve', '--orm', 'sqlite', '--report', 'notes.txt'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--report .*notes\.txt already exists and is not a file this app wrote; it was left as it is\. .*add --force to replace it/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('my notes');
    expect(await runCount(dir)).toBe(0);
    const forced = await runInProcess(['solve', '--orm', 'sqlite', '--report', 'notes.txt', '--force'], dir);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    // A report this app wrote may be replaced without --force, by solve and by show.
    expect((await runInProcess(['solve', '--orm', 'sqlite', '--report', 'plan.html'], dir)).code).toBe(0);
    expect((await runInProcess(['solve', '--orm', 'sqlite', '--report', 'plan.html'], dir)).code).toBe(0);
    expect((await runInProcess(['show', '--orm', 'sqlite', '--report', 'plan.html'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'plan.html'), 'utf8')).toMatch(/Run<\/span><span class="value">#3</);
    expect(temps(dir)).toEqual([]);
  });

  it('outputs/report-path-faults-are-found-before-solving', async () => {
    const dir = await seeded(1);
    const db = join(dir, 'production.db');
    const before = await snapshotDatabase(db);
    symlinkSync(join(dir, 'no-such-folder', 'plan.html'), join(dir, 'dangling.html'));
    mkdirSync(join(dir, 'reports'));
    const cases: [string, RegExp][] = [
      ['dangling.html', /--report .*dangling\.html is a symbolic link to .*no-such-folder.*, which does not exist/],
      ['reports', /--report .*reports is a folder; give a file name such as .*reports\/plan\.html/],
      ['missing-folder/plan.html', /The folder of --report .*missing-folder.* does not exist/],
    ];
    for (const [report, message] of cases) {
      const r = await runInProcess(['solve', '--orm', 'sqlite', '--report', report], dir);
      expect(r.code, report).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout, 'nothing is solved before the outputs are checked').not.toMatch(/Model:/);
    }
    expect(await snapshotDatabase(db)).toBe(before);
    expect(readdirSync(join(dir, 'reports'))).toEqual([]);
    expect(temps(dir)).toEqual([]);
  });

  it('outputs/report-folder-that-cannot-be-written-is-found-before-solving', async () => {
    const dir = await seeded();
    // The user folder and the database are writable by the child; only the report's folder is not.
    openFolderTo(root, false);
    openFolderTo(dir, true);
    chmodSync(join(dir, 'production.db'), 0o666);
    mkdirSync(join(dir, 'locked'));
    chmodSync(join(dir, 'locked'), 0o555);
    const before = await snapshotDatabase(join(dir, 'production.db'));
    const r = await runApp(['solve', '--orm', 'sqlite', '--report', 'locked/plan.html'], dir, {}, BOUND_BY_PERMISSIONS);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Cannot write .*locked\/plan\.html: the file or its folder is read-only/);
    expect(r.stdout).not.toMatch(/Model:/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(await snapshotDatabase(join(dir, 'production.db'))).toBe(before);
  });

  const noFullDisk = fullDiskUnavailable();
  it.skipIf(noFullDisk !== null)(`outputs/report-on-a-full-disk-saves-no-run${noFullDisk === null ? '' : ` (skipped: ${noFullDisk})`}`, async () => {
    const dir = await seeded(1);
    const before = await snapshotDatabase(join(dir, 'production.db'));
    const disk = mountSmallDisk(join(dir, 'full'), 64);
    try {
      disk.fill();
      const r = await runInProcess(['solve', '--orm', 'sqlite', '--report', 'full/plan.html'], dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^error: The disk that holds .*full\/plan\.html is full; nothing was changed/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(await snapshotDatabase(join(dir, 'production.db'))).toBe(before);
      expect(readdirSync(join(dir, 'full')).filter((f) => !f.startsWith('.filler'))).toEqual([]);
    } finally {
      disk.unmount();
    }
  });

  it('outputs/seed-replaces-only-a-production-database', async () => {
    const dir = join(root, `u${++folders}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), '# my project\n');
    writeFileSync(join(dir, 'data.json'), '{"products": []}');
    await execSql(join(dir, 'school.db'), 'CREATE TABLE classes (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO classes VALUES (1, "9A")');
    const school = await snapshotDatabase(join(dir, 'school.db'));
    for (const [target, message] of [
      ['README.md', /README\.md is not a SQLite database \(it is another kind of file\); seed replaces only this app's own database\. .*add --force/],
      ['data.json', /data\.json is not a SQLite database/],
      ['school.db', /school\.db holds other tables \(classes\); seed replaces only this app's own database/],
    ] as const) {
      for (const orm of ['sqlite', 'sequelize']) {
        const r = await runInProcess(['seed', '--db', target, '--orm', orm], dir);
        expect(r.code, `${target} ${orm}`).toBe(2);
        expect(r.stderr).toMatch(message);
      }
    }
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# my project\n');
    expect(readFileSync(join(dir, 'data.json'), 'utf8')).toBe('{"products": []}');
    expect(await snapshotDatabase(join(dir, 'school.db'))).toBe(school);
    // --force replaces it; a production database (with runs) is replaced without it.
    const forced = await runInProcess(['seed', '--db', 'README.md', '--orm', 'sqlite', '--force'], dir);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/Replaced .*README\.md/);
    expect((await runInProcess(['solve', '--db', 'README.md', '--orm', 'sqlite'], dir)).code).toBe(0);
    const again = await runInProcess(['seed', '--db', 'README.md', '--orm', 'sequelize'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(temps(dir)).toEqual([]);
  });

  it('outputs/a-killed-seed-leaves-temp-files-the-next-seed-removes', async () => {
    const dir = join(root, `u${++folders}`);
    mkdirSync(dir);
    // Big enough that the seed spends a while writing its temporary database.
    writeFileSync(join(dir, 'big.json'), JSON.stringify(generateProductionData({ products: 3000, machines: 40, materials: 40, seed: 7 })));
    const app = spawnApp(['seed', '--orm', 'sequelize', '--data', 'big.json'], dir);
    const deadline = Date.now() + 30_000;
    while (temps(dir).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    app.kill9();
    await app.exited;
    expect(temps(dir).length, 'the killed seed left its temporary files').toBeGreaterThan(0);
    await processGone(Number(/\.(\d+)[-.]/.exec(temps(dir)[0] as string)?.[1]));
    const r = await runInProcess(['seed', '--orm', 'sqlite'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(temps(dir)).toEqual([]);
  });
});
