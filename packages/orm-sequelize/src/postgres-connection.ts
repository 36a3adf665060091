import type { Sequelize, Transaction } from 'sequelize';
import type { BoundValue, PreparedStatement, SqlDriver } from '@lumix/sql';
import { logged } from './sqlite-connection.js';
import { withTransaction } from './transaction.js';

/** A `pg` query config, as `Client.query` takes it. */
interface QueryConfig {
  readonly text: string;
  readonly values: readonly BoundValue[];
  readonly name?: string;
  readonly types: TypeOverrides;
}

/** The part of a `pg` Client (what Sequelize's postgres connection manager hands out) this module uses. */
interface PgClient {
  query(config: QueryConfig): Promise<{ rows: unknown[] }>;
  connect(): Promise<void>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/** `pg`'s type parsers, as `pg.types` offers them. */
interface PgTypes {
  getTypeParser(oid: number, format?: string): (value: string) => unknown;
}

interface TypeOverrides {
  getTypeParser(oid: number, format?: string): (value: string) => unknown;
}

/** The part of the `pg` module this module uses (Sequelize's connection manager keeps it as `lib`). */
interface PgModule {
  readonly Client: new (config: Record<string, unknown>) => PgClient;
  readonly types: PgTypes;
}

/** The part of Sequelize's postgres connection manager this module uses. */
interface ConnectionManager {
  getConnection(options?: { type?: 'read' | 'write'; useMaster?: boolean }): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void> | void;
  close(): Promise<void>;
  readonly lib: PgModule;
  lumixReader?: Promise<PgClient> | undefined;
  lumixPatched?: true;
}

/** The connection settings of an instance (Sequelize's `config`). */
interface SequelizeConfig {
  readonly host?: string;
  readonly port?: number | string;
  readonly username?: string;
  readonly password?: string | null;
  readonly database?: string;
  readonly dialectOptions?: Record<string, unknown>;
}

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;

/**
 * How rows read back: as on SQLite, so that a model reads the same rows from either database.
 * `bigint` (`count(*)`, `sum` of integers) and `numeric` as numbers (pg gives strings; a bigint
 * beyond 2^53 stays a string rather than lose digits), booleans as 1/0. Everything else is pg's.
 */
function typesOf(pg: PgModule): TypeOverrides {
  return {
    getTypeParser(oid, format) {
      if (format === undefined || format === 'text') {
        if (oid === INT8) return (v) => (Number.isSafeInteger(Number(v)) ? Number(v) : v);
        if (oid === NUMERIC) return (v) => Number(v);
        if (oid === BOOL) return (v) => (v === 't' ? 1 : 0);
      }
      return pg.types.getTypeParser(oid, format);
    },
  };
}

const statementNames = new Map<string, string>();

/** A stable name per statement text, so that each pooled connection parses a full INSERT batch once. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `lumix_${statementNames.size.toString(36)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** The connection settings of `seq` for a client of our own, with `options` (server settings) added. */
function clientConfig(seq: Sequelize, options: string): Record<string, unknown> {
  const c = (seq as unknown as { config: SequelizeConfig }).config;
  const own = typeof c.dialectOptions?.['options'] === 'string' ? `${c.dialectOptions['options']} ` : '';
  return {
    host: c.host,
    port: c.port === undefined ? undefined : Number(c.port),
    user: c.username,
    password: c.password ?? undefined,
    database: c.database,
    ...(c.dialectOptions?.['ssl'] === undefined ? {} : { ssl: c.dialectOptions['ssl'] }),
    options: `${own}${options}`,
  };
}

/**
 * The connection users' statements run on: a `pg` client of its own with
 * `default_transaction_read_only` on, so the server refuses every write on it, and whatever a
 * statement changes of its session stays on it. Opened on first use; the connection manager's
 * `close()` (what `sequelize.close()` calls) ends it.
 */
function readerOf(seq: Sequelize): Promise<PgClient> {
  const cm = seq.connectionManager as unknown as ConnectionManager;
  if (cm.lumixPatched !== true) {
    const close = cm.close.bind(cm);
    cm.close = async () => {
      const reader = cm.lumixReader;
      cm.lumixReader = undefined;
      if (reader !== undefined) await (await reader.catch(() => undefined))?.end().catch(() => undefined);
      await close();
    };
    cm.lumixPatched = true;
  }
  cm.lumixReader ??= (async () => {
    const client = new cm.lib.Client(clientConfig(seq, '-c default_transaction_read_only=on'));
    // An idle client whose server goes away emits `error`; without a listener Node would exit.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  })().catch((e: unknown) => {
    cm.lumixReader = undefined;
    throw e;
  });
  return cm.lumixReader;
}

/**
 * The driver over a Sequelize instance on PostgreSQL: statements run on Sequelize's own `pg`
 * connection (the transaction's, else one taken from the pool and given back), with `$n`
 * parameters bound as an array; full INSERT batches as named prepared statements (parsed once per
 * connection); users' statements on a read-only client of their own. Transactions are Sequelize
 * `Transaction`s (`sequelize.transaction()`, READ COMMITTED); each statement is logged through the
 * instance's `logging` as Sequelize logs its own; errors are `pg`'s, which `convertSequelizeError`
 * reads by their SQLSTATE code.
 */
export function postgresConnectionDriver(seq: Sequelize, transaction?: Transaction): SqlDriver {
  const cm = seq.connectionManager as unknown as ConnectionManager;
  const types = typesOf(cm.lib);
  const uuid = transaction === undefined ? 'default' : (transaction as unknown as { id: string }).id;
  const own = (transaction as unknown as { connection?: PgClient } | undefined)?.connection;
  const onConnection = async <T>(go: (conn: PgClient) => Promise<T>): Promise<T> => {
    if (own !== undefined) return go(own);
    const conn = await cm.getConnection({ type: 'write', useMaster: true });
    try {
      return await go(conn);
    } finally {
      await cm.releaseConnection(conn);
    }
  };
  const query = async <T>(conn: PgClient, sql: string, params: readonly BoundValue[], name?: string): Promise<T[]> =>
    (await conn.query({ text: sql, values: params, types, ...(name === undefined ? {} : { name }) })).rows as T[];
  return {
    all: <T>(sql: string, params: readonly BoundValue[] = []) => onConnection((conn) => logged(seq, uuid, sql, () => query<T>(conn, sql, params))),
    allReadOnly: async <T>(sql: string, params: readonly BoundValue[] = []) => {
      const reader = await readerOf(seq);
      return logged(seq, 'read-only', sql, () => query<T>(reader, sql, params));
    },
    run: async (sql, params = []) => {
      await onConnection((conn) => logged(seq, uuid, sql, () => query(conn, sql, params)));
      return { lastInsertId: null };
    },
    prepare: async (sql): Promise<PreparedStatement> => {
      const name = statementName(sql);
      return {
        run: async (params) => void (await onConnection((conn) => logged(seq, uuid, sql, () => query(conn, sql, params, name)))),
        finalize: async () => undefined,
      };
    },
    transaction: (fn) => withTransaction(seq, (t) => fn(postgresConnectionDriver(seq, t))),
  };
}
