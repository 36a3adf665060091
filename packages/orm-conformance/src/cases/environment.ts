// A broken environment is named, promptly: a path that cannot be opened, a file that is not a
// database, a database locked by another connection, opened read-only, or full. Each fails with a
// LumixError whose details carry the driver-error kind and the file, whose message names the file,
// the cause and what to do, after at most the busy timeout, and with nothing printed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, vi } from 'vitest';
import type { LumixError, LumixErrorCode } from '@lumix/core';
import { makeRun } from '../fixture.js';
import { expectLumixError } from '../expect-lumix-error.js';
import { snapshotDatabase } from '../snapshot.js';
import type { OrmAdapterUnderTest, OrmConformanceCase, OrmCaseSubject } from '../orm-conformance-case.js';

/** `p`, or a rejection saying it did not settle within `ms` (a hang fails the case, not the run). */
async function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Awaits `p` expecting a LumixError of `code` whose details carry `kind` and `file`, and whose message names the file. */
async function expectEnvironmentError(p: Promise<unknown>, code: LumixErrorCode, kind: string, file: string): Promise<LumixError> {
  const e = await expectLumixError(p, code);
  expect({ kind: e.details['kind'], file: e.details['file'] }).toEqual({ kind, file });
  expect(e.message).toContain(file);
  return e;
}

/** Runs `fn` and checks that nothing was printed to the console's warnings or errors meanwhile. */
async function silently<T>(fn: () => Promise<T>): Promise<T> {
  const warn = vi.spyOn(console, 'warn');
  const error = vi.spyOn(console, 'error');
  try {
    const out = await fn();
    expect([...warn.mock.calls, ...error.mock.calls]).toEqual([]);
    return out;
  } finally {
    warn.mockRestore();
    error.mockRestore();
  }
}

/**
 * A second adapter on the database under test holding its write lock: a save whose row mapper
 * waits. Resolves once the lock is held; `release()` lets the save finish.
 */
async function holdWriteLock(t: OrmCaseSubject): Promise<{ release(): Promise<void> }> {
  const holder = await t.open(t.file);
  let locked!: () => void;
  let free!: () => void;
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const freed = new Promise<void>((resolve) => {
    free = resolve;
  });
  const saving = holder.adapter.saveRun(
    { run: makeRun({ modelName: 'holder' }) },
    {
      rows: async () => {
        locked();
        await freed;
        return {};
      },
    },
  );
  await within(5000, Promise.race([isLocked, saving]), 'taking the write lock');
  return {
    async release() {
      free();
      await saving;
      await holder.adapter.close();
    },
  };
}

const NEW_TABLE = [{ name: 'extra', columns: { id: { type: 'integer' as const, primaryKey: true } } }];

/** Opens `file` through `t.open` expecting it to fail promptly; closes the adapter if it opened. */
async function expectOpenToFail(t: OrmCaseSubject, file: string, kind: string): Promise<LumixError> {
  const opening = t.open(file);
  const opened = opening.then(
    (u: OrmAdapterUnderTest) => u.adapter.close(),
    () => undefined,
  );
  const e = await expectEnvironmentError(within(3000, opening, `opening ${file}`), 'SOURCE_FAILED', kind, file);
  await opened;
  return e;
}

/** Opening a bad path, and writing to a locked, read-only or full database, name the cause. */
export const ENVIRONMENT_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'environment',
    name: 'unreachable-server-and-missing-database-fail-promptly-with-kind-cannot-open',
    needs: ['postgres-server'],
    async run(t) {
      const url = new URL(t.file);
      const missing = new URL(t.file);
      missing.pathname = '/lumix_no_such_database';
      const closed = new URL(t.file);
      closed.port = '1'; // nothing listens on port 1
      for (const bad of [missing.toString(), closed.toString()]) {
        const e = await expectOpenToFail(t, bad, 'cannot-open');
        expect(e.message).toMatch(/cannot be reached.*correct the URL/);
      }
      expect(url.toString()).toBe(t.file); // the database under test is untouched
      expect((await t.adapter.fromTable('products').load()).length).toBeGreaterThan(0);
    },
  },
  {
    area: 'environment',
    name: 'unopenable-paths-fail-promptly-with-kind-cannot-open',
    needs: ['sqlite-file'],
    async run(t) {
      const paths = [
        join(t.file, 'inside-a-file.db'), // a path through a regular file: no one can create it, root included
        dirname(t.file), // a folder
        ...(existsSync('/proc/self') ? ['/proc/lumix-conformance.db'] : []), // a file system that takes no new files
      ];
      for (const path of paths) {
        const e = await silently(() => expectOpenToFail(t, path, 'cannot-open'));
        expect(e.message).toMatch(/cannot be opened/);
      }
    },
  },
  {
    area: 'environment',
    name: 'non-database-file-fails-at-open-with-kind-not-a-database',
    needs: ['sqlite-file'],
    async run(t) {
      const file = join(dirname(t.file), 'notes.txt');
      const text = 'These are notes, not a database.\n'.repeat(40);
      writeFileSync(file, text);
      const e = await expectOpenToFail(t, file, 'not-a-database');
      expect(e.message).toMatch(/not a database/);
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
  },
  {
    area: 'environment',
    name: 'locked-database-fails-after-the-busy-timeout-with-kind-busy',
    needs: ['sqlite-file'],
    timeout: 30_000,
    async run(t) {
      const lock = await holdWriteLock(t);
      const waiter = await t.open(t.file, { busyTimeoutMs: 300 });
      try {
        const w = waiter.adapter;
        const before = await snapshotDatabase(w); // reads still work beside the lock
        for (const [what, write] of [
          ['saveRun', () => w.saveRun({ run: makeRun() }, { rows: () => ({ plan: [{ product_id: 1, quantity: 1 }] }) })],
          ['createTables', () => w.createTables(NEW_TABLE)],
          ['insertRows', () => w.insertRows('machines', [{ name: 'waiting', hours: 1 }])],
        ] as const) {
          const started = Date.now();
          const e = await silently(() => expectEnvironmentError(within<unknown>(5000, write(), what), 'PERSISTENCE_FAILED', 'busy', t.file));
          const waited = Date.now() - started;
          expect(waited, `${what} waited ${waited} ms on a 300 ms busy timeout`).toBeGreaterThanOrEqual(250);
          expect(waited, `${what} waited ${waited} ms on a 300 ms busy timeout`).toBeLessThan(1200);
          expect(e.message).toMatch(/locked by another process or connection.*busyTimeoutMs/);
          expect(e.details['busyTimeoutMs']).toBe(300);
        }
        expect(await snapshotDatabase(w)).toEqual(before);
      } finally {
        await lock.release();
        await waiter.adapter.close();
      }
      // Once the lock is gone, the same writes go through.
      await t.adapter.createTables(NEW_TABLE);
    },
  },
  {
    area: 'environment',
    name: 'read-only-database-refuses-writes-with-kind-read-only',
    async run(t) {
      const before = await snapshotDatabase(t.adapter);
      const ro = await t.open(t.file, { readonly: true });
      try {
        const r = ro.adapter;
        expect((await r.fromTable('products').load()).length).toBeGreaterThan(0);
        for (const [what, write] of [
          ['saveRun', () => r.saveRun({ run: makeRun() }, { rows: () => ({ plan: [{ product_id: 1, quantity: 1 }] }) })],
          ['createTables', () => r.createTables(NEW_TABLE)],
          ['insertRows', () => r.insertRows('machines', [{ name: 'ro', hours: 1 }])],
        ] as const) {
          const e = await silently(() => expectEnvironmentError(within<unknown>(5000, write(), what), 'PERSISTENCE_FAILED', 'read-only', t.file));
          expect(e.message).toMatch(/cannot be written.*permissions/);
        }
      } finally {
        await ro.adapter.close();
      }
      expect(await snapshotDatabase(t.adapter)).toEqual(before);
    },
  },
  {
    area: 'environment',
    name: 'full-database-fails-the-save-with-kind-disk-full-and-writes-nothing',
    needs: ['size-limit', 'sqlite-file'],
    async run(t) {
      if (t.limitPages === undefined) throw new Error('the adapter claims `size-limit` but gives no limitPages');
      const a = t.adapter;
      const [{ page_count: pages }] = (await a.query<{ page_count: number }>('PRAGMA page_count')) as [{ page_count: number }];
      await t.limitPages(pages);
      const before = await snapshotDatabase(a);
      const notes = Array.from({ length: 3000 }, (_, i) => ({ product_id: (i % 5) + 1, text: `note ${i} `.repeat(8) }));
      const e = await silently(() => expectEnvironmentError(a.saveRun({ run: makeRun() }, { rows: () => ({ notes }) }), 'PERSISTENCE_FAILED', 'disk-full', t.file));
      expect(e.message).toMatch(/^Saving the run of model production failed.*nothing was written.*cannot grow.*Free disk space/);
      await expectEnvironmentError(a.createTables(NEW_TABLE), 'PERSISTENCE_FAILED', 'disk-full', t.file);
      expect(await snapshotDatabase(a)).toEqual(before);
    },
  },
  {
    area: 'environment',
    name: 'write-check-finds-locked-read-only-and-full-databases-and-leaves-nothing',
    needs: ['write-check', 'size-limit', 'sqlite-file'],
    timeout: 30_000,
    async run(t) {
      if (t.checkWritable === undefined) throw new Error('the adapter claims `write-check` but gives no checkWritable');
      if (t.limitPages === undefined) throw new Error('the adapter claims `size-limit` but gives no limitPages');
      const before = await snapshotDatabase(t.adapter);
      await t.checkWritable();
      await t.checkWritable();
      expect(await snapshotDatabase(t.adapter)).toEqual(before);

      const lock = await holdWriteLock(t);
      const waiter = await t.open(t.file, { busyTimeoutMs: 300 });
      try {
        const started = Date.now();
        await silently(() => expectEnvironmentError(within(5000, waiter.checkWritable!(), 'checkWritable'), 'PERSISTENCE_FAILED', 'busy', t.file));
        expect(Date.now() - started).toBeLessThan(1200);
      } finally {
        await lock.release();
        await waiter.adapter.close();
      }

      const ro = await t.open(t.file, { readonly: true });
      try {
        await silently(() => expectEnvironmentError(ro.checkWritable!(), 'PERSISTENCE_FAILED', 'read-only', t.file));
      } finally {
        await ro.adapter.close();
      }

      const [{ page_count: pages }] = (await t.adapter.query<{ page_count: number }>('PRAGMA page_count')) as [{ page_count: number }];
      await t.limitPages(pages);
      await silently(() => expectEnvironmentError(t.checkWritable!(), 'PERSISTENCE_FAILED', 'disk-full', t.file));
      const after = await snapshotDatabase(t.adapter);
      expect(after['schema']).toEqual(before['schema']);
    },
  },
];
