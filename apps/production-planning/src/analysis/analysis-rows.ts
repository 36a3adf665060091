import type { MachineRecord, MaterialRecord, PeriodRecord } from '../data/production-data.js';
import type { MultiPeriodData } from '../model/multi-period-model.js';

/** Constraint families of the multi-period model the analyses read (see buildMultiPeriodModel). */
export const MACHINE_ROWS = 'machine_hours';
export const MATERIAL_ROWS = 'material_supply';
export const ORDER_ROWS = 'orders';

/** A (resource, week) row's item, as the model declares it. */
interface ResourceItem {
  readonly resource: MachineRecord | MaterialRecord;
  readonly period: PeriodRecord;
}

/** `Cutting, week 1` for a resource row's item. */
export function resourceLabel(item: unknown): { resource: string; week: number; id: number } {
  const it = item as ResourceItem;
  return { resource: it.resource.name, week: it.period.week_number, id: it.resource.id };
}

/** A decision variable's key in words: `Chair, week 2` for [product, period], `order 3` for an order id. */
export function decisionLabel(data: MultiPeriodData, family: string, key: unknown): string {
  if (Array.isArray(key) && key.length === 2) {
    const [p, t] = key as [number, number];
    const product = data.products.find((x) => x.id === p)?.name ?? `product ${p}`;
    const week = data.periods.find((x) => x.id === t)?.week_number ?? t;
    return `${product}, week ${week}`;
  }
  const o = data.orders.find((x) => x.id === key);
  if (o === undefined) return `${family} ${String(key)}`;
  const product = data.products.find((x) => x.id === o.product_id)?.name ?? `product ${o.product_id}`;
  const week = data.periods.find((x) => x.id === o.period_id)?.week_number ?? o.period_id;
  return `order ${o.id} (${product}, week ${week}, P${o.priority})`;
}

/** What a decision family is, for tables. */
export const DECISION_NAMES: Readonly<Record<string, string>> = {
  prod: 'made',
  setup: 'set up',
  inv: 'end stock',
  sales: 'sold',
  deliver: 'delivered',
  short: 'shortfall',
};
