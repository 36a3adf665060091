import { assertSqlIdentifier } from '@lumix/core';
import type { TableInfo } from './table-info.js';

/**
 * Adapter-building helper: table facts cached per driver handle (a sqlite3 `Database`, a
 * Sequelize instance) and table name, case-insensitively. Forget a table after DDL.
 */
export class SchemaCache {
  readonly #byHandle = new WeakMap<object, Map<string, TableInfo>>();

  /**
   * The cached info of `table` on `handle`, read with `read` when missing. With `store` `false`
   * (inside a transaction that may still roll back) what is read is not kept.
   *
   * @throws LumixError `INVALID_NAME` for a malformed name, and what `read` throws.
   */
  async tableInfo(handle: object, table: string, read: (table: string) => Promise<TableInfo>, store = true): Promise<TableInfo> {
    assertSqlIdentifier(table, 'table');
    let byName = this.#byHandle.get(handle);
    if (byName === undefined) {
      byName = new Map();
      this.#byHandle.set(handle, byName);
    }
    const hit = byName.get(table.toLowerCase());
    if (hit !== undefined) return hit;
    const info = await read(table);
    if (store) byName.set(table.toLowerCase(), info);
    return info;
  }

  /** Forgets what is known about one table of `handle`, or all of them. */
  forget(handle: object, table?: string): void {
    if (table === undefined) this.#byHandle.delete(handle);
    else this.#byHandle.get(handle)?.delete(table.toLowerCase());
  }
}
