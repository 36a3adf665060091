import { clearOwnServerTables, formatTable, isDatabaseUrl, withOutputs } from '@lumix/app-kit';
import { LumixError } from '@lumix/core';
import { readSchoolJson } from '../data/read-school-json.js';
import { INPUT_TABLES, type SchoolData } from '../data/school-data.js';
import { TUTORIAL_SCHOOL } from '../data/tutorial-school.js';
import { schoolDataWarnings, validateSchoolData } from '../data/validate-school-data.js';
import { openSchoolDb } from '../db/school-db.js';
import { SCHOOL_SCHEMA, SCHOOL_TABLE_NAMES } from '../db/school-schema.js';
import type { OrmKind } from '../db/open-adapter.js';
import type { CommandContext } from './command-context.js';
import { schoolDatabase } from './command-outputs.js';

/** Options of {@link seedCommand}. */
export interface SeedOptions {
  /** Database file (resolved). */
  readonly db: string;
  /** Data file (resolved); default: the tutorial's step 2 data. */
  readonly data?: string;
  /** The data file's path as the user typed it (for messages). Default: `data`. */
  readonly dataName?: string;
  readonly orm: OrmKind;
  /** ` --db <path as typed>` when the user gave one, else '' (for the hint printed at the end). */
  readonly dbFlag: string;
  /** The database path as the user typed it (for messages). */
  readonly dbName: string;
  /** `--force`: replace a file that is not a school database. Default false. */
  readonly force?: boolean;
}

/**
 * `seed`: checks the data, then writes a fresh school database: the schema, then the rows, under
 * app-kit's output rule. The new database is written to a temporary file next to the target and
 * renamed over it only when complete, so a failure leaves the old file exactly as it was. A file
 * that is not a school database (other tables, or not SQLite) is replaced only with --force.
 */
export async function seedCommand(ctx: CommandContext, options: SeedOptions): Promise<number> {
  let data: SchoolData;
  let source: string;
  if (options.data === undefined) {
    data = validateSchoolData(TUTORIAL_SCHOOL, { label: 'the tutorial data', fix: '' });
    source = 'the tutorial data (step 2)';
  } else {
    const json = readSchoolJson(options.data);
    source = options.dataName ?? options.data;
    data = validateSchoolData(json.raw, { label: source, fix: 'Fix these records in the file and run seed again.' });
    if (json.ignored.length > 0) ctx.out.out(`note: ignored ${json.ignored.join(', ')} (not used by the model)`);
  }

  let previousRuns = 0;
  let replacedOnServer = false;
  const existing = await withOutputs({ database: schoolDatabase(ctx, options, 'replace'), force: options.force === true }, async (outputs) => {
    if (outputs.existing.kind === 'own' && outputs.existing.tables.includes('solve_runs')) {
      const old = await openSchoolDb(options.db, 'sqlite', options.dbName);
      try {
        const rows = await old.adapter.query<{ n: number }>('SELECT COUNT(*) AS n FROM solve_runs');
        previousRuns = rows[0]?.n ?? 0;
      } finally {
        await old.close();
      }
    }
    const db = await openSchoolDb(outputs.stagedDatabase as string, options.orm, options.dbName);
    try {
      if (isDatabaseUrl(options.db)) {
        const { dropTables } = db;
        if (dropTables === undefined) throw new LumixError('INVALID_ARGUMENT', `The ${options.orm} adapter cannot seed a database server.`, {});
        const dropped = await clearOwnServerTables({ listTables: () => db.adapter.listTables(), dropTables }, SCHOOL_TABLE_NAMES, options.force === true, options.dbName);
        if (dropped.length > 0) replacedOnServer = true;
      }
      await db.adapter.createTables(SCHOOL_SCHEMA);
      for (const table of INPUT_TABLES) await db.adapter.insertRows(table, (data[table] ?? []) as unknown as Iterable<Record<string, unknown>>);
    } finally {
      await db.close();
    }
    return outputs.existing;
  });

  const verb = existing.kind === 'none' && !replacedOnServer ? 'Created' : 'Replaced';
  ctx.out.out(`${verb} ${options.dbName} from ${source}, with the ${options.orm} adapter.`);
  if (previousRuns > 0) ctx.out.out(`The previous data and its ${previousRuns} saved run${previousRuns === 1 ? '' : 's'} were replaced.`);
  ctx.out.out('');
  ctx.out.out(
    formatTable(
      [{ header: 'table' }, { header: 'rows', align: 'right' }],
      INPUT_TABLES.map((t) => [t, String((data[t] ?? []).length)]),
    ),
  );
  const warnings = schoolDataWarnings(data);
  if (warnings.length > 0) {
    ctx.out.out('');
    ctx.out.out(`${warnings.length} warning${warnings.length === 1 ? '' : 's'} about the data (seeded as written):`);
    for (const w of warnings) ctx.out.out(`  warning: ${w}`);
  }
  ctx.out.out('');
  ctx.out.out(`Next: ${ctx.program} solve${options.dbFlag}`);
  return 0;
}
