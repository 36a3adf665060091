// Apps switch adapters with --orm on the same database file: each adapter must read what the
// other wrote (schema, data, runs and solution rows).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { FIXTURE_TABLES, PRODUCTS, makeRun, seedFixture } from '@lumix/orm-conformance';
import { openSequelizeAdapter } from '@lumix/orm-sequelize';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import type { OrmAdapter } from '@lumix/core';

const dir = mkdtempSync(join(tmpdir(), 'lumix-cross-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openers: Record<string, (file: string) => Promise<OrmAdapter>> = {
  sqlite: (file) => openSqliteAdapter(file),
  sequelize: (file) => openSequelizeAdapter(file),
};

for (const [writer, reader] of [
  ['sqlite', 'sequelize'],
  ['sequelize', 'sqlite'],
] as const) {
  it(`cross-adapter/${writer}-writes-${reader}-reads`, async () => {
    const file = join(dir, `${writer}-${reader}.db`);
    const w = await openers[writer]!(file);
    await seedFixture(w);
    const saved = await w.saveRun({ run: makeRun() }, { label: writer, rows: () => ({ plan: [{ product_id: 2, quantity: 7.5 }] }) });
    await w.close();

    const r = await openers[reader]!(file);
    await r.createTables(FIXTURE_TABLES); // idempotent on the other adapter's tables
    expect((await r.fromTable('products').load()).length).toBe(PRODUCTS.length);
    const run = await r.latestRun();
    expect(run).toEqual(expect.objectContaining({ id: saved.id, label: writer, modelName: 'production', objective: makeRun().objective }));
    expect(run!.startedAt.toISOString()).toBe(makeRun().startedAt.toISOString());
    expect(await r.readRunRows('plan', saved.id)).toEqual([expect.objectContaining({ run_id: saved.id, product_id: 2, quantity: 7.5 })]);
    const second = await r.saveRun({ run: makeRun({ objective: 1 }) }, { rows: () => ({ plan: [{ product_id: 1, quantity: 1 }] }) });
    expect(second.id).toBe(saved.id + 1);
    await expect(r.insertRows('recipes', [{ product_id: 99, machine_id: 1, hours: 1 }])).rejects.toThrow(/products/);
    await r.close();
  });
}
