import { FIXTURE_TABLES, describeOrmAdapterConformance } from '@lumix/orm-conformance';
import { fromModel, openSequelizeAdapter, specAttributes } from '@lumix/orm-sequelize';

/** The part of a sqlite3 connection and of Sequelize's connection manager `limitPages` touches. */
interface RawConnection {
  run(sql: string, cb: (err: Error | null) => void): unknown;
}
interface ConnectionManager {
  getConnection(options?: unknown): Promise<RawConnection>;
}

describeOrmAdapterConformance(
  'sequelize',
  async (file, options = {}) => {
    const statements: string[] = [];
    // Sequelize logs each statement synchronously just before it runs it.
    const adapter = await openSequelizeAdapter(file, { ...options, logging: (sql) => statements.push(sql) });
    const { sequelize } = adapter;
    return {
      adapter,
      statements,
      execRaw: async (sql) => void (await sequelize.query(sql)),
      // A model per fixture table, defined from its spec. (Migrations are umzug's: test/migrations.test.ts.)
      modelSource: (table) => fromModel(sequelize.define(`fixture_${table}`, specAttributes(FIXTURE_TABLES.find((s) => s.name === table)!), { tableName: table, timestamps: false })),
      checkWritable: () => adapter.checkWritable(),
      // max_page_count is a setting of each connection, and Sequelize writes on a new connection per
      // transaction: set it on every connection it hands out from now on.
      limitPages: async (pages) => {
        const cm = sequelize.connectionManager as unknown as ConnectionManager;
        const original = cm.getConnection.bind(cm);
        cm.getConnection = async (o?: unknown) => {
          const conn = await original(o);
          await new Promise<void>((resolve, reject) => conn.run(`PRAGMA max_page_count = ${Math.trunc(pages)}`, (err) => (err ? reject(err) : resolve())));
          return conn;
        };
      },
    };
  },
  { capabilities: { models: true, 'write-check': true, 'size-limit': true, 'sqlite-file': true } },
);
