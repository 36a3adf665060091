import type { SolveRunRecord } from '@lumix/core';
import { UNIT_SCALE, scaleOfRun } from '../analysis/scenario-data.js';
import { savedGoalSummary } from '../commands/print-goals.js';
import type { QueryRunner } from './check-saved-plan.js';
import type { Step4Variant } from './multi-period-model.js';
import type { MultiPeriodPlan, PeriodUse } from './multi-period-plan.js';
import { lumixPenalty, summarisePriorities, type GoalSummary } from './production-plan.js';

/** A saved multi-period run as the report needs it: its plan rebuilt from the rows, and its scenario's name (step 5) if it was one. */
export interface SavedMultiPeriodPlan {
  readonly plan: MultiPeriodPlan;
  /** The scenario the run solved (`scenario_runs`), or `undefined` for a plain `solve`. */
  readonly scenario?: string;
}

/** The step-4 model a run solved, from its label (`step4=lumix|correct`); runs saved before the label carried it are the default model. */
function savedVariant(run: SolveRunRecord): Step4Variant {
  return /\bstep4=lumix\b/.test(run.label ?? '') ? 'lumix' : 'correct';
}

const n = (v: unknown): number => Number(v);

/**
 * The {@link MultiPeriodPlan} of a saved multi-period run (tutorial step 4, or a step-5 scenario),
 * rebuilt from its rows alone — nothing is re-solved: the grid from `production_schedules_period`,
 * the per-week use from `resource_utilization_period`, the orders from `order_fulfillment`, status,
 * solver and model size from `solve_runs`. Sales are the saved `profit_contribution`; setup and
 * holding costs are priced with the data tables' current costs (times the scenario's factors),
 * as `solve` priced them. `null` when the run has no `production_schedules_period` rows.
 */
export async function savedMultiPeriodPlan(db: QueryRunner, run: SolveRunRecord): Promise<SavedMultiPeriodPlan | null> {
  const cells = await db.query<{ product_id: number; product: string; holding: number; period_id: number; week: string; week_number: number; quantity: number; sold: number; inventory: number; setup: number; profit_contribution: number }>(
    'SELECT s.product_id, p.name AS product, p.holding_cost_per_unit AS holding, s.period_id, t.name AS week, t.week_number, s.quantity, s.sold, s.inventory, s.setup, s.profit_contribution ' +
      'FROM production_schedules_period s JOIN products p ON p.id = s.product_id JOIN periods t ON t.id = s.period_id WHERE s.run_id = ? ORDER BY s.product_id, t.week_number',
    [run.id],
  );
  if (cells.length === 0) return null;
  const variant = savedVariant(run);
  const scenario = await scaleOfRun(db, run.id);
  const k = scenario?.scale ?? UNIT_SCALE;
  const machineCount = n((await db.query<{ count: number }>('SELECT COUNT(*) AS count FROM machines'))[0]?.count ?? 0);
  const setupCost = new Map<number, number>();
  for (const s of await db.query<{ product_id: number; cost: number }>('SELECT product_id, cost FROM setup_costs ORDER BY id')) {
    setupCost.set(n(s.product_id), (setupCost.get(n(s.product_id)) ?? 0) + n(s.cost) * k.setup);
  }
  // The tutorial's literal model spreads a product's setup cost over the machines (multi-period-model.ts).
  if (variant === 'lumix') for (const [p, c] of setupCost) setupCost.set(p, machineCount > 0 ? c / machineCount : 0);
  const periods = new Map<number, { id: number; name: string; week: number }>();
  const grid = new Map<number, { productId: number; name: string; cells: MultiPeriodPlan['grid'][number]['cells'][number][] }>();
  let gross = 0;
  let setups = 0;
  let holding = 0;
  for (const c of cells) {
    const productId = n(c.product_id);
    const periodId = n(c.period_id);
    if (!periods.has(periodId)) periods.set(periodId, { id: periodId, name: c.week, week: n(c.week_number) });
    const row = grid.get(productId) ?? { productId, name: c.product, cells: [] };
    grid.set(productId, row);
    const setup = n(c.setup) === 1;
    row.cells.push({ periodId, production: n(c.quantity), sold: n(c.sold), inventory: n(c.inventory), setup });
    gross += n(c.profit_contribution);
    if (setup) setups += setupCost.get(productId) ?? 0;
    holding += n(c.holding) * k.holding * n(c.inventory);
  }
  const use: PeriodUse[] = (
    await db.query<{ resource_type: string; resource_id: number; resource_name: string; period_id: number; used: number; available: number; utilization_pct: number }>(
      'SELECT resource_type, resource_id, resource_name, period_id, used, available, utilization_pct FROM resource_utilization_period WHERE run_id = ? ORDER BY id',
      [run.id],
    )
  ).map((u) => ({
    type: u.resource_type === 'machine' ? 'machine' : 'material',
    id: n(u.resource_id),
    name: u.resource_name,
    periodId: n(u.period_id),
    used: n(u.used),
    available: n(u.available),
    utilizationPct: n(u.utilization_pct),
  }));
  const goals = await periodGoals(db, run);
  return {
    plan: {
      variant,
      status: run.status,
      solver: run.solver,
      periods: [...periods.values()].sort((a, b) => a.week - b.week),
      grid: [...grid.values()],
      use,
      grossProfit: gross,
      setupCost: setups,
      holdingCost: holding,
      netProfit: gross - setups - holding,
      ...(goals === undefined ? {} : { goals }),
      stats: { buildMs: run.buildMs, solveMs: run.solveMs, variables: run.numVariables, constraints: run.numConstraints, nonzeros: run.numNonzeros },
      runId: run.id,
    },
    ...(scenario === null ? {} : { scenario: scenario.name }),
  };
}

/** The saved goal summary with each order's week, in order-id order, as the solve's report lists them. */
async function periodGoals(db: QueryRunner, run: SolveRunRecord): Promise<GoalSummary | undefined> {
  const saved = await savedGoalSummary(db, run);
  if (saved === undefined) return undefined;
  const weeks = new Map(
    (
      await db.query<{ id: number; week: string | null }>(
        'SELECT o.id, t.name AS week FROM customer_orders o LEFT JOIN periods t ON t.id = COALESCE(o.period_id, (SELECT w.id FROM periods w WHERE w.week_number = o.due_week))',
      )
    ).map((o) => [n(o.id), o.week]),
  );
  const orders = [...saved.orders]
    .sort((a, b) => a.orderId - b.orderId)
    .map((o) => {
      const week = weeks.get(o.orderId);
      return week === undefined || week === null ? o : { ...o, product: `${o.product} (${week})` };
    });
  return { mode: saved.mode, orders, priorities: summarisePriorities(orders), penalty: lumixPenalty(orders) };
}
