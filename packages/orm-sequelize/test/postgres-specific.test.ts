// What only a PostgreSQL server does, on a real one (a throw-away cluster started by this
// package's vitest globalSetup): a lock another session holds fails a write with kind busy after the
// busy timeout (the server's lock_timeout), checkWritable finds a read-only connection and leaves
// nothing behind, and pg's errors are read by their SQLSTATE code.
import { describe, expect, it } from 'vitest';
import { isLumixError, type LumixError } from '@lumix/core';
import { MACHINES, seedFixture, snapshotDatabase } from '@lumix/orm-conformance';
import { openSequelizeAdapter } from '@lumix/orm-sequelize';
import { newPostgresDatabase, testPostgres } from '@lumix/test-fixtures';

const server = testPostgres();

async function failure(p: Promise<unknown>): Promise<LumixError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!isLumixError(e)) throw new Error(`expected a LumixError, got ${String(e)}`);
  return e;
}

if ('skip' in server) {
  console.warn(`[postgres-specific] skipped: ${server.skip}`);
  describe.skip(`PostgreSQL specifics (${server.skip})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describe('PostgreSQL specifics', () => {
    it('postgres/a-table-locked-by-another-session-fails-writes-with-kind-busy', async () => {
      const url = await newPostgresDatabase(server.url, 'lumix_pg');
      const holder = await openSequelizeAdapter(url);
      await seedFixture(holder);
      const waiter = await openSequelizeAdapter(url, { busyTimeoutMs: 300 });
      try {
        const t = await holder.sequelize.transaction();
        try {
          await holder.sequelize.query('LOCK TABLE machines IN ACCESS EXCLUSIVE MODE', { transaction: t });
          const e = await failure(waiter.insertRows('machines', [{ name: 'waiting', hours: 1 }]));
          expect(e.code).toBe('PERSISTENCE_FAILED');
          expect(e.details['kind']).toBe('busy');
          expect(e.details['originalCode']).toBe('55P03');
          expect(e.message).toContain(url);
        } finally {
          await t.rollback();
        }
        // The lock gone, the same write goes through.
        await waiter.insertRows('machines', [{ name: 'waiting', hours: 1 }]);
        expect((await waiter.fromTable('machines').load()).length).toBe(MACHINES.length + 1);
      } finally {
        await waiter.close();
        await holder.close();
      }
    });

    it('postgres/check-writable-finds-a-read-only-connection-and-leaves-nothing', async () => {
      const url = await newPostgresDatabase(server.url, 'lumix_pg');
      const a = await openSequelizeAdapter(url);
      await seedFixture(a);
      const before = await snapshotDatabase(a);
      await a.checkWritable();
      expect(await snapshotDatabase(a)).toEqual(before);
      const ro = await openSequelizeAdapter(url, { readonly: true });
      try {
        const e = await failure(ro.checkWritable());
        expect([e.code, e.details['kind'], e.details['originalCode']]).toEqual(['PERSISTENCE_FAILED', 'read-only', '25006']);
        expect(e.message).toMatch(/cannot be written.*read-only/);
      } finally {
        await ro.close();
        await a.close();
      }
    });

    it('postgres/driver-errors-are-read-by-sqlstate', async () => {
      const url = await newPostgresDatabase(server.url, 'lumix_pg');
      const a = await openSequelizeAdapter(url);
      try {
        await seedFixture(a);
        // The insert path names the row from the kind; the driver's error stays the cause.
        const unique = await failure(a.insertRows('machines', [{ name: 'cutter', hours: 1 }]));
        expect([unique.code, unique.details['columns'], (unique.cause as { code?: string }).code]).toEqual(['DATA_ERROR', ['name'], '23505']);
        const fk = await failure(a.insertRows('recipes', [{ product_id: 999, machine_id: 1, hours: 1 }]));
        expect([fk.code, fk.details['row'], fk.details['table'], (fk.cause as { code?: string }).code]).toEqual(['DATA_ERROR', 0, 'recipes', '23503']);
        const missing = await failure(a.query('SELECT * FROM no_such_table'));
        expect([missing.code, missing.details['kind'], missing.details['originalCode']]).toEqual(['SCHEMA_ERROR', 'no-such-table', '42P01']);
        const column = await failure(a.query('SELECT no_such_column FROM machines'));
        expect([column.code, column.details['kind'], column.details['column']]).toEqual(['SCHEMA_ERROR', 'no-such-column', 'no_such_column']);
      } finally {
        await a.close();
      }
    });
  });
}
