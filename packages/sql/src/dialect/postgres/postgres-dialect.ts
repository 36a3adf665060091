import type { SqlDialect } from '../../dialect.js';
import { postgresCompiler } from './postgres-compiler.js';
import { postgresIntrospector } from './postgres-introspector.js';

/**
 * The PostgreSQL dialect, whatever the driver (Sequelize on `pg` here): its statement compiler and
 * schema introspector. PostgreSQL's wire protocol takes at most 65535 parameters per statement;
 * batches stay well under it.
 */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  compiler: postgresCompiler,
  introspector: postgresIntrospector,
  maxParams: 30000,
  failedStatementAbortsTransaction: true,
};
