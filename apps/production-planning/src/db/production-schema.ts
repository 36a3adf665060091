import { SOLVE_RUNS_SPEC, solutionTable, type TableSpec } from '@lumix/core';

/**
 * The tables of the production database, parents first. Table and column names are the
 * tutorial's; `solve_runs`, the `run_id` of both solution tables, `production_schedules.reduced_cost`
 * and `resource_utilization.shadow_price` are ours (every run is kept, with its sensitivity figures).
 *
 * Declared rules, enforced by SQLite (foreign keys on): names are unique per table; one recipe per
 * (product, machine) and one requirement per (product, material); every recipe, requirement and
 * schedule row points at an existing product, machine or material; within one run, one schedule
 * row per product and one utilisation row per resource; deleting a run deletes its rows. Signs
 * and the demand band are checked by the app, on seeding and again on every solve.
 */
export const PRODUCTION_SCHEMA: readonly TableSpec[] = [
  {
    name: 'products',
    columns: {
      id: { type: 'integer', primaryKey: true },
      name: { type: 'text', unique: true },
      profit_per_unit: { type: 'real' },
      min_demand: { type: 'real', default: 0 },
      max_demand: { type: 'real' },
      holding_cost_per_unit: { type: 'real', default: 0 },
    },
  },
  {
    name: 'machines',
    columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text', unique: true }, available_hours: { type: 'real' }, hourly_cost: { type: 'real', default: 0 } },
  },
  {
    name: 'periods',
    columns: { id: { type: 'integer', primaryKey: true }, week_number: { type: 'integer', unique: true }, name: { type: 'text' } },
  },
  {
    name: 'raw_materials',
    columns: {
      id: { type: 'integer', primaryKey: true },
      name: { type: 'text', unique: true },
      available_quantity: { type: 'real' },
      cost_per_unit: { type: 'real' },
    },
  },
  {
    name: 'customers',
    columns: {
      id: { type: 'integer', primaryKey: true },
      name: { type: 'text', unique: true },
      tier: { type: 'text' },
      priority_level: { type: 'integer' },
    },
  },
  {
    name: 'production_recipes',
    columns: {
      id: { type: 'integer', primaryKey: true },
      product_id: { type: 'integer', references: 'products' },
      machine_id: { type: 'integer', references: 'machines' },
      hours_required: { type: 'real' },
    },
    unique: [['product_id', 'machine_id']],
    indexes: [['machine_id']],
  },
  {
    name: 'material_requirements',
    columns: {
      id: { type: 'integer', primaryKey: true },
      product_id: { type: 'integer', references: 'products' },
      material_id: { type: 'integer', references: 'raw_materials' },
      quantity_required: { type: 'real' },
    },
    unique: [['product_id', 'material_id']],
    indexes: [['material_id']],
  },
  {
    name: 'production_batches',
    columns: { id: { type: 'integer', primaryKey: true }, product_id: { type: 'integer', references: 'products', unique: true }, min_batch_size: { type: 'real' } },
  },
  {
    name: 'setup_costs',
    columns: {
      id: { type: 'integer', primaryKey: true },
      product_id: { type: 'integer', references: 'products' },
      machine_id: { type: 'integer', references: 'machines' },
      cost: { type: 'real' },
      setup_hours: { type: 'real', default: 0 },
    },
    unique: [['product_id', 'machine_id']],
  },
  {
    name: 'customer_orders',
    columns: {
      id: { type: 'integer', primaryKey: true },
      customer_id: { type: 'integer', references: 'customers' },
      product_id: { type: 'integer', references: 'products' },
      target_quantity: { type: 'real' },
      due_week: { type: 'integer', default: 1 },
      period_id: { type: 'integer', references: 'periods', nullable: true },
      priority: { type: 'integer' },
    },
    indexes: [['product_id']],
  },
  {
    // Step 5: named what-if scenarios, each a set of multipliers on the base data (see src/analysis/scenario-data.ts).
    name: 'scenarios',
    columns: {
      id: { type: 'integer', primaryKey: true },
      name: { type: 'text', unique: true },
      description: { type: 'text' },
      scenario_type: { type: 'text' },
      is_baseline: { type: 'integer', default: 0 },
    },
  },
  {
    name: 'scenario_parameters',
    columns: {
      id: { type: 'integer', primaryKey: true },
      scenario_id: { type: 'integer', references: 'scenarios' },
      parameter_type: { type: 'text' },
      parameter_value: { type: 'real' },
      parameter_description: { type: 'text', nullable: true },
    },
    unique: [['scenario_id', 'parameter_type']],
  },
  SOLVE_RUNS_SPEC,
  solutionTable(
    'production_schedules',
    {
      product_id: { type: 'integer', references: 'products' },
      quantity: { type: 'real' },
      profit_contribution: { type: 'real' },
      reduced_cost: { type: 'real', nullable: true },
    },
    { unique: [['product_id']] },
  ),
  solutionTable(
    'resource_utilization',
    {
      resource_type: { type: 'text' },
      resource_id: { type: 'integer' },
      resource_name: { type: 'text' },
      used: { type: 'real' },
      available: { type: 'real' },
      utilization_pct: { type: 'real' },
      shadow_price: { type: 'real', nullable: true },
    },
    { unique: [['resource_type', 'resource_id']] },
  ),
  solutionTable(
    'production_schedules_period',
    {
      product_id: { type: 'integer', references: 'products' },
      period_id: { type: 'integer', references: 'periods' },
      quantity: { type: 'real' },
      sold: { type: 'real' },
      inventory: { type: 'real' },
      setup: { type: 'integer' },
      profit_contribution: { type: 'real' },
    },
    { unique: [['product_id', 'period_id']] },
  ),
  solutionTable(
    'resource_utilization_period',
    {
      resource_type: { type: 'text' },
      resource_id: { type: 'integer' },
      period_id: { type: 'integer', references: 'periods' },
      resource_name: { type: 'text' },
      used: { type: 'real' },
      available: { type: 'real' },
      utilization_pct: { type: 'real' },
    },
    { unique: [['resource_type', 'resource_id', 'period_id']] },
  ),
  solutionTable(
    'order_fulfillment',
    {
      order_id: { type: 'integer', references: 'customer_orders' },
      priority: { type: 'integer' },
      target: { type: 'real' },
      achieved: { type: 'real' },
      shortfall: { type: 'real' },
      satisfied: { type: 'integer' },
    },
    { unique: [['order_id']] },
  ),
  // Step 5: which scenario a run solved (one row per scenario run; a plain solve has none).
  solutionTable('scenario_runs', { scenario_id: { type: 'integer', references: 'scenarios' } }, { unique: [['scenario_id']] }),
];

/** Every table of the production database, in creation order. */
export const PRODUCTION_TABLE_NAMES: readonly string[] = PRODUCTION_SCHEMA.map((t) => t.name);
