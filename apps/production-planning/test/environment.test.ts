import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotDatabase } from './support/db-snapshot.js';
import { BOUND_BY_PERMISSIONS, fullDiskUnavailable, holdLock, makeReadOnly, mountSmallDisk, openFolderTo } from '@lumix/app-kit/testing';
import { runApp, runInProcess, type AppRun } from './support/run-app.js';
import { useTempDir } from './support/temp-dir.js';

// Environment failures (issue 10): not a database, locked, read-only, full disk, a path where no
// file can be created. Each exits 2 with a message naming the file, the cause and what to do,
// through either ORM, without a stack trace, and changes nothing.

const root = useTempDir('environment');
let folders = 0;
const ORMS = ['sqlite', 'sequelize'] as const;

async function userFolder(seed = true): Promise<string> {
  const dir = join(root, `u${++folders}`);
  mkdirSync(dir);
  if (seed) expect((await runInProcess(['seed', '--orm', 'sqlite'], dir)).code).toBe(0);
  return dir;
}

/** Exit 2, the message, no stack trace, no "internal error". */
function expectEnvironmentError(r: AppRun, message: RegExp, what: string): void {
  expect(r.code, `${what}\n${r.stderr}`).toBe(2);
  expect(r.stderr, what).toMatch(message);
  expect(r.stderr, what).not.toMatch(/internal error|^\s+at /m);
}

const temps = (dir: string): string[] => readdirSync(dir).filter((f) => /tmp|journal/.test(f));

describe('environment errors exit 2 and name the file', () => {
  it('environment/not-a-database-exit-2', async () => {
    const dir = await userFolder(false);
    writeFileSync(join(dir, 'notes.txt'), 'hello\n'.repeat(100));
    // A file that starts like a database but is not one (damaged): the SQL layer's kinds say so.
    writeFileSync(join(dir, 'damaged.db'), Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(4080, 7)]));
    for (const file of ['notes.txt', 'damaged.db']) {
      for (const cmd of [['solve'], ['show'], ['runs']]) {
        for (const orm of ORMS) {
          const r = await runInProcess([...cmd, '--db', file, '--orm', orm], dir);
          expectEnvironmentError(r, new RegExp(`${file.replace('.', '\\.')} is not a SQLite database \\(or it is damaged\\); nothing was changed`), `${cmd} ${file} ${orm}`);
        }
      }
    }
    expect(readdirSync(dir).sort()).toEqual(['damaged.db', 'notes.txt']);
  });

  it('environment/locked-database-exit-2', { timeout: 120_000 }, async () => {
    // Another program holds the lock: exclusively (nobody may read), or a pending write (the
    // solve reads and solves, and finds the lock when it saves). Both ORMs, in parallel.
    const cases = [
      { orm: 'sqlite', mode: 'exclusive' },
      { orm: 'sequelize', mode: 'exclusive' },
      { orm: 'sqlite', mode: 'write' },
      { orm: 'sequelize', mode: 'write' },
    ] as const;
    const dirs = await Promise.all(cases.map(() => userFolder()));
    const befores = await Promise.all(dirs.map((d) => snapshotDatabase(join(d, 'production.db'))));
    const locks = await Promise.all(cases.map((c, i) => holdLock(join(dirs[i] as string, 'production.db'), c.mode)));
    let results: AppRun[];
    try {
      results = await Promise.all(cases.map((c, i) => runApp(['solve', '--orm', c.orm], dirs[i] as string, {}, { timeout: 110_000 })));
    } finally {
      await Promise.all(locks.map((l) => l.release()));
    }
    for (const [i, c] of cases.entries()) {
      expectEnvironmentError(results[i] as AppRun, /production\.db is locked by another process .*; nothing was changed\. Wait until it is done, then run the command again/, `${c.orm} ${c.mode}`);
      expect(await snapshotDatabase(join(dirs[i] as string, 'production.db'))).toBe(befores[i]);
    }
  });

  it('environment/read-only-database-found-before-solving', async () => {
    const dir = await userFolder();
    const db = join(dir, 'production.db');
    expect((await runInProcess(['solve', '--orm', 'sqlite'], dir)).code).toBe(0);
    const before = await snapshotDatabase(db);
    openFolderTo(root, false);
    openFolderTo(dir, false);
    makeReadOnly(db);
    try {
      for (const orm of ORMS) {
        const r = await runApp(['solve', '--orm', orm], dir, {}, BOUND_BY_PERMISSIONS);
        expectEnvironmentError(r, /Cannot write .*production\.db: the file or its folder is read-only, or you lack the permission; nothing was changed/, orm);
        expect(r.stdout, 'found before anything is solved').not.toMatch(/Model:/);
        // Reading it is fine.
        const runs = await runApp(['runs', '--orm', orm], dir, {}, BOUND_BY_PERMISSIONS);
        expect(runs.code, runs.stderr).toBe(0);
      }
    } finally {
      chmodSync(db, 0o644);
    }
    expect(await snapshotDatabase(db)).toBe(before);
  });

  const noFullDisk = fullDiskUnavailable();
  it.skipIf(noFullDisk !== null)(`environment/full-disk-exit-2${noFullDisk === null ? '' : ` (skipped: ${noFullDisk})`}`, async () => {
    const dir = await userFolder();
    const disk = mountSmallDisk(join(dir, 'full'), 512);
    try {
      copyFileSync(join(dir, 'production.db'), join(dir, 'full', 'production.db'));
      disk.fill();
      const before = await snapshotDatabase(join(dir, 'full', 'production.db'));
      for (const orm of ORMS) {
        const solve = await runInProcess(['solve', '--db', 'full/production.db', '--orm', orm], dir);
        expectEnvironmentError(solve, /The disk that holds .*full\/production\.db is full; nothing was changed\. Free some space/, `solve ${orm}`);
        const seed = await runInProcess(['seed', '--db', 'full/new.db', '--orm', orm], dir);
        expectEnvironmentError(seed, /The disk that holds .*full\/new\.db is full; nothing was changed/, `seed ${orm}`);
      }
      expect(await snapshotDatabase(join(dir, 'full', 'production.db'))).toBe(before);
      expect(existsSync(join(dir, 'full', 'new.db'))).toBe(false);
      expect(temps(join(dir, 'full'))).toEqual([]);
    } finally {
      disk.unmount();
    }
  });

  it('environment/path-where-no-file-can-be-created-exit-2', async () => {
    const dir = await userFolder(false);
    mkdirSync(join(dir, 'ro'));
    openFolderTo(root, false);
    openFolderTo(dir, false);
    chmodSync(join(dir, 'ro'), 0o555);
    for (const orm of ORMS) {
      const proc = await runApp(['seed', '--db', '/proc/x.db', '--orm', orm], dir, {}, { timeout: 30_000 });
      expectEnvironmentError(proc, /No file can be created or opened at \/proc\/x\.db: its folder does not take new files/, `/proc ${orm}`);
      const ro = await runApp(['seed', '--db', 'ro/new.db', '--orm', orm], dir, {}, { ...BOUND_BY_PERMISSIONS, timeout: 30_000 });
      expectEnvironmentError(ro, /Cannot write .*ro\/new\.db: the file or its folder is read-only/, `read-only folder ${orm}`);
    }
    expect(readdirSync(join(dir, 'ro'))).toEqual([]);
  });
});
