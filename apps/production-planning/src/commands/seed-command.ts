import { clearOwnServerTables, displayDatabase, isDatabaseUrl, readJsonFile, withOutputs, type CliOutput } from '@lumix/app-kit';
import { LumixError } from '@lumix/core';
import type { SqlRow } from '@lumix/core';
import { DATA_TABLES, type ProductionData } from '../data/production-data.js';
import { readDataFile } from '../data/read-data-file.js';
import { TUTORIAL_DATA } from '../data/tutorial-data.js';
import { validateProductionData } from '../data/validate-production-data.js';
import { openProductionDb } from '../db/open-production-db.js';
import type { OrmName } from '../db/production-db.js';
import { PRODUCTION_SCHEMA, PRODUCTION_TABLE_NAMES } from '../db/production-schema.js';
import { productionDatabase } from './command-outputs.js';

/** Arguments of {@link seedDatabase}. */
export interface SeedArgs {
  /** Absolute path of the database file to create or replace. */
  readonly db: string;
  /** Absolute path of a JSON data file; default: the tutorial data. */
  readonly data?: string;
  /**
   * Absolute path of a JSON file with `scenarios` and `scenario_parameters` (step 5's
   * `production_step5_scenarios.json`), added to the data; its other keys (`_meta`) are ignored.
   */
  readonly scenarios?: string;
  /** Data to load directly (tests, generated sets); wins over `data`. */
  readonly dataset?: ProductionData;
  readonly orm: OrmName;
  /** The path as the user typed it (for hints). Default: `db`. */
  readonly dbShown?: string;
  /** `--force`: replace a file that is not a production database. Default false. */
  readonly force?: boolean;
}

/**
 * The data with the `scenarios` and `scenario_parameters` of a scenario file added (other keys of
 * that file, such as `_meta`, are ignored), validated as one data set.
 *
 * @throws LumixError `DATA_ERROR` when the data already has scenarios (give them in one place), or
 *   for any invalid record (an unknown parameter type is named with the known ones).
 */
function withScenarioFile(base: unknown, baseOrigin: string, file: string): ProductionData {
  const extra = readJsonFile(file, { flag: '--scenarios', fix: 'Fix the JSON and run seed again.' });
  const top = typeof extra === 'object' && extra !== null && !Array.isArray(extra) ? (extra as Record<string, unknown>) : {};
  if (!Array.isArray(top['scenarios'])) {
    throw new LumixError('DATA_ERROR', `Invalid data in ${file}: it has no "scenarios" list. A scenario file holds "scenarios" and "scenario_parameters" (like production_step5_scenarios.json); the database was not changed.`, {
      details: { origin: file },
    });
  }
  const b = (typeof base === 'object' && base !== null ? base : {}) as Record<string, unknown>;
  if (b['scenarios'] !== undefined) {
    throw new LumixError('DATA_ERROR', `${baseOrigin} already has "scenarios"; give the scenarios either there or with --scenarios ${file}, not both. The database was not changed.`, {
      details: { origin: baseOrigin },
    });
  }
  return validateProductionData({ ...b, scenarios: top['scenarios'], scenario_parameters: top['scenario_parameters'] ?? [] }, `${baseOrigin} with the scenarios of ${file}`);
}

/**
 * Creates the database with the production schema and loads a data set, atomically, under
 * app-kit's output rule: the data is validated first; an existing file is replaced only when it
 * is a production database (or with `force`); everything is written to a temporary file next to
 * the target, which then replaces it in one rename. On any failure the temporary file is removed
 * and an existing database is left exactly as it was.
 */
export async function seedDatabase(args: SeedArgs, out: CliOutput): Promise<ProductionData> {
  const data =
    args.scenarios !== undefined
      ? withScenarioFile(args.dataset ?? (args.data !== undefined ? readJsonFile(args.data, { flag: '--data', fix: 'Fix the JSON and run seed again.' }) : TUTORIAL_DATA), args.data ?? 'the data', args.scenarios)
      : args.dataset !== undefined
        ? validateProductionData(args.dataset, 'the given data set')
        : args.data !== undefined
          ? readDataFile(args.data)
          : validateProductionData(TUTORIAL_DATA, 'the built-in tutorial data');
  const existing = await withOutputs({ database: productionDatabase(args.db, args.dbShown ?? args.db, 'replace'), force: args.force === true }, async (outputs) => {
    const db = await openProductionDb(outputs.stagedDatabase as string, args.orm);
    try {
      if (isDatabaseUrl(args.db)) {
        const { dropTables } = db;
        if (dropTables === undefined) throw new LumixError('INVALID_ARGUMENT', `The ${args.orm} adapter cannot seed a database server.`, {});
        await clearOwnServerTables({ listTables: () => db.adapter.listTables(), dropTables }, PRODUCTION_TABLE_NAMES, args.force === true, displayDatabase(args.db));
      }
      await db.adapter.createTables(PRODUCTION_SCHEMA);
      for (const table of DATA_TABLES) await db.adapter.insertRows(table, (data[table] ?? []) as unknown as readonly SqlRow[]);
    } finally {
      await db.close();
    }
    return outputs.existing;
  });
  out.out(
    `${existing.kind === 'none' ? 'Created' : 'Replaced'} ${displayDatabase(args.db)} (through ${args.orm}): ${data.products.length} products, ${data.machines.length} machines, ` +
      `${data.raw_materials.length} materials, ${data.production_recipes.length} recipes, ${data.material_requirements.length} material requirements` +
      `${(data.customer_orders ?? []).length > 0 ? `, ${(data.customers ?? []).length} customers, ${(data.customer_orders ?? []).length} customer orders` : ''}` +
      `${(data.scenarios ?? []).length > 0 ? `, ${(data.scenarios ?? []).length} scenarios with ${(data.scenario_parameters ?? []).length} parameters` : ''}.`,
  );
  return data;
}

