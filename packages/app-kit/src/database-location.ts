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
