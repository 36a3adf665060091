import type { OrmKind } from '../db/open-adapter.js';
import { assertSchoolSchema, openSchoolDb, type SchoolDb } from '../db/school-db.js';
import type { CommandContext } from './command-context.js';

/**
 * Opens a school database that `seed` created. The file itself (it exists, it is SQLite, it is
 * writable when the command writes) was checked before, by the command's output rule.
 *
 * @throws LumixError `SCHEMA_ERROR` when it lacks school tables (the message gives the seed command).
 */
export async function openExistingSchoolDb(
  ctx: CommandContext,
  where: { readonly db: string; readonly dbName: string; readonly dbFlag: string; readonly orm: OrmKind },
): Promise<SchoolDb> {
  const db = await openSchoolDb(where.db, where.orm, where.dbName);
  try {
    await assertSchoolSchema(db, `${ctx.program} seed${where.dbFlag}`);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
