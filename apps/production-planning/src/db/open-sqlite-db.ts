import { openSqliteAdapter } from '@lumix/orm-sqlite';
import type { MachineRecord, MaterialRecord, ProductRecord } from '../data/production-data.js';
import type { ProductionDb } from './production-db.js';

/** Opens the database through the raw sqlite3 adapter (foreign keys on); the data tables become `fromTable` sources. */
export async function openSqliteDb(file: string): Promise<ProductionDb> {
  const adapter = await openSqliteAdapter(file);
  return {
    orm: 'sqlite',
    file,
    adapter,
    dialect: 'sqlite',
    sources: {
      products: adapter.fromTable<ProductRecord>('products'),
      machines: adapter.fromTable<MachineRecord>('machines'),
      materials: adapter.fromTable<MaterialRecord>('raw_materials'),
    },
    close: () => adapter.close(),
  };
}
