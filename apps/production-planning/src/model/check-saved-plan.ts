import type { SqlRow, SqlValue } from '@lumix/core';
import type { LinkColumns } from '../data/link-table.js';

/** Anything that runs a parameterized read query: every `OrmAdapter` does. */
export interface QueryRunner {
  query<T extends object = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

/** What {@link checkSavedPlan} found. */
export interface SavedPlanCheck {
  /** True when no rule is broken. */
  readonly ok: boolean;
  /** Each broken rule, naming the product, machine or material. */
  readonly problems: readonly string[];
  /** Σ profit_per_unit × quantity over the saved rows. */
  readonly recomputedObjective: number;
  /** The objective stored in `solve_runs`. */
  readonly storedObjective: number | null;
  /** Largest violation of a capacity or demand bound, relative to the bound (0 when none). */
  readonly maxRelativeViolation: number;
}

/** Relative tolerance: HiGHS leaves row violations of about 1e-7 relative. */
const REL_TOL = 1e-6;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** The rows of a plan, as they are saved (or were): what {@link checkPlan} checks. */
export interface PlanRows {
  readonly schedule: readonly { readonly product_id: number; readonly quantity: number; readonly profit_contribution: number }[];
  readonly utilization: readonly { readonly resource_type: string; readonly resource_id: number; readonly used: number }[];
  /** The `order_fulfillment` rows (step 3): checked against `customer_orders` when there are orders. */
  readonly fulfillment?: readonly { readonly order_id: number; readonly target: number; readonly achieved: number; readonly shortfall: number; readonly satisfied: number }[];
  /** The objective stored with the run. */
  readonly objective: number | null;
}

/** What a plan is checked against: the data tables' rows (read with plain SQL, or the ones the solve read once for its model). */
export interface PlanCheckData {
  readonly products: readonly { readonly id: number; readonly name: string; readonly profit_per_unit: number; readonly min_demand: number; readonly max_demand: number }[];
  readonly machines: readonly { readonly id: number; readonly name: string; readonly available_hours: number }[];
  readonly materials: readonly { readonly id: number; readonly name: string; readonly available_quantity: number }[];
  /** `production_recipes`: product, machine, hours per unit. */
  readonly recipes: LinkColumns;
  /** `material_requirements`: product, material, quantity per unit. */
  readonly requirements: LinkColumns;
  /** `customer_orders`. */
  readonly orders: readonly { readonly id: number; readonly product_id: number; readonly target_quantity: number }[];
}

/** Link rows read with plain SQL, as columns. */
async function readLinks(db: QueryRunner, sql: string): Promise<LinkColumns> {
  const rows = await db.query<{ product_id: number; resource_id: number; amount: number }>(sql);
  const productIds = new Float64Array(rows.length);
  const resourceIds = new Float64Array(rows.length);
  const amounts = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    productIds[i] = num(r.product_id);
    resourceIds[i] = num(r.resource_id);
    amounts[i] = num(r.amount);
  });
  return { length: rows.length, productIds, resourceIds, amounts };
}

/** Reads what {@link checkPlan} checks against from the database, with plain SQL (no model, no lookups). */
async function readPlanCheckData(db: QueryRunner): Promise<PlanCheckData> {
  return {
    products: await db.query('SELECT id, name, profit_per_unit, min_demand, max_demand FROM products ORDER BY id'),
    machines: await db.query('SELECT id, name, available_hours FROM machines ORDER BY id'),
    materials: await db.query('SELECT id, name, available_quantity FROM raw_materials ORDER BY id'),
    recipes: await readLinks(db, 'SELECT product_id, machine_id AS resource_id, hours_required AS amount FROM production_recipes'),
    requirements: await readLinks(db, 'SELECT product_id, material_id AS resource_id, quantity_required AS amount FROM material_requirements'),
    orders: await db.query('SELECT id, product_id, target_quantity FROM customer_orders ORDER BY id'),
  };
}

/**
 * Re-checks a saved plan from the database rows alone, with plain SQL and loops (no model, no
 * lookups, no solver); see {@link checkPlan}.
 */
export async function checkSavedPlan(db: QueryRunner, runId: number): Promise<SavedPlanCheck> {
  const runs = await db.query<{ objective: number | null }>('SELECT objective FROM solve_runs WHERE id = ?', [runId]);
  if (runs.length === 0) return { ok: false, problems: [`There is no run ${runId} in solve_runs.`], recomputedObjective: 0, storedObjective: null, maxRelativeViolation: 0 };
  const schedule = await db.query<PlanRows['schedule'][number]>('SELECT product_id, quantity, profit_contribution FROM production_schedules WHERE run_id = ? ORDER BY id', [runId]);
  const utilization = await db.query<PlanRows['utilization'][number]>('SELECT resource_type, resource_id, used FROM resource_utilization WHERE run_id = ?', [runId]);
  const fulfillment = await db.query<NonNullable<PlanRows['fulfillment']>[number]>(
    'SELECT order_id, target, achieved, shortfall, satisfied FROM order_fulfillment WHERE run_id = ?',
    [runId],
  );
  return checkPlan(await readPlanCheckData(db), { schedule, utilization, fulfillment, objective: runs[0]?.objective ?? null }, `run ${runId}`);
}

/**
 * Checks a plan's rows against the data tables' rows with plain loops (no model, no lookups, no
 * solver: the use of each resource is re-derived from the link rows and the quantities): one
 * `production_schedules` row per product; every quantity within its demand band;
 * machine hours and materials within capacity; each profit contribution equal to quantity ×
 * profit; the `resource_utilization` rows equal to the recomputed use; and the objective equal to
 * Σ profit × quantity; with customer orders, one `order_fulfillment` row per order whose target,
 * achieved quantity (what the plan makes of the product), shortfall max(0, target − made) and
 * satisfied flag (shortfall ≤ 1e-5) match the recomputed ones. Tolerances are relative (1e-6). `solve` runs it on the rows it is about to
 * save, against the rows it read for the model, before the transaction commits, so a plan that fails is never saved.
 *
 * @param what the plan in messages (`run 3`, `the new plan`).
 */
export function checkPlan(data: PlanCheckData, rows: PlanRows, what: string): SavedPlanCheck {
  const problems: string[] = [];
  let worst = 0;
  // The label (`Product 3 (Chair) quantity vs maximum demand`) is made only for a problem: two per
  // product, 60k strings for a 30k-product plan otherwise (issue 9).
  const over = (value: number, bound: number, kind: string, id: unknown, name: unknown, what: string): void => {
    const scale = Math.max(1, Math.abs(bound));
    const v = (value - bound) / scale;
    if (v > worst) worst = v;
    if (v > REL_TOL) problems.push(`${kind} ${String(id)} (${String(name)}) ${what}: ${value} exceeds ${bound}.`);
  };
  const products = data.products;
  const schedule = rows.schedule;

  const index = indexSchedule(schedule, what, problems);
  let objective = 0;
  for (const p of products) {
    const id = num(p.id);
    const q = index.quantity(id);
    if (q === undefined) {
      problems.push(`Product ${p.id} (${p.name}) has no schedule row in ${what}.`);
      continue;
    }
    objective += num(p.profit_per_unit) * q;
    over(num(p.min_demand), q, 'Product', p.id, p.name, 'minimum demand vs quantity');
    over(q, num(p.max_demand), 'Product', p.id, p.name, 'quantity vs maximum demand');
    const row = index.firstRow(id);
    const expected = q * num(p.profit_per_unit);
    if (row !== undefined && Math.abs(num(row.profit_contribution) - expected) > REL_TOL * Math.max(1, Math.abs(expected))) {
      problems.push(`Product ${p.id} (${p.name}): profit_contribution ${row.profit_contribution} is not quantity × profit = ${expected}.`);
    }
  }
  for (const id of index.idsNotIn(products)) problems.push(`Schedule row for product ${id}, which does not exist.`);
  const quantityOf = index.quantityOr0;

  const use = (links: LinkColumns, caps: readonly { id: number; name: string; available: number }[], type: 'machine' | 'material', unit: string): void => {
    const used = new Map<number, number>();
    const { productIds: linkProducts, resourceIds, amounts, length } = links;
    // Summed run by run of one resource (the rows usually come grouped): one map update per run, right in any order.
    let resource = Number.NaN;
    let sum = 0;
    for (let i = 0; i < length; i++) {
      const r = resourceIds[i]!;
      if (r !== resource) {
        if (i > 0) used.set(resource, sum);
        resource = r;
        sum = used.get(r) ?? 0;
      }
      sum += amounts[i]! * quantityOf(linkProducts[i]!);
    }
    if (length > 0) used.set(resource, sum);
    const savedById = new Map(rows.utilization.filter((r) => r.resource_type === type).map((r) => [num(r.resource_id), r]));
    for (const c of caps) {
      const u = used.get(num(c.id)) ?? 0;
      over(u, num(c.available), type, c.id, c.name, unit);
      const s = savedById.get(num(c.id));
      if (s === undefined) problems.push(`${type} ${c.id} (${c.name}) has no resource_utilization row in ${what}.`);
      else if (Math.abs(num(s.used) - u) > REL_TOL * Math.max(1, Math.abs(u))) {
        problems.push(`${type} ${c.id} (${c.name}): saved use ${s.used} differs from the recomputed ${u}.`);
      }
    }
  };
  use(data.recipes, data.machines.map((m) => ({ id: m.id, name: m.name, available: m.available_hours })), 'machine', 'hours');
  use(data.requirements, data.materials.map((m) => ({ id: m.id, name: m.name, available: m.available_quantity })), 'material', 'quantity');
  checkOrders(data.orders, rows.fulfillment ?? [], index.quantityOr0, what, problems);
  const stored = rows.objective;
  if (stored === null) problems.push(`${capitalise(what)} has no objective stored.`);
  else if (Math.abs(num(stored) - objective) > REL_TOL * Math.max(1, Math.abs(objective))) {
    problems.push(`${capitalise(what)}: stored objective ${stored} differs from the recomputed Σ profit × quantity = ${objective}.`);
  }
  return { ok: problems.length === 0, problems, recomputedObjective: objective, storedObjective: stored === null ? null : num(stored), maxRelativeViolation: worst };
}

type ScheduleRow = PlanRows['schedule'][number];

/** The schedule's rows by product id (see {@link indexSchedule}). */
interface ScheduleIndex {
  /** The quantity of product `id` (its last row's), or `undefined` when it has no row. */
  quantity(id: number): number | undefined;
  /** {@link ScheduleIndex.quantity}, 0 without a row. */
  quantityOr0(id: number): number;
  /** The first row of product `id`. */
  firstRow(id: number): ScheduleRow | undefined;
  /** The product ids with a row that no record of `products` has, in the order of their first rows. */
  idsNotIn(products: readonly { readonly id: number }[]): number[];
}

/**
 * Indexes the schedule by product id, noting each product's second row as a problem: in arrays
 * indexed by the id when the ids are small whole numbers (the usual case: row ids), else in
 * maps. Arrays because the check runs on every solve and maps of 30k entries were a third of it.
 */
function indexSchedule(schedule: PlanRows['schedule'], what: string, problems: string[]): ScheduleIndex {
  const n = schedule.length;
  let maxId = 0;
  for (let i = 0; i < n; i++) {
    const id = num(schedule[i]!.product_id);
    if (!(Number.isInteger(id) && id >= 0)) {
      maxId = -1;
      break;
    }
    if (id > maxId) maxId = id;
  }
  if (maxId >= 0 && maxId <= 4 * n + 1024) {
    const first = new Int32Array(maxId + 1).fill(-1);
    const qty = new Float64Array(maxId + 1);
    for (let i = 0; i < n; i++) {
      const s = schedule[i]!;
      const id = num(s.product_id);
      if (first[id] !== -1) problems.push(`Product ${id} has two schedule rows in ${what}.`);
      else first[id] = i;
      qty[id] = num(s.quantity);
    }
    const has = (id: number): boolean => Number.isInteger(id) && id >= 0 && id <= maxId && first[id] !== -1;
    return {
      quantity: (id) => (has(id) ? qty[id] : undefined),
      quantityOr0: (id) => (has(id) ? qty[id]! : 0),
      firstRow: (id) => (has(id) ? schedule[first[id]!] : undefined),
      idsNotIn: (products) => {
        const known = new Uint8Array(maxId + 1);
        for (const p of products) {
          const id = num(p.id);
          if (has(id)) known[id] = 1;
        }
        const out: number[] = [];
        for (let i = 0; i < n; i++) {
          const id = num(schedule[i]!.product_id);
          if (first[id] === i && known[id] === 0) out.push(id);
        }
        return out;
      },
    };
  }
  const qty = new Map<number, number>();
  const firstRows = new Map<number, ScheduleRow>();
  for (const s of schedule) {
    const id = num(s.product_id);
    if (qty.has(id)) problems.push(`Product ${id} has two schedule rows in ${what}.`);
    else firstRows.set(id, s);
    qty.set(id, num(s.quantity));
  }
  return {
    quantity: (id) => qty.get(id),
    quantityOr0: (id) => qty.get(id) ?? 0,
    firstRow: (id) => firstRows.get(id),
    idsNotIn: (products) => {
      const known = new Set(products.map((p) => num(p.id)));
      return [...qty.keys()].filter((id) => !known.has(id));
    },
  };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Recomputes each order's shortfall from `customer_orders` and the quantities, and compares the saved `order_fulfillment` rows. */
function checkOrders(orders: PlanCheckData['orders'], saved: NonNullable<PlanRows['fulfillment']>, quantityOf: (productId: number) => number, what: string, problems: string[]): void {
  const byOrder = new Map<number, NonNullable<PlanRows['fulfillment']>[number]>();
  for (const f of saved) {
    if (byOrder.has(num(f.order_id))) problems.push(`Order ${f.order_id} has two order_fulfillment rows in ${what}.`);
    byOrder.set(num(f.order_id), f);
  }
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= REL_TOL * Math.max(1, Math.abs(b));
  for (const o of orders) {
    const f = byOrder.get(num(o.id));
    if (f === undefined) {
      problems.push(`Order ${o.id} has no order_fulfillment row in ${what}.`);
      continue;
    }
    const made = quantityOf(num(o.product_id));
    const target = num(o.target_quantity);
    const shortfall = Math.max(0, target - made);
    if (!close(num(f.target), target)) problems.push(`Order ${o.id}: saved target ${f.target} differs from the order's ${target}.`);
    if (!close(num(f.achieved), made)) problems.push(`Order ${o.id}: saved achieved ${f.achieved} differs from the ${made} units of product ${o.product_id} made.`);
    if (!close(num(f.shortfall), shortfall)) problems.push(`Order ${o.id}: saved shortfall ${f.shortfall} differs from the recomputed ${shortfall}.`);
    if ((num(f.satisfied) === 1) !== shortfall <= 1e-5) problems.push(`Order ${o.id}: saved satisfied=${f.satisfied} but the recomputed shortfall is ${shortfall}.`);
  }
  const ids = new Set(orders.map((o) => num(o.id)));
  for (const id of byOrder.keys()) if (!ids.has(id)) problems.push(`order_fulfillment row for order ${id}, which does not exist.`);
}
