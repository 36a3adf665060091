import { LumixError, SOLVE_RUNS_SPEC, SOLVE_RUNS_TABLE, columnReference, type TableSpec } from '@lumix/core';
import type { SqlSession } from './sql-session.js';

/** Adds the `solve_runs` spec when a table references it (solution tables) and it is not listed. */
function withRunTable(specs: readonly TableSpec[]): readonly TableSpec[] {
  if (specs.some((s) => s.name.toLowerCase() === SOLVE_RUNS_TABLE)) return specs;
  const needed = specs.some((s) => Object.values(s.columns).some((c) => columnReference(c)?.table.toLowerCase() === SOLVE_RUNS_TABLE));
  return needed ? [SOLVE_RUNS_SPEC, ...specs] : specs;
}

/**
 * Adapter-building helper: orders specs so that every referenced table in the list comes before
 * the tables referencing it (self-references allowed).
 *
 * @throws LumixError `SCHEMA_ERROR` naming a table on a reference cycle.
 */
export function parentsFirst(specs: readonly TableSpec[]): TableSpec[] {
  const byName = new Map(specs.map((s) => [s.name.toLowerCase(), s]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: TableSpec[] = [];
  const visit = (s: TableSpec) => {
    const k = s.name.toLowerCase();
    if (done.has(k)) return;
    if (visiting.has(k)) {
      throw new LumixError('SCHEMA_ERROR', `Tables reference each other in a cycle through ${s.name}; break the cycle with a nullable column added later.`, {
        details: { table: s.name },
      });
    }
    visiting.add(k);
    for (const col of Object.values(s.columns)) {
      const ref = columnReference(col);
      if (ref !== null && ref.table.toLowerCase() !== k) {
        const parent = byName.get(ref.table.toLowerCase());
        if (parent !== undefined) visit(parent);
      }
    }
    visiting.delete(k);
    done.add(k);
    out.push(s);
  };
  for (const s of specs) visit(s);
  return out;
}

/**
 * Adapter-building helper: creates the tables of `specs` that do not exist yet (see
 * `OrmAdapter.createTables`) with the dialect's DDL, parents first, in one transaction of
 * `session`, with `solve_runs` added when a spec references it. Idempotent: an existing table is
 * kept as it is, but it must have every declared column.
 *
 * @throws LumixError `SCHEMA_ERROR` naming a referenced table that does not exist or an existing
 *   table that lacks a column; `INVALID_NAME` for a malformed identifier.
 */
export async function sqlCreateTables(session: SqlSession, specs: readonly TableSpec[]): Promise<void> {
  const ordered = parentsFirst(withRunTable(specs));
  for (const s of ordered) session.dialect.compiler.createTable(s);
  const declared = new Set(ordered.map((s) => s.name.toLowerCase()));
  for (const s of ordered) {
    for (const [name, col] of Object.entries(s.columns)) {
      const ref = columnReference(col);
      if (ref !== null && !declared.has(ref.table.toLowerCase()) && !(await session.tableExists(ref.table))) {
        throw new LumixError('SCHEMA_ERROR', `Table ${s.name}, column ${name} references table ${ref.table}, which does not exist; create it first or in the same call.`, {
          details: { table: s.name, column: name, references: ref.table },
        });
      }
    }
  }
  await session.transaction((tx) => createInTransaction(tx, ordered));
}

/**
 * Adapter-building helper: the DDL of {@link sqlCreateTables} inside the transaction `tx` is
 * bound to (the dialects here have transactional DDL, so a rollback undoes it), plus the column
 * check.
 */
export async function sqlCreateTablesInTransaction(tx: SqlSession, specs: readonly TableSpec[]): Promise<void> {
  await createInTransaction(tx, parentsFirst(withRunTable(specs)));
}

async function createInTransaction(tx: SqlSession, ordered: readonly TableSpec[]): Promise<void> {
  try {
    for (const spec of ordered) {
      try {
        // An existing table gets no DDL at all (its columns are checked below): on PostgreSQL even
        // `CREATE INDEX IF NOT EXISTS` takes a SHARE lock on the table, and two saves doing it and
        // then inserting into the same table deadlock (found with two queue workers saving at once).
        if (await tx.tableExists(spec.name)) continue;
        for (const sql of tx.dialect.compiler.createTable(spec)) await tx.driver.run(sql);
      } catch (e) {
        throw tx.error(e, 'SCHEMA_ERROR', `Creating table ${spec.name}`, { table: spec.name });
      }
    }
    for (const s of ordered) {
      tx.forgetSchema(s.name);
      const info = await tx.tableInfo(s.name);
      for (const name of Object.keys(s.columns)) {
        if (info.column(name) === undefined) {
          throw new LumixError(
            'SCHEMA_ERROR',
            `Table ${s.name} already exists without column ${name}; add it with a migration (${tx.hints.migrate}) or drop the table.`,
            { details: { table: s.name, column: name } },
          );
        }
      }
    }
  } finally {
    // The transaction may still roll back: never keep schema facts learned inside it.
    for (const spec of ordered) tx.forgetSchema(spec.name);
  }
}
