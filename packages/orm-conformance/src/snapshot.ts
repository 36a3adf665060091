import type { OrmAdapter } from '@lumix/core';

/**
 * Everything a SQLite database holds that a failed write could change: the schema (tables,
 * indexes, including `sqlite_sequence`, the AUTOINCREMENT counters) and every row of every table
 * in rowid order.
 */
export async function snapshotDatabase(adapter: OrmAdapter): Promise<Record<string, unknown>> {
  const schema = await adapter.query<{ type: string; name: string; sql: string | null }>(
    "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name",
  );
  const out: Record<string, unknown> = { schema };
  for (const t of schema) {
    if (t.type !== 'table') continue;
    // Table names come from sqlite_master and are quoted; no value is inlined.
    out[t.name] = await adapter.query(`SELECT * FROM "${t.name.replace(/"/g, '""')}" ORDER BY rowid`);
  }
  return out;
}
