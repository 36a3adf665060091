import type { Database } from 'sqlite3';
import { LumixError } from '@lumix/core';
import { invalidateSchema } from './sqlite-driver.js';
import { all, exec } from './sql-exec.js';
import { mapSqliteError } from './errors.js';
import { withTransaction } from './transaction.js';

/** One schema change, applied once: SQL text or a function of the connection. */
export interface Migration {
  /** Positive integer; migrations run in increasing order and each exactly once. */
  readonly version: number;
  /** What it does, for messages. */
  readonly name?: string;
  readonly up: string | ((db: Database) => Promise<void>);
}

/**
 * Applies the migrations newer than the database's `PRAGMA user_version`, each in its own
 * transaction, and records the version it reached. Returns the versions applied.
 *
 * @throws LumixError `INVALID_ARGUMENT` for versions that are not increasing positive integers,
 *   `SCHEMA_ERROR` naming the migration that failed (it is rolled back; earlier ones stay).
 */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<number[]> {
  let prev = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= prev) {
      throw new LumixError('INVALID_ARGUMENT', `Migration ${m.name ?? m.version}: versions must be increasing positive integers (after ${prev}).`, {
        details: { version: m.version },
      });
    }
    prev = m.version;
  }
  const current = (await all<{ user_version: number }>(db, 'PRAGMA user_version'))[0]?.user_version ?? 0;
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    await withTransaction(db, async () => {
      try {
        if (typeof m.up === 'string') await exec(db, m.up);
        else await m.up(db);
      } catch (e) {
        throw mapSqliteError(e, 'SCHEMA_ERROR', `Migration ${m.version}${m.name === undefined ? '' : ` (${m.name})`}`, { version: m.version });
      } finally {
        invalidateSchema(db);
      }
      // PRAGMA takes no parameters; version is a checked integer.
      await exec(db, `PRAGMA user_version = ${m.version}`);
    });
    applied.push(m.version);
  }
  return applied;
}
