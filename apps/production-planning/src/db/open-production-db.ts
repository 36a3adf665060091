import { assertOrmOpens } from '@lumix/app-kit';
import { openSequelizeDb } from './open-sequelize-db.js';
import { openSqliteDb } from './open-sqlite-db.js';
import type { OrmName, ProductionDb } from './production-db.js';

/**
 * Opens a production database (a SQLite file, or a PostgreSQL URL through Sequelize) through the chosen ORM adapter (created when missing: check
 * with `assertDatabaseFile` first where that is not wanted).
 */
export function openProductionDb(file: string, orm: OrmName): Promise<ProductionDb> {
  assertOrmOpens(file, orm);
  return orm === 'sqlite' ? openSqliteDb(file) : openSequelizeDb(file);
}
