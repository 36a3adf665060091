// Goldens of the production tutorial's steps 5–7 (scenarios, sensitivity, what-if) on LumiX's
// literal weighted model (see support/production-step4.ts), with both solvers: HiGHS re-solves
// warm in a session, GLPK (no sessions) rebuilds. Reference values: shared/reference/lumix-apps.md
// §1.5–1.7, computed independently with scipy/HiGHS.
import { openAnalysis, type Analysis, type Solution, type Solver } from '@lumix/core';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import { readJsonFixture } from '@lumix/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { step4Data, step4Model, type Step4Data, type Step4Model } from './support/production-step4.js';

const WOOD = 1;
const CUTTING = 1;
const solvers: ReadonlyArray<[string, Solver, 'warm' | 'rebuild']> = [
  ['highs', createHighsSolver(), 'warm'],
  ['glpk', createGlpkSolver(), 'rebuild'],
];

/** A fresh build-and-solve of the model from changed data: the reference of every what-if. */
async function coldObjective(data: Step4Data, solver: Solver): Promise<number | null> {
  return (await step4Model(data).model.solve({ solver })).objective;
}

describe.each(solvers)('production step 5–7 goldens (%s)', (_name, solver, path) => {
  let a: Analysis;
  let built: Step4Model;
  beforeAll(async () => {
    built = step4Model(step4Data());
    a = await openAnalysis(built.model, { solver });
  });
  afterAll(() => a.dispose());

  it('solves the step-4 baseline to 2,241,777.78 on the stated path', () => {
    expect(a.path).toBe(path);
    expect(a.baseline.status).toBe('optimal');
    expect(a.baseline.objective).toBeCloseTo(2241777.7778, 3);
  });

  it("step 5: the five scenarios' weighted objectives, Δ and Δ% against the baseline", async () => {
    const params = readJsonFixture<{
      scenarios: Array<{ id: number; name: string }>;
      scenario_parameters: Array<{ scenario_id: number; parameter_type: string; parameter_value: number }>;
    }>('tutorial/production_step5_scenarios.json');
    // demand scales order targets, machine capacity the machine rows, material availability the
    // material rows; the profit/holding/setup multipliers have no effect in weighted mode.
    const family: Record<string, string> = { demand_multiplier: 'order', machine_capacity_multiplier: 'machine', material_availability_multiplier: 'material' };
    const scenarios = params.scenarios.map((s) => ({
      name: s.name,
      changes: params.scenario_parameters
        .filter((p) => p.scenario_id === s.id && family[p.parameter_type] !== undefined)
        .map((p) => ({ rhs: family[p.parameter_type]!, scale: p.parameter_value })),
    }));
    const shortP1 = (s: Solution) => s.entries(built.short, (_v, o) => o.priority === 1).reduce((t, e) => t + e.value, 0);
    const cmp = await a.scenarios(scenarios, { metrics: { woodWeek1: (s) => s.activity('material', [WOOD, 1]), shortP1 } });
    const expected = [2241777.78, 5438214.29, 6105342.86, 4167142.86, 186827.78];
    expect(cmp.scenarios.map((s) => s.name)).toEqual(['Baseline', 'High Demand', 'Supply Chain Crisis', 'Expansion', 'Economic Downturn']);
    cmp.scenarios.forEach((s, k) => {
      expect(s.status).toBe('optimal');
      expect(s.path).toBe(path);
      expect(s.objective).toBeCloseTo(expected[k]!, 1);
      expect(s.delta).toBeCloseTo(expected[k]! - 2241777.78, 1);
      expect(s.deltaPct).toBeCloseTo(((expected[k]! - 2241777.78) / 2241777.78) * 100, 4);
      expect(s.solution.run.options['analysis']).toMatchObject({ scenario: s.name });
    });
    // Shortfall of the priority-1 orders: 14 / 40.28 / 48.2 / 30.72 / 0 (lumix-apps.md §1.5).
    expect(cmp.scenarios.map((s) => s.metrics['shortP1'])).toEqual([14, 40.28, 48.2, 30.72, 0].map((v) => expect.closeTo(v, 2)));
    // Supply crisis: wood at 60 % is used up in week 1.
    expect(cmp.get('Supply Chain Crisis').metrics['woodWeek1']).toBeCloseTo(960, 6);
    // The analysis is back at its baseline afterwards.
    expect((await a.solve()).objective).toBeCloseTo(2241777.7778, 3);
  });

  it('step 7: what-ifs on Wood week 1 (+100, −20 %) and Cutting week 1 (+50) against fresh solves', async () => {
    const up = await a.whatIf({ rhs: 'material', key: [WOOD, 1], by: 100 });
    expect(up.objective).toBeCloseTo(1956063.49, 1);
    expect(up.delta).toBeCloseTo(-285714.29, 1);
    expect(up.deltaPct).toBeCloseTo(-12.745, 2);
    expect(up.path).toBe(path);
    expect(up.changes).toEqual([
      { kind: 'rowBounds', family: 'material', key: [WOOD, 1], index: a.rowIndex('material', [WOOD, 1]), before: [-Infinity, 1600], after: [-Infinity, 1700] },
    ]);
    expect(up.changedDecisions.some((d) => d.family === 'prod')).toBe(true);
    const down = await a.whatIf({ rhs: 'material', key: [WOOD, 1], scale: 0.8 });
    expect(down.objective).toBeCloseTo(3281777.78, 1);
    expect(down.delta).toBeCloseTo(1040000, 1);
    const cutting = await a.whatIf({ rhs: 'machine', key: [CUTTING, 1], by: 50 });
    expect(cutting.delta).toBeCloseTo(0, 4);
  });

  it('a what-if on a whole family slice equals a fresh build from changed data (wood −20 % in every week)', async () => {
    const w = await a.whatIf({ rhs: 'material', where: (it: { material: { id: number } }) => it.material.id === WOOD, scale: 0.8 });
    expect(w.changes).toHaveLength(4);
    const data = step4Data();
    const changed = { ...data, raw_materials: data.raw_materials.map((r) => (r.id === WOOD ? { ...r, available_quantity_per_period: 1280 } : r)) };
    const cold = await coldObjective(changed, solver);
    expect(w.objective).toBeCloseTo(cold!, 4);
    // The same change as a data scenario: the model is declared again from the changed records.
    const cmp = await a.scenarios([{ name: 'wood -20% (data)', model: () => step4Model(changed).model }]);
    expect(cmp.scenarios[0]).toMatchObject({ path: 'model', status: 'optimal' });
    expect(cmp.scenarios[0]!.objective).toBeCloseTo(cold!, 4);
  });

  it('step 7: the sweep of Cutting week 1 over 100..240 h leaves the objective at the baseline', async () => {
    const points = await a.sweep({ rhs: 'machine', key: [CUTTING, 1] }, [100, 120, 140, 160, 180, 200, 220, 240]);
    expect(points.map((p) => p.value)).toEqual([100, 120, 140, 160, 180, 200, 220, 240]);
    for (const p of points) expect(p.objective).toBeCloseTo(2241777.7778, 3);
  });

  it('step 7: the bottleneck scan (+10 on every machine and material row) finds Wood weeks 1, 4, 2 only', async () => {
    const machines = await a.bottlenecks('machine', 10);
    expect(machines).toHaveLength(24);
    for (const e of machines) expect(e.rate).toBeCloseTo(0, 4);
    const materials = await a.bottlenecks('material', 10);
    expect(materials).toHaveLength(36);
    expect(materials.slice(0, 3).map((e) => e.key)).toEqual([
      [WOOD, 1],
      [WOOD, 4],
      [WOOD, 2],
    ]);
    expect(materials.slice(0, 3).map((e) => e.rate)).toEqual([-2857.1429, -833.3333, -22.2222].map((v) => expect.closeTo(v, 3)));
    for (const e of materials.slice(3)) expect(e.rate).toBeCloseTo(0, 4);
  });
});

describe('production step 5, lexicographic reference (highs)', () => {
  it('second stage per scenario: net profit 35,560.17 / 35,948.31 / 21,366.46 / 35,880.83 / 27,918.90 through cost and rhs changes', async () => {
    // Stage 1 is the weighted objective of each scenario (the goldens above); stage 2 keeps it and
    // maximises profit − setup − holding. One analysis of the stage-2 model; each scenario sets the
    // shortfall cap to its stage-1 optimum and scales right-hand sides and costs.
    const cap = (w: number) => w * (1 + 1e-9) + 1e-6;
    const solver = createHighsSolver();
    const multipliers = [
      {},
      { demand: 1.3 },
      { material: 0.6 },
      { machine: 1.5, setup: 0.8, demand: 1.2 },
      { demand: 0.7, holding: 1.1, profit: 0.8 },
    ] as ReadonlyArray<Partial<Record<'demand' | 'material' | 'machine' | 'setup' | 'holding' | 'profit', number>>>;
    const rhs = (k: (typeof multipliers)[number]) => [
      ...(k.demand === undefined ? [] : [{ rhs: 'order', scale: k.demand }]),
      ...(k.material === undefined ? [] : [{ rhs: 'material', scale: k.material }]),
      ...(k.machine === undefined ? [] : [{ rhs: 'machine', scale: k.machine }]),
    ];
    // Stage 1 per scenario: the weighted optimum.
    const stage1 = await (async () => {
      using w = await openAnalysis(step4Model(step4Data()).model, { solver });
      const c = await w.scenarios(multipliers.map((k, s) => ({ name: `scenario ${s + 1}`, changes: rhs(k) })));
      return c.scenarios.map((r) => r.objective!);
    })();
    expect(stage1[4]).toBeCloseTo(186827.78, 1);
    using a = await openAnalysis(step4Model(step4Data(), { shortfallCap: cap(stage1[0]!) }).model, { solver });
    const cmp = await a.scenarios(
      multipliers.map((k, s) => ({
        name: `scenario ${s + 1}`,
        changes: [
          { rhs: 'shortfall_cap', set: cap(stage1[s]!) },
          ...rhs(k),
          ...(k.profit === undefined ? [] : [{ cost: 'prod', scale: k.profit }]),
          ...(k.holding === undefined ? [] : [{ cost: 'inv', scale: k.holding }]),
          ...(k.setup === undefined ? [] : [{ cost: 'is_produced', scale: k.setup }]),
        ],
      })),
    );
    expect(cmp.scenarios.map((s) => s.status)).toEqual(Array(5).fill('optimal'));
    expect(cmp.scenarios.map((s) => s.objective)).toEqual([35560.17, 35948.31, 21366.46, 35880.83, 27918.9].map((v) => expect.closeTo(v, 1)));
  });
});

describe.each(solvers)('production step 6 sensitivity on the LP relaxation (%s)', (_name, solver) => {
  it('Wood weeks 1, 2, 4 have shadow prices −2857.1429, −22.2222, −833.3333; every machine row is slack', async () => {
    using a = await openAnalysis(step4Model(step4Data(), { setupContinuous: true }).model, { solver });
    const s = await a.sensitivity();
    expect(s.objective).toBeCloseTo(2241777.7778, 3);
    const golden: ReadonlyArray<[number, number]> = [
      [1, -2857.1429],
      [2, -22.2222],
      [4, -833.3333],
    ];
    if (solver.name === 'highs') {
      for (const [week, dual] of golden) expect(s.row('material', [WOOD, week]).dual).toBeCloseTo(dual, 3);
    } else {
      // This LP is degenerate at its optimum, so its duals are not unique: GLPK may return another
      // valid one. Any valid dual lies between the objective's one-sided slopes, measured here by
      // what-ifs (the +10 slopes are the tutorial's values).
      for (const [week, dual] of golden) {
        const up = (await a.whatIf({ rhs: 'material', key: [WOOD, week], by: 10 })).delta! / 10;
        const down = (await a.whatIf({ rhs: 'material', key: [WOOD, week], by: -10 })).delta! / -10;
        expect(up).toBeCloseTo(dual, 3);
        const y = s.row('material', [WOOD, week]).dual;
        expect(y).toBeGreaterThanOrEqual(Math.min(up, down) - 1e-6);
        expect(y).toBeLessThanOrEqual(Math.max(up, down) + 1e-6);
      }
    }
    expect(s.row('material', [WOOD, 3]).dual).toBeCloseTo(0, 6);
    for (const r of s.rowsOf('machine')) {
      expect(r.dual).toBeCloseTo(0, 6);
      expect(r.binding).toBe(false);
    }
    expect(s.row('material', [WOOD, 1])).toMatchObject({ binding: true, upper: 1600 });
    expect(s.row('material', [WOOD, 1]).activity).toBeCloseTo(1600, 6);
    // Goal rows carry duals too: order 1 (P1 desk, short 14) at 100,000 leads the bottleneck ranking.
    expect(s.bottlenecks[0]).toMatchObject({ family: 'order', key: 1 });
    expect(s.bottlenecks[0]!.dual).toBeCloseTo(100000, 3);
    for (let k = 1; k < s.bottlenecks.length; k++) expect(Math.abs(s.bottlenecks[k]!.dual)).toBeLessThanOrEqual(Math.abs(s.bottlenecks[k - 1]!.dual));
    if (solver.name === 'highs') {
      expect(s.bottlenecks.filter((r) => r.family === 'material').map((r) => r.key)).toEqual([
        [WOOD, 1],
        [WOOD, 4],
        [WOOD, 2],
      ]);
    }
    // Reduced costs: d = c − Aᵀy, so a shortfall variable of an unmet order has 0, a met one ≥ 0.
    expect(s.column('short', 1).reducedCost).toBeCloseTo(0, 4);
    expect(s.reducedCostsFrom).toBe(solver.capabilities.reducedCosts ? 'solver' : 'duals');
    expect(s.ranging).toBe(solver.capabilities.ranging);
  });
});
