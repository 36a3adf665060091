// The ORM suite's cases must fail on a non-conforming adapter: each broken adapter here is a real
// one with one rule broken, and the case guarding that rule must reject (while the real adapter
// passes the same case).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LumixError, RUN_ID_COLUMN, isLumixError, type OrmAdapter, type TableSourceOptions } from '@lumix/core';
import { ORM_CONFORMANCE_CASES, caseId, describeOrmAdapterConformance, openAdapterUnderTest, type OrmAdapterUnderTest } from '@lumix/orm-conformance';
import { openSequelizeAdapter } from '@lumix/orm-sequelize';

const dir = mkdtempSync(join(tmpdir(), 'lumix-orm-self-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A real adapter (Sequelize on a fresh SQLite file, statements logged) with `bend` applied to it. */
function make(bend: (real: OrmAdapter) => Partial<OrmAdapter> = () => ({})) {
  return async (file: string): Promise<OrmAdapterUnderTest> => {
    const statements: string[] = [];
    const real = await openSequelizeAdapter(file, { logging: (sql) => statements.push(sql) });
    return { adapter: { ...real, ...bend(real) }, statements, execRaw: async (sql) => void (await real.sequelize.query(sql)) };
  };
}

/** Runs one case of the suite against the adapter `maker` opens on a freshly seeded file. */
async function run(id: string, maker: ReturnType<typeof make>): Promise<void> {
  const c = ORM_CONFORMANCE_CASES.find((k) => caseId(k) === id);
  if (c === undefined) throw new Error(`no case ${id}`);
  const t = await openAdapterUnderTest(maker, join(dir, `db-${++n}.sqlite`));
  try {
    await c.run(t);
  } finally {
    await t.adapter.close();
  }
}

/** saveRun in several transactions: the run row first, then each table's rows on their own. */
const savesPiecewise = make((real) => ({
  saveRun: async (solution, options = {}) => {
    const saved = await real.saveRun(solution, options.label === undefined ? {} : { label: options.label });
    try {
      const tables = options.rows === undefined ? {} : await options.rows(saved.id);
      for (const [table, rows] of Object.entries(tables)) {
        await real.insertRows(
          table,
          [...rows].map((r) => ({ ...r, [RUN_ID_COLUMN]: saved.id })),
        );
      }
    } catch (cause) {
      // It even reports the failure as the contract says; only the leftover run row gives it away.
      throw new LumixError('PERSISTENCE_FAILED', `Saving the run failed: ${(cause as Error).message}`, {
        cause,
        details: isLumixError(cause) ? { ...cause.details } : {},
      });
    }
    return saved;
  },
}));

/** A table source that counts the rows first: two queries per load. */
const countsFirst = make((real) => ({
  fromTable: <T extends object>(table: string, options?: TableSourceOptions) => {
    const inner = real.fromTable<T>(table, options);
    const load = async () => {
      await real.query(`SELECT COUNT(*) AS n FROM ${table}`);
      return inner.load();
    };
    return { ...inner, load };
  },
}));

/** Errors swallowed: a failed insert reports 0 rows, a failed table load no rows. */
const swallows = make((real) => ({
  insertRows: (table, rows) => real.insertRows(table, rows).catch(() => 0),
  fromTable: <T extends object>(table: string, options?: TableSourceOptions) => {
    const inner = real.fromTable<T>(table, options);
    return { ...inner, load: () => inner.load().catch((): T[] => []) };
  },
}));

/** Booleans read back as the JavaScript values (what pg gives) instead of 1/0, on table sources. */
const rawBooleans = make((real) => ({
  fromTable: <T extends object>(table: string, options?: TableSourceOptions) => {
    const inner = real.fromTable<T>(table, options);
    const load = async () => (await inner.load()).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'active' ? v === 1 : v])) as T);
    return { ...inner, load };
  },
}));

describe('orm suite self-check', () => {
  // Each broken adapter, the cases guarding its rule, and the check in them that rejects it.
  const guarded: readonly [string, ReturnType<typeof make>, readonly string[], RegExp][] = [
    [
      'save-not-in-one-transaction',
      savesPiecewise,
      ['rollback/constraint-violation-in-row-500-of-1000-leaves-database-as-before', 'rollback/first-save-on-a-fresh-database-leaves-no-trace'],
      /to deeply equal/, // the database snapshot after the failed save differs from the one before
    ],
    ['a-source-running-two-queries', countsFirst, ['query-counts/table-source-load-runs-one-query', 'query-counts/model-build-runs-one-query-per-source'], /to have a length of/],
    ['an-error-swallowed', swallows, ['schema/foreign-keys-are-enforced', 'bad-input/missing-table-is-named', 'rollback/insert-rows-is-all-or-nothing'], /nothing was thrown/],
    // An insert that swallows a repeated key is a silent upsert (of nothing); booleans as true/false differ from SQLite.
    ['a-silent-upsert', swallows, ['dialect-differences/no-silent-upsert-on-insert-and-on-conflict-behaves-the-same'], /nothing was thrown/],
    ['booleans-not-read-as-1-and-0', rawBooleans, ['dialect-differences/booleans-read-back-as-1-and-0-on-both'], /to deeply equal/],
  ];
  for (const [rule, broken, ids, why] of guarded) {
    it(`self-check/catches-${rule}`, async () => {
      for (const id of ids) {
        await expect(run(id, broken), id).rejects.toThrow(why);
        await expect(run(id, make()), `${id} on the real adapter`).resolves.toBeUndefined();
      }
    });
  }

  it('self-check/a-claimed-capability-needs-its-member', async () => {
    // `models` claimed but no modelSource: the case fails instead of passing vacuously.
    await expect(run('models/model-source-reads-the-table-in-key-order-with-one-query', make())).rejects.toThrow(/claims `models`/);
    await expect(run('migrations/each-version-runs-once-and-a-failing-one-is-rolled-back', make())).rejects.toThrow(/claims `migrations`/);
  });

  it('self-check/skip-needs-a-reason-and-a-real-case', () => {
    expect(() => describeOrmAdapterConformance('x', make(), { skip: [{ id: 'sources/table-order-by', reason: ' ' }] })).toThrow(/no reason/);
    expect(() => describeOrmAdapterConformance('x', make(), { skip: [{ id: 'sources/nope', reason: 'r' }] })).toThrow(/no test/);
  });
});
