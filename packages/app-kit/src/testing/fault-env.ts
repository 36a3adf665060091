import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';

// Faults of the environment, made for real: a read-only file or folder, a full disk, a locked
// database. Permissions do not bind root, so when the tests run as root a child process runs as
// `nobody` for the permission cases, and a full disk is a tiny tmpfs (mounting needs root; the
// test is skipped with that reason otherwise).

const isRoot = process.getuid?.() === 0;
// util-linux, present wherever the tests can mount (root on Linux); named here, not as literals.
const MOUNT = 'mount';
const UMOUNT = 'umount';

/** Spawn options for a child that permissions bind: `nobody` when the tests run as root. */
export const BOUND_BY_PERMISSIONS: { readonly uid?: number; readonly gid?: number } = isRoot ? { uid: 65534, gid: 65534 } : {};

/** Lets that child into `dir` (a mkdtemp folder is 0700): read and traverse, and write when `writable`. */
export function openFolderTo(dir: string, writable: boolean): void {
  chmodSync(dir, writable ? 0o777 : 0o755);
}

/** Makes a file read-only for everyone permissions bind (0444). */
export function makeReadOnly(file: string): void {
  chmodSync(file, 0o444);
}

let mountProbe: string | null | undefined;

/** Why a full disk cannot be made here, or `null` when it can (root, and tmpfs mounts allowed). */
export function fullDiskUnavailable(): string | null {
  if (mountProbe !== undefined) return mountProbe;
  if (!isRoot) {
    mountProbe = 'mounting a small tmpfs needs root';
    return mountProbe;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lumix-mount-probe-'));
  try {
    execFileSync(MOUNT, ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync(UMOUNT, [dir], { stdio: 'ignore' });
    mountProbe = null;
  } catch (e) {
    mountProbe = `mount -t tmpfs is not allowed here (${(e as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return mountProbe;
}

/**
 * Mounts a tmpfs of `kb` KB at `dir` (created) and returns a function that fills what is left of
 * it, and one that unmounts it.
 */
export function mountSmallDisk(dir: string, kb: number): { fill(): void; unmount(): void } {
  mkdirSync(dir, { recursive: true });
  execFileSync(MOUNT, ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir]);
  return {
    fill() {
      try {
        for (let i = 0; ; i++) writeFileSync(join(dir, `.filler-${i}`), Buffer.alloc(4096));
      } catch {
        // ENOSPC: full
      }
    },
    unmount() {
      execFileSync(UMOUNT, ['-l', dir]);
    },
  };
}

/**
 * Holds a lock on a SQLite database from this process, as another program would: `exclusive`
 * (nobody else may read or write) or `write` (a pending write: others may read, not write).
 */
export function holdLock(file: string, mode: 'exclusive' | 'write'): Promise<{ release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => {
      if (err) return reject(err);
      const sql = mode === 'exclusive' ? 'BEGIN EXCLUSIVE' : "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS lock_holder (x); INSERT INTO lock_holder VALUES (1);";
      db.exec(sql, (e) => {
        if (e) return reject(e);
        resolve({
          release: () =>
            new Promise<void>((done) => {
              db.exec('ROLLBACK', () => db.close(() => done()));
            }),
        });
      });
    });
  });
}
