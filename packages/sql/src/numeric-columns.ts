import { LumixError } from '@lumix/core';

/** How a row is named in messages: by its primary key when known, else by its 1-based position. */
function rowName(row: Readonly<Record<string, unknown>>, index: number, primaryKey: readonly string[]): string {
  if (primaryKey.length > 0 && primaryKey.every((k) => row[k] !== undefined)) {
    return primaryKey.map((k) => `${k}=${JSON.stringify(row[k])}`).join(', ');
  }
  return `#${index + 1}`;
}

/**
 * Adapter-building helper: checks that `columns` hold finite numbers (or null, or bigints) in
 * every row. SQLite's type affinity lets a REAL column hold text, and it stores infinities, so
 * adapters check this on load instead of trusting the declared type.
 *
 * @param label the source, for messages. @param primaryKey names rows in messages. Default none.
 * @throws LumixError `DATA_ERROR` naming the source, row and column.
 */
export function checkNumericColumns(
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly string[],
  label: string,
  primaryKey: readonly string[] = [],
): void {
  if (columns.length === 0) return;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (const c of columns) {
      const v = row[c];
      if (v === null || v === undefined || typeof v === 'bigint') continue;
      if (typeof v === 'number' && Number.isFinite(v)) continue;
      const what = typeof v === 'number' ? String(v) : JSON.stringify(v);
      throw new LumixError(
        'DATA_ERROR',
        `${label}, row ${rowName(row, i, primaryKey)}: column ${c} holds ${what}, not a finite number; fix the stored value.`,
        { details: { source: label, row: i, key: rowName(row, i, primaryKey), column: c, value: typeof v === 'number' ? v : String(v) } },
      );
    }
  }
}
