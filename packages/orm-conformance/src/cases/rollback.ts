// All or nothing: each failed write leaves the database exactly as before (schema, rows, AUTOINCREMENT counters).
import { expect } from 'vitest';
import { isLumixError, type LumixError } from '@lumix/core';
import { makeRun } from '../fixture.js';
import { expectLumixError } from '../expect-lumix-error.js';
import { snapshotDatabase } from '../snapshot.js';
import type { OrmConformanceCase } from '../orm-conformance-case.js';

/** All or nothing: each failed write leaves the database exactly as before (schema, rows, AUTOINCREMENT counters). */
export const ROLLBACK_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'rollback',
    name: 'constraint-violation-in-row-500-of-1000-leaves-database-as-before',
    async run({ adapter: a }) {
      await a.saveRun({ run: makeRun() }, { rows: () => ({ plan: [{ product_id: 1, quantity: 1 }] }) });
      const before = await snapshotDatabase(a);
      const notes = Array.from({ length: 1000 }, (_, i) => ({ product_id: i === 499 ? 999 : (i % 5) + 1, text: `n${i}` }));
      const e = await expectLumixError(a.saveRun({ run: makeRun() }, { rows: () => ({ notes }) }), 'PERSISTENCE_FAILED');
      const cause = (e as Error & { cause?: unknown }).cause;
      expect(isLumixError(cause, 'DATA_ERROR')).toBe(true);
      expect(e.message).toContain('notes');
      expect((cause as LumixError).details['row']).toBe(499);
      expect(await snapshotDatabase(a)).toEqual(before);
    },
  },
  {
    area: 'rollback',
    name: 'unique-violation-in-second-table',
    async run({ adapter: a }) {
      const before = await snapshotDatabase(a);
      const e = await expectLumixError(
        a.saveRun(
          { run: makeRun() },
          {
            rows: () => ({
              notes: [{ product_id: 1, text: 'ok' }],
              plan: [
                { product_id: 1, quantity: 1 },
                { product_id: 1, quantity: 2 },
              ],
            }),
          },
        ),
        'PERSISTENCE_FAILED',
      );
      expect(e.message).toContain('plan');
      expect(await snapshotDatabase(a)).toEqual(before);
    },
  },
  {
    area: 'rollback',
    name: 'first-save-on-a-fresh-database-leaves-no-trace',
    async run({ adapter: a }) {
      const before = await snapshotDatabase(a);
      await expectLumixError(a.saveRun({ run: makeRun() }, { rows: () => ({ plan: [{ product_id: 404, quantity: 1 }] }) }), 'PERSISTENCE_FAILED');
      expect(await snapshotDatabase(a)).toEqual(before);
      expect(await a.latestRun()).toBeNull();
    },
  },
  {
    area: 'rollback',
    name: 'mapper-throwing-writes-nothing',
    async run({ adapter: a }) {
      await a.ensureRunTable();
      const before = await snapshotDatabase(a);
      const e = await expectLumixError(
        a.saveRun(
          { run: makeRun() },
          {
            rows: () => {
              throw new Error('mapper bug');
            },
          },
        ),
        'PERSISTENCE_FAILED',
      );
      expect(e.message).toContain('mapper bug');
      expect(await snapshotDatabase(a)).toEqual(before);
    },
  },
  {
    area: 'rollback',
    name: 'non-finite-value-writes-nothing',
    async run({ adapter: a }) {
      await a.ensureRunTable();
      const before = await snapshotDatabase(a);
      const e = await expectLumixError(
        a.saveRun({ run: makeRun() }, { rows: () => ({ plan: [{ product_id: 1, quantity: 1 }, { product_id: 2, quantity: Number.NaN }] }) }),
        'PERSISTENCE_FAILED',
      );
      const cause = (e as Error & { cause?: unknown }).cause;
      expect(isLumixError(cause, 'INVALID_NUMBER')).toBe(true);
      expect((cause as LumixError).details['row']).toBe(1);
      expect(await snapshotDatabase(a)).toEqual(before);
    },
  },
  {
    area: 'rollback',
    name: 'insert-rows-is-all-or-nothing',
    async run({ adapter: a }) {
      const before = await snapshotDatabase(a);
      const rows = Array.from({ length: 1200 }, (_, i) => ({ name: i === 1100 ? 'cutter' : `m${i}`, hours: i }));
      await expectLumixError(a.insertRows('machines', rows), 'DATA_ERROR');
      expect(await snapshotDatabase(a)).toEqual(before);
    },
  },
  {
    area: 'rollback',
    name: 'run-id-set-by-the-caller-must-match',
    async run({ adapter: a }) {
      const before = await snapshotDatabase(a);
      const e = await expectLumixError(a.saveRun({ run: makeRun() }, { rows: () => ({ plan: [{ run_id: 12345, product_id: 1, quantity: 1 }] }) }), 'PERSISTENCE_FAILED');
      expect(isLumixError((e as Error & { cause?: unknown }).cause, 'INVALID_ARGUMENT')).toBe(true);
      expect(await snapshotDatabase(a)).toEqual(before);
    },
  },
];
