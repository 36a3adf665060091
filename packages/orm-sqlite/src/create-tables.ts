import type { Database } from 'sqlite3';
import { LumixError, SOLVE_RUNS_SPEC, SOLVE_RUNS_TABLE, columnReference, validateTableSpec, type ColumnSpec, type ColumnType, type TableSpec } from '@lumix/core';
import { invalidateSchema, tableExists, tableInfo } from './schema-info.js';
import { quoteId } from './select-sql.js';
import { exec } from './sql-exec.js';
import { mapSqliteError } from './sqlite-errors.js';
import { withTransaction } from './transaction.js';

const SQL_TYPES: Record<ColumnType, string> = {
  integer: 'INTEGER',
  real: 'REAL',
  text: 'TEXT',
  boolean: 'BOOLEAN',
  datetime: 'DATETIME',
};

function literal(v: string | number | boolean | null, where: string): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new LumixError('INVALID_NUMBER', `${where}: default ${v} is not a finite number.`, {});
    return String(v);
  }
  // DDL cannot take parameters: the one inlined value is a string literal with quotes doubled.
  return `'${v.replace(/'/g, "''")}'`;
}

function columnSql(spec: TableSpec, name: string, col: ColumnSpec): string {
  const parts = [quoteId(name), SQL_TYPES[col.type]];
  if (SQL_TYPES[col.type] === undefined) {
    throw new LumixError('INVALID_ARGUMENT', `Table ${spec.name}, column ${name}: type ${JSON.stringify(col.type)} is not one of ${Object.keys(SQL_TYPES).join(', ')}.`, {
      details: { table: spec.name, column: name },
    });
  }
  if (col.primaryKey === true) parts.push(col.type === 'integer' ? 'PRIMARY KEY AUTOINCREMENT' : 'PRIMARY KEY');
  if (col.nullable !== true && col.primaryKey !== true) parts.push('NOT NULL');
  if (col.unique === true) parts.push('UNIQUE');
  if (col.default !== undefined) parts.push(`DEFAULT ${literal(col.default, `Table ${spec.name}, column ${name}`)}`);
  const ref = columnReference(col);
  if (ref !== null) {
    parts.push(`REFERENCES ${quoteId(ref.table)}(${quoteId(ref.column)})`);
    parts.push(`ON DELETE ${(col.onDelete ?? 'restrict').toUpperCase()}`);
  }
  return parts.join(' ');
}

/** The `CREATE TABLE IF NOT EXISTS` and `CREATE INDEX IF NOT EXISTS` statements of a spec. */
export function createTableSql(spec: TableSpec): string[] {
  validateTableSpec(spec);
  const defs = Object.entries(spec.columns).map(([name, col]) => columnSql(spec, name, col));
  if (spec.primaryKey !== undefined) defs.push(`PRIMARY KEY (${spec.primaryKey.map(quoteId).join(', ')})`);
  for (const u of spec.unique ?? []) defs.push(`UNIQUE (${u.map(quoteId).join(', ')})`);
  const out = [`CREATE TABLE IF NOT EXISTS ${quoteId(spec.name)} (\n  ${defs.join(',\n  ')}\n)`];
  for (const ix of spec.indexes ?? []) {
    out.push(`CREATE INDEX IF NOT EXISTS ${quoteId(`ix_${spec.name}_${ix.join('_')}`.slice(0, 63))} ON ${quoteId(spec.name)} (${ix.map(quoteId).join(', ')})`);
  }
  return out;
}

/** Adds the `solve_runs` spec when a table references it (solution tables) and it is not listed. */
function withRunTable(specs: readonly TableSpec[]): readonly TableSpec[] {
  const names = new Set(specs.map((s) => s.name.toLowerCase()));
  if (names.has(SOLVE_RUNS_TABLE)) return specs;
  const needed = specs.some((s) => Object.values(s.columns).some((c) => columnReference(c)?.table.toLowerCase() === SOLVE_RUNS_TABLE));
  return needed ? [SOLVE_RUNS_SPEC, ...specs] : specs;
}

/** Orders specs so that every referenced table in the list comes before the tables referencing it. */
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
 * Creates the tables of `specs` that do not exist yet, parents first, in one transaction, with
 * their foreign keys, unique constraints and indexes. Idempotent: an existing table is kept as it
 * is, but it must have every declared column (otherwise migrate it; see the README).
 *
 * @throws LumixError `SCHEMA_ERROR` naming a referenced table that does not exist or an existing
 *   table that lacks a column; `INVALID_NAME` for a malformed identifier.
 */
export async function createTables(db: Database, specs: readonly TableSpec[]): Promise<void> {
  specs = withRunTable(specs);
  const ordered = parentsFirst(specs);
  for (const s of ordered) createTableSql(s);
  const declared = new Set(specs.map((s) => s.name.toLowerCase()));
  for (const s of ordered) {
    for (const [name, col] of Object.entries(s.columns)) {
      const ref = columnReference(col);
      if (ref !== null && !declared.has(ref.table.toLowerCase()) && !(await tableExists(db, ref.table))) {
        throw new LumixError('SCHEMA_ERROR', `Table ${s.name}, column ${name} references table ${ref.table}, which does not exist; create it first or in the same call.`, {
          details: { table: s.name, column: name, references: ref.table },
        });
      }
    }
  }
  await withTransaction(db, () => createInTransaction(db, ordered));
}

/**
 * Runs the DDL of {@link createTables} inside the caller's transaction (DDL is transactional in
 * SQLite, so a rollback undoes it) and checks existing tables' columns.
 */
export async function createTablesInTransaction(db: Database, specs: readonly TableSpec[]): Promise<void> {
  await createInTransaction(db, parentsFirst(withRunTable(specs)));
}

async function createInTransaction(db: Database, ordered: readonly TableSpec[]): Promise<void> {
  try {
    for (const spec of ordered) {
      for (const sql of createTableSql(spec)) {
        try {
          await exec(db, sql);
        } catch (e) {
          throw mapSqliteError(e, 'SCHEMA_ERROR', `Creating table ${spec.name}`, { table: spec.name });
        }
      }
    }
    await checkCreatedTables(db, ordered);
  } finally {
    // The transaction may still roll back: never keep schema facts learned inside it.
    for (const spec of ordered) invalidateSchema(db, spec.name);
  }
}

async function checkCreatedTables(db: Database, ordered: readonly TableSpec[]): Promise<void> {
  for (const s of ordered) {
    invalidateSchema(db, s.name);
    const info = await tableInfo(db, s.name);
    for (const name of Object.keys(s.columns)) {
      if (info.column(name) === undefined) {
        throw new LumixError(
          'SCHEMA_ERROR',
          `Table ${s.name} already exists without column ${name}; add it with a migration (ALTER TABLE ... ADD COLUMN, see the README) or drop the table.`,
          { details: { table: s.name, column: name } },
        );
      }
    }
  }
}
