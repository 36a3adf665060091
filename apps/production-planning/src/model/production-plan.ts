import type { ConstraintFamily, SolveRunRecord, Solution, TerminationStatus } from '@lumix/core';
import type { OrderRecord, ProductRecord } from '../data/production-data.js';
import type { ProductionModel } from './build-production-model.js';

/** Where a product's quantity sits in its demand band (the tutorial's words and thresholds: ±0.01). */
export type DemandStatus = 'At Minimum' | 'At Maximum' | 'Within Range';

/** One product of a plan. */
interface PlanLine {
  readonly productId: number;
  readonly name: string;
  readonly quantity: number;
  readonly profitPerUnit: number;
  /** quantity × profit per unit. */
  readonly contribution: number;
  readonly minDemand: number;
  readonly maxDemand: number;
  readonly demandStatus: DemandStatus;
  /** $ of profit per extra unit forced (negative at a binding minimum); `null` when the solver gives none. */
  readonly reducedCost: number | null;
}

/** One machine or material of a plan. */
export interface ResourceLine {
  readonly type: 'machine' | 'material';
  readonly id: number;
  readonly name: string;
  readonly used: number;
  readonly available: number;
  /** used / available × 100 (0 when nothing is available and nothing used). */
  readonly utilizationPct: number;
  /** $ of profit per extra unit of capacity; `null` when the solver gives no duals. */
  readonly shadowPrice: number | null;
  /** No capacity left (within a relative 1e-6). */
  readonly binding: boolean;
}

/** How a plan with customer orders weighed them (`solve --goal-mode`). */
export type GoalMode = 'lexicographic' | 'weighted';

/** One customer order of a plan (step 3): what it asked, what the plan makes of its product, the shortfall. */
export interface OrderLine {
  readonly orderId: number;
  readonly customer: string;
  readonly productId: number;
  readonly product: string;
  readonly priority: number;
  readonly target: number;
  /** Units of the product the plan makes (every order of a product is measured against the whole quantity, as in the tutorial). */
  readonly achieved: number;
  /** max(0, target − achieved). */
  readonly shortfall: number;
  readonly satisfied: boolean;
}

/** Satisfied / total orders of one priority, and their summed shortfall. */
export interface PrioritySummary {
  readonly priority: number;
  readonly satisfied: number;
  readonly total: number;
  readonly shortfall: number;
}

/** The goal part of a plan with customer orders. */
export interface GoalSummary {
  readonly mode: GoalMode;
  readonly orders: readonly OrderLine[];
  readonly priorities: readonly PrioritySummary[];
  /** Σ 10^(6−priority)·shortfall: LumiX's weighted objective, reported in both modes. */
  readonly penalty: number;
}

/** A production plan: what the console tables, the HTML report and the saved rows show. */
export interface ProductionPlan {
  readonly status: TerminationStatus;
  /** Total profit, or `null` without a plan. */
  readonly objective: number | null;
  readonly solver: string;
  readonly lines: readonly PlanLine[];
  readonly machines: readonly ResourceLine[];
  readonly materials: readonly ResourceLine[];
  /** Whether shadow prices are known (the solver reported row duals). */
  readonly hasShadowPrices: boolean;
  /** Whether reduced costs are known. */
  readonly hasReducedCosts: boolean;
  /** Timings and sizes. */
  readonly stats: {
    readonly buildMs: number;
    readonly solveMs: number;
    readonly variables: number;
    readonly constraints: number;
    readonly nonzeros: number;
  };
  /** Customer orders and their satisfaction (step 3 data); absent without orders. */
  readonly goals?: GoalSummary;
  /** The saved run, once there is one. */
  readonly runId?: number;
  readonly startedAt?: Date;
}

const EPS = 0.01;

/** The tutorial's demand status: within 0.01 of the minimum, of the maximum, or in between. */
export function demandStatus(quantity: number, min: number, max: number): DemandStatus {
  if (quantity <= min + EPS) return 'At Minimum';
  if (quantity >= max - EPS) return 'At Maximum';
  return 'Within Range';
}

/** Utilisation in percent; 0 when nothing is available and nothing used. */
function utilizationPct(used: number, available: number): number {
  if (available > 0) return (used / available) * 100;
  return used > 1e-9 ? Infinity : 0;
}

/** A resource is binding when its slack is below 1e-6 relative to its capacity. */
function isBinding(used: number, available: number): boolean {
  return available - used <= 1e-6 * Math.max(1, Math.abs(available));
}

const clean = (x: number): number => (Math.abs(x) < 1e-9 ? 0 : x);

/**
 * Reads a plan out of a solved production model: quantities, profit, resource use (row
 * activities), shadow prices (row duals) and reduced costs where the solver reports them.
 * Call only when `solution.hasSolution`.
 */
export function planFromSolution(built: ProductionModel, solution: Solution, goalMode: GoalMode = 'lexicographic'): ProductionPlan {
  // With goals, row duals (weighted mode) price the penalty, not the profit: not shown as $ of profit.
  const hasShadowPrices = solution.result.rowDuals !== null && built.orders === null;
  const hasReducedCosts = solution.result.reducedCosts !== null && built.orders === null;
  const lines: PlanLine[] = solution.entries(built.make).map(({ item: p, value }) => {
    const quantity = clean(value);
    return {
      productId: p.id,
      name: p.name,
      quantity,
      profitPerUnit: p.profit_per_unit,
      contribution: quantity * p.profit_per_unit,
      minDemand: p.min_demand,
      maxDemand: p.max_demand,
      demandStatus: demandStatus(quantity, p.min_demand, p.max_demand),
      reducedCost: hasReducedCosts ? clean(solution.reducedCost(built.make, p.id)) : null,
    };
  });
  const resources = <R extends { id: number; name: string }>(rows: ConstraintFamily<R>, type: 'machine' | 'material', available: (r: R) => number): ResourceLine[] => {
    const family = rows.name;
    return rows.items().map((r) => {
      const used = clean(solution.activity(family, r.id));
      const cap = available(r);
      return {
        type,
        id: r.id,
        name: r.name,
        used,
        available: cap,
        utilizationPct: utilizationPct(used, cap),
        shadowPrice: hasShadowPrices ? clean(solution.dual(family, r.id)) : null,
        binding: isBinding(used, cap),
      };
    });
  };
  const p = solution.compiled.problem;
  return {
    status: solution.status,
    objective: solution.objective,
    solver: solution.run.solver,
    lines,
    machines: resources(built.machineHours, 'machine', (m) => m.available_hours),
    materials: resources(built.materialSupply, 'material', (r) => r.available_quantity),
    hasShadowPrices,
    hasReducedCosts,
    stats: {
      buildMs: solution.run.buildMs,
      solveMs: solution.run.solveMs,
      variables: p.numCols,
      constraints: p.numRows,
      nonzeros: p.value.length,
    },
    startedAt: solution.run.startedAt,
    ...(built.orders === null ? {} : { goals: goalSummary(built, solution, goalMode) }),
  };
}

/** Per-priority counts and shortfall sums of order lines, priorities ascending. */
export function summarisePriorities(orders: readonly OrderLine[]): PrioritySummary[] {
  const by = new Map<number, { satisfied: number; total: number; shortfall: number }>();
  for (const o of orders) {
    const s = by.get(o.priority) ?? { satisfied: 0, total: 0, shortfall: 0 };
    s.total += 1;
    if (o.satisfied) s.satisfied += 1;
    s.shortfall += o.shortfall;
    by.set(o.priority, s);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([priority, s]) => ({ priority, ...s }));
}

/** LumiX's penalty: Σ 10^(6−priority)·shortfall. */
export function lumixPenalty(orders: readonly OrderLine[]): number {
  return orders.reduce((sum, o) => sum + 10 ** (6 - o.priority) * o.shortfall, 0);
}

function goalSummary(built: ProductionModel, solution: Solution, mode: GoalMode): GoalSummary {
  const names = new Map(built.make.items().map((p) => [p.id, p.name]));
  return orderGoalSummary(built.orders as NonNullable<ProductionModel['orders']>, solution, mode, (o) => names.get(o.product_id) ?? `#${o.product_id}`);
}

/**
 * The goal satisfaction of the orders family in a solution (one line per order, per priority,
 * the penalty); `product` names an order's product in its line (the multi-period plan adds the week).
 */
export function orderGoalSummary<O extends OrderRecord>(family: ConstraintFamily<O>, solution: Solution, mode: GoalMode, product: (o: O) => string): GoalSummary {
  const orders: OrderLine[] = family.items().map((o) => {
    const row = solution.goals.row(family, o.id);
    return {
      orderId: o.id,
      customer: o.customer_name ?? `customer ${o.customer_id}`,
      productId: o.product_id,
      product: product(o),
      priority: o.priority,
      target: o.target_quantity,
      achieved: clean(row.achieved),
      shortfall: clean(row.shortfall),
      satisfied: row.satisfied,
    };
  });
  return { mode, orders, priorities: summarisePriorities(orders), penalty: solution.goals.penalty ?? lumixPenalty(orders) };
}

/** A saved `production_schedules` row as read back. */
export interface ScheduleRow {
  readonly product_id: number;
  readonly quantity: number;
  readonly profit_contribution: number;
  readonly reduced_cost: number | null;
}

/** A saved `resource_utilization` row as read back. */
export interface UtilizationRow {
  readonly resource_type: string;
  readonly resource_id: number;
  readonly resource_name: string;
  readonly used: number;
  readonly available: number;
  readonly utilization_pct: number;
  readonly shadow_price: number | null;
}

/** A saved `order_fulfillment` row. */
export interface FulfillmentRow {
  readonly order_id: number;
  readonly priority: number;
  readonly target: number;
  readonly achieved: number;
  readonly shortfall: number;
  /** 1 or 0. */
  readonly satisfied: number;
}

/** The `order_fulfillment` rows of a plan: one per customer order (none without orders). */
export function fulfillmentRows(plan: ProductionPlan): FulfillmentRow[] {
  return (plan.goals?.orders ?? []).map((o) => ({
    order_id: o.orderId,
    priority: o.priority,
    target: o.target,
    achieved: o.achieved,
    shortfall: o.shortfall,
    satisfied: o.satisfied ? 1 : 0,
  }));
}

/** The rows a plan is saved as: one `production_schedules` row per product, one `resource_utilization` row per machine and material. */
export function planToRows(plan: ProductionPlan): { production_schedules: ScheduleRow[]; resource_utilization: UtilizationRow[] } {
  return {
    production_schedules: plan.lines.map((l) => ({
      product_id: l.productId,
      quantity: l.quantity,
      profit_contribution: l.contribution,
      reduced_cost: l.reducedCost,
    })),
    resource_utilization: [...plan.machines, ...plan.materials].map((r) => ({
      resource_type: r.type,
      resource_id: r.id,
      resource_name: r.name,
      used: r.used,
      available: r.available,
      utilization_pct: Number.isFinite(r.utilizationPct) ? r.utilizationPct : 0,
      shadow_price: r.shadowPrice,
    })),
  };
}

/**
 * Rebuilds a plan from a saved run and its rows (for `show`). Product names and demand bands come
 * from the current `products` rows; a product deleted since shows as `#id`.
 */
export function planFromRows(
  run: SolveRunRecord,
  schedules: readonly ScheduleRow[],
  utilization: readonly UtilizationRow[],
  products: readonly ProductRecord[],
): ProductionPlan {
  const byId = new Map(products.map((p) => [p.id, p]));
  const lines: PlanLine[] = schedules.map((s) => {
    const p = byId.get(s.product_id);
    const min = p?.min_demand ?? 0;
    const max = p?.max_demand ?? Infinity;
    return {
      productId: s.product_id,
      name: p?.name ?? `#${s.product_id}`,
      quantity: s.quantity,
      profitPerUnit: p?.profit_per_unit ?? (s.quantity !== 0 ? s.profit_contribution / s.quantity : 0),
      contribution: s.profit_contribution,
      minDemand: min,
      maxDemand: max,
      demandStatus: demandStatus(s.quantity, min, max),
      reducedCost: s.reduced_cost,
    };
  });
  const resource = (u: UtilizationRow): ResourceLine => ({
    type: u.resource_type === 'machine' ? 'machine' : 'material',
    id: u.resource_id,
    name: u.resource_name,
    used: u.used,
    available: u.available,
    utilizationPct: u.utilization_pct,
    shadowPrice: u.shadow_price,
    binding: isBinding(u.used, u.available),
  });
  return {
    status: run.status,
    objective: run.objective,
    solver: run.solver,
    lines,
    machines: utilization.filter((u) => u.resource_type === 'machine').map(resource),
    materials: utilization.filter((u) => u.resource_type !== 'machine').map(resource),
    hasShadowPrices: utilization.length > 0 && utilization.every((u) => u.shadow_price !== null),
    hasReducedCosts: schedules.length > 0 && schedules.every((s) => s.reduced_cost !== null),
    stats: {
      buildMs: run.buildMs,
      solveMs: run.solveMs,
      variables: run.numVariables,
      constraints: run.numConstraints,
      nonzeros: run.numNonzeros,
    },
    runId: run.id,
    startedAt: run.startedAt,
  };
}
