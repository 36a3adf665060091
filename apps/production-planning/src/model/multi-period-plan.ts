import type { Solution, TerminationStatus } from '@lumix/core';
import { UNIT_SCALE, scaleOfRun, type ScenarioScale } from '../analysis/scenario-data.js';
import type { QueryRunner } from './check-saved-plan.js';
import type { MultiPeriodModel, Step4Variant } from './multi-period-model.js';
import { orderGoalSummary, type FulfillmentRow, type GoalMode, type GoalSummary } from './production-plan.js';

/** One (product, week) cell of the plan grid. */
interface PeriodCell {
  readonly periodId: number;
  readonly production: number;
  /** Units sold in the week (the tutorial's model: every unit made). */
  readonly sold: number;
  /** Units in stock at the end of the week. */
  readonly inventory: number;
  readonly setup: boolean;
}

/** One product row of the grid. */
interface GridRow {
  readonly productId: number;
  readonly name: string;
  readonly cells: readonly PeriodCell[];
}

/** Use of one machine or material in one week. */
export interface PeriodUse {
  readonly type: 'machine' | 'material';
  readonly id: number;
  readonly name: string;
  readonly periodId: number;
  readonly used: number;
  readonly available: number;
  readonly utilizationPct: number;
}

/** A multi-period plan (tutorial step 4): the grid, per-week utilisation, the orders, the money. */
export interface MultiPeriodPlan {
  readonly variant: Step4Variant;
  readonly status: TerminationStatus;
  readonly solver: string;
  readonly periods: readonly { readonly id: number; readonly name: string; readonly week: number }[];
  readonly grid: readonly GridRow[];
  readonly use: readonly PeriodUse[];
  /** Profit of the units sold (made, in the tutorial's model). */
  readonly grossProfit: number;
  readonly setupCost: number;
  readonly holdingCost: number;
  /** gross − setup − holding: the model's own objective. */
  readonly netProfit: number;
  readonly goals?: GoalSummary;
  readonly stats: { readonly buildMs: number; readonly solveMs: number; readonly variables: number; readonly constraints: number; readonly nonzeros: number };
  readonly runId?: number;
}

const clean = (x: number): number => (Math.abs(x) < 1e-9 ? 0 : x);

/** Reads the plan out of a solved multi-period model (call only with `solution.hasSolution`). */
export function multiPeriodPlanFromSolution(built: MultiPeriodModel, solution: Solution, goalMode: GoalMode): MultiPeriodPlan {
  const { data } = built;
  let gross = 0;
  let setupCost = 0;
  let holding = 0;
  const grid: GridRow[] = data.products.map((p) => ({
    productId: p.id,
    name: p.name,
    cells: data.periods.map((t) => {
      const key: [number, number] = [p.id, t.id];
      const production = clean(solution.value(built.prod, key));
      const sold = built.sales === null ? production : clean(solution.value(built.sales, key));
      const inventory = clean(solution.value(built.inv, key));
      const setup = solution.value(built.setup, key) > 0.5;
      gross += p.profit_per_unit * sold;
      if (setup) setupCost += built.setupCost.get(p.id) ?? 0;
      holding += p.holding_cost_per_unit * inventory;
      return { periodId: t.id, production, sold, inventory, setup };
    }),
  }));
  const use: PeriodUse[] = [];
  for (const [type, family, list, cap] of [
    ['machine', built.machineRows.name, data.machines, (r: { available_hours?: number }) => r.available_hours ?? 0],
    ['material', built.materialRows.name, data.materials, (r: { available_quantity?: number }) => r.available_quantity ?? 0],
  ] as const) {
    for (const r of list) {
      for (const t of data.periods) {
        const used = clean(solution.activity(family, [r.id, t.id]));
        const available = cap(r);
        use.push({ type, id: r.id, name: r.name, periodId: t.id, used, available, utilizationPct: available > 0 ? (used / available) * 100 : 0 });
      }
    }
  }
  const names = new Map(data.products.map((p) => [p.id, p.name]));
  const goals: GoalSummary | undefined =
    built.orders === null
      ? undefined
      : orderGoalSummary(
          built.orders,
          solution,
          goalMode,
          (o) => `${names.get(o.product_id) ?? `#${o.product_id}`} (${data.periods.find((t) => t.id === o.period_id)?.name ?? `period ${o.period_id}`})`,
        );
  const p = solution.compiled.problem;
  return {
    variant: built.variant,
    status: solution.status,
    solver: solution.run.solver,
    periods: data.periods.map((t) => ({ id: t.id, name: t.name, week: t.week_number })),
    grid,
    use,
    grossProfit: gross,
    setupCost,
    holdingCost: holding,
    netProfit: gross - setupCost - holding,
    ...(goals === undefined ? {} : { goals }),
    stats: { buildMs: solution.run.buildMs, solveMs: solution.run.solveMs, variables: p.numCols, constraints: p.numRows, nonzeros: p.value.length },
  };
}

/** A saved `production_schedules_period` row. */
export interface PeriodScheduleRow {
  readonly product_id: number;
  readonly period_id: number;
  readonly quantity: number;
  readonly sold: number;
  readonly inventory: number;
  readonly setup: number;
  readonly profit_contribution: number;
}

/** The rows a multi-period plan is saved as: one schedule row per (product, week), one use row per (resource, week), one fulfilment row per order. */
export function multiPeriodRows(
  plan: MultiPeriodPlan,
  profitOf: ReadonlyMap<number, number>,
): {
  production_schedules_period: PeriodScheduleRow[];
  resource_utilization_period: Record<string, number | string>[];
  order_fulfillment: FulfillmentRow[];
} {
  return {
    production_schedules_period: plan.grid.flatMap((g) =>
      g.cells.map((c) => ({
        product_id: g.productId,
        period_id: c.periodId,
        quantity: c.production,
        sold: c.sold,
        inventory: c.inventory,
        setup: c.setup ? 1 : 0,
        profit_contribution: c.sold * (profitOf.get(g.productId) ?? 0),
      })),
    ),
    resource_utilization_period: plan.use.map((u) => ({
      resource_type: u.type,
      resource_id: u.id,
      period_id: u.periodId,
      resource_name: u.name,
      used: u.used,
      available: u.available,
      utilization_pct: u.utilizationPct,
    })),
    order_fulfillment: (plan.goals?.orders ?? []).map((o) => ({
      order_id: o.orderId,
      priority: o.priority,
      target: o.target,
      achieved: o.achieved,
      shortfall: o.shortfall,
      satisfied: o.satisfied ? 1 : 0,
    })),
  };
}

/** What {@link checkMultiPeriodRows} found. */
export interface MultiPeriodCheck {
  readonly ok: boolean;
  readonly problems: readonly string[];
  /** gross − setup − holding, recomputed from the rows and the data tables. */
  readonly recomputedNet: number;
}

const num = (v: unknown): number => Number(v);
const TOL = 1e-6;
/** Units below which production counts as none: a binary at its integrality tolerance (≈1e-8) times a big-M of a few hundred leaves such dust. */
const DUST = 1e-4;

/**
 * Re-checks a multi-period plan from its rows and the data tables alone (plain SQL and loops, no
 * model, no solver): one row per (product, week); machine hours (production plus the setup hours of
 * the weeks set up) and materials within each week's capacity; the stock balance (correct model:
 * stock = previous + made − sold; the tutorial's: stock = previous + made); production only in
 * weeks set up (correct model) and at least the minimum batch when set up; each order's delivery
 * at most its target, the deliveries of a week within that week's sales (the tutorial's: each
 * order measured against the week's production), shortfalls recomputed; and the net profit.
 *
 * @param objective the net profit stored with the run.
 * @param k a scenario's factors (step 5), applied to the data tables' values before checking.
 */
export async function checkMultiPeriodRows(
  db: QueryRunner,
  variant: Step4Variant,
  rows: { schedule: readonly PeriodScheduleRow[]; fulfillment: readonly FulfillmentRow[]; objective: number | null },
  k: ScenarioScale = UNIT_SCALE,
): Promise<MultiPeriodCheck> {
  const problems: string[] = [];
  const over = (value: number, bound: number, label: string): void => {
    if (value - bound > TOL * Math.max(1, Math.abs(bound))) problems.push(`${label}: ${value} exceeds ${bound}.`);
  };
  const products = await db.query<{ id: number; name: string; profit_per_unit: number; holding_cost_per_unit: number }>(
    'SELECT id, name, profit_per_unit, holding_cost_per_unit FROM products ORDER BY id',
  );
  const periods = await db.query<{ id: number; week_number: number }>('SELECT id, week_number FROM periods ORDER BY week_number');
  const machines = await db.query<{ id: number; name: string; available_hours: number }>('SELECT id, name, available_hours FROM machines');
  const cell = new Map<string, PeriodScheduleRow>();
  for (const r of rows.schedule) {
    const k = `${num(r.product_id)}/${num(r.period_id)}`;
    if (cell.has(k)) problems.push(`Two schedule rows for product ${r.product_id} in period ${r.period_id}.`);
    cell.set(k, r);
  }
  const get = (p: number, t: number): PeriodScheduleRow | undefined => cell.get(`${p}/${t}`);
  const setups = await db.query<{ product_id: number; machine_id: number; cost: number; setup_hours: number }>(
    'SELECT product_id, machine_id, cost, setup_hours FROM setup_costs',
  );
  const batches = new Map(
    (await db.query<{ product_id: number; min_batch_size: number }>('SELECT product_id, min_batch_size FROM production_batches')).map((b) => [
      num(b.product_id),
      num(b.min_batch_size),
    ]),
  );
  const setupCost = new Map<number, number>();
  for (const s of setups) setupCost.set(num(s.product_id), (setupCost.get(num(s.product_id)) ?? 0) + num(s.cost) * k.setup);
  if (variant === 'lumix') for (const [p, c] of setupCost) setupCost.set(p, c / Math.max(1, machines.length));
  let net = 0;
  for (const p of products) {
    let prevInv = 0;
    for (const t of periods) {
      const r = get(num(p.id), num(t.id));
      if (r === undefined) {
        problems.push(`Product ${p.id} (${p.name}) has no schedule row for period ${t.id}.`);
        continue;
      }
      const made = num(r.quantity);
      const sold = num(r.sold);
      const inv = num(r.inventory);
      const setup = num(r.setup) === 1;
      for (const [v, what] of [
        [made, 'quantity'],
        [sold, 'sold'],
        [inv, 'inventory'],
      ] as const)
        if (v < -TOL) problems.push(`Product ${p.id} period ${t.id}: ${what} ${v} is negative.`);
      const expected = variant === 'correct' ? prevInv + made - sold : prevInv + made;
      if (Math.abs(inv - expected) > TOL * Math.max(1, Math.abs(expected)))
        problems.push(
          `Product ${p.id} (${p.name}) period ${t.id}: stock ${inv} is not ${expected} (previous stock + made${variant === 'correct' ? ' − sold' : ''}).`,
        );
      if (variant === 'lumix' && Math.abs(sold - made) > TOL * Math.max(1, made))
        problems.push(`Product ${p.id} period ${t.id}: the tutorial's model sells what it makes, but sold ${sold} ≠ made ${made}.`);
      if (variant === 'correct' && made > DUST && !setup) problems.push(`Product ${p.id} (${p.name}) period ${t.id}: ${made} made without a setup.`);
      if (setup) over(batches.get(num(p.id)) ?? 0, made, `Product ${p.id} (${p.name}) period ${t.id}: minimum batch vs quantity`);
      net += num(p.profit_per_unit) * k.profit * sold - (setup ? (setupCost.get(num(p.id)) ?? 0) : 0) - num(p.holding_cost_per_unit) * k.holding * inv;
      prevInv = inv;
    }
  }
  const setupHours = new Map<string, number>();
  for (const s of setups) setupHours.set(`${num(s.product_id)}/${num(s.machine_id)}`, num(s.setup_hours));
  const recipes = await db.query<{ product_id: number; machine_id: number; hours_required: number }>(
    'SELECT product_id, machine_id, hours_required FROM production_recipes',
  );
  const requirements = await db.query<{ product_id: number; material_id: number; quantity_required: number }>(
    'SELECT product_id, material_id, quantity_required FROM material_requirements',
  );
  const materials = await db.query<{ id: number; name: string; available_quantity: number }>('SELECT id, name, available_quantity FROM raw_materials');
  for (const t of periods) {
    const hours = new Map<number, number>();
    for (const r of recipes)
      hours.set(num(r.machine_id), (hours.get(num(r.machine_id)) ?? 0) + num(r.hours_required) * num(get(num(r.product_id), num(t.id))?.quantity ?? 0));
    for (const s of setups)
      if (num(get(num(s.product_id), num(t.id))?.setup ?? 0) === 1) hours.set(num(s.machine_id), (hours.get(num(s.machine_id)) ?? 0) + num(s.setup_hours));
    for (const mc of machines) over(hours.get(num(mc.id)) ?? 0, num(mc.available_hours) * k.machine, `Machine ${mc.id} (${mc.name}) hours in period ${t.id}`);
    const used = new Map<number, number>();
    for (const r of requirements)
      used.set(num(r.material_id), (used.get(num(r.material_id)) ?? 0) + num(r.quantity_required) * num(get(num(r.product_id), num(t.id))?.quantity ?? 0));
    for (const r of materials) over(used.get(num(r.id)) ?? 0, num(r.available_quantity) * k.material, `Material ${r.id} (${r.name}) in period ${t.id}`);
  }
  const orders = await db.query<{ id: number; product_id: number; target_quantity: number; period_id: number | null; due_week: number }>(
    'SELECT id, product_id, target_quantity, period_id, due_week FROM customer_orders ORDER BY id',
  );
  const byWeek = new Map(periods.map((t) => [num(t.week_number), num(t.id)]));
  const saved = new Map(rows.fulfillment.map((f) => [num(f.order_id), f]));
  const delivered = new Map<string, number>();
  for (const o of orders) {
    const f = saved.get(num(o.id));
    if (f === undefined) {
      problems.push(`Order ${o.id} has no order_fulfillment row.`);
      continue;
    }
    const t = o.period_id === null ? byWeek.get(num(o.due_week)) : num(o.period_id);
    const r = t === undefined ? undefined : get(num(o.product_id), t);
    const achieved = num(f.achieved);
    if (variant === 'lumix') {
      if (Math.abs(achieved - num(r?.quantity ?? 0)) > TOL * Math.max(1, achieved))
        problems.push(`Order ${o.id}: saved achieved ${achieved} is not the ${num(r?.quantity ?? 0)} made that week.`);
    } else {
      over(achieved, num(o.target_quantity) * k.demand, `Order ${o.id} delivery vs target`);
      const cellKey = `${num(o.product_id)}/${String(t)}`;
      delivered.set(cellKey, (delivered.get(cellKey) ?? 0) + achieved);
    }
    const shortfall = Math.max(0, num(o.target_quantity) * k.demand - achieved);
    if (Math.abs(num(f.shortfall) - shortfall) > TOL * Math.max(1, shortfall))
      problems.push(`Order ${o.id}: saved shortfall ${f.shortfall} differs from the recomputed ${shortfall}.`);
    if ((num(f.satisfied) === 1) !== shortfall <= 1e-5)
      problems.push(`Order ${o.id}: saved satisfied=${f.satisfied} but the recomputed shortfall is ${shortfall}.`);
  }
  for (const [k, d] of delivered) {
    const [p, t] = k.split('/').map(Number) as [number, number];
    over(d, num(get(p, t)?.sold ?? 0), `Deliveries of product ${p} in period ${t} vs units sold`);
  }
  if (rows.objective === null) problems.push('No objective stored.');
  else if (Math.abs(num(rows.objective) - net) > TOL * Math.max(1, Math.abs(net)))
    problems.push(`Stored net profit ${rows.objective} differs from the recomputed ${net}.`);
  return { ok: problems.length === 0, problems, recomputedNet: net };
}

/** Re-checks a saved multi-period run from the database rows (see {@link checkMultiPeriodRows}). */
export async function checkSavedMultiPeriodPlan(db: QueryRunner, runId: number, variant: Step4Variant): Promise<MultiPeriodCheck> {
  const run = await db.query<{ objective: number | null }>('SELECT objective FROM solve_runs WHERE id = ?', [runId]);
  const schedule = await db.query<PeriodScheduleRow>(
    'SELECT product_id, period_id, quantity, sold, inventory, setup, profit_contribution FROM production_schedules_period WHERE run_id = ?',
    [runId],
  );
  const fulfillment = await db.query<FulfillmentRow>(
    'SELECT order_id, priority, target, achieved, shortfall, satisfied FROM order_fulfillment WHERE run_id = ?',
    [runId],
  );
  // A scenario's run (step 5) is checked against the data with that scenario's factors.
  const scenario = await scaleOfRun(db, runId);
  return checkMultiPeriodRows(db, variant, { schedule, fulfillment, objective: run[0]?.objective ?? null }, scenario?.scale ?? UNIT_SCALE);
}
