// Both ORM adapters against a real broken environment, made by other processes: a database whose
// write lock another process holds, and a database file the user may read but not write (for
// root, by running the adapters as another user). Each must fail with a typed LumixError naming
// the file and the cause, promptly, and checkWritable() must find it before any work is done.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isLumixError, type LumixError, type OrmAdapter } from '@lumix/core';
import { makeRun, seedFixture } from '@lumix/orm-conformance';
import { openSequelizeAdapter } from '@lumix/orm-sequelize';
import { openSqliteAdapter } from '@lumix/orm-sqlite';

const here = dirname(dirname(fileURLToPath(import.meta.url))); // tests/integration: where the child processes resolve packages
const dir = mkdtempSync(join(tmpdir(), 'lumix-orm-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Writable = OrmAdapter & { checkWritable(): Promise<void> };
const OPENERS: Record<string, (file: string, busyTimeoutMs?: number) => Promise<Writable>> = {
  sqlite: (file, busyTimeoutMs) => openSqliteAdapter(file, busyTimeoutMs === undefined ? {} : { busyTimeoutMs }),
  sequelize: (file, busyTimeoutMs) => openSequelizeAdapter(file, busyTimeoutMs === undefined ? {} : { busyTimeoutMs }),
};

/** A seeded database file, closed again. */
async function seeded(name: string): Promise<string> {
  const file = join(dir, name);
  const a = await openSqliteAdapter(file);
  await seedFixture(a);
  await a.close();
  return file;
}

/** Another process holding the write lock of `file` (BEGIN IMMEDIATE) until `release()`. */
async function lockFromAnotherProcess(file: string): Promise<{ release(): Promise<void> }> {
  const script = `
    const sqlite3 = require('sqlite3');
    const db = new sqlite3.Database(process.argv[1], (err) => {
      if (err) throw err;
      db.exec('BEGIN IMMEDIATE', (e) => { if (e) throw e; process.stdout.write('locked\\n'); });
    });
    process.stdin.on('end', () => db.exec('ROLLBACK', () => db.close(() => process.exit(0))));
    process.stdin.resume();`;
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['-e', script, file], { cwd: here });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`the locking process exited with ${code}`)));
  });
  return {
    release: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

describe('orm environment', () => {
  for (const [name, open] of Object.entries(OPENERS)) {
    it(`orm-environment/${name}-database-locked-by-another-process`, async () => {
      const file = await seeded(`locked-${name}.db`);
      const a = await open(file, 500);
      const lock = await lockFromAnotherProcess(file);
      try {
        for (const [what, write] of [
          ['checkWritable', () => a.checkWritable()],
          ['saveRun', () => a.saveRun({ run: makeRun() }, { rows: () => ({ plan: [{ product_id: 1, quantity: 1 }] }) })],
        ] as const) {
          const started = Date.now();
          const e = (await (write() as Promise<unknown>).catch((x: unknown) => x)) as LumixError;
          const waited = Date.now() - started;
          expect(isLumixError(e, 'PERSISTENCE_FAILED'), `${what}: ${String(e)}`).toBe(true);
          expect([e.details['kind'], e.details['file'], e.details['busyTimeoutMs']]).toEqual(['busy', file, 500]);
          expect(e.message).toContain(`${file} is locked by another process or connection`);
          expect(waited, what).toBeLessThan(2000);
        }
        expect((await a.fromTable('products').load()).length).toBeGreaterThan(0); // reading goes on
      } finally {
        await lock.release();
      }
      await a.checkWritable();
      expect((await a.saveRun({ run: makeRun() })).id).toBe(1);
      await a.close();
    });
  }

  // A file the user may read but not write. Permission bits do not stop root, so as root the
  // adapters run in a child process as the user nobody; otherwise in this process.
  const root = process.getuid?.() === 0;
  const canDropToNobody = root && spawnSync(process.execPath, ['-e', ''], { uid: 65534, gid: 65534 }).status === 0;
  it.skipIf(root && !canDropToNobody)('orm-environment/database-file-without-write-permission', async () => {
    const folder = join(dir, 'read-only');
    mkdirSync(folder);
    const file = await seeded('read-only/plan.db');
    chmodSync(file, 0o444);
    chmodSync(folder, 0o555);
    chmodSync(dir, 0o755);
    const script = `
      import { openSqliteAdapter } from '@lumix/orm-sqlite';
      import { openSequelizeAdapter } from '@lumix/orm-sequelize';
      const out = {};
      for (const [name, open] of [['sqlite', openSqliteAdapter], ['sequelize', openSequelizeAdapter]]) {
        const a = await open(process.argv[1]);
        const rows = (await a.query('SELECT count(*) AS n FROM products'))[0].n;
        const failure = async (p) => p.then(() => null, (e) => ({ code: e.code, kind: e.details?.kind, file: e.details?.file, message: e.message }));
        const check = await failure(a.checkWritable());
        const save = await failure(a.saveRun({ run: { modelName: 'm', solver: 's', status: 'optimal', objective: 1, startedAt: new Date(0), finishedAt: new Date(0), buildMs: 0, solveMs: 0, numVariables: 0, numConstraints: 0, numNonzeros: 0, options: {} } }));
        await a.close();
        out[name] = { rows, check, save };
      }
      process.stdout.write(JSON.stringify(out));`;
    const child = spawnSync(process.execPath, ['--conditions=@lumix/source', '--import', 'tsx', '--input-type=module', '-e', script, file], {
      cwd: here,
      encoding: 'utf8',
      env: { ...process.env, HOME: dir },
      ...(root ? { uid: 65534, gid: 65534 } : {}),
    });
    try {
      expect(child.status, child.stderr).toBe(0);
      const out = JSON.parse(child.stdout) as Record<string, { rows: number; check: Record<string, unknown> | null; save: Record<string, unknown> | null }>;
      for (const name of ['sqlite', 'sequelize']) {
        expect(out[name]!.rows, name).toBeGreaterThan(0);
        for (const failure of [out[name]!.check, out[name]!.save]) {
          expect(failure, name).toMatchObject({ code: 'PERSISTENCE_FAILED', kind: 'read-only', file });
          expect(String(failure!['message'])).toContain(`${file} cannot be written`);
        }
      }
    } finally {
      chmodSync(folder, 0o755);
    }
  });
});
