import type { SolveRunRecord } from '@lumix/core';
import type { QueryRunner } from '../model/check-saved-plan.js';
import { lumixPenalty, summarisePriorities, type GoalMode, type GoalSummary, type OrderLine } from '../model/production-plan.js';

/** The goal mode a saved run was solved with: its recorded solve options, else its label (`goals=…`), else lexicographic (the app's default). */
function savedGoalMode(run: SolveRunRecord): GoalMode {
  const recorded = run.options['goals'];
  if (recorded === 'weighted' || recorded === 'lexicographic') return recorded;
  const labelled = /\bgoals=(weighted|lexicographic)\b/.exec(run.label ?? '')?.[1];
  return labelled === 'weighted' ? 'weighted' : 'lexicographic';
}

/**
 * The goal satisfaction of a saved run, read back from its `order_fulfillment` rows (with the
 * order's customer and product names): per priority satisfied / total and the shortfall of each
 * order, exactly as the run saved them (nothing is re-solved or recomputed from the plan).
 * `undefined` for a run without orders (steps 1–2).
 */
export async function savedGoalSummary(db: QueryRunner, run: SolveRunRecord): Promise<GoalSummary | undefined> {
  const rows = await db.query<{ order_id: number; priority: number; target: number; achieved: number; shortfall: number; satisfied: number; product_id: number | null; product: string | null; customer: string | null; customer_id: number | null }>(
    'SELECT f.order_id, f.priority, f.target, f.achieved, f.shortfall, f.satisfied, o.product_id, p.name AS product, c.name AS customer, o.customer_id ' +
      'FROM order_fulfillment f LEFT JOIN customer_orders o ON o.id = f.order_id LEFT JOIN products p ON p.id = o.product_id LEFT JOIN customers c ON c.id = o.customer_id ' +
      'WHERE f.run_id = ? ORDER BY f.priority, f.order_id',
    [run.id],
  );
  if (rows.length === 0) return undefined;
  const orders: OrderLine[] = rows.map((r) => ({
    orderId: Number(r.order_id),
    customer: r.customer ?? (r.customer_id === null ? '(order deleted since)' : `customer ${String(r.customer_id)}`),
    productId: Number(r.product_id ?? 0),
    product: r.product ?? (r.product_id === null ? '?' : `#${String(r.product_id)}`),
    priority: Number(r.priority),
    target: Number(r.target),
    achieved: Number(r.achieved),
    shortfall: Number(r.shortfall),
    satisfied: Number(r.satisfied) === 1,
  }));
  return { mode: savedGoalMode(run), orders, priorities: summarisePriorities(orders), penalty: lumixPenalty(orders) };
}
