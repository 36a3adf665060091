import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Model, isLumixError, type LumixError, type LumixErrorCode, type OrmAdapter } from '@lumix/core';
import { FIXTURE_TABLES, MACHINES, PRODUCTS, RECIPES, SQL_FRAGMENT, makeRun, seedFixture, type ProductRow } from './fixture.js';
import { snapshotDatabase } from './snapshot.js';

/** What an adapter package hands the suite for one fresh database file. */
export interface OrmAdapterUnderTest {
  /** The adapter, open on the file. The suite closes it. */
  readonly adapter: OrmAdapter;
  /**
   * Every SQL statement the adapter sent to the database, appended synchronously when it is sent
   * (wrap the connection's methods, or Sequelize's `logging`; sqlite3's `trace` event arrives
   * asynchronously and can be late). The suite clears it with `length = 0`.
   */
  readonly statements: string[];
  /** Runs raw SQL on the database, bypassing the adapter's checks: used to plant bad data. */
  execRaw(sql: string): Promise<void>;
}

/** Opens an adapter on a fresh SQLite file path (the file does not exist yet). */
export type MakeOrmAdapterUnderTest = (file: string) => Promise<OrmAdapterUnderTest>;

/** Awaits `p`, expecting a LumixError of `code`; returns it for more checks. */
async function expectLumixError(p: Promise<unknown> | (() => unknown), code: LumixErrorCode): Promise<LumixError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (!isLumixError(e, code)) {
      throw new Error(`expected LumixError ${code}, got ${isLumixError(e) ? `LumixError ${e.code}` : String(e)}: ${(e as Error)?.message}`);
    }
    return e;
  }
  throw new Error(`expected LumixError ${code}, but nothing was thrown`);
}

const isSelect = (s: string) => /^\s*SELECT\b/i.test(s);

/**
 * Registers the conformance tests every LumiX ORM adapter must pass (vitest). Each test gets a
 * fresh SQLite file in a temporary directory. Tests are named `area/case`; areas: `sources`,
 * `lookups`, `schema`, `persistence`, `rollback`, `query-counts`, `bad-input`.
 *
 * ```ts
 * describeOrmAdapterConformance('sqlite', async (file) => { ... return { adapter, statements, execRaw }; });
 * ```
 */
export function describeOrmAdapterConformance(name: string, make: MakeOrmAdapterUnderTest): void {
  describe(`${name} ORM adapter conformance`, () => {
    const dir = mkdtempSync(join(tmpdir(), `lumix-orm-${name}-`));
    let counter = 0;
    let t: OrmAdapterUnderTest;
    let a: OrmAdapter;

    beforeEach(async () => {
      t = await make(join(dir, `db-${++counter}.sqlite`));
      a = t.adapter;
      await seedFixture(a);
      t.statements.length = 0;
    });
    afterEach(async () => {
      await a.close();
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    describe('sources', () => {
      it('sources/table-all-rows-in-key-order', async () => {
        const rows = await a.fromTable<ProductRow>('products').load();
        expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
        expect(rows[3]).toEqual(PRODUCTS[3]);
      });

      it('sources/table-where-equality-in-and-null', async () => {
        expect((await a.fromTable<ProductRow>('products', { where: { family: 'wood' } }).load()).map((r) => r.name)).toEqual(['chair', 'table']);
        expect((await a.fromTable<ProductRow>('products', { where: { id: [3, 1, 99] } }).load()).map((r) => r.id)).toEqual([1, 3]);
        expect((await a.fromTable<ProductRow>('products', { where: { family: null } }).load()).map((r) => r.id)).toEqual([4]);
        expect(await a.fromTable('products', { where: { id: [] } }).load()).toEqual([]);
        expect((await a.fromTable<ProductRow>('products', { where: { family: 'wood', id: 2 } }).load()).map((r) => r.id)).toEqual([2]);
      });

      it('sources/table-order-by', async () => {
        const byProfitDesc = await a.fromTable<ProductRow>('products', { orderBy: [['profit', 'DESC']] }).load();
        expect(byProfitDesc.map((r) => r.id)).toEqual([3, 2, 1, 4, 5]);
        const byName = await a.fromTable<ProductRow>('products', { orderBy: 'name' }).load();
        expect(byName.map((r) => r.name)).toEqual([...PRODUCTS.map((p) => p.name)].sort());
        const two = await a.fromTable<{ a: number; c: number; id: number }>('loose', { orderBy: [['a', 'desc'], ['c', 'DESC'], 'id'] }).load();
        expect(two.map((r) => r.id)).toEqual([4, 3, 1, 2]);
      });

      it('sources/table-columns-projection', async () => {
        const rows = await a.fromTable('products', { columns: ['id', 'profit'], where: { id: 1 } }).load();
        expect(rows).toEqual([{ id: 1, profit: 45 }]);
      });

      it('sources/empty-table-empty-source', async () => {
        const s = a.fromTable('empty_things');
        expect(s.isIndexSource).toBe(true);
        expect(await s.load()).toEqual([]);
        expect(await a.fromQuery('SELECT * FROM products WHERE profit > ?', [1e9]).load()).toEqual([]);
      });

      it('sources/query-with-params', async () => {
        const rows = await a.fromQuery<{ name: string }>('SELECT name FROM products WHERE profit >= ? AND family = ? ORDER BY id', [50, 'wood']).load();
        expect(rows).toEqual([{ name: 'table' }]);
        // A ? inside a string literal is text, not a placeholder.
        const q = await a.fromQuery<{ q: string; n: number }>("SELECT '?' AS q, COUNT(*) AS n FROM products WHERE id < ?", [3]).load();
        expect(q).toEqual([{ q: '?', n: 2 }]);
      });

      it('sources/values-with-quotes-and-sql-match-literally', async () => {
        const hit = await a.fromTable<ProductRow>('products', { where: { name: SQL_FRAGMENT } }).load();
        expect(hit.map((r) => r.id)).toEqual([5]);
        const q = await a.fromQuery<ProductRow>('SELECT * FROM products WHERE name = ?', ["o'brien stool"]).load();
        expect(q.map((r) => r.id)).toEqual([4]);
        expect(await a.fromTable('products', { where: { name: "chair' OR '1'='1" } }).load()).toEqual([]);
        expect((await a.fromTable('products').load()).length).toBe(PRODUCTS.length);
      });

      it('sources/labels-name-the-source', async () => {
        expect(a.fromTable('products').label).toContain('products');
        expect(a.fromQuery('SELECT * FROM machines', [], { label: 'all machines' }).label).toBe('all machines');
      });

      it('sources/reloads-see-new-rows', async () => {
        const s = a.fromTable('machines');
        expect((await s.load()).length).toBe(3);
        await a.insertRows('machines', [{ name: 'drill', hours: 10 }]);
        expect((await s.load()).length).toBe(4);
      });
    });

    describe('lookups', () => {
      it('lookups/one-key-column', async () => {
        const profit = await a.lookup('products', 'id', 'profit');
        expect(profit.size).toBe(5);
        expect(profit.get(3)).toBe(110);
        expect(profit.has(9)).toBe(false);
        expect(profit.getOr(-1, 9)).toBe(-1);
        await expectLumixError(() => profit.get(9), 'UNKNOWN_KEY');
      });

      it('lookups/two-key-columns-by-name-and-by-function', async () => {
        const byName = await a.lookup('recipes', ['product_id', 'machine_id'], 'hours');
        const byFn = await a.lookup<number, { product_id: number; machine_id: number; hours: number }>(
          'recipes',
          (r) => [r.product_id, r.machine_id],
          (r) => r.hours,
        );
        for (const r of RECIPES) {
          expect(byName.get(r.product_id, r.machine_id)).toBe(r.hours);
          expect(byFn.get(r.product_id, r.machine_id)).toBe(r.hours);
        }
        expect(byName.getOr(0, 1, 3)).toBe(0);
        expect(byName.size).toBe(RECIPES.length);
      });

      it('lookups/three-key-columns', async () => {
        const l = await a.lookup('loose', ['a', 'b', 'c'], 'v');
        expect(l.get(2, 'x', 2)).toBe(4.5);
        expect(l.get(1, 'y', 1)).toBe(2.5);
        expect(l.has(2, 'y', 1)).toBe(false);
      });

      it('lookups/where-filter', async () => {
        const l = await a.lookup('recipes', ['product_id', 'machine_id'], 'hours', { where: { machine_id: 1 } });
        expect(l.size).toBe(3);
        expect(l.has(1, 2)).toBe(false);
      });

      it('lookups/from-a-query-source', async () => {
        const s = a.fromQuery<{ p: number; m: number; h: number }>('SELECT product_id AS p, machine_id AS m, hours * 2 AS h FROM recipes WHERE hours >= ?', [1]);
        const l = await a.lookup(s, ['p', 'm'], 'h');
        expect(l.get(3, 1)).toBe(6);
        expect(l.has(1, 2)).toBe(false);
      });

      it('lookups/non-numeric-values-by-function', async () => {
        const names = await a.lookup<string, ProductRow>('products', 'id', (r) => r.name);
        expect(names.get(5)).toBe(SQL_FRAGMENT);
      });

      it('lookups/duplicate-key-is-an-error', async () => {
        const e = await expectLumixError(a.lookup('loose', ['a', 'c'], 'v'), 'DUPLICATE_KEY');
        expect(e.message).toContain('loose');
        expect(e.details['key']).toEqual(['1', '1']);
        await expectLumixError(a.lookup('loose', 'a', 'v'), 'DUPLICATE_KEY');
      });

      it('lookups/key-of-four-columns-is-rejected', async () => {
        await expectLumixError(a.lookup('loose', ['id', 'a', 'b', 'c'], 'v'), 'INVALID_ARGUMENT');
      });
    });

    describe('schema', () => {
      it('schema/create-tables-is-idempotent', async () => {
        await seedFixtureTablesAgain(a);
        expect((await a.fromTable('products').load()).length).toBe(PRODUCTS.length);
      });

      it('schema/existing-table-missing-a-column-is-reported', async () => {
        const e = await expectLumixError(
          a.createTables([{ name: 'machines', columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text' }, speed: { type: 'real' } } }]),
          'SCHEMA_ERROR',
        );
        expect(e.message).toContain('speed');
        expect(e.details['table']).toBe('machines');
      });

      it('schema/foreign-keys-are-enforced', async () => {
        const e = await expectLumixError(a.insertRows('recipes', [{ product_id: 1, machine_id: 3, hours: 1 }, { product_id: 77, machine_id: 1, hours: 1 }]), 'DATA_ERROR');
        expect(e.details['table']).toBe('recipes');
        expect(e.message).toContain('recipes');
        expect(e.message).toContain('products');
        expect(e.details['row']).toBe(1);
        expect((await a.fromTable('recipes').load()).length).toBe(RECIPES.length);
        const fk = await a.query<{ foreign_keys: number }>('PRAGMA foreign_keys');
        expect(fk[0]?.foreign_keys).toBe(1);
      });

      it('schema/deleting-a-referenced-parent-is-rejected', async () => {
        const deleted = await t.execRaw('DELETE FROM products WHERE id = 1').then(
          () => true,
          () => false,
        );
        expect(deleted).toBe(false);
        expect((await a.fromTable('products', { where: { id: 1 } }).load()).length).toBe(1);
      });

      it('schema/unique-constraints-are-enforced', async () => {
        const e = await expectLumixError(a.insertRows('recipes', [{ product_id: 1, machine_id: 3, hours: 1 }, { product_id: 1, machine_id: 3, hours: 2 }]), 'DATA_ERROR');
        expect(e.message).toContain('recipes');
        expect(e.details['row']).toBe(1);
        const e2 = await expectLumixError(a.insertRows('machines', [{ name: 'cutter', hours: 1 }]), 'DATA_ERROR');
        expect(e2.message).toContain('machines');
        expect((await a.fromTable('recipes').load()).length).toBe(RECIPES.length);
      });

      it('schema/invalid-identifiers-are-rejected', async () => {
        await expectLumixError(() => a.fromTable('products; DROP TABLE products').load(), 'INVALID_NAME');
        await expectLumixError(() => a.fromTable('products', { where: { 'id = 1 OR 1': 1 } }).load(), 'INVALID_NAME');
        await expectLumixError(a.createTables([{ name: 'bad name', columns: { id: { type: 'integer' } } }]), 'INVALID_NAME');
        await expectLumixError(a.insertRows('machines', [{ 'name"': 'x', hours: 1 }]), 'INVALID_NAME');
        expect((await a.fromTable('products').load()).length).toBe(PRODUCTS.length);
      });

      it('schema/references-to-a-missing-table-are-reported', async () => {
        const e = await expectLumixError(
          a.createTables([{ name: 'orders', columns: { id: { type: 'integer', primaryKey: true }, customer_id: { type: 'integer', references: 'customers' } } }]),
          'SCHEMA_ERROR',
        );
        expect(e.message).toContain('customers');
      });
    });

    describe('persistence', () => {
      it('persistence/save-and-read-back', async () => {
        const run = makeRun();
        const saved = await a.saveRun(
          { run },
          {
            label: 'baseline',
            rows: () => ({
              plan: [
                { product_id: 1, quantity: 10 },
                { product_id: 3, quantity: 2.5 },
              ],
            }),
          },
        );
        expect(saved.id).toBeGreaterThan(0);
        expect(saved.label).toBe('baseline');
        const back = await a.getRun(saved.id);
        expect(back).not.toBeNull();
        expect(back!.modelName).toBe(run.modelName);
        expect(back!.solver).toBe('highs');
        expect(back!.status).toBe('optimal');
        expect(back!.objective).toBeCloseTo(run.objective!, 12);
        expect(back!.startedAt.toISOString()).toBe(run.startedAt.toISOString());
        expect(back!.finishedAt.toISOString()).toBe(run.finishedAt.toISOString());
        expect(back!.buildMs).toBe(12.5);
        expect(back!.solveMs).toBe(3.25);
        expect([back!.numVariables, back!.numConstraints, back!.numNonzeros]).toEqual([5, 3, 7]);
        expect(back!.options).toEqual({ timeLimit: 30, presolve: true });
        expect(back!.label).toBe('baseline');
        const rows = await a.readRunRows<{ run_id: number; product_id: number; quantity: number }>('plan', saved.id);
        expect(rows.map((r) => [r.run_id, r.product_id, r.quantity])).toEqual([
          [saved.id, 1, 10],
          [saved.id, 3, 2.5],
        ]);
      });

      it('persistence/mapper-gets-the-run-id-and-every-row-gets-it', async () => {
        let seen = -1;
        const saved = await a.saveRun(
          { run: makeRun() },
          {
            rows: (runId) => {
              seen = runId;
              return { plan: [{ product_id: 2, quantity: 1 }], notes: [{ product_id: null, text: `run ${runId}` }] };
            },
          },
        );
        expect(seen).toBe(saved.id);
        const notes = await a.readRunRows<{ run_id: number; text: string }>('notes', saved.id);
        expect(notes).toEqual([expect.objectContaining({ run_id: saved.id, text: `run ${saved.id}` })]);
      });

      it('persistence/earlier-runs-are-kept', async () => {
        const r1 = await a.saveRun({ run: makeRun({ objective: 1 }) }, { rows: () => ({ plan: [{ product_id: 1, quantity: 1 }] }) });
        const r2 = await a.saveRun({ run: makeRun({ objective: 2, modelName: 'timetable' }) }, { label: 'second', rows: () => ({ plan: [{ product_id: 1, quantity: 2 }] }) });
        const r3 = await a.saveRun({ run: makeRun({ objective: 3 }) }, { rows: () => ({ plan: [{ product_id: 1, quantity: 3 }] }) });
        expect(r1.id < r2.id && r2.id < r3.id).toBe(true);
        expect((await a.listRuns()).map((r) => r.objective)).toEqual([1, 2, 3]);
        expect((await a.latestRun())!.id).toBe(r3.id);
        expect((await a.latestRun({ modelName: 'timetable' }))!.id).toBe(r2.id);
        expect((await a.latestRun({ label: 'second' }))!.objective).toBe(2);
        expect((await a.listRuns({ modelName: 'production' })).map((r) => r.id)).toEqual([r1.id, r3.id]);
        expect((await a.getRun(r1.id))!.objective).toBe(1);
        expect((await a.readRunRows<{ quantity: number }>('plan', r2.id)).map((r) => r.quantity)).toEqual([2]);
        expect((await a.readRunRows<{ quantity: number }>('plan', r1.id)).map((r) => r.quantity)).toEqual([1]);
      });

      it('persistence/no-runs-yet', async () => {
        expect(await a.latestRun()).toBeNull();
        expect(await a.listRuns()).toEqual([]);
        expect(await a.getRun(1)).toBeNull();
        await a.ensureRunTable();
        await a.ensureRunTable();
        expect(await a.latestRun()).toBeNull();
      });

      it('persistence/infeasible-run-without-objective', async () => {
        const saved = await a.saveRun({ run: makeRun({ status: 'infeasible', objective: null }) });
        const back = await a.getRun(saved.id);
        expect(back!.status).toBe('infeasible');
        expect(back!.objective).toBeNull();
      });

      it('persistence/quotes-and-sql-fragments-are-stored-literally', async () => {
        const saved = await a.saveRun(
          { run: makeRun({ modelName: SQL_FRAGMENT }) },
          { label: "it's \"quoted\" -- /* x */ ?", rows: () => ({ notes: [{ product_id: 5, text: SQL_FRAGMENT }] }) },
        );
        const back = await a.latestRun({ modelName: SQL_FRAGMENT });
        expect(back!.id).toBe(saved.id);
        expect(back!.label).toBe("it's \"quoted\" -- /* x */ ?");
        expect((await a.latestRun({ label: "it's \"quoted\" -- /* x */ ?" }))!.id).toBe(saved.id);
        const notes = await a.readRunRows<{ text: string }>('notes', saved.id);
        expect(notes[0]!.text).toBe(SQL_FRAGMENT);
        expect((await a.fromTable('products').load()).length).toBe(PRODUCTS.length);
      });

      it('persistence/solution-object-with-run', async () => {
        // A Solution carries its RunInfo as `run`; extra members are ignored.
        const solution = { run: makeRun({ solver: 'glpk' }), status: 'optimal', value: () => 0 };
        const saved = await a.saveRun(solution);
        expect((await a.getRun(saved.id))!.solver).toBe('glpk');
      });
    });

    describe('rollback', () => {
      it('rollback/constraint-violation-in-row-500-of-1000-leaves-database-as-before', async () => {
        await a.saveRun({ run: makeRun() }, { rows: () => ({ plan: [{ product_id: 1, quantity: 1 }] }) });
        const before = await snapshotDatabase(a);
        const notes = Array.from({ length: 1000 }, (_, i) => ({ product_id: i === 499 ? 999 : (i % 5) + 1, text: `n${i}` }));
        const e = await expectLumixError(a.saveRun({ run: makeRun() }, { rows: () => ({ notes }) }), 'PERSISTENCE_FAILED');
        const cause = (e as Error & { cause?: unknown }).cause;
        expect(isLumixError(cause, 'DATA_ERROR')).toBe(true);
        expect(e.message).toContain('notes');
        expect((cause as LumixError).details['row']).toBe(499);
        expect(await snapshotDatabase(a)).toEqual(before);
      });

      it('rollback/unique-violation-in-second-table', async () => {
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
      });

      it('rollback/first-save-on-a-fresh-database-leaves-no-trace', async () => {
        const before = await snapshotDatabase(a);
        await expectLumixError(a.saveRun({ run: makeRun() }, { rows: () => ({ plan: [{ product_id: 404, quantity: 1 }] }) }), 'PERSISTENCE_FAILED');
        expect(await snapshotDatabase(a)).toEqual(before);
        expect(await a.latestRun()).toBeNull();
      });

      it('rollback/mapper-throwing-writes-nothing', async () => {
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
      });

      it('rollback/non-finite-value-writes-nothing', async () => {
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
      });

      it('rollback/insert-rows-is-all-or-nothing', async () => {
        const before = await snapshotDatabase(a);
        const rows = Array.from({ length: 1200 }, (_, i) => ({ name: i === 1100 ? 'cutter' : `m${i}`, hours: i }));
        await expectLumixError(a.insertRows('machines', rows), 'DATA_ERROR');
        expect(await snapshotDatabase(a)).toEqual(before);
      });

      it('rollback/run-id-set-by-the-caller-must-match', async () => {
        const before = await snapshotDatabase(a);
        const e = await expectLumixError(a.saveRun({ run: makeRun() }, { rows: () => ({ plan: [{ run_id: 12345, product_id: 1, quantity: 1 }] }) }), 'PERSISTENCE_FAILED');
        expect(isLumixError((e as Error & { cause?: unknown }).cause, 'INVALID_ARGUMENT')).toBe(true);
        expect(await snapshotDatabase(a)).toEqual(before);
      });
    });

    describe('query-counts', () => {
      it('query-counts/table-source-load-runs-one-query', async () => {
        const s = a.fromTable('products', { where: { family: 'wood' }, orderBy: 'name' });
        await s.load(); // first use may read the table's schema once per connection
        t.statements.length = 0;
        await s.load();
        expect(t.statements.filter((x) => !/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(x))).toHaveLength(1);
        expect(isSelect(t.statements[0]!)).toBe(true);
      });

      it('query-counts/query-source-load-runs-one-query', async () => {
        const s = a.fromQuery('SELECT * FROM machines WHERE hours > ?', [0]);
        await s.load();
        t.statements.length = 0;
        const rows = await s.load();
        expect(rows.length).toBe(MACHINES.length);
        expect(t.statements).toHaveLength(1);
      });

      it('query-counts/lookup-runs-one-query', async () => {
        await a.lookup('recipes', ['product_id', 'machine_id'], 'hours');
        t.statements.length = 0;
        const l = await a.lookup('recipes', ['product_id', 'machine_id'], 'hours');
        expect(l.size).toBe(RECIPES.length);
        expect(t.statements).toHaveLength(1);
      });

      it('query-counts/model-build-runs-one-query-per-source', async () => {
        const products = a.fromTable<ProductRow>('products', { where: { family: ['wood', 'steel'] } });
        const machines = a.fromTable<{ id: number; hours: number }>('machines');
        const hours = await a.lookup('recipes', ['product_id', 'machine_id'], 'hours');
        await products.load();
        await machines.load(); // warm the schema cache
        t.statements.length = 0;
        const build = async () => {
          // Three variable families and two constraint families over two sources.
          const m = new Model('production');
          const make = m.continuous('make', products, { key: (p) => p.id, ub: (p) => p.max_demand });
          const open = m.binary('open', products, { key: (p) => p.id });
          m.continuous('slack', products, { key: (p) => p.id });
          m.constraints('machine_hours', machines, (mc) => make.sum((p) => hours.getOr(0, p.id, mc.id)).le(mc.hours), { key: (mc) => mc.id });
          m.constraints('link', products, (p) => make.get(p.id).minus(open.get(p.id).times(p.max_demand)).le(0), { key: (p) => p.id });
          m.maximize(() => make.sum((p) => p.profit));
          return m.compile();
        };
        const compiled = await build();
        expect(compiled.problem.numCols).toBe(9);
        expect(compiled.problem.numRows).toBe(MACHINES.length + 3);
        expect(t.statements.filter(isSelect)).toHaveLength(2);
        expect(t.statements).toHaveLength(2);
        await build(); // a new build loads each source again, once
        expect(t.statements).toHaveLength(4);
      });
    });

    describe('bad-input', () => {
      it('bad-input/missing-table-is-named', async () => {
        for (const p of [
          () => a.fromTable('no_such_table').load(),
          () => a.lookup('no_such_table', 'id', 'v'),
          () => a.insertRows('no_such_table', [{ id: 1 }]),
          () => a.readRunRows('no_such_table', 1),
          () => a.fromQuery('SELECT * FROM no_such_table').load(),
        ]) {
          const e = await expectLumixError(p, 'SCHEMA_ERROR');
          expect(e.message).toContain('no_such_table');
        }
      });

      it('bad-input/missing-column-is-named', async () => {
        for (const p of [
          () => a.fromTable('products', { where: { colour: 'red' } }).load(),
          () => a.fromTable('products', { orderBy: 'colour' }).load(),
          () => a.fromTable('products', { columns: ['id', 'colour'] }).load(),
          () => a.lookup('products', 'id', 'colour'),
          () => a.lookup('products', ['id', 'colour'], 'profit'),
          () => a.insertRows('products', [{ name: 'x', profit: 1, max_demand: 1, colour: 'red' }]),
          () => a.fromQuery('SELECT colour FROM products').load(),
        ]) {
          const e = await expectLumixError(p, 'SCHEMA_ERROR');
          expect(e.message).toContain('colour');
        }
      });

      it('bad-input/non-finite-stored-number-is-named', async () => {
        await t.execRaw("INSERT INTO loose (id, a, b, c, v) VALUES (10, 9, 'inf', 9, 9e999)");
        const e = await expectLumixError(() => a.fromTable('loose').load(), 'DATA_ERROR');
        expect(e.message).toContain('loose');
        expect(e.message).toContain('id=10');
        expect(e.details['column']).toBe('v');
        const e2 = await expectLumixError(a.lookup('loose', ['a', 'b', 'c'], 'v'), 'DATA_ERROR');
        expect(e2.message).toContain('Infinity');
        // Filtered out: the bad row is not read, so nothing fails.
        expect((await a.fromTable('loose', { where: { a: 1 } }).load()).length).toBe(2);
      });

      it('bad-input/non-numeric-text-in-a-numeric-column-is-named', async () => {
        await t.execRaw("INSERT INTO products (id, name, profit, max_demand) VALUES (20, 'bad', 'lots', 3)");
        const e = await expectLumixError(() => a.fromTable('products').load(), 'DATA_ERROR');
        expect(e.message).toContain('id=20');
        expect(e.message).toContain('profit');
        await expectLumixError(a.lookup('products', 'id', 'profit'), 'DATA_ERROR');
        const e3 = await expectLumixError(() => a.fromQuery('SELECT id, profit FROM products', [], { numeric: ['profit'] }).load(), 'DATA_ERROR');
        expect(e3.message).toContain('profit');
      });

      it('bad-input/non-finite-numbers-are-not-written', async () => {
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          const e = await expectLumixError(a.insertRows('machines', [{ name: 'ok', hours: 1 }, { name: 'bad', hours: bad }]), 'INVALID_NUMBER');
          expect(e.details['row']).toBe(1);
          expect(e.message).toContain('machines');
        }
        expect((await a.fromTable('machines').load()).length).toBe(MACHINES.length);
      });

      it('bad-input/duplicate-keys-in-a-key-column', async () => {
        await expectLumixError(a.lookup('loose', 'b', 'v'), 'DUPLICATE_KEY');
        const m = new Model('dup');
        m.continuous('x', a.fromTable<{ a: number }>('loose'), { key: (r) => r.a });
        await expectLumixError(m.compile(), 'DUPLICATE_KEY');
      });

      it('bad-input/foreign-key-to-a-missing-row-is-named', async () => {
        const e = await expectLumixError(a.insertRows('recipes', [{ product_id: 3, machine_id: 42, hours: 1 }]), 'DATA_ERROR');
        expect(e.message).toContain('recipes');
        expect(e.message).toContain('machines');
        expect(e.details['table']).toBe('recipes');
        expect(e.details['column']).toBe('machine_id');
      });

      it('bad-input/placeholder-count-must-match', async () => {
        await expectLumixError(() => a.fromQuery('SELECT * FROM products WHERE id = ?', []).load(), 'INVALID_ARGUMENT');
        await expectLumixError(() => a.fromQuery('SELECT * FROM products WHERE id = ?', [1, 2]).load(), 'INVALID_ARGUMENT');
        await expectLumixError(() => a.fromQuery('SELECT * FROM products WHERE id = :id', [1]).load(), 'INVALID_ARGUMENT');
      });

      it('bad-input/query-sources-only-read', async () => {
        await expectLumixError(() => a.fromQuery('DELETE FROM recipes').load(), 'INVALID_ARGUMENT');
        await expectLumixError(a.query('UPDATE products SET profit = 0'), 'INVALID_ARGUMENT');
        await expectLumixError(a.query('PRAGMA foreign_keys = OFF'), 'INVALID_ARGUMENT');
        expect((await a.fromTable('recipes').load()).length).toBe(RECIPES.length);
        expect(await a.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      });

      it('bad-input/not-null-is-named', async () => {
        const e = await expectLumixError(a.insertRows('machines', [{ name: 'x' }]), 'DATA_ERROR');
        expect(e.message).toContain('hours');
      });
    });
  });
}

async function seedFixtureTablesAgain(a: OrmAdapter): Promise<void> {
  await a.createTables(FIXTURE_TABLES);
  await a.createTables(FIXTURE_TABLES);
}
