import type { Sequelize } from 'sequelize';
import type { OrmAdapter } from '@lumix/core';
import { sqlOrmAdapter, type SqlAdapterOperations } from '@lumix/sql';
import { enforceForeignKeys, openSequelize, type OpenSequelizeOptions } from './open-sequelize.js';
import { sequelizeSession } from './sequelize-driver.js';

/** An {@link OrmAdapter} over a Sequelize instance, plus the instance itself. */
export interface SequelizeAdapter extends OrmAdapter, SqlAdapterOperations {
  readonly kind: 'sequelize';
  /** The Sequelize instance (foreign keys enforced on every connection when opened here). */
  readonly sequelize: Sequelize;
}

/**
 * Binds the package's functions to one Sequelize instance, as an {@link OrmAdapter}, plus
 * `checkWritable()`. `close()` closes the instance. Makes SQLite enforce foreign keys on every
 * connection of the instance (`enforceForeignKeys`); query sources and `query()` run on a
 * read-only connection of the instance, opened on first use.
 */
export function sequelizeAdapter(sequelize: Sequelize): SequelizeAdapter {
  enforceForeignKeys(sequelize);
  return { kind: 'sequelize', sequelize, ...sqlOrmAdapter(sequelizeSession(sequelize)), close: () => sequelize.close() };
}

/**
 * Opens a SQLite file through Sequelize (see {@link openSequelize}) and returns its adapter.
 *
 * @throws LumixError `SOURCE_FAILED` with `details.kind` (`cannot-open`, `not-a-database`, ...) and
 *   `details.file` when the file cannot be opened as a database.
 */
export async function openSequelizeAdapter(file: string, options?: OpenSequelizeOptions): Promise<SequelizeAdapter> {
  return sequelizeAdapter(await openSequelize(file, options));
}
