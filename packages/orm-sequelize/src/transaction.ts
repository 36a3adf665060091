import { Transaction, type Sequelize } from 'sequelize';
import { enforceForeignKeys } from './open-sequelize.js';

/**
 * Runs `fn` in a Sequelize managed transaction (`BEGIN IMMEDIATE`, so the write lock is taken up
 * front): committed when `fn` resolves, rolled back when it throws. Every query inside must pass
 * the transaction it receives; on SQLite, Sequelize runs each transaction on its own connection,
 * on which foreign keys are turned on first (see `enforceForeignKeys`), even when the instance was
 * not opened with `openSequelize`.
 */
export function withTransaction<T>(seq: Sequelize, fn: (t: Transaction) => Promise<T>): Promise<T> {
  enforceForeignKeys(seq);
  return seq.transaction({ type: Transaction.TYPES.IMMEDIATE }, fn);
}
