import { LumixError, isLumixError, type SqlRow } from '@lumix/core';
import { isConstraintKind, type DriverError } from './driver-error.js';
import { lumixErrorFromDriver } from './driver-error-messages.js';
import type { FixedColumn } from './insert-batches.js';
import type { SqlSession } from './sql-session.js';
import { toSqlValue } from './sql-row.js';
import type { TableInfo } from './table-info.js';

/** The batch that failed, and the rows around it. */
interface FailedBatch {
  readonly rows: readonly SqlRow[];
  /** First row of the batch, 0-based. */
  readonly batchStart: number;
  /** One past its last row. */
  readonly batchEnd: number;
  readonly keys: readonly string[];
  readonly fixed: FixedColumn | undefined;
}

/**
 * Turns a failed INSERT batch into an error naming the row, from the kind the adapter read the
 * driver's error into: for a foreign key, the first row of the batch whose parent is missing
 * (checked while the transaction is still open, so parents written earlier in it count); for
 * NOT NULL and UNIQUE, the first offending row. Falls back to the kind's message with the batch.
 */
export async function explainInsertError(tx: SqlSession, info: TableInfo, err: unknown, batch: FailedBatch): Promise<LumixError> {
  if (isLumixError(err)) return err;
  const context = `Inserting into ${info.name}`;
  const e = tx.convertError(err);
  if (!isConstraintKind(e.kind)) return lumixErrorFromDriver(e, err, 'PERSISTENCE_FAILED', context, { table: info.name });
  try {
    const found = await findOffendingRow(tx, info, e, batch, err);
    if (found !== undefined) return found;
  } catch {
    // Diagnosis is best effort: the error below still names the table and the constraint.
  }
  return lumixErrorFromDriver(e, err, 'PERSISTENCE_FAILED', `${context} (rows ${batch.batchStart + 1}-${batch.batchEnd})`, {
    table: info.name,
    firstRow: batch.batchStart,
  });
}

async function findOffendingRow(tx: SqlSession, info: TableInfo, e: DriverError, batch: FailedBatch, err: unknown): Promise<LumixError | undefined> {
  const { rows, batchStart, batchEnd, keys, fixed } = batch;
  const valueAt = (row: SqlRow, col: string): unknown => (fixed !== undefined && col === fixed.column ? fixed.value : row[col]);
  const keyOf = (name: string) => keys.find((k) => k.toLowerCase() === name.toLowerCase());
  const { compiler, introspector } = tx.dialect;

  if (e.kind === 'foreign-key-violation') {
    for (const fk of await introspector.foreignKeys(tx.driver, info.name)) {
      if (fk.columns.length !== 1) continue;
      const col = keyOf(fk.columns[0]!);
      if (col === undefined) continue;
      const parentInfo = await tx.tableInfo(fk.parentTable);
      const to = fk.parentColumns[0] ?? parentInfo.primaryKey[0];
      if (to === undefined) continue;
      const values = [...new Set(rows.slice(batchStart, batchEnd).map((r) => valueAt(r, col)).filter((v) => v !== null && v !== undefined))];
      const found = new Set<unknown>();
      for (let i = 0; i < values.length; i += 500) {
        const part = values.slice(i, i + 500).map((v) => toSqlValue(v, { table: info.name, row: -1, column: col }));
        const sql = compiler.select({ table: parentInfo.name, columns: [to], where: [{ op: 'in', column: to, count: part.length }], orderBy: [] });
        for (const g of await tx.driver.all<Record<string, unknown>>(sql, part)) found.add(g[to]);
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
  if (e.kind === 'not-null-violation' && e.column !== undefined) {
    const col = keyOf(e.column) ?? e.column;
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
  if (e.kind === 'unique-violation' && e.columns !== undefined && e.columns.length > 0) {
    const cols = e.columns.map((c) => keyOf(c) ?? c);
    const seen = new Map<string, number>();
    for (let r = 0; r < batchEnd; r++) {
      const k = JSON.stringify(cols.map((c) => valueAt(rows[r]!, c) ?? null));
      const prev = seen.get(k);
      if (prev !== undefined) {
        return new LumixError('DATA_ERROR', `Table ${info.name}, row ${r + 1}: (${cols.join(', ')}) = ${k} repeats row ${prev + 1}; the table requires it to be unique.`, {
          cause: err,
          details: { table: info.name, row: r, columns: cols, duplicateOf: prev },
        });
      }
      seen.set(k, r);
    }
    return new LumixError('DATA_ERROR', `Table ${info.name}: a row repeats (${cols.join(', ')}) of a row already stored; the table requires it to be unique.`, {
      cause: err,
      details: { table: info.name, columns: cols },
    });
  }
  return undefined;
}
