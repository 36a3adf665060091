import type { IndexSource, OrmAdapter } from '@lumix/core';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import type { InputTable } from '../data/school-data.js';

/** The ORM adapters the app can use: `sequelize` (sequelize-typescript models) or `sqlite` (raw sqlite3). */
export type OrmKind = 'sequelize' | 'sqlite';

/** An open adapter plus the way to get an index source over one input table. */
export interface OpenedAdapter {
  readonly adapter: OrmAdapter;
  /** A source over an input table's columns, ordered by id: a Sequelize model query or a table SELECT. */
  source(table: InputTable, columns: readonly string[]): IndexSource<unknown>;
  close(): Promise<void>;
}

/** Opens `file` (created when missing) with the chosen adapter, foreign keys enforced. */
export async function openAdapter(file: string, orm: OrmKind): Promise<OpenedAdapter> {
  if (orm === 'sqlite') {
    const adapter = await openSqliteAdapter(file);
    return {
      adapter,
      source: (table, columns) => adapter.fromTable(table, { columns, orderBy: 'id' }),
      close: () => adapter.close(),
    };
  }
  throw new Error('sequelize adapter not wired yet');
}
