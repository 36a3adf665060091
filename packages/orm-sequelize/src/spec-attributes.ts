import { DataTypes, type ModelAttributeColumnOptions } from 'sequelize';
import { LumixError, columnReference, validateTableSpec, type ColumnType, type TableSpec } from '@lumix/core';

const DATA_TYPES: Record<ColumnType, ModelAttributeColumnOptions['type']> = {
  integer: DataTypes.INTEGER,
  real: DataTypes.REAL,
  text: DataTypes.TEXT,
  boolean: DataTypes.BOOLEAN,
  datetime: DataTypes.DATE,
};

/**
 * The Sequelize attribute definitions of a spec, as `sequelize.define` and `queryInterface.createTable`
 * take them (`defineSolveRunModel` uses it for `solve_runs`).
 */
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
