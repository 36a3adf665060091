import { openSequelizeDb } from './open-sequelize-db.js';
import { openSqliteDb } from './open-sqlite-db.js';
import type { OrmName, ProductionDb } from './production-db.js';

/**
 * Opens a production database file through the chosen ORM adapter (created when missing: check
 * with `assertDatabaseFile` first where that is not wanted).
 */
export function openProductionDb(file: string, orm: OrmName): Promise<ProductionDb> {
  return orm === 'sqlite' ? openSqliteDb(file) : openSequelizeDb(file);
}
