/** A running throw-away PostgreSQL server (see pg-server.mjs). */
export interface ThrowAwayPostgres {
  /** `postgres://lumix@127.0.0.1:PORT/postgres` */
  readonly url: string;
  readonly port: number;
  /** The temporary folder of its data, log and socket. */
  readonly dir: string;
  /** The folder of initdb, pg_ctl and createdb used. */
  readonly bin: string;
  /** Stops it and deletes its folder; idempotent. */
  stop(): void;
}
/** Where PostgreSQL's binaries are, or `null` when it is not installed. */
export function findPostgresBin(): string | null;
/** What to do on a machine without PostgreSQL. */
export const NO_POSTGRES_MESSAGE: string;
/** Creates and starts a throw-away cluster. */
export function startPostgres(): Promise<ThrowAwayPostgres>;
/** Creates a new, empty database on the server of `url` and returns its URL. */
export function createDatabase(url: string, prefix?: string): Promise<string>;
