// The step-4 model on the tutorial data (lumix-apps.md §1.4): the literal variant reproduces
// LumiX's numbers (weighted 2,241,777.78, P1 5/6, P2 3/5, P3 1/4; lexicographic net 35,560.17);
// the correct variant links setups to production and serves orders from production plus stock.
import { describe, expect, it } from 'vitest';
import { readJsonFixture } from '@lumix/test-fixtures';
import { chooseSolver } from '@lumix/app-kit';
import { validateProductionData } from '../src/data/validate-production-data.js';
import { buildMultiPeriodModel, type MultiPeriodData } from '../src/model/multi-period-model.js';

function step4(): MultiPeriodData {
  const d = validateProductionData(readJsonFixture('tutorial/production_step4.json'), 'step4');
  return {
    products: d.products.map((p) => ({ id: p.id, name: p.name, profit_per_unit: p.profit_per_unit, holding_cost_per_unit: p.holding_cost_per_unit ?? 0 })),
    machines: d.machines,
    materials: d.raw_materials,
    periods: [...(d.periods ?? [])].sort((a, b) => a.week_number - b.week_number),
    recipes: d.production_recipes,
    requirements: d.material_requirements,
    batches: d.production_batches ?? [],
    setups: d.setup_costs ?? [],
    orders: (d.customer_orders ?? []).map((o) => ({ ...o, period_id: o.period_id! })),
  };
}
const highs = (await chooseSolver({ cwd: process.cwd(), name: 'highs', env: {} })).solver;

const sat = (sol: { goals: { priorities: readonly { priority: number; satisfied: number; total: number }[] } }): string[] =>
  sol.goals.priorities.map((p) => `P${p.priority} ${p.satisfied}/${p.total}`);

describe('multi-period model (step 4)', () => {
  it('lumix variant, weighted: 2,241,777.78 with P1 5/6, P2 3/5, P3 1/4 and no setup ever made', async () => {
    const b = buildMultiPeriodModel(step4(), 'lumix');
    const sol = await b.model.solve({ solver: highs, mipGap: 0, goals: { mode: 'weighted' } });
    expect(sol.status).toBe('optimal');
    expect(sol.goals.penalty).toBeCloseTo(2_241_777.78, 1);
    expect(sat(sol)).toEqual(['P1 5/6', 'P2 3/5', 'P3 1/4']);
    expect(sol.goals.priorities.map((p) => p.deviation)).toEqual([expect.closeTo(14, 5), expect.closeTo(75, 5), expect.closeTo(91.777778, 5)]);
  });

  it('lumix variant, lexicographic: net 35,560.17', async () => {
    const b = buildMultiPeriodModel(step4(), 'lumix');
    const sol = await b.model.solve({ solver: highs, mipGap: 0 });
    expect(sol.status).toBe('optimal');
    expect(sol.objective).toBeCloseTo(35_560.17, 1);
    expect(sat(sol)).toEqual(['P1 5/6', 'P2 3/5', 'P3 1/4']);
  });

  it('correct variant: setups link production, stock serves orders; P2 gains an order (4/5) and P3 shortfall falls to 78', async () => {
    const b = buildMultiPeriodModel(step4(), 'correct');
    const sol = await b.model.solve({ solver: highs, mipGap: 0 });
    expect(sol.status).toBe('optimal');
    expect(sat(sol)).toEqual(['P1 5/6', 'P2 4/5', 'P3 1/4']);
    expect(sol.goals.priorities.map((p) => p.deviation)).toEqual([expect.closeTo(14, 4), expect.closeTo(25, 4), expect.closeTo(78, 4)]);
    expect(sol.objective).toBeCloseTo(35_880.83, 0);
    // Every (product, week) with production is set up, and makes at least its minimum batch.
    const batch = new Map(step4().batches.map((x) => [x.product_id, x.min_batch_size]));
    for (const { item, value } of sol.entries(b.prod)) {
      const y = sol.value(b.setup, [item.product.id, item.period.id]);
      if (value > 1e-6) {
        expect(y).toBeCloseTo(1, 6);
        expect(value).toBeGreaterThanOrEqual((batch.get(item.product.id) ?? 0) - 1e-6);
      }
    }
    const weighted = await buildMultiPeriodModel(step4(), 'correct').model.solve({ solver: highs, mipGap: 0, goals: { mode: 'weighted' } });
    expect(weighted.goals.penalty).toBeCloseTo(1_728_000, 1);
  });
});
