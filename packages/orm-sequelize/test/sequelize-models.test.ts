import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Op } from 'sequelize';
import type { Sequelize } from 'sequelize-typescript';
import { isLumixError, type LumixErrorCode } from '@lumix/core';
import { fromModel, lookup, openSequelize, saveRun, sequelizeAdapter, withTransaction } from '@lumix/orm-sequelize';
import { makeRun, snapshotDatabase } from '@lumix/orm-conformance';
import { MODELS, Machine, Product, Recipe } from './models.js';

async function expectCode(p: Promise<unknown> | (() => unknown), code: LumixErrorCode): Promise<Error> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(isLumixError(e, code), `expected ${code}, got ${String(e)}`).toBe(true);
    return e as Error;
  }
  throw new Error(`expected ${code}, nothing thrown`);
}

const dir = mkdtempSync(join(tmpdir(), 'lumix-sequelize-'));
let n = 0;
let seq: Sequelize;
const statements: string[] = [];

beforeEach(async () => {
  seq = await openSequelize(join(dir, `m${++n}.sqlite`), { models: MODELS, logging: (sql) => statements.push(sql) });
  await seq.sync();
  await Product.bulkCreate([
    { name: 'chair', profitPerUnit: 45, maxDemand: 100 },
    { name: 'table', profitPerUnit: 80, maxDemand: 40 },
    { name: 'desk', profitPerUnit: 110, maxDemand: 25, active: false },
  ]);
  await Machine.bulkCreate([
    { name: 'cutter', availableHours: 120 },
    { name: 'sander', availableHours: 90 },
  ]);
  await Recipe.bulkCreate([
    { productId: 1, machineId: 1, hoursRequired: 1 },
    { productId: 1, machineId: 2, hoursRequired: 0.5 },
    { productId: 2, machineId: 1, hoursRequired: 2 },
    { productId: 3, machineId: 2, hoursRequired: 3 },
  ]);
  statements.length = 0;
});
afterEach(async () => {
  await seq.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sequelize models', () => {
  it('models/decorated-columns-have-their-declared-types', () => {
    const attrs = Product.getAttributes();
    expect((attrs.profitPerUnit!.type as { key: string }).key).toBe('REAL');
    expect(attrs.profitPerUnit!.field).toBe('profit_per_unit');
    expect((attrs.active!.type as { key: string }).key).toBe('BOOLEAN');
  });

  it('from-model/plain-records-in-key-order-with-where-and-order', async () => {
    const all = await fromModel(Product).load();
    expect(all.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(all[0]).toEqual({ id: 1, name: 'chair', profitPerUnit: 45, maxDemand: 100, active: 1 });
    expect(Object.getPrototypeOf(all[0])).toBe(Object.prototype);
    const rich = await fromModel(Product, { where: { profitPerUnit: { [Op.gte]: 80 } }, order: [['profitPerUnit', 'DESC']] }).load();
    expect(rich.map((p) => p.name)).toEqual(['desk', 'table']);
  });

  it('from-model/one-find-all-per-load', async () => {
    const s = fromModel(Product, { where: { active: true } });
    expect(s.label).toContain('Product');
    const rows = await s.load();
    expect(rows.map((r) => r.name)).toEqual(['chair', 'table']);
    expect(statements.filter((q) => /^SELECT/i.test(q))).toHaveLength(1);
    expect(statements).toHaveLength(1);
  });

  it('from-model/include-gives-nested-plain-objects', async () => {
    const rows = await fromModel(Recipe, { include: [Product, Machine], where: { machineId: 1 } }).load();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.product!.name).toBe('chair');
    expect(rows[1]!.machine!.name).toBe('cutter');
    expect(Object.getPrototypeOf(rows[0]!.product)).toBe(Object.prototype);
    expect(statements).toHaveLength(1);
  });

  it('from-model/map-shapes-the-items', async () => {
    const rows = await fromModel(Product, { map: (p) => ({ key: p.name as string, ub: p.maxDemand as number }) }).load();
    expect(rows[1]).toEqual({ key: 'table', ub: 40 });
  });

  it('from-model/empty-result-is-an-empty-source', async () => {
    expect(await fromModel(Product, { where: { name: "'); DROP TABLE products; --" } }).load()).toEqual([]);
    expect(await Product.count()).toBe(3);
  });

  it('from-model/non-finite-stored-value-is-named', async () => {
    await seq.query("UPDATE products SET max_demand = 9e999 WHERE id = 2");
    const e = await expectCode(() => fromModel(Product).load(), 'DATA_ERROR');
    expect(e.message).toContain('maxDemand');
    expect(e.message).toContain('id=2');
  });

  it('from-model/missing-table-is-a-schema-error', async () => {
    await seq.query('DROP TABLE recipes');
    const e = await expectCode(() => fromModel(Recipe).load(), 'SCHEMA_ERROR');
    expect(e.message).toContain('recipes');
  });

  it('lookup/model-with-functions-and-where', async () => {
    const hours = await lookup(Recipe, (r) => [r.productId, r.machineId], (r) => r.hoursRequired, { where: { machineId: 1 } });
    expect(hours.get(2, 1)).toBe(2);
    expect(hours.has(1, 2)).toBe(false);
    expect(statements).toHaveLength(1);
  });

  it('lookup/model-with-attribute-names', async () => {
    const hours = await lookup(Recipe, ['productId', 'machineId'], 'hoursRequired');
    expect(hours.size).toBe(4);
    expect(hours.get(3, 2)).toBe(3);
    const e = await expectCode(lookup(Recipe, ['productId', 'nope'], 'hoursRequired'), 'SCHEMA_ERROR');
    expect(e.message).toContain('nope');
  });

  it('lookup/model-duplicate-key', async () => {
    await expectCode(lookup(Recipe, 'productId', 'hoursRequired'), 'DUPLICATE_KEY');
  });

  it('foreign-keys/enforced-on-the-default-connection', async () => {
    await expect(Recipe.create({ productId: 99, machineId: 1, hoursRequired: 1 })).rejects.toThrow(/FOREIGN KEY/);
    expect(await Recipe.count()).toBe(4);
  });

  it('foreign-keys/enforced-inside-transactions-on-their-own-connections', async () => {
    await expect(withTransaction(seq, (t) => Recipe.create({ productId: 1, machineId: 77, hoursRequired: 1 }, { transaction: t }))).rejects.toThrow(/FOREIGN KEY/);
    const fk = await withTransaction(seq, (t) => seq.query('PRAGMA foreign_keys', { transaction: t, plain: true }));
    expect(fk).toEqual({ foreign_keys: 1 });
    expect(await Recipe.count()).toBe(4);
  });

  it('persistence/save-run-next-to-sequelize-models', async () => {
    const adapter = sequelizeAdapter(seq);
    await adapter.createTables([
      {
        name: 'production_plan',
        columns: {
          id: { type: 'integer', primaryKey: true },
          run_id: { type: 'integer', references: 'solve_runs', onDelete: 'cascade' },
          product_id: { type: 'integer', references: 'products' },
          quantity: { type: 'real' },
        },
        unique: [['run_id', 'product_id']],
      },
    ]);
    const saved = await saveRun(seq, { run: makeRun() }, { rows: () => ({ production_plan: [{ product_id: 1, quantity: 3 }] }) });
    const before = await snapshotDatabase(adapter);
    await expectCode(
      saveRun(seq, { run: makeRun() }, { rows: () => ({ production_plan: [{ product_id: 1, quantity: 3 }, { product_id: 42, quantity: 1 }] }) }),
      'PERSISTENCE_FAILED',
    );
    expect(await snapshotDatabase(adapter)).toEqual(before);
    expect((await adapter.readRunRows('production_plan', saved.id)).length).toBe(1);
  });
});

describe('logging', () => {
  it('logging/statements-without-prefix-and-timings-with-benchmark', async () => {
    const seen: Array<[string, number | undefined]> = [];
    const s = await openSequelize(join(dir, `log${++n}.sqlite`), { logging: (sql, ms) => seen.push([sql, ms]), benchmark: true });
    await s.query('SELECT 1 AS x');
    const plain: Array<[string, number | undefined]> = [];
    const s2 = await openSequelize(join(dir, `log${++n}.sqlite`), { logging: (sql, ms) => plain.push([sql, ms]) });
    await s2.query('SELECT 2 AS x');
    await s.close();
    await s2.close();
    expect(seen.at(-1)![0]).toBe('SELECT 1 AS x');
    expect(typeof seen.at(-1)![1]).toBe('number');
    expect(plain.at(-1)).toEqual(['SELECT 2 AS x', undefined]);
  });
});

describe('foreign keys without openSequelize', () => {
  it('foreign-keys/adapter-enforces-them-on-an-instance-created-elsewhere', async () => {
    const { Sequelize: PlainSequelize } = await import('sequelize');
    const sqlite3 = (await import('sqlite3')).default;
    // foreignKeys: false stops Sequelize's own pragma: only the adapter's can make this pass.
    const plain = new PlainSequelize({ dialect: 'sqlite', dialectModule: sqlite3, storage: join(dir, `plain${++n}.sqlite`), logging: false, foreignKeys: false } as never);
    const a = sequelizeAdapter(plain);
    await a.createTables([
      { name: 'p', columns: { id: { type: 'integer', primaryKey: true } } },
      { name: 'c', columns: { id: { type: 'integer', primaryKey: true }, p_id: { type: 'integer', references: 'p' } } },
    ]);
    await expectCode(a.insertRows('c', [{ p_id: 5 }]), 'DATA_ERROR');
    expect(await a.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await a.fromTable('c').load()).toEqual([]);
    await a.close();
  });
});
