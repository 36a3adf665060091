import type { SqlDialect } from '../../dialect.js';
import { sqliteCompiler } from './sqlite-compiler.js';
import { sqliteIntrospector } from './sqlite-introspector.js';

/**
 * The SQLite dialect, whatever the driver (sqlite3 directly, or Sequelize on sqlite3): its
 * statement compiler and schema introspector. SQLite (3.32+) accepts 32766 parameters per
 * statement; batches stay well under it.
 */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  compiler: sqliteCompiler,
  introspector: sqliteIntrospector,
  maxParams: 30000,
};
