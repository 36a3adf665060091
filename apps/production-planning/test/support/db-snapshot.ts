import { existsSync } from 'node:fs';
import { openSqliteAdapter } from '@lumix/orm-sqlite';

/**
 * Every table's full contents (`SELECT *` ordered by rowid), as one JSON string, or `'<no file>'`.
 * Two equal snapshots mean the database content did not change.
 */
export async function snapshotDatabase(file: string): Promise<string> {
  if (!existsSync(file)) return '<no file>';
  const db = await openSqliteAdapter(file);
  try {
    const tables = await db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    const out: Record<string, unknown[]> = {};
    for (const { name } of tables) out[name] = await db.query(`SELECT * FROM "${name}" ORDER BY rowid`);
    return JSON.stringify(out);
  } finally {
    await db.close();
  }
}

/** Runs one SQL statement on a database file (to tamper with it in tests), bypassing the app. */
export async function execSql(file: string, sql: string): Promise<void> {
  const db = await openSqliteAdapter(file);
  try {
    await new Promise<void>((resolve, reject) => db.db.run(sql, (err: Error | null) => (err ? reject(err) : resolve())));
  } finally {
    await db.close();
  }
}
