import type { IndexSource } from '@lumix/core';
import { fromModel, openSequelizeAdapter } from '@lumix/orm-sequelize';
import type { MachineRecord, MaterialRecord, ProductRecord } from '../data/production-data.js';
import type { ProductionDb } from './production-db.js';
import { Machine, PRODUCTION_MODELS, Product, RawMaterial } from './sequelize-models.js';

/**
 * Opens the database through Sequelize with the app's sequelize-typescript models registered
 * (foreign keys enforced on every connection); the data tables become `fromModel` sources (one
 * `findAll` each, plain records).
 *
 * sequelize-typescript binds a model class to the last Sequelize instance it was added to, so
 * the app keeps one Sequelize database open at a time.
 */
export async function openSequelizeDb(file: string): Promise<ProductionDb> {
  const adapter = await openSequelizeAdapter(file, { models: [...PRODUCTION_MODELS] });
  return {
    orm: 'sequelize',
    file,
    adapter,
    dialect: adapter.sequelize.getDialect() === 'postgres' ? 'postgres' : 'sqlite',
    sources: {
      products: fromModel(Product) as IndexSource<ProductRecord>,
      machines: fromModel(Machine) as IndexSource<MachineRecord>,
      materials: fromModel(RawMaterial) as IndexSource<MaterialRecord>,
    },
    dropTables: async (tables) => {
      if (tables.length > 0) await adapter.sequelize.query(`DROP TABLE IF EXISTS ${tables.map((t) => `"${t.replace(/"/g, '""')}"`).join(', ')} CASCADE`);
    },
    close: () => adapter.close(),
  };
}
