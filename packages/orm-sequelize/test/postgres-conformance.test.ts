// The ORM conformance suite on a real PostgreSQL server (a throw-away cluster started by this
// package's vitest globalSetup): every case on a new, empty database of its own.
import { describe, it } from 'vitest';
import { FIXTURE_TABLES, describeOrmAdapterConformance } from '@lumix/orm-conformance';
import { fromModel, openSequelizeAdapter, specAttributes } from '@lumix/orm-sequelize';
import { newPostgresDatabase, testPostgres } from '@lumix/test-fixtures';

const server = testPostgres();

if ('skip' in server) {
  console.warn(`[sequelize-postgres] skipped: ${server.skip}`);
  describe.skip(`sequelize-postgres ORM adapter conformance (${server.skip})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describeOrmAdapterConformance(
    'sequelize-postgres',
    async (url, options = {}) => {
      const statements: string[] = [];
      const adapter = await openSequelizeAdapter(url, { ...options, logging: (sql) => statements.push(sql) });
      const { sequelize } = adapter;
      return {
        adapter,
        statements,
        execRaw: async (sql) => void (await sequelize.query(sql)),
        modelSource: (table) => fromModel(sequelize.define(`fixture_${table}`, specAttributes(FIXTURE_TABLES.find((s) => s.name === table)!), { tableName: table, timestamps: false })),
        checkWritable: () => adapter.checkWritable(),
      };
    },
    {
      dialect: 'postgres',
      databases: { create: () => newPostgresDatabase(server.url, 'lumix_conformance') },
      capabilities: { models: true, 'write-check': true, 'postgres-server': true },
    },
  );
}
