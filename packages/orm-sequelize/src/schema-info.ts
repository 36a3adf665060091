import type { Sequelize, Transaction } from 'sequelize';
import { LumixError, assertSqlIdentifier } from '@lumix/core';
import { select } from './sql-query.js';

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
  /** Primary key columns in key order. */
  readonly primaryKey: readonly string[];
  /** Looks a column up by name, case-insensitively (as SQLite does). */
  column(name: string): ColumnInfo | undefined;
}

const cache = new WeakMap<Sequelize, Map<string, TableInfo>>();

/** True for declared types that hold numbers a model may use as coefficients or bounds. */
export function isNumericType(type: string): boolean {
  const t = type.toUpperCase();
  return /INT|REAL|FLOA|DOUB|NUM|DEC/.test(t) && !/DATE|TIME|BOOL/.test(t);
}

/** Forgets what is known about the tables (after DDL). */
export function invalidateSchema(seq: Sequelize, table?: string): void {
  if (table === undefined) cache.delete(seq);
  else cache.get(seq)?.delete(table.toLowerCase());
}

/**
 * The columns of a table or view, read once per Sequelize instance (with `pragma_table_info(?)`,
 * the name bound as a parameter) and cached. Inside a transaction nothing is cached, since the
 * transaction may still roll back.
 *
 * @throws LumixError `INVALID_NAME` for a malformed name, `SCHEMA_ERROR` naming a missing table.
 */
export async function tableInfo(seq: Sequelize, table: string, transaction?: Transaction): Promise<TableInfo> {
  assertSqlIdentifier(table, 'table');
  let byName = cache.get(seq);
  if (byName === undefined) {
    byName = new Map();
    cache.set(seq, byName);
  }
  const hit = byName.get(table.toLowerCase());
  if (hit !== undefined) return hit;
  const master = await select<{ name: string; type: 'table' | 'view' }>(
    seq,
    "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE",
    [table],
    { transaction },
  );
  const entry = master[0];
  if (entry === undefined) {
    throw new LumixError('SCHEMA_ERROR', `Table ${table} does not exist; create it first (createTables or sequelize.sync()) or fix the name.`, {
      details: { table },
    });
  }
  const rows = await select<{ name: string; type: string; notnull: number; pk: number }>(seq, 'SELECT name, type, "notnull", pk FROM pragma_table_info(?)', [entry.name], {
    transaction,
  });
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
  if (transaction === undefined) byName.set(table.toLowerCase(), info);
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
export async function tableExists(seq: Sequelize, table: string, transaction?: Transaction): Promise<boolean> {
  const rows = await select(seq, "SELECT 1 AS x FROM sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE", [table], { transaction });
  return rows.length > 0;
}
