import { DataTypes, type ModelAttributeColumnOptions, type Sequelize, type Transaction } from 'sequelize';
import { LumixError, columnReference, validateTableSpec, type ColumnType, type TableSpec } from '@lumix/core';
import { createTableSql } from '@lumix/sql';
import { execute } from './sql-query.js';

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

/**
 * Creates one spec's table through `queryInterface.createTable` (`CREATE TABLE IF NOT EXISTS`,
 * composite unique keys as `uq_<table>_<i>`), then its indexes, inside `transaction`.
 */
export async function createSpecTable(seq: Sequelize, spec: TableSpec, transaction: Transaction | undefined): Promise<void> {
  const qi = seq.getQueryInterface();
  const uniqueKeys: Record<string, { fields: string[]; customIndex: true }> = {};
  (spec.unique ?? []).forEach((cols, i) => {
    uniqueKeys[`uq_${spec.name}_${i}`] = { fields: [...cols], customIndex: true };
  });
  await qi.createTable(spec.name, specAttributes(spec), { transaction, uniqueKeys } as Parameters<typeof qi.createTable>[2]);
  for (const sql of createTableSql(spec).slice(1)) await execute(seq, sql, [], { transaction });
}
