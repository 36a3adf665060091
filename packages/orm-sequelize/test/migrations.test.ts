// Evolving a schema with umzug (the approach the README documents): migrations run once, in
// order, recorded in SequelizeMeta; foreign keys stay enforced.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DataTypes, type QueryInterface } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { isLumixError } from '@lumix/core';
import { openSequelizeAdapter, tableInfo } from '@lumix/orm-sequelize';

const dir = mkdtempSync(join(tmpdir(), 'lumix-umzug-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('migrations/umzug-runs-each-migration-once-and-keeps-foreign-keys', async () => {
  const adapter = await openSequelizeAdapter(join(dir, 'm.db'));
  const { sequelize } = adapter;
  const migrations = [
    {
      name: '001-products',
      up: async ({ context: qi }: { context: QueryInterface }) => {
        await qi.createTable('products', {
          id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
          name: { type: DataTypes.TEXT, allowNull: false, unique: true },
        });
      },
    },
    {
      name: '002-recipes',
      up: async ({ context: qi }: { context: QueryInterface }) => {
        await qi.createTable('recipes', {
          id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
          product_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'products', key: 'id' }, onDelete: 'CASCADE' },
          hours: { type: DataTypes.REAL, allowNull: false },
        });
      },
    },
    {
      name: '003-products-price',
      up: async ({ context: qi }: { context: QueryInterface }) => {
        await qi.addColumn('products', 'price', { type: DataTypes.REAL, allowNull: false, defaultValue: 0 });
      },
    },
  ];
  const umzug = new Umzug({ migrations, context: sequelize.getQueryInterface(), storage: new SequelizeStorage({ sequelize }), logger: undefined });
  expect((await umzug.up()).map((m) => m.name)).toEqual(['001-products', '002-recipes', '003-products-price']);
  expect(await umzug.up()).toEqual([]);
  expect((await tableInfo(sequelize, 'products')).columns.map((c) => c.name)).toEqual(['id', 'name', 'price']);

  await adapter.insertRows('products', [{ name: 'chair', price: 3 }]);
  await adapter.insertRows('recipes', [{ product_id: 1, hours: 2 }]);
  try {
    await adapter.insertRows('recipes', [{ product_id: 9, hours: 2 }]);
    throw new Error('a recipe of a missing product was accepted');
  } catch (e) {
    expect(isLumixError(e, 'DATA_ERROR')).toBe(true);
  }
  expect((await adapter.query<{ name: string }>('SELECT name FROM SequelizeMeta ORDER BY name')).map((r) => r.name)).toHaveLength(3);
  await adapter.close();
});
