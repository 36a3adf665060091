import { LumixError } from '@lumix/core';

/**
 * True for a database server URL (`postgres://…`, `postgresql://…`) rather than a SQLite file
 * path: the apps' `--db` (and `DATABASE_URL`) take either.
 */
export function isDatabaseUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/**
 * The database a command uses: `--db` when given, else the `DATABASE_URL` environment variable,
 * else the app's default file.
 */
export function databaseLocation(given: string | undefined, defaultFile: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env['DATABASE_URL'];
  return given ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : defaultFile);
}

/**
 * Checks that the chosen ORM adapter can open `location`: the raw `sqlite` adapter opens SQLite
 * files only.
 *
 * @throws LumixError `INVALID_ARGUMENT` for a server URL with `--orm sqlite`.
 */
export function assertOrmOpens(location: string, orm: string): void {
  if (orm === 'sqlite' && isDatabaseUrl(location)) {
    throw new LumixError('INVALID_ARGUMENT', `--orm sqlite opens SQLite files only, and --db is a PostgreSQL URL; use --orm sequelize (the default) for PostgreSQL.`, {
      details: { orm },
    });
  }
}

/** What {@link clearOwnServerTables} needs of an open database. */
export interface ServerTables {
  /** The user tables of the database. */
  listTables(): Promise<readonly string[]>;
  /** Drops these tables and what depends on them. */
  dropTables(tables: readonly string[]): Promise<void>;
}

/**
 * What `seed` does on a database server, which has no file to build beside and rename: drops the
 * app's own tables (`own`, plus `solve_runs` and `solve_run_jobs`) so that they can be created anew, and refuses a
 * database holding other tables unless `force` (which keeps those tables). Unlike a SQLite file,
 * a seed that fails part-way leaves the app's tables empty or partly filled: run it again.
 * Returns the own tables it dropped.
 *
 * @throws LumixError `INVALID_ARGUMENT` naming the other tables.
 */
export async function clearOwnServerTables(db: ServerTables, ownTables: readonly string[], force: boolean, name: string): Promise<readonly string[]> {
  // solve_run_jobs: the job keys of queue workers' runs (job-runs.ts).
  const own = new Set([...ownTables, 'solve_runs', 'solve_run_jobs']);
  const tables = await db.listTables();
  const foreign = tables.filter((t) => !own.has(t));
  if (foreign.length > 0 && !force) {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `${name} holds other tables (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); seed replaces only this app's own tables. Use another database, or add --force to replace the app's tables beside them.`,
      { details: { tables: foreign } },
    );
  }
  const dropped = tables.filter((t) => own.has(t));
  await db.dropTables(dropped);
  return dropped;
}

/**
 * How messages, tables and reports name a database: a file path as it is, a server URL without its
 * password (`postgres://planner:***@host/db`).
 */
export function displayDatabase(location: string): string {
  if (!isDatabaseUrl(location)) return location;
  try {
    const u = new URL(location);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return location.replace(/:[^:@/]*@/, ':***@');
  }
}
