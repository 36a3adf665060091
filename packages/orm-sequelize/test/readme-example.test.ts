// The README's example, run as written: sequelize-typescript models synced, a production model
// built with fromModel + lookup(Model), solved with HiGHS, its plan saved with saveRun and read
// back both through the adapter and through the Sequelize model.
import { mkdtempSync, rmSync } from 'node:fs';
import { createHighsSolver } from '@lumix/solver-highs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Model } from '@lumix/core';
import { defineSolveRunModel, fromModel, latestRun, lookup, openSequelize, readRunRows, saveRun } from '@lumix/orm-sequelize';
import { readJsonFixture } from '@lumix/test-fixtures';
import { MaterialRequirement, Machine, Product, ProductionPlan, ProductionRecipe, RawMaterial, README_MODELS } from './readme-models.js';

interface Step1 {
  products: { id: number; name: string; profit_per_unit: number; min_demand: number; max_demand: number }[];
  machines: { id: number; name: string; available_hours: number }[];
  production_recipes: { product_id: number; machine_id: number; hours_required: number }[];
  raw_materials: { id: number; name: string; available_quantity: number; cost_per_unit: number }[];
  material_requirements: { product_id: number; material_id: number; quantity_required: number }[];
  expected: { objective_total_profit: number; production: Record<string, number> };
}

const dir = mkdtempSync(join(tmpdir(), 'lumix-readme-sequelize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('readme/production-model-from-sequelize-models-solved-and-saved', async () => {
  const data = readJsonFixture<Step1>('tutorial/production_step1.json');

  // --- README: open, sync ----------------------------------------------------------------------
  const sequelize = await openSequelize(join(dir, 'production.db'), { models: README_MODELS }); // FKs on every connection
  defineSolveRunModel(sequelize); // solve_runs as a model, so sync() creates it before production_plan
  await sequelize.sync();
  // --- end of README excerpt -------------------------------------------------------------------

  await Product.bulkCreate(data.products.map((p) => ({ id: p.id, name: p.name, profitPerUnit: p.profit_per_unit, minDemand: p.min_demand, maxDemand: p.max_demand })));
  await Machine.bulkCreate(data.machines.map((m) => ({ id: m.id, name: m.name, availableHours: m.available_hours })));
  await ProductionRecipe.bulkCreate(data.production_recipes.map((r) => ({ productId: r.product_id, machineId: r.machine_id, hoursRequired: r.hours_required })));
  await RawMaterial.bulkCreate(data.raw_materials.map((r) => ({ id: r.id, name: r.name, availableQuantity: r.available_quantity, costPerUnit: r.cost_per_unit })));
  await MaterialRequirement.bulkCreate(
    data.material_requirements.map((r) => ({ productId: r.product_id, materialId: r.material_id, quantityRequired: r.quantity_required })),
  );

  // --- README: build, solve, save --------------------------------------------------------------
  const products = fromModel(Product); // plain records, one findAll per build
  const machines = fromModel(Machine);
  const materials = fromModel(RawMaterial);
  const hours = await lookup(ProductionRecipe, (r) => [r.productId, r.machineId], (r) => r.hoursRequired); // one query
  const usage = await lookup(MaterialRequirement, ['productId', 'materialId'], 'quantityRequired');

  const m = new Model('production');
  const make = m.continuous('make', products, { key: (p) => p.id, lb: (p) => p.minDemand, ub: (p) => p.maxDemand });
  m.constraints('machine_hours', machines, (mc) => make.sum((p) => hours.getOr(0, p.id, mc.id)).le(mc.availableHours), { key: (mc) => mc.id });
  m.constraints('materials', materials, (mat) => make.sum((p) => usage.getOr(0, p.id, mat.id)).le(mat.availableQuantity), { key: (mat) => mat.id });
  m.maximize(() => make.sum((p) => p.profitPerUnit));

  const solution = await m.solve({ solver: createHighsSolver() });

  const run = await saveRun(sequelize, solution, {
    label: 'week 12',
    // Rows are written to the table, so they use column names (product_id), not attribute names.
    rows: () => ({ production_plan: solution.entries(make).map((e) => ({ product_id: e.item.id, quantity: e.value })) }),
  });

  const latest = await latestRun(sequelize, { modelName: 'production' });
  const plan = await readRunRows<{ product_id: number; quantity: number }>(sequelize, 'production_plan', latest!.id);
  const asModels = await ProductionPlan.findAll({ where: { runId: latest!.id }, order: [['productId', 'ASC']] });
  await sequelize.close();
  // --- end of README excerpt -------------------------------------------------------------------

  expect(solution.status).toBe('optimal');
  expect(solution.objective).toBeCloseTo(data.expected.objective_total_profit, 6);
  expect(latest!.id).toBe(run.id);
  expect(latest!.label).toBe('week 12');
  expect(latest!.objective).toBeCloseTo(data.expected.objective_total_profit, 6);
  const byName = new Map(data.products.map((p) => [p.id, p.name]));
  expect(plan).toHaveLength(3);
  for (const row of plan) expect(row.quantity).toBeCloseTo(data.expected.production[byName.get(row.product_id)!]!, 6);
  expect(asModels.map((p) => p.quantity)).toEqual(plan.map((p) => p.quantity));
});
