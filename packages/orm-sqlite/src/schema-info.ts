import type { Database } from 'sqlite3';
import { LumixError, assertSqlIdentifier } from '@lumix/core';
import { all } from './sql-exec.js';

/** A column as `PRAGMA table_info` describes it. */
export interface ColumnInfo {
  readonly name: string;
  /** Declared type, upper case (`INTEGER`, `REAL`, `TEXT`, `DATETIME`, ...). */
  readonly type: string;
  readonly notNull: boolean;
  /** Position in the primary key (1-based), 0 when not part of it. */
  readonly pk: number;
  /** Holds numbers by declaration (INTEGER/REAL/NUMERIC affinity, not dates or booleans). */
  readonly numeric: boolean;
}

/** What the adapter knows about a table or view. */
export interface TableInfo {
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly columns: readonly ColumnInfo[];
  /** Primary key columns in key order; empty for views and tables without one. */
  readonly primaryKey: readonly string[];
  /** Looks a column up by name, case-insensitively (as SQLite does). */
  column(name: string): ColumnInfo | undefined;
}

const cache = new WeakMap<Database, Map<string, TableInfo>>();

/** True for declared types that hold numbers a model may use as coefficients or bounds. */
export function isNumericType(type: string): boolean {
  const t = type.toUpperCase();
  return /INT|REAL|FLOA|DOUB|NUM|DEC/.test(t) && !/DATE|TIME|BOOL/.test(t);
}

/** Forgets what is known about the tables of `db` (after DDL). */
export function invalidateSchema(db: Database, table?: string): void {
  if (table === undefined) cache.delete(db);
  else cache.get(db)?.delete(table.toLowerCase());
}

/**
 * The columns of a table or view, read once per connection with `PRAGMA table_info` (bound as a
 * parameter through `pragma_table_info(?)`) and cached.
 *
 * @throws LumixError `INVALID_NAME` for a malformed name, `SCHEMA_ERROR` naming a missing table.
 */
export async function tableInfo(db: Database, table: string): Promise<TableInfo> {
  assertSqlIdentifier(table, 'table');
  let byName = cache.get(db);
  if (byName === undefined) {
    byName = new Map();
    cache.set(db, byName);
  }
  const hit = byName.get(table.toLowerCase());
  if (hit !== undefined) return hit;
  const master = await all<{ name: string; type: 'table' | 'view' }>(
    db,
    "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE",
    [table],
  );
  const entry = master[0];
  if (entry === undefined) {
    throw new LumixError('SCHEMA_ERROR', `Table ${table} does not exist; create it first (createTables) or fix the name.`, {
      details: { table },
    });
  }
  const rows = await all<{ name: string; type: string; notnull: number; pk: number }>(
    db,
    'SELECT name, type, "notnull", pk FROM pragma_table_info(?)',
    [entry.name],
  );
  const columns: ColumnInfo[] = rows.map((r) => ({
    name: r.name,
    type: (r.type ?? '').toUpperCase(),
    notNull: r.notnull === 1,
    pk: r.pk,
    numeric: isNumericType(r.type ?? ''),
  }));
  const lower = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
  const info: TableInfo = {
    name: entry.name,
    kind: entry.type,
    columns,
    primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    column: (name) => lower.get(name.toLowerCase()),
  };
  byName.set(table.toLowerCase(), info);
  return info;
}

/**
 * The column `name` of `info`, validated.
 *
 * @throws LumixError `INVALID_NAME` for a malformed name, `SCHEMA_ERROR` naming a column the table lacks.
 */
export function requireColumn(info: TableInfo, name: string, role = 'column'): ColumnInfo {
  assertSqlIdentifier(name, `${role} of ${info.name}`);
  const col = info.column(name);
  if (col === undefined) {
    throw new LumixError(
      'SCHEMA_ERROR',
      `Table ${info.name} has no column ${name} (used as ${role}); its columns are ${info.columns.map((c) => c.name).join(', ')}.`,
      { details: { table: info.name, column: name } },
    );
  }
  return col;
}

/** Existence check that does not throw. */
export async function tableExists(db: Database, table: string): Promise<boolean> {
  const rows = await all(db, "SELECT 1 AS x FROM sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE", [table]);
  return rows.length > 0;
}
