import { Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';

// The README's models (tutorial production step 1). Every @Column names its DataType: vitest
// compiles TypeScript without decorator metadata, so the type cannot be inferred.

@Table({ tableName: 'products', timestamps: false })
export class Product extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;
  @Column({ type: DataType.TEXT, allowNull: false, unique: true })
  declare name: string;
  @Column({ type: DataType.REAL, allowNull: false, field: 'profit_per_unit' })
  declare profitPerUnit: number;
  @Column({ type: DataType.REAL, allowNull: false, defaultValue: 0, field: 'min_demand' })
  declare minDemand: number;
  @Column({ type: DataType.REAL, allowNull: false, field: 'max_demand' })
  declare maxDemand: number;
}

@Table({ tableName: 'machines', timestamps: false })
export class Machine extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;
  @Column({ type: DataType.TEXT, allowNull: false, unique: true })
  declare name: string;
  @Column({ type: DataType.REAL, allowNull: false, field: 'available_hours' })
  declare availableHours: number;
}

@Table({ tableName: 'production_recipes', timestamps: false, indexes: [{ unique: true, fields: ['product_id', 'machine_id'] }] })
export class ProductionRecipe extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;
  @ForeignKey(() => Product)
  @Column({ type: DataType.INTEGER, allowNull: false, field: 'product_id' })
  declare productId: number;
  @ForeignKey(() => Machine)
  @Column({ type: DataType.INTEGER, allowNull: false, field: 'machine_id' })
  declare machineId: number;
  @Column({ type: DataType.REAL, allowNull: false, field: 'hours_required' })
  declare hoursRequired: number;
}

@Table({ tableName: 'raw_materials', timestamps: false })
export class RawMaterial extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;
  @Column({ type: DataType.TEXT, allowNull: false, unique: true })
  declare name: string;
  @Column({ type: DataType.REAL, allowNull: false, field: 'available_quantity' })
  declare availableQuantity: number;
  @Column({ type: DataType.REAL, allowNull: false, field: 'cost_per_unit' })
  declare costPerUnit: number;
}

@Table({ tableName: 'material_requirements', timestamps: false, indexes: [{ unique: true, fields: ['product_id', 'material_id'] }] })
export class MaterialRequirement extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;
  @ForeignKey(() => Product)
  @Column({ type: DataType.INTEGER, allowNull: false, field: 'product_id' })
  declare productId: number;
  @ForeignKey(() => RawMaterial)
  @Column({ type: DataType.INTEGER, allowNull: false, field: 'material_id' })
  declare materialId: number;
  @Column({ type: DataType.REAL, allowNull: false, field: 'quantity_required' })
  declare quantityRequired: number;
}

/** Solution rows: one per product and run; deleting a run deletes its rows. */
@Table({ tableName: 'production_plan', timestamps: false, indexes: [{ unique: true, fields: ['run_id', 'product_id'] }] })
export class ProductionPlan extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;
  @Column({ type: DataType.INTEGER, allowNull: false, field: 'run_id', references: { model: 'solve_runs', key: 'id' }, onDelete: 'CASCADE' })
  declare runId: number;
  @ForeignKey(() => Product)
  @Column({ type: DataType.INTEGER, allowNull: false, field: 'product_id' })
  declare productId: number;
  @Column({ type: DataType.REAL, allowNull: false })
  declare quantity: number;
}

export const README_MODELS = [Product, Machine, ProductionRecipe, RawMaterial, MaterialRequirement, ProductionPlan];
