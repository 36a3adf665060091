import { LumixError, type SqlRow } from '@lumix/core';
import type { BoundValue, PreparedStatement } from './driver.js';
import { explainInsertError } from './insert-diagnosis.js';
import type { SqlSession } from './sql-session.js';
import { toSqlValue } from './sql-row.js';
import { requireColumn } from './table-info.js';

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
        throw new LumixError(
          'INVALID_ARGUMENT',
          `Table ${table}, row ${i + 1}: ${fixed.column} is ${JSON.stringify(v)} but the rows belong to ${fixed.column} ${fixed.value}; leave ${fixed.column} out, it is set for you.`,
          {
            details: { table, row: i, column: fixed.column },
          },
        );
      }
    }
    seen.delete(fixed.column);
    return [fixed.column, ...seen];
  }
  return [...seen];
}

/**
 * Adapter-building helper: inserts rows into `table` inside the transaction `tx` is bound to,
 * with multi-row INSERTs of at most 500 rows and `tx.maxParams` parameters each (full batches
 * reuse one prepared statement when the driver can prepare). Missing keys are bound as NULL.
 *
 * @throws LumixError `SCHEMA_ERROR` naming an unknown table or column, `INVALID_NUMBER` /
 *   `DATA_ERROR` naming the row of a bad value or a violated constraint (foreign key, unique, not null).
 */
export async function insertRowsInTransaction(tx: SqlSession, table: string, input: Iterable<object>, fixed?: FixedColumn): Promise<number> {
  const rows = (Array.isArray(input) ? input : [...input]) as readonly SqlRow[];
  const info = await tx.tableInfo(table);
  if (info.kind !== 'table') {
    throw new LumixError('SCHEMA_ERROR', `${info.name} is a view; insert into a table.`, { details: { table } });
  }
  if (rows.length === 0) return 0;
  const keys = collectColumns(info.name, rows, fixed);
  const columns = keys.map((k) => requireColumn(info, k, 'inserted column').name);
  const ncol = columns.length;
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(tx.maxParams / ncol)));
  const { compiler } = tx.dialect;
  const { driver } = tx;

  let full: PreparedStatement | undefined;
  let start = 0;
  const savepoint = tx.dialect.failedStatementAbortsTransaction === true;
  try {
    if (savepoint) await driver.run('SAVEPOINT lumix_insert');
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
      if (n === perStatement && driver.prepare !== undefined) {
        full ??= await driver.prepare(compiler.insert(info.name, columns, perStatement));
        await full.run(params);
      } else await driver.run(compiler.insert(info.name, columns, n), params);
      start += n;
    }
    const key = info.primaryKey.length === 1 ? info.column(info.primaryKey[0]!) : undefined;
    if (key !== undefined && compiler.keySequenceSync !== undefined && columns.includes(key.name) && /INT/.test(key.type)) {
      await driver.all(compiler.keySequenceSync(info.name, key.name));
    }
  } catch (e) {
    if (savepoint) await driver.run('ROLLBACK TO SAVEPOINT lumix_insert').catch(() => undefined);
    throw await explainInsertError(tx, info, e, { rows, batchStart: start, batchEnd: Math.min(rows.length, start + perStatement), keys, fixed });
  } finally {
    if (full !== undefined) await full.finalize();
  }
  return rows.length;
}

/**
 * Adapter-building helper: inserts rows into a table in one transaction of `session` (see
 * `OrmAdapter.insertRows`); returns how many. On any failure nothing is written.
 *
 * @throws LumixError as {@link insertRowsInTransaction}.
 */
export function sqlInsertRows(session: SqlSession, table: string, rows: Iterable<object>): Promise<number> {
  return session.transaction((tx) => insertRowsInTransaction(tx, table, rows));
}
