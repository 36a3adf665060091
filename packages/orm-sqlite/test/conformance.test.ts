import { describeOrmAdapterConformance } from '@lumix/orm-conformance';
import { migrate, openSqliteAdapter } from '@lumix/orm-sqlite';
import { recordStatements } from './record-statements.js';

describeOrmAdapterConformance(
  'sqlite',
  async (file) => {
    const adapter = await openSqliteAdapter(file);
    return {
      adapter,
      statements: recordStatements(adapter.db),
      execRaw: (sql) => new Promise<void>((resolve, reject) => adapter.db.exec(sql, (err) => (err ? reject(err) : resolve()))),
      migrate: (steps) => migrate(adapter.db, steps.map((s) => ({ version: s.version, up: s.sql }))),
    };
  },
  { capabilities: { migrations: true } },
);
