import { Expr, LumixError, Model, type ConstraintFamily, type VariableFamily } from '@lumix/core';
import type {
  BatchRecord,
  MachineRecord,
  MaterialRecord,
  OrderRecord,
  PeriodRecord,
  RecipeRecord,
  RequirementRecord,
  SetupRecord,
} from '../data/production-data.js';

/** A product as the multi-period model reads it. */
interface MultiPeriodProduct {
  readonly id: number;
  readonly name: string;
  readonly profit_per_unit: number;
  readonly holding_cost_per_unit: number;
}

/** An order with the period it is due in. */
type DueOrder = OrderRecord & { readonly period_id: number };

/** Everything the multi-period model (tutorial step 4) is built from, read from the database. */
export interface MultiPeriodData {
  readonly products: readonly MultiPeriodProduct[];
  readonly machines: readonly MachineRecord[];
  readonly materials: readonly MaterialRecord[];
  /** Weeks, in week order. */
  readonly periods: readonly PeriodRecord[];
  readonly recipes: readonly Pick<RecipeRecord, 'product_id' | 'machine_id' | 'hours_required'>[];
  readonly requirements: readonly Pick<RequirementRecord, 'product_id' | 'material_id' | 'quantity_required'>[];
  readonly batches: readonly Pick<BatchRecord, 'product_id' | 'min_batch_size'>[];
  readonly setups: readonly Pick<SetupRecord, 'product_id' | 'machine_id' | 'cost' | 'setup_hours'>[];
  /** Orders with `period_id` resolved. */
  readonly orders: readonly DueOrder[];
}

/**
 * Which step-4 model: `correct` (ours: setups really link production, inventory serves the orders,
 * setup cost only where a machine has one) or `lumix` (the tutorial's literal model, to compare).
 */
export type Step4Variant = 'correct' | 'lumix';

/** One (product, period) pair: the key of every per-week variable and row. */
interface ProductPeriod {
  readonly product: MultiPeriodProduct;
  readonly period: PeriodRecord;
}

/** A (resource, period) pair: the key of the capacity rows. */
interface ResourcePeriod<R> {
  readonly resource: R;
  readonly period: PeriodRecord;
}

/** The declared multi-period model and its families. */
export interface MultiPeriodModel {
  readonly model: Model;
  readonly variant: Step4Variant;
  readonly data: MultiPeriodData;
  /** Units made, keyed `[product id, period id]`. */
  readonly prod: VariableFamily<ProductPeriod>;
  /** 1 when the product is set up (made) in the week. */
  readonly setup: VariableFamily<ProductPeriod>;
  /** Units in stock at the end of the week. */
  readonly inv: VariableFamily<ProductPeriod>;
  /** Units sold in the week (correct model; `null` in the tutorial's, which earns profit on every unit made). */
  readonly sales: VariableFamily<ProductPeriod> | null;
  /** Units delivered to each order (correct model), keyed by order id. */
  readonly deliver: VariableFamily<DueOrder> | null;
  readonly machineRows: ConstraintFamily<ResourcePeriod<MachineRecord>>;
  readonly materialRows: ConstraintFamily<ResourcePeriod<MaterialRecord>>;
  /** One goal row per order, keyed by order id (none without orders). */
  readonly orders: ConstraintFamily<DueOrder> | null;
  /** $ of setup charged per (product, week) set up. */
  readonly setupCost: ReadonlyMap<number, number>;
  /** With {@link AnalysisModelOptions.explicitGoals}: each order's shortfall, keyed by order id (else `null`). */
  readonly short: VariableFamily<DueOrder> | null;
}

/** Options of {@link buildMultiPeriodModel} for the analysis commands (`sensitivity`, `whatif`). */
export interface AnalysisModelOptions {
  /**
   * Write the goal program out instead of declaring goals: a `short[o]` ≥ 0 per order, the order
   * rows `delivered + short ≥ target`, and the objective LumiX's weighted one, minimise
   * Σ 10^(6−priority) × short (profit, setup and holding costs left out, as in weighted mode).
   * Core's analysis (`openAnalysis`) solves one objective and knows no goals, so this is the form
   * it can re-solve warm. Default false.
   */
  readonly explicitGoals?: boolean;
  /** `setup[p,t]` continuous in [0, 1] instead of binary: the tutorial's step-6 LP relaxation. Default false. */
  readonly relaxSetups?: boolean;
  /**
   * The capacity of one machine or material row in one week, given its value in the data: a what-if
   * rebuilt with changed rows (`whatif --goal-mode lexicographic`). Default: the data's value.
   */
  readonly capacity?: (type: 'machine' | 'material', resourceId: number, periodId: number, base: number) => number;
  /**
   * The largest capacity a later change may give a machine or material (in any week), for the
   * big-M of `prod ≤ M·setup` only: an analysis that raises a right-hand side after the build
   * (`whatif` on the correct model) needs an M that does not cut off what the raise allows.
   * Default: the data's (or {@link capacity}'s) largest value.
   */
  readonly boundCapacity?: (type: 'machine' | 'material', resourceId: number, base: number) => number;
}

/** Groups `(product, resource, amount)` triples by resource, skipping zeros. */
function groupBy<T>(rows: readonly T[], resource: (r: T) => number, product: (r: T) => number, amount: (r: T) => number): Map<number, [number, number][]> {
  const out = new Map<number, [number, number][]>();
  for (const r of rows) {
    const a = amount(r);
    if (a === 0) continue;
    const list = out.get(resource(r)) ?? [];
    list.push([product(r), a]);
    out.set(resource(r), list);
  }
  return out;
}

/**
 * The largest quantity of a product one week's capacity allows when it is the only product made:
 * the smallest of (hours − its setup hours) / hours per unit over the machines it uses and
 * supply / usage over the materials it needs. This is the big-M of `prod ≤ M·setup`: derived
 * from the data, never a guessed constant, and never cutting off a feasible plan.
 */
function productionBound(productId: number, data: MultiPeriodData): number {
  let bound = Infinity;
  const setupHours = new Map(data.setups.filter((s) => s.product_id === productId).map((s) => [s.machine_id, s.setup_hours]));
  const hours = new Map(data.machines.map((m) => [m.id, m.available_hours]));
  for (const r of data.recipes) {
    if (r.product_id !== productId || r.hours_required <= 0) continue;
    bound = Math.min(bound, Math.max(0, ((hours.get(r.machine_id) ?? 0) - (setupHours.get(r.machine_id) ?? 0)) / r.hours_required));
  }
  const supply = new Map(data.materials.map((r) => [r.id, r.available_quantity]));
  for (const q of data.requirements) {
    if (q.product_id !== productId || q.quantity_required <= 0) continue;
    bound = Math.min(bound, (supply.get(q.material_id) ?? 0) / q.quantity_required);
  }
  return bound;
}

/**
 * Declares the step-4 plan over weeks t and products p.
 *
 * Both variants: `prod[p,t]` ≥ 0, `setup[p,t]` ∈ {0,1}, `inv[p,t]` ≥ 0; machine rows
 * Σ hours·prod + Σ setup_hours·setup ≤ hours per week; material rows Σ usage·prod ≤ supply per
 * week; batch rows prod ≥ min_batch·setup; each order a goal at its priority.
 *
 * `correct`: `sales[p,t]` ≥ 0 and `deliver[o]` ∈ [0, target]; stock balance
 * inv[p,t] = inv[p,t−1] + prod[p,t] − sales[p,t]; the deliveries of the orders due in week t come
 * out of that week's sales (Σ deliver ≤ sales), and each order's goal is deliver[o] ≥ target, so
 * orders are met from production plus stock; `prod ≤ M·setup` with M from capacity
 * ({@link productionBound}); profit is earned on units sold; a setup costs the sum of the setup
 * costs of the machines that have one. Maximise profit − setup − holding.
 *
 * `lumix`: the tutorial's literal model: inv[p,t] = inv[p,t−1] + prod[p,t] (no demand term: stock is
 * cumulative production), no upper link (setups are never needed), goals prod[p,t_o] ≥ target,
 * profit on every unit made, setup cost = Σ setup costs / number of machines (all machines, even
 * those without a setup).
 *
 * Rows touch only their non-zeros (recipes, requirements, setups grouped once), so the build is
 * linear in the data.
 */
export function buildMultiPeriodModel(data: MultiPeriodData, variant: Step4Variant = 'correct', options: AnalysisModelOptions = {}): MultiPeriodModel {
  const m = new Model(`production-step4-${variant}`);
  const explicit = options.explicitGoals === true;
  const dims = { product: data.products, period: data.periods };
  const pp: ProductPeriod[] = data.products.flatMap((product) => data.periods.map((period) => ({ product, period })));
  const ppKey = (x: ProductPeriod): [number, number] => [x.product.id, x.period.id];
  const prod = m.continuous('prod', dims);
  const setup = options.relaxSetups === true ? m.continuous('setup', dims, { ub: 1 }) : m.binary('setup', dims);
  const inv = m.continuous('inv', dims);
  const sales = variant === 'correct' ? m.continuous('sales', dims) : null;
  const deliver = variant === 'correct' ? m.continuous('deliver', data.orders, { key: (o) => o.id, ub: (o) => o.target_quantity }) : null;
  const short = explicit ? m.continuous('short', data.orders, { key: (o) => o.id }) : null;
  // The order row's left side: what is delivered (correct model) or made that week (the tutorial's), plus the shortfall when explicit.
  const orderRow = (o: DueOrder): Expr => {
    const e = new Expr().add(deliver === null ? prod.get([o.product_id, o.period_id]) : deliver.get(o.id));
    if (short !== null) e.add(short.get(o.id));
    return e;
  };

  const hoursBy = groupBy(
    data.recipes,
    (r) => r.machine_id,
    (r) => r.product_id,
    (r) => r.hours_required,
  );
  const setupHoursBy = groupBy(
    data.setups,
    (s) => s.machine_id,
    (s) => s.product_id,
    (s) => s.setup_hours,
  );
  const usageBy = groupBy(
    data.requirements,
    (r) => r.material_id,
    (r) => r.product_id,
    (r) => r.quantity_required,
  );
  const capacity = options.capacity;
  const resourceRows = <R extends { id: number }>(name: string, resources: readonly R[], terms: (r: R, t: PeriodRecord) => Expr, cap: (r: R, t: PeriodRecord) => number) =>
    m.constraints(
      name,
      resources.flatMap((resource) => data.periods.map((period) => ({ resource, period }))),
      ({ resource, period }) => terms(resource, period).le(cap(resource, period)),
      { key: ({ resource, period }) => [resource.id, period.id] },
    );
  const machineRows = resourceRows(
    'machine_hours',
    data.machines,
    (mc, t) => {
      const e = new Expr();
      for (const [p, h] of hoursBy.get(mc.id) ?? []) e.add(prod.get([p, t.id]), h);
      for (const [p, h] of setupHoursBy.get(mc.id) ?? []) e.add(setup.get([p, t.id]), h);
      return e;
    },
    (mc, t) => (capacity === undefined ? mc.available_hours : capacity('machine', mc.id, t.id, mc.available_hours)),
  );
  const materialRows = resourceRows(
    'material_supply',
    data.materials,
    (r, t) => {
      const e = new Expr();
      for (const [p, q] of usageBy.get(r.id) ?? []) e.add(prod.get([p, t.id]), q);
      return e;
    },
    (r, t) => (capacity === undefined ? r.available_quantity : capacity('material', r.id, t.id, r.available_quantity)),
  );
  const batch = new Map(data.batches.map((b) => [b.product_id, b.min_batch_size]));
  m.constraints(
    'batch',
    pp.filter((x) => (batch.get(x.product.id) ?? 0) > 0),
    (x) =>
      prod
        .get(ppKey(x))
        .minus(setup.get(ppKey(x)).times(batch.get(x.product.id)!))
        .ge(0),
    { key: ppKey },
  );
  const prevPeriod = new Map(data.periods.map((t, i) => [t.id, i === 0 ? null : data.periods[i - 1]!]));
  m.constraints(
    'inventory',
    pp,
    (x) => {
      const e = new Expr().add(inv.get(ppKey(x))).add(prod.get(ppKey(x)), -1);
      const prev = prevPeriod.get(x.period.id);
      if (prev !== null && prev !== undefined) e.add(inv.get([x.product.id, prev.id]), -1);
      if (sales !== null) e.add(sales.get(ppKey(x)));
      return e.eq(0);
    },
    { key: ppKey },
  );
  const setupCost = new Map<number, number>();
  for (const s of data.setups) setupCost.set(s.product_id, (setupCost.get(s.product_id) ?? 0) + s.cost);
  if (variant === 'lumix') for (const [p, c] of setupCost) setupCost.set(p, data.machines.length > 0 ? c / data.machines.length : 0);

  let orders: ConstraintFamily<DueOrder> | null = null;
  if (variant === 'correct') {
    const bounds = new Map<number, number>();
    // With changed capacities the big-M comes from the largest capacity of any week, so no plan the change allows is cut off.
    const widest = (type: 'machine' | 'material', id: number, base: number): number => {
      const rows = capacity === undefined ? base : Math.max(...data.periods.map((t) => capacity(type, id, t.id, base)));
      return options.boundCapacity === undefined ? rows : Math.max(rows, options.boundCapacity(type, id, base));
    };
    const boundData: MultiPeriodData = {
      ...data,
      machines: data.machines.map((mc) => ({ ...mc, available_hours: widest('machine', mc.id, mc.available_hours) })),
      materials: data.materials.map((r) => ({ ...r, available_quantity: widest('material', r.id, r.available_quantity) })),
    };
    for (const p of data.products) {
      const b = productionBound(p.id, boundData);
      if (!Number.isFinite(b)) {
        throw new LumixError(
          'DATA_ERROR',
          `Product ${p.id} (${p.name}) uses no machine and no material, so nothing limits how many are made in a week; add its recipe or material requirements.`,
          {
            details: { product: p.id },
          },
        );
      }
      bounds.set(p.id, b);
    }
    m.constraints(
      'setup_link',
      pp,
      (x) =>
        prod
          .get(ppKey(x))
          .minus(setup.get(ppKey(x)).times(bounds.get(x.product.id)!))
          .le(0),
      { key: ppKey },
    );
    const due = new Map<string, DueOrder[]>();
    for (const o of data.orders) {
      const k = `${o.product_id}/${o.period_id}`;
      due.set(k, [...(due.get(k) ?? []), o]);
    }
    const withOrders = pp.filter((x) => due.has(`${x.product.id}/${x.period.id}`));
    m.constraints(
      'delivery',
      withOrders,
      (x) => {
        const e = new Expr();
        for (const o of due.get(`${x.product.id}/${x.period.id}`)!) e.add((deliver as VariableFamily<DueOrder>).get(o.id));
        return e.add((sales as VariableFamily<ProductPeriod>).get(ppKey(x)), -1).le(0);
      },
      { key: ppKey },
    );
    if (data.orders.length > 0) orders = m.constraints('orders', data.orders, (o) => orderRow(o).ge(o.target_quantity), { key: (o) => o.id });
  } else if (data.orders.length > 0) {
    orders = m.constraints('orders', data.orders, (o) => orderRow(o).ge(o.target_quantity), { key: (o) => o.id });
  }
  if (orders !== null && !explicit) m.goal(orders, { priority: (o) => o.priority });

  if (short !== null) {
    m.minimize(() => {
      const e = new Expr();
      for (const o of data.orders) e.add(short.get(o.id), 10 ** (6 - o.priority));
      return e;
    });
    return { model: m, variant, data, prod, setup, inv, sales, deliver, machineRows, materialRows, orders, setupCost, short };
  }
  m.maximize(() => {
    const e = new Expr();
    for (const x of pp) {
      e.add((sales ?? prod).get(ppKey(x)), x.product.profit_per_unit);
      e.add(setup.get(ppKey(x)), -(setupCost.get(x.product.id) ?? 0));
      e.add(inv.get(ppKey(x)), -x.product.holding_cost_per_unit);
    }
    return e;
  });
  return { model: m, variant, data, prod, setup, inv, sales, deliver, machineRows, materialRows, orders, setupCost, short };
}
