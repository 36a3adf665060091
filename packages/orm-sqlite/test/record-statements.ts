import type { Database } from '@lumix/orm-sqlite';

/**
 * Records the SQL text of every statement sent through `db` (all/get/run/each/exec/prepare),
 * synchronously: sqlite3's `trace` event is delivered asynchronously and may arrive after the
 * query's own callback, which makes counts racy.
 */
export function recordStatements(db: Database): string[] {
  const out: string[] = [];
  const target = db as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ['all', 'get', 'run', 'each', 'exec', 'prepare']) {
    const original = target[method]!.bind(db);
    target[method] = (sql: unknown, ...rest: unknown[]) => {
      out.push(String(sql));
      return original(sql, ...rest);
    };
  }
  return out;
}
