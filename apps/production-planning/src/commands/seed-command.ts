import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CliOutput } from '@lumix/app-kit';
import { LumixError, type SqlRow } from '@lumix/core';
import { DATA_TABLES, type ProductionData } from '../data/production-data.js';
import { readDataFile } from '../data/read-data-file.js';
import { TUTORIAL_DATA } from '../data/tutorial-data.js';
import { validateProductionData } from '../data/validate-production-data.js';
import { openProductionDb } from '../db/open-production-db.js';
import type { OrmName } from '../db/production-db.js';
import { PRODUCTION_SCHEMA } from '../db/production-schema.js';

/** Arguments of {@link seedDatabase}. */
export interface SeedArgs {
  /** Absolute path of the database file to create or replace. */
  readonly db: string;
  /** Absolute path of a JSON data file; default: the tutorial data. */
  readonly data?: string;
  /** Data to load directly (tests, generated sets); wins over `data`. */
  readonly dataset?: ProductionData;
  readonly orm: OrmName;
}

/**
 * Creates the database with the production schema and loads a data set, atomically: everything
 * is written to a temporary file next to the target, which then replaces it in one rename. On
 * any failure the temporary file is removed and an existing database is left exactly as it was.
 * The data is validated before any file is touched.
 */
export async function seedDatabase(args: SeedArgs, out: CliOutput): Promise<ProductionData> {
  const data =
    args.dataset !== undefined
      ? validateProductionData(args.dataset, 'the given data set')
      : args.data !== undefined
        ? readDataFile(args.data)
        : validateProductionData(TUTORIAL_DATA, 'the built-in tutorial data');
  const dir = dirname(args.db);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new LumixError('INVALID_ARGUMENT', `The folder ${dir} does not exist; create it or choose another --db path.`, { details: { dir } });
  }
  if (existsSync(args.db) && !statSync(args.db).isFile()) {
    throw new LumixError('INVALID_ARGUMENT', `${args.db} is not a file; choose another --db path.`, { details: { file: args.db } });
  }
  const replacing = existsSync(args.db);
  const tmp = join(dir, `.${basename(args.db)}.seed-${process.pid}.tmp`);
  rmSync(tmp, { force: true });
  try {
    const db = await openProductionDb(tmp, args.orm);
    try {
      await db.adapter.createTables(PRODUCTION_SCHEMA);
      for (const table of DATA_TABLES) await db.adapter.insertRows(table, data[table] as unknown as readonly SqlRow[]);
    } finally {
      await db.close();
    }
    // A journal left by a crash belongs to the old file and must not be replayed onto the new one.
    for (const suffix of ['-journal', '-wal', '-shm']) rmSync(args.db + suffix, { force: true });
    renameSync(tmp, args.db);
  } catch (e) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
    throw e;
  }
  out.out(
    `${replacing ? 'Replaced' : 'Created'} ${args.db} (through ${args.orm}): ${data.products.length} products, ${data.machines.length} machines, ` +
      `${data.raw_materials.length} materials, ${data.production_recipes.length} recipes, ${data.material_requirements.length} material requirements.`,
  );
  return data;
}
