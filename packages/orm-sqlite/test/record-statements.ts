import { realpathSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import type { Database } from '@lumix/orm-sqlite';

const METHODS = ['all', 'get', 'run', 'each', 'exec', 'prepare'] as const;

/** Who records what: each recorder's connection, the file it has open, and its log. */
const recorders: { readonly db: Database; readonly file: string | null; readonly out: string[] }[] = [];
let installed = false;

const resolved = new WeakMap<Database, string | null>();

/** The resolved path of a connection's file, or `null` for `:memory:` and temporary databases. */
function realFile(conn: Database): string | null {
  if (resolved.has(conn)) return resolved.get(conn)!;
  const name = (conn as unknown as { filename?: unknown }).filename;
  let file: string | null = null;
  if (typeof name === 'string' && name !== '' && name !== ':memory:') {
    try {
      file = realpathSync(name);
    } catch {
      file = null;
    }
  }
  resolved.set(conn, file);
  return file;
}

/** Wraps sqlite3's statement methods once, on the prototype, so connections opened later are seen too. */
function install(): void {
  if (installed) return;
  installed = true;
  const proto = sqlite3.Database.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of METHODS) {
    const original = proto[method]!;
    proto[method] = function (this: Database, sql: unknown, ...rest: unknown[]) {
      for (const r of recorders) {
        if (this === r.db || (r.file !== null && realFile(this) === r.file)) r.out.push(String(sql));
      }
      return original.call(this, sql, ...rest);
    };
  }
}

/**
 * Records the SQL text of every statement sent through `db` (all/get/run/each/exec/prepare), and
 * through any other connection to its file (the adapter's read-only connection for query sources),
 * synchronously: sqlite3's `trace` event is delivered asynchronously and may arrive after the
 * query's own callback, which makes counts racy.
 */
export function recordStatements(db: Database): string[] {
  install();
  const out: string[] = [];
  recorders.push({ db, file: realFile(db), out });
  return out;
}
