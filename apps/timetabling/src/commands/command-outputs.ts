import { isReportBy, type DatabaseOutput, type FileOutput } from '@lumix/app-kit';
import { SCHOOL_TABLE_NAMES } from '../db/school-schema.js';
import { ITC_TABLE_NAMES } from '../itc/itc-schema.js';
import { TIMETABLE_REPORT_GENERATOR } from '../report/html-report.js';
import type { CommandContext } from './command-context.js';

/**
 * The database of a command, for app-kit's output rule (`withOutputs`): `read` for `show` and
 * `runs`, `write` for `solve`, `replace` for `seed` (which replaces only a school database: a
 * SQLite file with no table but the app's own, unless --force).
 */
export function schoolDatabase(
  ctx: CommandContext,
  where: { readonly db: string; readonly dbName: string; readonly dbFlag: string },
  use: DatabaseOutput['use'],
): DatabaseOutput {
  return {
    file: where.db,
    name: where.dbName,
    use,
    createHint: `Create it first with: ${ctx.program} seed${where.dbFlag}`,
    // An imported ITC-2007 database (import-itc) is this app's own too.
    ownTables: [...SCHOOL_TABLE_NAMES, ...ITC_TABLE_NAMES],
  };
}

/** `--report FILE.html`: may replace an earlier timetable report without --force, nothing else. */
export function reportOutput(file: string): FileOutput {
  return { file, flag: '--report', example: 'timetable.html', isOwn: isReportBy(TIMETABLE_REPORT_GENERATOR) };
}
