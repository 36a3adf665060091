import { describeOrmAdapterConformance } from '@lumix/orm-conformance';
import { migrate, openSqliteAdapter } from '@lumix/orm-sqlite';
import { recordStatements } from './record-statements.js';

describeOrmAdapterConformance(
  'sqlite',
  async (file, options = {}) => {
    const adapter = await openSqliteAdapter(file, options);
    const exec = (sql: string) => new Promise<void>((resolve, reject) => adapter.db.exec(sql, (err) => (err ? reject(err) : resolve())));
    return {
      adapter,
      statements: recordStatements(adapter.db),
      execRaw: exec,
      migrate: (steps) => migrate(adapter.db, steps.map((s) => ({ version: s.version, up: s.sql }))),
      checkWritable: () => adapter.checkWritable(),
      // max_page_count is a setting of the connection; the adapter writes on this one.
      limitPages: (pages) => exec(`PRAGMA max_page_count = ${Math.trunc(pages)}`),
    };
  },
  { capabilities: { migrations: true, 'write-check': true, 'size-limit': true, 'sqlite-file': true } },
);
