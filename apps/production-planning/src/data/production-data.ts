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
  /** $ per unit held in stock from one period to the next (multi-period data; default 0). */
  readonly holding_cost_per_unit?: number;
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

/** Customer tiers (step 3); the tutorial ties the priority to the tier (GOLD 1, SILVER 2, BRONZE 3) but stores both. */
export const CUSTOMER_TIERS = ['GOLD', 'SILVER', 'BRONZE'] as const;

/** A customer (`customers` table, step 3). */
interface CustomerRecord {
  readonly id: number;
  readonly name: string;
  /** One of {@link CUSTOMER_TIERS}. */
  readonly tier: string;
  /** 1 (most important) to 3. */
  readonly priority_level: number;
}

/** A customer order (`customer_orders`, step 3): a goal "make at least `target_quantity` of the product", at `priority` 1–3 (1 first). */
export interface OrderRecord {
  readonly id: number;
  readonly customer_id: number;
  readonly product_id: number;
  readonly target_quantity: number;
  /** Week the order is due (≥ 1; the single-period model of step 3 plans one week). */
  readonly due_week: number;
  /** The period the order is due in (multi-period data); without it, the period whose week_number is `due_week`. */
  readonly period_id?: number | null;
  readonly priority: number;
  /** The customer's name, when the row was read joined with `customers` (not a column of the table). */
  readonly customer_name?: string;
}

/** A planning period (`periods`, step 4): a week. */
export interface PeriodRecord {
  readonly id: number;
  readonly week_number: number;
  readonly name: string;
}

/** The smallest run of a product (`production_batches`, step 4): a week that makes it makes at least this many. */
export interface BatchRecord {
  readonly id: number;
  readonly product_id: number;
  readonly min_batch_size: number;
}

/** The cost and machine hours of setting up a machine for a product in a week (`setup_costs`, step 4). */
export interface SetupRecord {
  readonly id: number;
  readonly product_id: number;
  readonly machine_id: number;
  readonly cost: number;
  readonly setup_hours: number;
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
  /** Step 3's customers; absent or empty in step 1–2 data. */
  readonly customers?: readonly CustomerRecord[];
  /** Step 3's orders, each a goal; absent or empty in step 1–2 data (the plan then just maximises profit). */
  readonly customer_orders?: readonly OrderRecord[];
  /** Step 4's weeks; with them the plan is multi-period (setups, batches, inventory). */
  readonly periods?: readonly PeriodRecord[];
  readonly production_batches?: readonly BatchRecord[];
  readonly setup_costs?: readonly SetupRecord[];
  /** Step 5's named scenarios (multipliers on the base data, in `scenario_parameters`). */
  readonly scenarios?: readonly ScenarioRecord[];
  readonly scenario_parameters?: readonly ScenarioParameterRecord[];
}

/** The `scenario_type` values of the tutorial's `scenarios` table. */
export const SCENARIO_TYPES = ['demand', 'cost', 'capacity', 'mixed'] as const;

/**
 * The multipliers a scenario can set (`scenario_parameters.parameter_type`), each applied to the
 * base data when the scenario is solved (see `src/analysis/scenario-data.ts`). The tutorial's
 * `material_cost_multiplier` is accepted and stored, but the model has no material-cost term
 * (profit per unit is already the margin), so it changes nothing and `scenarios` says so.
 */
export const SCENARIO_PARAMETER_TYPES = [
  'demand_multiplier',
  'machine_capacity_multiplier',
  'material_availability_multiplier',
  'profit_margin_multiplier',
  'holding_cost_multiplier',
  'setup_cost_multiplier',
  'material_cost_multiplier',
] as const;

/** One of {@link SCENARIO_PARAMETER_TYPES}. */
export type ScenarioParameterType = (typeof SCENARIO_PARAMETER_TYPES)[number];

/** A named scenario (`scenarios`, step 5). */
interface ScenarioRecord {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  /** One of {@link SCENARIO_TYPES}. */
  readonly scenario_type: string;
  /** 1 for the reference scenario (at most one), else 0. */
  readonly is_baseline: number;
}

/** One multiplier of a scenario (`scenario_parameters`, step 5). */
interface ScenarioParameterRecord {
  readonly id: number;
  readonly scenario_id: number;
  /** One of {@link SCENARIO_PARAMETER_TYPES}. */
  readonly parameter_type: string;
  /** The factor (> 0) applied to the base value. */
  readonly parameter_value: number;
  readonly parameter_description?: string | null;
}

/** The data tables, parents first (the order to insert in). */
export const DATA_TABLES = [
  'products',
  'machines',
  'raw_materials',
  'periods',
  'customers',
  'production_recipes',
  'material_requirements',
  'production_batches',
  'setup_costs',
  'customer_orders',
  'scenarios',
  'scenario_parameters',
] as const;

/** Tables a data file may leave out (step 1–2 data has no customers or orders). */
export const OPTIONAL_TABLES: readonly DataTable[] = ['customers', 'customer_orders', 'periods', 'production_batches', 'setup_costs', 'scenarios', 'scenario_parameters'];

/** One of {@link DATA_TABLES}. */
export type DataTable = (typeof DATA_TABLES)[number];
