import { describe, expect, it } from 'vitest';
import { resolveSolver } from '@lumix/solver-runtime';
import { createLookup } from '@lumix/core';
import { openSequelize } from '@lumix/orm-sequelize';
import { generateProductionData } from '../src/data/generate-production-data.js';
import type { ProductionData } from '../src/data/production-data.js';
import { TUTORIAL_DATA } from '../src/data/tutorial-data.js';
import { PRODUCTION_SCHEMA } from '../src/db/production-schema.js';
import { PRODUCTION_MODELS } from '../src/db/sequelize-models.js';
import { FAMILY, buildProductionModel } from '../src/model/build-production-model.js';
import { demandStatus, planFromSolution } from '../src/model/production-plan.js';

function inputsOf(data: ProductionData) {
  return {
    products: data.products,
    machines: data.machines,
    materials: data.raw_materials,
    hours: createLookup('recipes', data.production_recipes, (r) => [r.product_id, r.machine_id], (r) => r.hours_required),
    usage: createLookup('requirements', data.material_requirements, (r) => [r.product_id, r.material_id], (r) => r.quantity_required),
  };
}

describe('model', () => {
  it('model/tutorial-shape-and-optimum-from-arrays', async () => {
    const built = buildProductionModel(inputsOf(TUTORIAL_DATA));
    const { problem } = await built.model.compile();
    // 3 products; 2 machine rows + 3 material rows; demand bands are column bounds
    expect([problem.numCols, problem.numRows, problem.value.length]).toEqual([3, 5, 13]);
    expect(Array.from(problem.colLower)).toEqual([10, 5, 3]);
    expect(Array.from(problem.colUpper)).toEqual([100, 50, 30]);
    const sol = await built.model.solve({ solver: await resolveSolver('highs') });
    expect(sol.objective).toBeCloseTo(2735.714285714286, 9);
    const plan = planFromSolution(built, sol);
    expect(plan.lines.map((l) => l.demandStatus)).toEqual(['At Minimum', 'At Minimum', 'Within Range']);
    expect(plan.materials.map((m) => m.binding)).toEqual([true, false, false]);
    expect(sol.dual(FAMILY.materialSupply, 1)).toBeCloseTo(40 / 7, 9);
  });

  it('model/non-zeros-equal-recipes-plus-requirements', async () => {
    const data = generateProductionData({ products: 120, machines: 12, materials: 9, seed: 11 });
    const { problem } = await buildProductionModel(inputsOf(data)).model.compile();
    expect(problem.numCols).toBe(120);
    expect(problem.numRows).toBe(21);
    expect(problem.value.length).toBe(data.production_recipes.length + data.material_requirements.length);
  });

  it('model/demand-status-thresholds', () => {
    expect(demandStatus(10.009, 10, 100)).toBe('At Minimum');
    expect(demandStatus(10.02, 10, 100)).toBe('Within Range');
    expect(demandStatus(99.995, 10, 100)).toBe('At Maximum');
  });

  it('schema/sequelize-models-match-the-tables', async () => {
    // sequelize-typescript models only answer once added to an instance
    const sequelize = await openSequelize(':memory:', { models: [...PRODUCTION_MODELS] });
    try {
      for (const model of PRODUCTION_MODELS) {
        const spec = PRODUCTION_SCHEMA.find((t) => t.name === model.getTableName());
        expect(spec, String(model.getTableName())).toBeDefined();
        const attrs = (model as unknown as { getAttributes(): unknown }).getAttributes() as Record<string, { type: { key?: string }; allowNull?: boolean }>;
        expect(Object.keys(attrs).sort()).toEqual(Object.keys(spec!.columns).sort());
        for (const [name, col] of Object.entries(spec!.columns)) {
          const key = attrs[name]!.type.key;
          const expected = { integer: 'INTEGER', real: 'REAL', text: 'TEXT', boolean: 'BOOLEAN', datetime: 'DATE' }[col.type];
          expect(`${model.getTableName() as string}.${name}:${key}`).toBe(`${model.getTableName() as string}.${name}:${expected}`);
          if (col.primaryKey !== true) expect(attrs[name]!.allowNull === true, `${name} nullability`).toBe(col.nullable === true);
        }
      }
    } finally {
      await sequelize.close();
    }
  });
});
