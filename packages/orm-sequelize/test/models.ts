import { BelongsTo, Column, DataType, ForeignKey, HasMany, Model, Table } from 'sequelize-typescript';

// Every @Column names its DataType: vitest compiles with esbuild/oxc, which emit no decorator
// metadata, so sequelize-typescript could not infer the type from the property.

@Table({ tableName: 'products', timestamps: false })
export class Product extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.TEXT, allowNull: false, unique: true })
  declare name: string;

  @Column({ type: DataType.REAL, allowNull: false, field: 'profit_per_unit' })
  declare profitPerUnit: number;

  @Column({ type: DataType.REAL, allowNull: false, field: 'max_demand' })
  declare maxDemand: number;

  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: true })
  declare active: boolean;

  @HasMany(() => Recipe)
  declare recipes?: Recipe[];
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

@Table({ tableName: 'recipes', timestamps: false, indexes: [{ unique: true, fields: ['product_id', 'machine_id'] }] })
export class Recipe extends Model {
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

  @BelongsTo(() => Product)
  declare product?: Product;

  @BelongsTo(() => Machine)
  declare machine?: Machine;
}

export const MODELS = [Product, Machine, Recipe];
