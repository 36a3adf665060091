import { DataTypes, type ModelAttributeColumnOptions, type Sequelize, type Transaction } from 'sequelize';
import { LumixError, SOLVE_RUNS_SPEC, SOLVE_RUNS_TABLE, columnReference, validateTableSpec, type ColumnType, type TableSpec } from '@lumix/core';
import { invalidateSchema, tableExists, tableInfo } from './schema-info.js';
import { mapSequelizeError } from './sequelize-errors.js';
import { execute, quoteId } from './sql-query.js';
import { withTransaction } from './transaction.js';

const DATA_TYPES: Record<ColumnType, ModelAttributeColumnOptions['type']> = {
  integer: DataTypes.INTEGER,
  real: DataTypes.REAL,
  text: DataTypes.TEXT,
  boolean: DataTypes.BOOLEAN,
  datetime: DataTypes.DATE,
};

/** The Sequelize attribute definitions of a spec, as `queryInterface.createTable` takes them. */
export function specAttributes(spec: TableSpec): Record<string, ModelAttributeColumnOptions> {
  validateTableSpec(spec);
  const out: Record<string, ModelAttributeColumnOptions> = {};
  const composite = new Set(spec.primaryKey ?? []);
  for (const [name, col] of Object.entries(spec.columns)) {
    const type = DATA_TYPES[col.type];
    if (type === undefined) {
      throw new LumixError('INVALID_ARGUMENT', `Table ${spec.name}, column ${name}: type ${JSON.stringify(col.type)} is not one of ${Object.keys(DATA_TYPES).join(', ')}.`, {
        details: { table: spec.name, column: name },
      });
    }
    if (typeof col.default === 'number' && !Number.isFinite(col.default)) {
      throw new LumixError('INVALID_NUMBER', `Table ${spec.name}, column ${name}: default ${col.default} is not a finite number.`, {});
    }
    const pk = col.primaryKey === true || composite.has(name);
    const attr: ModelAttributeColumnOptions = {
      type,
      allowNull: col.primaryKey === true ? true : col.nullable === true,
      ...(pk ? { primaryKey: true } : {}),
      ...(col.primaryKey === true && col.type === 'integer' ? { autoIncrement: true } : {}),
      ...(col.unique === true ? { unique: true } : {}),
      ...(col.default !== undefined ? { defaultValue: col.default } : {}),
    };
    const ref = columnReference(col);
    if (ref !== null) {
      attr.references = { model: ref.table, key: ref.column };
      attr.onDelete = (col.onDelete ?? 'restrict').toUpperCase();
    }
    out[name] = attr;
  }
  return out;
}

/** Adds the `solve_runs` spec when a table references it (solution tables) and it is not listed. */
function withRunTable(specs: readonly TableSpec[]): readonly TableSpec[] {
  if (specs.some((s) => s.name.toLowerCase() === SOLVE_RUNS_TABLE)) return specs;
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

async function createInTransaction(seq: Sequelize, ordered: readonly TableSpec[], t: Transaction): Promise<void> {
  const qi = seq.getQueryInterface();
  try {
    for (const spec of ordered) {
      const uniqueKeys: Record<string, { fields: string[]; customIndex: true }> = {};
      (spec.unique ?? []).forEach((cols, i) => {
        uniqueKeys[`uq_${spec.name}_${i}`] = { fields: [...cols], customIndex: true };
      });
      try {
        await qi.createTable(spec.name, specAttributes(spec), { transaction: t, uniqueKeys } as Parameters<typeof qi.createTable>[2]);
        for (const ix of spec.indexes ?? []) {
          const name = `ix_${spec.name}_${ix.join('_')}`.slice(0, 63);
          await execute(seq, `CREATE INDEX IF NOT EXISTS ${quoteId(name)} ON ${quoteId(spec.name)} (${ix.map(quoteId).join(', ')})`, [], { transaction: t });
        }
      } catch (e) {
        throw mapSequelizeError(e, 'SCHEMA_ERROR', `Creating table ${spec.name}`, { table: spec.name });
      }
    }
    for (const spec of ordered) {
      invalidateSchema(seq, spec.name);
      const info = await tableInfo(seq, spec.name, t);
      for (const name of Object.keys(spec.columns)) {
        if (info.column(name) === undefined) {
          throw new LumixError(
            'SCHEMA_ERROR',
            `Table ${spec.name} already exists without column ${name}; add it with a migration (see the README: umzug) or drop the table.`,
            { details: { table: spec.name, column: name } },
          );
        }
      }
    }
  } finally {
    for (const spec of ordered) invalidateSchema(seq, spec.name);
  }
}

/**
 * Creates the tables of `specs` that do not exist yet, parents first, in one transaction, with
 * their foreign keys, unique constraints and indexes (through `queryInterface.createTable`, i.e.
 * `CREATE TABLE IF NOT EXISTS`). Idempotent; an existing table must have every declared column.
 * For tables declared as Sequelize models use `sequelize.sync()` instead.
 *
 * @throws LumixError `SCHEMA_ERROR` naming a referenced table that does not exist or an existing
 *   table that lacks a column; `INVALID_NAME` for a malformed identifier.
 */
export async function createTables(seq: Sequelize, specs: readonly TableSpec[]): Promise<void> {
  const ordered = parentsFirst(withRunTable(specs));
  for (const s of ordered) specAttributes(s);
  const declared = new Set(ordered.map((s) => s.name.toLowerCase()));
  for (const s of ordered) {
    for (const [name, col] of Object.entries(s.columns)) {
      const ref = columnReference(col);
      if (ref !== null && !declared.has(ref.table.toLowerCase()) && !(await tableExists(seq, ref.table))) {
        throw new LumixError('SCHEMA_ERROR', `Table ${s.name}, column ${name} references table ${ref.table}, which does not exist; create it first or in the same call.`, {
          details: { table: s.name, column: name, references: ref.table },
        });
      }
    }
  }
  await withTransaction(seq, (t) => createInTransaction(seq, ordered, t));
}

/** {@link createTables} inside the caller's transaction (DDL is transactional in SQLite). */
export async function createTablesInTransaction(seq: Sequelize, specs: readonly TableSpec[], t: Transaction): Promise<void> {
  await createInTransaction(seq, parentsFirst(withRunTable(specs)), t);
}
