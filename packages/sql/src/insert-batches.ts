import { LumixError, isLumixError, type SqlRow } from '@lumix/core';
import type { TableInfo } from './schema-inspection.js';
import { requireColumn } from './schema-inspection.js';
import { mapDriverError, type BoundValue, type PreparedStatement, type SqlConnection } from './sql-connection.js';
import { toSqlValue } from './sql-row.js';
import { quoteId } from './sql-statements.js';

const MAX_ROWS_PER_STATEMENT = 500;

/** A column every inserted row gets, e.g. `run_id` of solution rows. */
export interface FixedColumn {
  readonly column: string;
  readonly value: string | number;
}

/** Columns of the rows: the union of their keys in first-seen order, plus the fixed column. */
function collectColumns(table: string, rows: readonly SqlRow[], fixed: FixedColumn | undefined): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (typeof row !== 'object' || row === null) {
      throw new LumixError('DATA_ERROR', `Table ${table}, row ${i + 1}: a row must be an object of column values, got ${row === null ? 'null' : typeof row}.`, {
        details: { table, row: i },
      });
    }
    for (const k in row) seen.add(k);
  }
  if (fixed !== undefined) {
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]![fixed.column];
      if (v !== undefined && v !== fixed.value) {
        throw new LumixError('INVALID_ARGUMENT', `Table ${table}, row ${i + 1}: ${fixed.column} is ${JSON.stringify(v)} but the rows belong to ${fixed.column} ${fixed.value}; leave ${fixed.column} out, it is set for you.`, {
          details: { table, row: i, column: fixed.column },
        });
      }
    }
    seen.delete(fixed.column);
    return [fixed.column, ...seen];
  }
  return [...seen];
}

/**
 * Adapter-building helper: inserts rows into `table` inside the transaction `tx` is bound to,
 * with multi-row INSERTs of at most 500 rows and `tx.maxInsertParams` parameters each (full
 * batches reuse one prepared statement when `tx.prepare` exists). Missing keys are bound as NULL.
 *
 * @throws LumixError `SCHEMA_ERROR` naming an unknown table or column, `INVALID_NUMBER` /
 *   `DATA_ERROR` naming the row of a bad value or a violated constraint (foreign key, unique, not null).
 */
export async function insertRowsInTransaction(tx: SqlConnection, table: string, input: Iterable<object>, fixed?: FixedColumn): Promise<number> {
  const rows = (Array.isArray(input) ? input : [...input]) as readonly SqlRow[];
  const info = await tx.tableInfo(table);
  if (info.kind !== 'table') {
    throw new LumixError('SCHEMA_ERROR', `${info.name} is a view; insert into a table.`, { details: { table } });
  }
  if (rows.length === 0) return 0;
  const keys = collectColumns(info.name, rows, fixed);
  const columns = keys.map((k) => requireColumn(info, k, 'inserted column').name);
  const ncol = columns.length;
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(tx.maxInsertParams / ncol)));
  const head = `INSERT INTO ${quoteId(info.name)} (${columns.map(quoteId).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const sqlFor = (n: number) => head + new Array<string>(n).fill(tuple).join(', ');

  let full: PreparedStatement | undefined;
  let start = 0;
  try {
    while (start < rows.length) {
      const n = Math.min(perStatement, rows.length - start);
      const params = new Array<BoundValue>(n * ncol);
      let p = 0;
      for (let r = start; r < start + n; r++) {
        const row = rows[r]!;
        for (let c = 0; c < ncol; c++) {
          const key = keys[c]!;
          const v = fixed !== undefined && c === 0 ? fixed.value : row[key];
          params[p++] = v === undefined ? null : toSqlValue(v, { table: info.name, row: r, column: key });
        }
      }
      if (n === perStatement && tx.prepare !== undefined) {
        full ??= await tx.prepare(sqlFor(perStatement));
        await full.run(params);
      } else await tx.run(sqlFor(n), params);
      start += n;
    }
  } catch (e) {
    throw await explainInsertError(tx, info, e, rows, start, start + perStatement, keys, fixed);
  } finally {
    if (full !== undefined) await full.finalize();
  }
  return rows.length;
}

/**
 * Adapter-building helper: inserts rows into a table in one transaction of `conn` (see
 * `OrmAdapter.insertRows`); returns how many. On any failure nothing is written.
 *
 * @throws LumixError as {@link insertRowsInTransaction}.
 */
export function sqlInsertRows(conn: SqlConnection, table: string, rows: Iterable<object>): Promise<number> {
  return conn.transaction((tx) => insertRowsInTransaction(tx, table, rows));
}

/**
 * Turns a failed batch into an error naming the row: for a foreign key, the first row of the
 * batch whose parent is missing (checked while the transaction is still open, so parents written
 * earlier in it count); for NOT NULL and UNIQUE, the first offending row.
 */
async function explainInsertError(
  tx: SqlConnection,
  info: TableInfo,
  err: unknown,
  rows: readonly SqlRow[],
  batchStart: number,
  batchLimit: number,
  keys: readonly string[],
  fixed: FixedColumn | undefined,
): Promise<LumixError> {
  if (isLumixError(err)) return err;
  const mapped = mapDriverError(tx.errorText, err, 'PERSISTENCE_FAILED', `Inserting into ${info.name}`, { table: info.name });
  if (mapped.code !== 'DATA_ERROR') return mapped;
  const text = String((mapped.details as { constraint?: string }).constraint ?? '');
  const valueAt = (row: SqlRow, col: string): unknown => (fixed !== undefined && col === fixed.column ? fixed.value : row[col]);
  const batchEnd = Math.min(rows.length, batchLimit);
  try {
    if (/FOREIGN KEY/i.test(text)) {
      const fks = await tx.all<{ id: number; table: string; from: string; to: string | null }>('SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?)', [info.name]);
      for (const fk of fks) {
        if (fks.filter((f) => f.id === fk.id).length !== 1) continue;
        const col = keys.find((k) => k.toLowerCase() === fk.from.toLowerCase());
        if (col === undefined) continue;
        const parentInfo = await tx.tableInfo(fk.table);
        const to = fk.to ?? parentInfo.primaryKey[0] ?? 'rowid';
        const values = [...new Set(rows.slice(batchStart, batchEnd).map((r) => valueAt(r, col)).filter((v) => v !== null && v !== undefined))];
        const found = new Set<unknown>();
        for (let i = 0; i < values.length; i += 500) {
          const part = values.slice(i, i + 500).map((v) => toSqlValue(v, { table: info.name, row: -1, column: col }));
          const got = await tx.all<{ v: unknown }>(`SELECT ${quoteId(to)} AS v FROM ${quoteId(parentInfo.name)} WHERE ${quoteId(to)} IN (${part.map(() => '?').join(', ')})`, part);
          for (const g of got) found.add(g.v);
        }
        for (let r = batchStart; r < batchEnd; r++) {
          const v = valueAt(rows[r]!, col);
          if (v !== null && v !== undefined && !found.has(v)) {
            return new LumixError(
              'DATA_ERROR',
              `Table ${info.name}, row ${r + 1}: ${col} = ${JSON.stringify(v)} has no matching row in ${parentInfo.name}(${to}); insert the parent row first or fix the value.`,
              { cause: err, details: { table: info.name, row: r, column: col, value: v, references: parentInfo.name } },
            );
          }
        }
      }
    }
    const notNull = /NOT NULL constraint failed: [\w]+\.(\w+)/.exec(text);
    if (notNull) {
      const col = notNull[1]!;
      for (let r = batchStart; r < batchEnd; r++) {
        const v = valueAt(rows[r]!, col);
        if (v === null || v === undefined) {
          return new LumixError('DATA_ERROR', `Table ${info.name}, row ${r + 1}: column ${col} is empty but NOT NULL; give it a value.`, {
            cause: err,
            details: { table: info.name, row: r, column: col },
          });
        }
      }
    }
    const unique = /UNIQUE constraint failed: ([\w., ]+)/.exec(text);
    if (unique) {
      const cols = unique[1]!.split(',').map((s) => s.trim().split('.').pop()!);
      const seen = new Map<string, number>();
      for (let r = 0; r < batchEnd; r++) {
        const k = JSON.stringify(cols.map((c) => valueAt(rows[r]!, c) ?? null));
        const prev = seen.get(k);
        if (prev !== undefined) {
          return new LumixError(
            'DATA_ERROR',
            `Table ${info.name}, row ${r + 1}: (${cols.join(', ')}) = ${k} repeats row ${prev + 1}; the table requires it to be unique.`,
            { cause: err, details: { table: info.name, row: r, columns: cols, duplicateOf: prev } },
          );
        }
        seen.set(k, r);
      }
      return new LumixError('DATA_ERROR', `Table ${info.name}: a row repeats (${cols.join(', ')}) of a row already stored; the table requires it to be unique.`, {
        cause: err,
        details: { table: info.name, columns: cols },
      });
    }
  } catch {
    // Diagnosis is best effort: the mapped error below still names the table and the constraint.
  }
  return new LumixError('DATA_ERROR', `Inserting into ${info.name} (rows ${batchStart + 1}-${batchEnd}): ${text}.`, {
    cause: err,
    details: { table: info.name, firstRow: batchStart, constraint: text },
  });
}
