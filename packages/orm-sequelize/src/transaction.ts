import { Transaction, type Sequelize } from 'sequelize';

/**
 * Runs `fn` in a Sequelize managed transaction (`BEGIN IMMEDIATE`, so the write lock is taken up
 * front): committed when `fn` resolves, rolled back when it throws. Every query inside must pass
 * the transaction it receives; on SQLite, Sequelize runs each transaction on its own connection.
 */
export function withTransaction<T>(seq: Sequelize, fn: (t: Transaction) => Promise<T>): Promise<T> {
  return seq.transaction({ type: Transaction.TYPES.IMMEDIATE }, fn);
}
