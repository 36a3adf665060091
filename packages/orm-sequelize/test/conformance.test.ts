import { describeOrmAdapterConformance } from '@lumix/orm-conformance';
import { openSequelizeAdapter } from '@lumix/orm-sequelize';

describeOrmAdapterConformance('sequelize', async (file) => {
  const statements: string[] = [];
  // Sequelize logs each statement synchronously just before it runs it.
  const adapter = await openSequelizeAdapter(file, { logging: (sql) => statements.push(sql) });
  return {
    adapter,
    statements,
    execRaw: async (sql) => {
      await adapter.sequelize.query(sql);
    },
  };
});
