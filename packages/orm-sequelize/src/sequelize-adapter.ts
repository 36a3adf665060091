import type { Sequelize } from 'sequelize';
import type { OrmAdapter } from '@lumix/core';
import { sqlOrmAdapter } from '@lumix/sql';
import { enforceForeignKeys, openSequelize, type OpenSequelizeOptions } from './open-sequelize.js';
import { sequelizeSession } from './sequelize-driver.js';

/** An {@link OrmAdapter} over a Sequelize instance, plus the instance itself. */
export interface SequelizeAdapter extends OrmAdapter {
  readonly kind: 'sequelize';
  /** The Sequelize instance (foreign keys enforced on every connection when opened here). */
  readonly sequelize: Sequelize;
}

/**
 * Binds the package's functions to one Sequelize instance, as an {@link OrmAdapter}. `close()`
 * closes the instance. Makes SQLite enforce foreign keys on every connection of the instance
 * (`enforceForeignKeys`).
 */
export function sequelizeAdapter(sequelize: Sequelize): SequelizeAdapter {
  enforceForeignKeys(sequelize);
  return { kind: 'sequelize', sequelize, ...sqlOrmAdapter(sequelizeSession(sequelize)), close: () => sequelize.close() };
}

/** Opens a SQLite file through Sequelize (see {@link openSequelize}) and returns its adapter. */
export async function openSequelizeAdapter(file: string, options?: OpenSequelizeOptions): Promise<SequelizeAdapter> {
  return sequelizeAdapter(await openSequelize(file, options));
}
