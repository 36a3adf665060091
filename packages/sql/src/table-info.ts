import { LumixError, assertSqlIdentifier } from '@lumix/core';

/** A column as a dialect's introspector describes it. */
export interface ColumnInfo {
  readonly name: string;
  /** Declared type, upper case (`INTEGER`, `REAL`, `TEXT`, `DATETIME`, ...). */
  readonly type: string;
  readonly notNull: boolean;
  /** Position in the primary key (1-based), 0 when not part of it. */
  readonly pk: number;
  /** Holds numbers by declaration (the dialect decides: numeric types, not dates or booleans). */
  readonly numeric: boolean;
}

/** What the layer knows about a table or view. */
export interface TableInfo {
  /** The name as the database stores it. */
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly columns: readonly ColumnInfo[];
  /** Primary key columns in key order; empty for views and tables without one. */
  readonly primaryKey: readonly string[];
  /** Looks a column up by name, case-insensitively. */
  column(name: string): ColumnInfo | undefined;
}

/** Builds a {@link TableInfo} from what an introspector read: the primary key from `pk`, a case-insensitive column index. */
export function makeTableInfo(name: string, kind: 'table' | 'view', columns: readonly ColumnInfo[]): TableInfo {
  const lower = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
  return {
    name,
    kind,
    columns,
    primaryKey: columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
    column: (n) => lower.get(n.toLowerCase()),
  };
}

/**
 * Adapter-building helper: the column `name` of `info`, validated.
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
