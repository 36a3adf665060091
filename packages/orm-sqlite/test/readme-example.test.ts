// The README's example, run as written: a production model built from the database with
// fromTable + lookup, solved with HiGHS, its plan saved with saveRun and read back.
import { mkdtempSync, rmSync } from 'node:fs';
import { createHighsSolver } from '@lumix/solver-highs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Model, solutionTable, type TableSpec } from '@lumix/core';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { readJsonFixture } from '@lumix/test-fixtures';

interface Step1 {
  products: { id: number; name: string; profit_per_unit: number; min_demand: number; max_demand: number }[];
  machines: { id: number; name: string; available_hours: number }[];
  production_recipes: { product_id: number; machine_id: number; hours_required: number }[];
  raw_materials: { id: number; name: string; available_quantity: number; cost_per_unit: number }[];
  material_requirements: { product_id: number; material_id: number; quantity_required: number }[];
  expected: { objective_total_profit: number; production: Record<string, number> };
}

const dir = mkdtempSync(join(tmpdir(), 'lumix-readme-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// --- README: schema ------------------------------------------------------------------------
const TABLES: TableSpec[] = [
  {
    name: 'products',
    columns: {
      id: { type: 'integer', primaryKey: true },
      name: { type: 'text', unique: true },
      profit_per_unit: { type: 'real' },
      min_demand: { type: 'real', default: 0 },
      max_demand: { type: 'real' },
    },
  },
  { name: 'machines', columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text', unique: true }, available_hours: { type: 'real' } } },
  {
    name: 'production_recipes',
    columns: {
      id: { type: 'integer', primaryKey: true },
      product_id: { type: 'integer', references: 'products' },
      machine_id: { type: 'integer', references: 'machines' },
      hours_required: { type: 'real' },
    },
    unique: [['product_id', 'machine_id']],
  },
  {
    name: 'raw_materials',
    columns: { id: { type: 'integer', primaryKey: true }, name: { type: 'text', unique: true }, available_quantity: { type: 'real' }, cost_per_unit: { type: 'real' } },
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
  },
  // Solution rows: id, run_id -> solve_runs(id) ON DELETE CASCADE, then these columns.
  solutionTable('production_plan', { product_id: { type: 'integer', references: 'products' }, quantity: { type: 'real' } }, { unique: [['product_id']] }),
];

it('readme/production-model-from-the-database-solved-and-saved', async () => {
  const data = readJsonFixture<Step1>('tutorial/production_step1.json');
  const file = join(dir, 'production.db');
  const seed = await openSqliteAdapter(file);
  await seed.createTables(TABLES);
  await seed.insertRows('products', data.products);
  await seed.insertRows('machines', data.machines);
  await seed.insertRows('production_recipes', data.production_recipes);
  await seed.insertRows('raw_materials', data.raw_materials);
  await seed.insertRows('material_requirements', data.material_requirements);
  await seed.close();

  // --- README: build, solve, save ----------------------------------------------------------
  type Product = { id: number; name: string; profit_per_unit: number; min_demand: number; max_demand: number };
  type Machine = { id: number; available_hours: number };
  type Material = { id: number; available_quantity: number };

  const db = await openSqliteAdapter(file); // foreign keys on
  const products = db.fromTable<Product>('products'); // one SELECT per build
  const machines = db.fromTable<Machine>('machines');
  const materials = db.fromTable<Material>('raw_materials');
  const hours = await db.lookup('production_recipes', ['product_id', 'machine_id'], 'hours_required');
  const usage = await db.lookup('material_requirements', ['product_id', 'material_id'], 'quantity_required');

  const m = new Model('production');
  const make = m.continuous('make', products, { key: (p) => p.id, lb: (p) => p.min_demand, ub: (p) => p.max_demand });
  m.constraints('machine_hours', machines, (mc) => make.sum((p) => hours.getOr(0, p.id, mc.id)).le(mc.available_hours), { key: (mc) => mc.id });
  m.constraints('materials', materials, (mat) => make.sum((p) => usage.getOr(0, p.id, mat.id)).le(mat.available_quantity), { key: (mat) => mat.id });
  m.maximize(() => make.sum((p) => p.profit_per_unit));

  const solution = await m.solve({ solver: createHighsSolver() });

  const run = await db.saveRun(solution, {
    label: 'week 12',
    rows: () => ({
      production_plan: solution.entries(make).map((e) => ({ product_id: e.item.id, quantity: e.value })),
    }),
  });

  const latest = await db.latestRun({ modelName: 'production' });
  const plan = await db.readRunRows<{ product_id: number; quantity: number }>('production_plan', latest!.id);
  await db.close();
  // --- end of README excerpt ---------------------------------------------------------------

  expect(solution.status).toBe('optimal');
  expect(solution.objective).toBeCloseTo(data.expected.objective_total_profit, 6);
  expect(latest!.id).toBe(run.id);
  expect(latest!.label).toBe('week 12');
  expect(latest!.solver).toBe('highs');
  expect(latest!.objective).toBeCloseTo(data.expected.objective_total_profit, 6);
  expect([latest!.numVariables, latest!.numConstraints]).toEqual([3, 5]);
  const byName = new Map(data.products.map((p) => [p.id, p.name]));
  for (const row of plan) expect(row.quantity).toBeCloseTo(data.expected.production[byName.get(row.product_id)!]!, 6);
  expect(plan).toHaveLength(3);
});
