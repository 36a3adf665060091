import { LumixError } from '@lumix/core';
import { inspectDatabaseFile } from '../db/database-file.js';
import type { OrmKind } from '../db/open-adapter.js';
import { assertSchoolSchema, openSchoolDb, type SchoolDb } from '../db/school-db.js';
import type { CommandContext } from './command-context.js';

/**
 * Opens a school database that `seed` created, never creating one.
 *
 * @throws LumixError `INVALID_ARGUMENT` when there is no database at the path (the message gives
 *   the seed command to run), `SCHEMA_ERROR` when it lacks school tables.
 */
export async function openExistingSchoolDb(
  ctx: CommandContext,
  where: { readonly db: string; readonly dbName: string; readonly dbFlag: string; readonly orm: OrmKind },
): Promise<SchoolDb> {
  const { db: file, dbName, dbFlag, orm } = where;
  const seedHint = `${ctx.program} seed${dbFlag}`;
  const state = inspectDatabaseFile(file);
  if (state !== 'sqlite') {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `${state === 'missing' ? 'No database at' : 'Empty file at'} ${dbName}. Create it first with: ${seedHint}`,
      { details: { file } },
    );
  }
  const db = await openSchoolDb(file, orm, dbName);
  try {
    await assertSchoolSchema(db, seedHint);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
