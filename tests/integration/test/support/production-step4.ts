// The production tutorial's step-4 model (multi-period, setups, batches, inventory) as LumiX
// literally solves it: weighted goal mode replaces the objective with min Σ W_p·shortfall_o,
// W = {1: 1e5, 2: 1e4, 3: 1e3} (see shared/reference/lumix-apps.md §1.4). The goal rows are
// written by hand here (shortfall/surplus deviation variables, one equality row per order)
// until the goal-programming API lands; the analysis goldens run on it.
import { Model, type VariableFamily } from '@lumix/core';
import { readJsonFixture } from '@lumix/test-fixtures';

interface Row {
  readonly id: number;
}
interface Product extends Row {
  readonly name: string;
  readonly profit_per_unit: number;
  readonly holding_cost_per_unit: number;
}
interface Period extends Row {
  readonly week_number: number;
}
interface Machine extends Row {
  readonly name: string;
  readonly available_hours: number;
}
interface Material extends Row {
  readonly name: string;
  readonly available_quantity_per_period: number;
}
interface Order extends Row {
  readonly product_id: number;
  readonly period_id: number;
  readonly target_quantity: number;
  readonly priority: number;
}

/** The step-4 data (byte-identical in steps 5–7). */
export interface Step4Data {
  readonly products: readonly Product[];
  readonly periods: readonly Period[];
  readonly machines: readonly Machine[];
  readonly raw_materials: readonly Material[];
  readonly production_recipes: ReadonlyArray<{ product_id: number; machine_id: number; hours_required: number }>;
  readonly material_requirements: ReadonlyArray<{ product_id: number; material_id: number; quantity_required: number }>;
  readonly production_batches: ReadonlyArray<{ product_id: number; min_batch_size: number }>;
  readonly setup_costs: ReadonlyArray<{ product_id: number; machine_id: number; setup_hours: number; cost: number }>;
  readonly customer_orders: readonly Order[];
}

export function step4Data(): Step4Data {
  return readJsonFixture<Step4Data>('tutorial/production_step4.json');
}

/** LumiX's weighted-mode weight of a priority: 10^(6 − p). */
const PRIORITY_WEIGHT: Readonly<Record<number, number>> = { 1: 1e5, 2: 1e4, 3: 1e3 };

export interface Step4Model {
  readonly model: Model;
  readonly prod: VariableFamily<{ product: Product; period: Period }>;
  readonly short: VariableFamily<Order>;
}

/**
 * Builds the literal weighted step-4 model. `setupContinuous` makes `is_produced` continuous in
 * [0, 1] (step 6's "LP relaxation"); else it is binary (steps 4, 5, 7).
 * Families: prod, is_produced, inv (keys [product, period]), short/over (key order id);
 * rows: machine [machine, period], material [material, period], batch and inventory
 * [product, period], order [order id].
 */
export function step4Model(data: Step4Data, options: { setupContinuous?: boolean; shortfallCap?: number } = {}): Step4Model {
  const m = new Model('production-step4');
  const dims = { product: data.products, period: data.periods };
  const prod = m.continuous('prod', dims);
  const isProduced = options.setupContinuous === true ? m.continuous('is_produced', dims, { ub: 1 }) : m.binary('is_produced', dims);
  const inv = m.continuous('inv', dims);
  const short = m.continuous('short', data.customer_orders);
  const over = m.continuous('over', data.customer_orders);

  const hours = new Map(data.production_recipes.map((r) => [`${r.product_id}/${r.machine_id}`, r.hours_required]));
  const setupHours = new Map(data.setup_costs.map((s) => [`${s.product_id}/${s.machine_id}`, s.setup_hours]));
  const need = new Map(data.material_requirements.map((r) => [`${r.product_id}/${r.material_id}`, r.quantity_required]));
  const batch = new Map(data.production_batches.map((b) => [b.product_id, b.min_batch_size]));

  const machinePeriods = data.machines.flatMap((machine) => data.periods.map((period) => ({ machine, period })));
  m.constraints(
    'machine',
    machinePeriods,
    ({ machine, period }) =>
      prod
        .sum({ period }, (it) => hours.get(`${it.product.id}/${machine.id}`) ?? 0)
        .plus(isProduced.sum({ period }, (it) => setupHours.get(`${it.product.id}/${machine.id}`) ?? 0))
        .le(machine.available_hours),
    { key: ({ machine, period }) => [machine.id, period.id] },
  );
  const materialPeriods = data.raw_materials.flatMap((material) => data.periods.map((period) => ({ material, period })));
  m.constraints(
    'material',
    materialPeriods,
    ({ material, period }) => prod.sum({ period }, (it) => need.get(`${it.product.id}/${material.id}`) ?? 0).le(material.available_quantity_per_period),
    { key: ({ material, period }) => [material.id, period.id] },
  );
  const productPeriods = data.products.flatMap((product) => data.periods.map((period) => ({ product, period })));
  const ppKey = ({ product, period }: { product: Product; period: Period }) => [product.id, period.id];
  m.constraints(
    'batch',
    productPeriods,
    (it) =>
      prod
        .get(ppKey(it))
        .minus(isProduced.get(ppKey(it)).times(batch.get(it.product.id) ?? 0))
        .ge(0),
    { key: ppKey },
  );
  m.constraints(
    'inventory',
    productPeriods,
    (it) => {
      const e = inv.get(ppKey(it)).minus(prod.get(ppKey(it)));
      const prev = data.periods.find((t) => t.week_number === it.period.week_number - 1);
      return (prev === undefined ? e : e.minus(inv.get([it.product.id, prev.id]))).eq(0);
    },
    { key: ppKey },
  );
  m.constraints('order', data.customer_orders, (o) => prod.get([o.product_id, o.period_id]).plus(short.get(o)).minus(over.get(o)).eq(o.target_quantity));
  const weighted = () => short.sum((o) => PRIORITY_WEIGHT[o.priority]!);
  if (options.shortfallCap === undefined) {
    m.minimize(weighted);
  } else {
    // The second stage of the intended (lexicographic) reading: keep the weighted shortfall at its
    // optimum and maximise profit − setup − holding; the setup cost is LumiX's average over all
    // six machines (250/6 per product and week).
    m.constraint('shortfall_cap', weighted().le(options.shortfallCap));
    const setup = data.setup_costs.reduce((t, s) => t + s.cost, 0) / data.machines.length / data.products.length;
    m.maximize(() =>
      prod
        .sum((it) => it.product.profit_per_unit)
        .minus(isProduced.sum(() => setup))
        .minus(inv.sum((it) => it.product.holding_cost_per_unit)),
    );
  }
  return { model: m, prod, short };
}
