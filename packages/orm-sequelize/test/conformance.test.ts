import { FIXTURE_TABLES, describeOrmAdapterConformance } from '@lumix/orm-conformance';
import { fromModel, openSequelizeAdapter, specAttributes } from '@lumix/orm-sequelize';

describeOrmAdapterConformance(
  'sequelize',
  async (file) => {
    const statements: string[] = [];
    // Sequelize logs each statement synchronously just before it runs it.
    const adapter = await openSequelizeAdapter(file, { logging: (sql) => statements.push(sql) });
    const { sequelize } = adapter;
    return {
      adapter,
      statements,
      execRaw: async (sql) => void (await sequelize.query(sql)),
      // A model per fixture table, defined from its spec. (Migrations are umzug's: test/migrations.test.ts.)
      modelSource: (table) => fromModel(sequelize.define(`fixture_${table}`, specAttributes(FIXTURE_TABLES.find((s) => s.name === table)!), { tableName: table, timestamps: false })),
    };
  },
  { capabilities: { models: true } },
);
