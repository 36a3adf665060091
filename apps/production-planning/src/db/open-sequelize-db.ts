import { LumixError } from '@lumix/core';
import type { ProductionDb } from './production-db.js';

/** Opens the database through Sequelize (sequelize-typescript models). */
export async function openSequelizeDb(file: string): Promise<ProductionDb> {
  throw new LumixError('UNSUPPORTED_FEATURE', `The Sequelize adapter is not available yet; use --orm sqlite for ${file}.`);
}
