import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOUND_BY_PERMISSIONS, fullDiskUnavailable, holdLock, makeReadOnly, mountSmallDisk, openFolderTo } from '@lumix/app-kit/testing';
import { cli, cliChildAs, removeTempDirs, tempDir, type CliResult } from './support/cli.js';
import { snapshot } from './support/read-db.js';

// Environment failures (issue 10): not a database, locked, read-only, full disk, a path where no
// file can be created. Each exits 2 with a message naming the file, the cause and what to do,
// through either ORM, without a stack trace, and changes nothing.

afterAll(removeTempDirs);

const ORMS = ['sqlite', 'sequelize'] as const;

async function seeded(): Promise<string> {
  const dir = tempDir();
  expect((await cli(dir, 'seed', '--orm', 'sqlite')).code).toBe(0);
  return dir;
}

/** Exit 2, the message, no stack trace, no "internal error". */
function expectEnvironmentError(r: CliResult, message: RegExp, what: string): void {
  expect(r.code, `${what}\n${r.stderr}`).toBe(2);
  expect(r.stderr, what).toMatch(message);
  expect(r.stderr, what).not.toMatch(/internal error|^\s+at /m);
}

const temps = (dir: string): string[] => readdirSync(dir).filter((f) => /tmp|journal/.test(f));

describe('environment errors exit 2 and name the file', () => {
  it('environment/not-a-database-exit-2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'hello\n'.repeat(100));
    // A file that starts like a database but is not one (damaged): the SQL layer's kinds say so.
    writeFileSync(join(dir, 'damaged.db'), Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(4080, 7)]));
    for (const file of ['notes.txt', 'damaged.db']) {
      for (const cmd of ['solve', 'show', 'runs']) {
        for (const orm of ORMS) {
          const r = await cli(dir, cmd, '--db', file, '--orm', orm);
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
    const dirs = await Promise.all(cases.map(() => seeded()));
    const befores = await Promise.all(dirs.map((d) => snapshot(join(d, 'school.db'))));
    const locks = await Promise.all(cases.map((c, i) => holdLock(join(dirs[i] as string, 'school.db'), c.mode)));
    let results: CliResult[];
    try {
      results = await Promise.all(cases.map((c, i) => cliChildAs({ timeout: 110_000 }, dirs[i] as string, 'solve', '--orm', c.orm)));
    } finally {
      await Promise.all(locks.map((l) => l.release()));
    }
    for (const [i, c] of cases.entries()) {
      expectEnvironmentError(results[i] as CliResult, /school\.db is locked by another process .*; nothing was changed\. Wait until it is done, then run the command again/, `${c.orm} ${c.mode}`);
      expect(await snapshot(join(dirs[i] as string, 'school.db'))).toEqual(befores[i]);
    }
  });

  it('environment/read-only-database-found-before-solving', async () => {
    const dir = await seeded();
    const db = join(dir, 'school.db');
    expect((await cli(dir, 'solve', '--orm', 'sqlite')).code).toBe(0);
    const before = await snapshot(db);
    openFolderTo(dir, false);
    makeReadOnly(db);
    try {
      for (const orm of ORMS) {
        const r = await cliChildAs(BOUND_BY_PERMISSIONS, dir, 'solve', '--orm', orm);
        expectEnvironmentError(r, /Cannot write school\.db: the file or its folder is read-only, or you lack the permission; nothing was changed/, orm);
        expect(r.stdout, 'found before anything is loaded or solved').toBe('');
        // Reading it is fine.
        const runs = await cliChildAs(BOUND_BY_PERMISSIONS, dir, 'runs', '--orm', orm);
        expect(runs.code, runs.stderr).toBe(0);
      }
    } finally {
      chmodSync(db, 0o644);
    }
    expect(await snapshot(db)).toEqual(before);
  });

  const noFullDisk = fullDiskUnavailable();
  it.skipIf(noFullDisk !== null)(`environment/full-disk-exit-2${noFullDisk === null ? '' : ` (skipped: ${noFullDisk})`}`, async () => {
    const dir = await seeded();
    const disk = mountSmallDisk(join(dir, 'full'), 512);
    try {
      copyFileSync(join(dir, 'school.db'), join(dir, 'full', 'school.db'));
      disk.fill();
      const before = await snapshot(join(dir, 'full', 'school.db'));
      for (const orm of ORMS) {
        const solve = await cli(dir, 'solve', '--db', 'full/school.db', '--orm', orm);
        expectEnvironmentError(solve, /The disk that holds full\/school\.db is full; nothing was changed\. Free some space/, `solve ${orm}`);
        const seed = await cli(dir, 'seed', '--db', 'full/new.db', '--orm', orm);
        expectEnvironmentError(seed, /The disk that holds full\/new\.db is full; nothing was changed/, `seed ${orm}`);
      }
      expect(await snapshot(join(dir, 'full', 'school.db'))).toEqual(before);
      expect(existsSync(join(dir, 'full', 'new.db'))).toBe(false);
      expect(temps(join(dir, 'full'))).toEqual([]);
    } finally {
      disk.unmount();
    }
  });

  it('environment/path-where-no-file-can-be-created-exit-2', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ro'));
    openFolderTo(dir, false);
    chmodSync(join(dir, 'ro'), 0o555);
    for (const orm of ORMS) {
      const proc = await cliChildAs({ timeout: 30_000 }, dir, 'seed', '--db', '/proc/x.db', '--orm', orm);
      expectEnvironmentError(proc, /No file can be created or opened at \/proc\/x\.db: its folder does not take new files/, `/proc ${orm}`);
      const ro = await cliChildAs({ ...BOUND_BY_PERMISSIONS, timeout: 30_000 }, dir, 'seed', '--db', 'ro/new.db', '--orm', orm);
      expectEnvironmentError(ro, /Cannot write .*ro\/new\.db: the file or its folder is read-only/, `read-only folder ${orm}`);
    }
    expect(readdirSync(join(dir, 'ro'))).toEqual([]);
  });
});
