import type { DatabaseOutput, FileOutput } from '@lumix/app-kit';
import { isReportBy } from '@lumix/app-kit';
import { PROGRAM } from '../cli-spec.js';
import { PRODUCTION_TABLE_NAMES } from '../db/production-schema.js';
import { PLAN_REPORT_GENERATOR } from '../report/html-report.js';

/**
 * The database of a command, for app-kit's output rule (`withOutputs`): `read` for `show` and
 * `runs`, `write` for `solve`, `replace` for `seed` (which replaces only a production database:
 * a SQLite file with no table but the app's own, unless --force).
 *
 * @param shown the path as the user typed it, for the `seed` hint.
 */
export function productionDatabase(file: string, shown: string, use: DatabaseOutput['use']): DatabaseOutput {
  return {
    file,
    name: file,
    use,
    createHint: `Create it first: ${PROGRAM} seed --db ${shown}`,
    ownTables: PRODUCTION_TABLE_NAMES,
  };
}

/** `--report FILE.html`: may replace an earlier plan report without --force, nothing else. */
export function reportOutput(file: string): FileOutput {
  return { file, flag: '--report', example: 'plan.html', isOwn: isReportBy(PLAN_REPORT_GENERATOR) };
}
