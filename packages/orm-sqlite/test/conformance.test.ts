import { describeOrmAdapterConformance } from '@lumix/orm-conformance';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { recordStatements } from './record-statements.js';

describeOrmAdapterConformance('sqlite', async (file) => {
  const adapter = await openSqliteAdapter(file);
  return {
    adapter,
    statements: recordStatements(adapter.db),
    execRaw: (sql) =>
      new Promise<void>((resolve, reject) => {
        adapter.db.exec(sql, (err) => (err ? reject(err) : resolve()));
      }),
  };
});
