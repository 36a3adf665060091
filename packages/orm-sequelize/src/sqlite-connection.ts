import type { Sequelize, Transaction } from 'sequelize';
import type { BoundValue, PreparedStatement, SqlDriver } from '@lumix/sql';
import { READ_ONLY_SPARE_UUID, READ_ONLY_UUID } from './open-sequelize.js';
import { withTransaction } from './transaction.js';

/** A node-sqlite3 prepared statement, as Sequelize's SQLite dialect's connections make them. */
interface RawStatement {
  run(params: unknown[], cb: (err: Error | null) => void): unknown;
  finalize(cb: () => void): unknown;
}

/** The part of a node-sqlite3 connection (what Sequelize's SQLite connection manager hands out) this module uses. */
interface RawConnection {
  all(sql: string, params: unknown[], cb: (err: Error | null, rows: unknown[]) => void): unknown;
  run(sql: string, params: unknown[], cb: (this: { lastID: number }, err: Error | null) => void): unknown;
  prepare(sql: string, cb: (err: Error | null) => void): RawStatement;
}

/** The part of Sequelize's connection manager this module uses (patched by `enforceForeignKeys`). */
interface ConnectionManager {
  getConnection(options: { uuid?: string }): Promise<RawConnection>;
}

/** The connection of a transaction, as `withTransaction` (and Sequelize) sets it. */
interface TransactionInternals {
  readonly connection?: RawConnection;
}

/** Sequelize's logging, which its typings do not declare. */
interface SequelizeLogging {
  readonly options: { readonly logging?: unknown; readonly benchmark?: boolean };
  log(...args: unknown[]): void;
}

/**
 * Logs `sql` through the instance's `logging` option as Sequelize logs its own statements
 * (`Executing (uuid): sql` before it runs, or `Executed (uuid): sql` and the time with `benchmark`),
 * so that statements sent straight to the connection show up as every other one does.
 */
export function logged<T>(seq: Sequelize, uuid: string, sql: string, run: () => Promise<T>): Promise<T> {
  const { options, log } = seq as unknown as SequelizeLogging;
  if (typeof options.logging !== 'function') return run();
  if (options.benchmark !== true) {
    log.call(seq, `Executing (${uuid}): ${sql}`, options);
    return run();
  }
  const t0 = Date.now();
  return run().finally(() => log.call(seq, `Executed (${uuid}): ${sql}`, Date.now() - t0, options));
}

function all<T>(conn: RawConnection, sql: string, params: readonly BoundValue[]): Promise<T[]> {
  return new Promise((resolve, reject) => {
    conn.all(sql, params as BoundValue[], (err, rows) => (err ? reject(err) : resolve(rows as T[])));
  });
}

function run(conn: RawConnection, sql: string, params: readonly BoundValue[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    conn.run(sql, params as BoundValue[], function (err) {
      if (err) reject(err);
      else resolve(typeof this.lastID === 'number' ? this.lastID : null);
    });
  });
}

function prepare(conn: RawConnection, sql: string): Promise<RawStatement> {
  return new Promise((resolve, reject) => {
    const stmt = conn.prepare(sql, (err) => (err ? reject(err) : resolve(stmt)));
  });
}

function prepared(stmt: RawStatement, log: (run: () => Promise<void>) => Promise<void>): PreparedStatement {
  return {
    run: (params) => log(() => new Promise<void>((resolve, reject) => stmt.run(params as BoundValue[], (err) => (err ? reject(err) : resolve())))),
    finalize: () => new Promise<void>((resolve) => stmt.finalize(() => resolve())),
  };
}

/** Reads running on each read-only connection of an instance. */
interface BusyReads {
  first: number;
  spare: number;
}

const readsInFlight = new WeakMap<Sequelize, BusyReads>();

function busyReads(seq: Sequelize): BusyReads {
  let busy = readsInFlight.get(seq);
  if (busy === undefined) {
    busy = { first: 0, spare: 0 };
    readsInFlight.set(seq, busy);
  }
  return busy;
}

/**
 * The driver role over a SQLite Sequelize instance, bound to `transaction` when given. Statements
 * run on the node-sqlite3 connection Sequelize itself would run them on (the transaction's own
 * connection, else the instance's default one, both set up by `enforceForeignKeys`), with
 * positional `?` parameters bound as an array and full INSERT batches through one prepared
 * statement, as the sqlite adapter does. Going through `sequelize.query` instead costs a name
 * lookup per bound parameter (Sequelize binds `$n` by name, which node-sqlite3 resolves with a
 * linear scan: O(parameters²) per statement) and a rewrite and result pass per statement: 100k
 * rows took 5.4× as long to insert as on the sqlite adapter (measured here, `pnpm bench orm`).
 * Transactions stay Sequelize `Transaction`s (`withTransaction`); each statement is logged
 * through the instance's `logging` as Sequelize logs its own; errors are node-sqlite3's, which
 * `convertSequelizeError` reads as it reads the ones under a Sequelize error.
 */
export function sqliteConnectionDriver(seq: Sequelize, transaction?: Transaction): SqlDriver {
  const cm = seq.connectionManager as unknown as ConnectionManager;
  const uuid = transaction === undefined ? 'default' : (transaction as unknown as { id: string }).id;
  const connection = async (): Promise<RawConnection> => {
    const own = (transaction as unknown as TransactionInternals | undefined)?.connection;
    return own ?? cm.getConnection({ uuid: 'default' });
  };
  return {
    all: async <T>(sql: string, params: readonly BoundValue[] = []) => {
      const conn = await connection();
      return logged(seq, uuid, sql, () => all<T>(conn, sql, params));
    },
    allReadOnly: async <T>(sql: string, params: readonly BoundValue[] = []) => {
      // A read that starts while another is running takes the second read-only connection, so
      // that both run at once (two link tables read together: 2× faster, measured on the
      // production app's load). Later reads go back to the first when it is free.
      const busy = busyReads(seq);
      const uuid = busy.first > 0 && busy.spare === 0 ? READ_ONLY_SPARE_UUID : READ_ONLY_UUID;
      const slot = uuid === READ_ONLY_UUID ? 'first' : 'spare';
      busy[slot]++;
      try {
        const conn = await cm.getConnection({ uuid });
        return await logged(seq, uuid, sql, () => all<T>(conn, sql, params));
      } finally {
        busy[slot]--;
      }
    },
    run: async (sql, params = []) => {
      const conn = await connection();
      return { lastInsertId: await logged(seq, uuid, sql, () => run(conn, sql, params)) };
    },
    prepare: async (sql) => {
      const stmt = await prepare(await connection(), sql);
      return prepared(stmt, (go) => logged(seq, uuid, sql, go));
    },
    transaction: (fn) => withTransaction(seq, (t) => fn(sqliteConnectionDriver(seq, t))),
  };
}
