import { QueryTypes, Transaction, type Sequelize } from 'sequelize';
import { NO_RETRY, enforceForeignKeys } from './open-sequelize.js';

/** What this module sets on a Sequelize transaction, as Sequelize's own `prepareEnvironment` does. */
interface TransactionInternals {
  readonly id: string;
  connection?: { uuid?: string | undefined };
  finished?: 'commit' | 'rollback';
  readonly _afterCommitHooks?: readonly ((t: Transaction) => unknown)[];
}

/** The part of Sequelize's connection manager this module uses. */
interface ConnectionManagerInternals {
  getConnection(options: { uuid: string }): Promise<{ uuid?: string | undefined }>;
  releaseConnection(connection: { uuid?: string | undefined }): unknown;
}

/**
 * Runs `fn` in a transaction (`BEGIN IMMEDIATE`, so the write lock is taken up front): committed
 * when `fn` resolves, rolled back when it throws. Every query inside must pass the transaction it
 * receives; on SQLite it runs on a connection of its own, on which foreign keys are turned on first
 * (see `enforceForeignKeys`), even when the instance was not opened with `openSequelize`.
 *
 * On SQLite it is not `sequelize.transaction()`: when BEGIN fails (a database locked by another
 * process, after the busy timeout) Sequelize still sends ROLLBACK, which fails in turn and makes
 * it print "Rolling back transaction … We are killing its connection" to the console; and it
 * retries a busy BEGIN five times. Here the same Sequelize `Transaction` runs BEGIN, COMMIT and
 * ROLLBACK itself, once each, sends ROLLBACK only after a BEGIN that succeeded, and closes the
 * transaction's connection after it whatever happened (Sequelize's SQLite dialect closes it too).
 * Other dialects use `sequelize.transaction()`.
 */
export async function withTransaction<T>(seq: Sequelize, fn: (t: Transaction) => Promise<T>): Promise<T> {
  if (seq.getDialect() !== 'sqlite') return seq.transaction(fn);
  enforceForeignKeys(seq);
  const t = new Transaction(seq, { type: Transaction.TYPES.IMMEDIATE });
  const tx = t as unknown as TransactionInternals;
  const cm = seq.connectionManager as unknown as ConnectionManagerInternals;
  const connection = await cm.getConnection({ uuid: tx.id });
  connection.uuid = tx.id;
  tx.connection = connection;
  const release = () => {
    if (connection.uuid === undefined) return;
    cm.releaseConnection(connection);
    connection.uuid = undefined;
  };
  const statement = (sql: string) => seq.query(sql, { transaction: t, type: QueryTypes.RAW, raw: true, retry: NO_RETRY, completesTransaction: sql !== 'BEGIN IMMEDIATE TRANSACTION;' } as never);
  const rollBack = async () => {
    // SQLite may already have rolled back (after SQLITE_FULL, or a failed COMMIT): the first error is the one that matters.
    await statement('ROLLBACK;').catch(() => undefined);
    tx.finished = 'rollback';
  };
  try {
    await statement('BEGIN IMMEDIATE TRANSACTION;');
  } catch (e) {
    release();
    throw e;
  }
  let result: T;
  try {
    result = await fn(t);
    await statement('COMMIT;');
  } catch (e) {
    await rollBack();
    release();
    throw e;
  }
  tx.finished = 'commit';
  release();
  for (const hook of tx._afterCommitHooks ?? []) await hook(t);
  return result;
}
