import 'reflect-metadata';
import { AllowNull, Column, DataType, ForeignKey, Model, PrimaryKey, Table, Unique } from 'sequelize-typescript';

// Every @Column names its DataType: esbuild (tsx, vitest) emits no decorator metadata, so
// sequelize-typescript cannot infer types. Fields are `declare`d so that class fields do not
// shadow Sequelize's attribute accessors. The tables themselves are created from
// PRODUCTION_SCHEMA (one definition for both ORMs); these models map onto them and never sync.

/** `products`: one row per product. */
@Table({ tableName: 'products', timestamps: false })
export class Product extends Model {
  @PrimaryKey
  @Column(DataType.INTEGER)
  declare id: number;

  @AllowNull(false)
  @Unique
  @Column(DataType.TEXT)
  declare name: string;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare profit_per_unit: number;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare min_demand: number;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare max_demand: number;

  /** $ per unit held a week (multi-period data; 0 otherwise). */
  @AllowNull(false)
  @Column(DataType.REAL)
  declare holding_cost_per_unit: number;
}

/** `machines`: one row per machine. */
@Table({ tableName: 'machines', timestamps: false })
export class Machine extends Model {
  @PrimaryKey
  @Column(DataType.INTEGER)
  declare id: number;

  @AllowNull(false)
  @Unique
  @Column(DataType.TEXT)
  declare name: string;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare available_hours: number;

  /** $ per hour (stored as the tutorial has it; no model uses it). */
  @AllowNull(false)
  @Column(DataType.REAL)
  declare hourly_cost: number;
}

/** `raw_materials`: one row per material. */
@Table({ tableName: 'raw_materials', timestamps: false })
export class RawMaterial extends Model {
  @PrimaryKey
  @Column(DataType.INTEGER)
  declare id: number;

  @AllowNull(false)
  @Unique
  @Column(DataType.TEXT)
  declare name: string;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare available_quantity: number;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare cost_per_unit: number;
}

/** `production_recipes`: hours one unit of a product needs on a machine. */
@Table({ tableName: 'production_recipes', timestamps: false })
class ProductionRecipe extends Model {
  @PrimaryKey
  @Column(DataType.INTEGER)
  declare id: number;

  @ForeignKey(() => Product)
  @AllowNull(false)
  @Column(DataType.INTEGER)
  declare product_id: number;

  @ForeignKey(() => Machine)
  @AllowNull(false)
  @Column(DataType.INTEGER)
  declare machine_id: number;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare hours_required: number;
}

/** `material_requirements`: quantity of a material one unit of a product needs. */
@Table({ tableName: 'material_requirements', timestamps: false })
class MaterialRequirement extends Model {
  @PrimaryKey
  @Column(DataType.INTEGER)
  declare id: number;

  @ForeignKey(() => Product)
  @AllowNull(false)
  @Column(DataType.INTEGER)
  declare product_id: number;

  @ForeignKey(() => RawMaterial)
  @AllowNull(false)
  @Column(DataType.INTEGER)
  declare material_id: number;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare quantity_required: number;
}

/** `production_schedules` (solution): units of each product in one run. */
@Table({ tableName: 'production_schedules', timestamps: false })
class ProductionSchedule extends Model {
  @PrimaryKey
  @Column(DataType.INTEGER)
  declare id: number;

  @AllowNull(false)
  @Column(DataType.INTEGER)
  declare run_id: number;

  @ForeignKey(() => Product)
  @AllowNull(false)
  @Column(DataType.INTEGER)
  declare product_id: number;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare quantity: number;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare profit_contribution: number;

  @AllowNull(true)
  @Column(DataType.REAL)
  declare reduced_cost: number | null;
}

/** `resource_utilization` (solution): use of each machine and material in one run. */
@Table({ tableName: 'resource_utilization', timestamps: false })
class ResourceUtilization extends Model {
  @PrimaryKey
  @Column(DataType.INTEGER)
  declare id: number;

  @AllowNull(false)
  @Column(DataType.INTEGER)
  declare run_id: number;

  @AllowNull(false)
  @Column(DataType.TEXT)
  declare resource_type: string;

  @AllowNull(false)
  @Column(DataType.INTEGER)
  declare resource_id: number;

  @AllowNull(false)
  @Column(DataType.TEXT)
  declare resource_name: string;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare used: number;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare available: number;

  @AllowNull(false)
  @Column(DataType.REAL)
  declare utilization_pct: number;

  @AllowNull(true)
  @Column(DataType.REAL)
  declare shadow_price: number | null;
}

/** Every model of the production database, to register with a Sequelize instance. */
export const PRODUCTION_MODELS = [Product, Machine, RawMaterial, ProductionRecipe, MaterialRequirement, ProductionSchedule, ResourceUtilization] as const;
