/** A product: what it earns per unit and the demand band a plan must respect. Column names as in the `products` table. */
export interface ProductRecord {
  readonly id: number;
  readonly name: string;
  /** Profit per unit made, in $. */
  readonly profit_per_unit: number;
  /** Units that must be made at least (default 0). */
  readonly min_demand: number;
  /** Units that can be sold at most. */
  readonly max_demand: number;
}

/** A machine and the hours it is available in the planning week (`machines` table). */
export interface MachineRecord {
  readonly id: number;
  readonly name: string;
  readonly available_hours: number;
}

/** A raw material and the quantity on hand (`raw_materials` table). The cost is stored but not used by the LP. */
export interface MaterialRecord {
  readonly id: number;
  readonly name: string;
  readonly available_quantity: number;
  readonly cost_per_unit: number;
}

/** Hours one unit of a product needs on a machine (`production_recipes`); a missing pair means 0. */
export interface RecipeRecord {
  readonly id: number;
  readonly product_id: number;
  readonly machine_id: number;
  readonly hours_required: number;
}

/** Quantity of a material one unit of a product needs (`material_requirements`); a missing pair means 0. */
export interface RequirementRecord {
  readonly id: number;
  readonly product_id: number;
  readonly material_id: number;
  readonly quantity_required: number;
}

/**
 * A whole production data set, keyed like the tables (and like `production_step2.json`).
 */
export interface ProductionData {
  readonly products: readonly ProductRecord[];
  readonly machines: readonly MachineRecord[];
  readonly raw_materials: readonly MaterialRecord[];
  readonly production_recipes: readonly RecipeRecord[];
  readonly material_requirements: readonly RequirementRecord[];
}

/** The five data tables, parents first (the order to insert in). */
export const DATA_TABLES = ['products', 'machines', 'raw_materials', 'production_recipes', 'material_requirements'] as const;

/** One of {@link DATA_TABLES}. */
export type DataTable = (typeof DATA_TABLES)[number];
