import type { OrmAdapter } from '@lumix/core';

/** Whether the database has an `information_schema` (PostgreSQL) rather than `sqlite_master` (SQLite). */
async function hasInformationSchema(adapter: OrmAdapter): Promise<boolean> {
  return adapter.query('SELECT 1 AS one FROM information_schema.tables LIMIT 1').then(
    () => true,
    () => false,
  );
}

/** Quotes a name read from the catalog; no value is inlined. */
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Everything a database holds that a failed write could change, read from its own catalog.
 *
 * - SQLite: the schema (`sqlite_master`: tables, indexes, including `sqlite_sequence`, the
 *   AUTOINCREMENT counters) and every row of every table in rowid order.
 * - PostgreSQL: the columns, constraints and indexes of the current schema and every row of every
 *   table in physical (`ctid`) order. Identity sequences are left out: PostgreSQL never rolls a
 *   sequence back, so a failed save leaves a gap in the keys (and run ids) that follow; that is
 *   the database's documented behaviour, not a write that leaked.
 */
export async function snapshotDatabase(adapter: OrmAdapter): Promise<Record<string, unknown>> {
  if (await hasInformationSchema(adapter)) {
    const columns = await adapter.query<{ table_name: string }>(
      `SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
         FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const constraints = await adapter.query(
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def
         FROM pg_catalog.pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2`,
    );
    const indexes = await adapter.query('SELECT tablename, indexname, indexdef FROM pg_catalog.pg_indexes WHERE schemaname = current_schema() ORDER BY 1, 2');
    const tables = await adapter.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const out: Record<string, unknown> = { schema: { columns, constraints, indexes } };
    for (const t of tables) out[t.table_name] = await adapter.query(`SELECT * FROM ${quoted(t.table_name)} ORDER BY ctid`);
    return out;
  }
  const schema = await adapter.query<{ type: string; name: string; sql: string | null }>(
    "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name",
  );
  const out: Record<string, unknown> = { schema };
  for (const t of schema) {
    if (t.type !== 'table') continue;
    out[t.name] = await adapter.query(`SELECT * FROM ${quoted(t.name)} ORDER BY rowid`);
  }
  return out;
}
