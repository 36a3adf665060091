import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatTable } from '@lumix/app-kit';
import { LumixError } from '@lumix/core';
import { readSchoolJson } from '../data/read-school-json.js';
import { INPUT_TABLES, type SchoolData } from '../data/school-data.js';
import { TUTORIAL_SCHOOL } from '../data/tutorial-school.js';
import { validateSchoolData } from '../data/validate-school-data.js';
import { inspectDatabaseFile } from '../db/database-file.js';
import { listTables, openSchoolDb } from '../db/school-db.js';
import { SCHOOL_SCHEMA, SCHOOL_TABLE_NAMES } from '../db/school-schema.js';
import type { OrmKind } from '../db/open-adapter.js';
import type { CommandContext } from './command-context.js';

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
}

/**
 * `seed`: checks the data, then writes a fresh school database: the schema, then the rows. The
 * new database is written to a temporary file next to the target and renamed over it only when
 * complete, so a failure leaves the old file exactly as it was. A file that is not a school
 * database (other tables, or not SQLite) is never replaced.
 */
export async function seedCommand(ctx: CommandContext, options: SeedOptions): Promise<number> {
  let data: SchoolData;
  let source: string;
  if (options.data === undefined) {
    data = TUTORIAL_SCHOOL;
    source = 'the tutorial data (step 2)';
  } else {
    const json = readSchoolJson(options.data);
    source = options.dataName ?? options.data;
    data = validateSchoolData(json.raw, { label: source, fix: 'Fix these records in the file and run seed again.' });
    if (json.ignored.length > 0) ctx.out.out(`note: ignored ${json.ignored.join(', ')} (not used by the step 1/2 model)`);
  }

  const target = options.db;
  if (!existsSync(dirname(target))) {
    throw new LumixError('INVALID_ARGUMENT', `Directory ${dirname(target)} does not exist; create it or choose another --db path.`, {
      details: { file: target },
    });
  }
  const state = inspectDatabaseFile(target);
  let previousRuns = 0;
  if (state === 'sqlite') {
    const old = await openSchoolDb(target, 'sqlite');
    try {
      const tables = await listTables(old.adapter);
      const foreign = tables.filter((t) => !SCHOOL_TABLE_NAMES.includes(t));
      if (foreign.length > 0) {
        throw new LumixError(
          'INVALID_ARGUMENT',
          `${options.dbName} holds other tables (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); seed only replaces a school database. Choose another --db path.`,
          { details: { file: target, tables: foreign } },
        );
      }
      if (tables.includes('solve_runs')) {
        const rows = await old.adapter.query<{ n: number }>('SELECT COUNT(*) AS n FROM solve_runs');
        previousRuns = rows[0]?.n ?? 0;
      }
    } finally {
      await old.close();
    }
  }

  const temp = `${target}.seed-${process.pid}.tmp`;
  rmSync(temp, { force: true });
  try {
    const db = await openSchoolDb(temp, options.orm);
    try {
      await db.adapter.createTables(SCHOOL_SCHEMA);
      for (const table of INPUT_TABLES) await db.adapter.insertRows(table, data[table] as unknown as Iterable<Record<string, unknown>>);
    } finally {
      await db.close();
    }
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    rmSync(`${temp}-journal`, { force: true });
    throw e;
  }

  const verb = state === 'sqlite' ? 'Replaced' : 'Created';
  ctx.out.out(`${verb} ${options.dbName} from ${source}, with the ${options.orm} adapter.`);
  if (previousRuns > 0) ctx.out.out(`The previous data and its ${previousRuns} saved run${previousRuns === 1 ? '' : 's'} were replaced.`);
  ctx.out.out('');
  ctx.out.out(
    formatTable(
      [{ header: 'table' }, { header: 'rows', align: 'right' }],
      INPUT_TABLES.map((t) => [t, String(data[t].length)]),
    ),
  );
  ctx.out.out('');
  ctx.out.out(`Next: ${ctx.program} solve${options.dbFlag}`);
  return 0;
}
