import { Expr, Model, type ConstraintFamily, type Lookup, type LookupKeyPart, type Source, type VariableFamily } from '@lumix/core';
import { LinkLookup } from '../data/link-table.js';
import type { MachineRecord, MaterialRecord, OrderRecord, ProductRecord } from '../data/production-data.js';

/** Names of the model's families, for duals and messages. */
export const FAMILY = Object.freeze({
  make: 'make',
  machineHours: 'machine_hours',
  materialSupply: 'material_supply',
  orders: 'orders',
} as const);

/** What the production LP is built from: three row sources and two cached coefficient lookups. */
export interface ProductionInputs {
  /** Products: one variable each (array, iterable or an ORM index source). */
  readonly products: Source<ProductRecord>;
  /** Machines: one hours row each. */
  readonly machines: Source<MachineRecord>;
  /** Raw materials: one supply row each. */
  readonly materials: Source<MaterialRecord>;
  /** Hours per unit by `(product_id, machine_id)`; a missing pair means 0. */
  readonly hours: Lookup<number>;
  /** Material per unit by `(product_id, material_id)`; a missing pair means 0. */
  readonly usage: Lookup<number>;
  /** Customer orders (step 3), each a goal `make[product] ≥ target` at its priority. Default: none (plain profit LP). */
  readonly orders?: readonly OrderRecord[];
}

/** The declared model, its variable family and its two constraint families. */
export interface ProductionModel {
  readonly model: Model;
  /** Units to make of each product, keyed by product id. */
  readonly make: VariableFamily<ProductRecord>;
  /** One hours row per machine, keyed by machine id (its items are the machines the model read). */
  readonly machineHours: ConstraintFamily<MachineRecord>;
  /** One supply row per raw material, keyed by material id. */
  readonly materialSupply: ConstraintFamily<MaterialRecord>;
  /** One goal row per customer order, keyed by order id; `null` without orders. */
  readonly orders: ConstraintFamily<OrderRecord> | null;
}

/**
 * Groups a lookup keyed `(product, resource)` by resource, once: each row then touches only its
 * own non-zeros. A {@link LinkLookup} (what the database load gives) hands out its groups as they are.
 */
function byResource(lookup: Lookup<number>): ReadonlyMap<LookupKeyPart, { readonly products: ArrayLike<LookupKeyPart>; readonly amounts: ArrayLike<number> }> {
  if (lookup instanceof LinkLookup) return lookup.byResource();
  const out = new Map<LookupKeyPart, { products: LookupKeyPart[]; amounts: number[] }>();
  for (const [[product, resource], amount] of lookup.entries()) {
    if (amount === 0) continue;
    let group = out.get(resource as LookupKeyPart);
    if (group === undefined) {
      group = { products: [], amounts: [] };
      out.set(resource as LookupKeyPart, group);
    }
    group.products.push(product as LookupKeyPart);
    group.amounts.push(amount);
  }
  return out;
}

/**
 * Declares the tutorial's production LP (steps 1 and 2):
 *
 * - `make[p]` ≥ 0 units of each product, bounded by its demand band: `min_demand ≤ make[p] ≤ max_demand`.
 *   The tutorial writes the band as explicit rows; as column bounds the optimum is the same, and
 *   a product held at its minimum shows what that minimum costs as its reduced cost.
 * - `machine_hours[m]`: Σ_p hours[p,m]·make[p] ≤ available_hours[m].
 * - `material_supply[r]`: Σ_p usage[p,r]·make[p] ≤ available_quantity[r].
 * - maximise Σ_p profit_per_unit[p]·make[p].
 * - Step 3, with orders: `orders[o]`: make[product(o)] ≥ target(o), a goal at the order's priority
 *   (weight 1, as in the tutorial). Solve with `goals: { mode }`: lexicographic (priorities in turn,
 *   then the profit) or weighted (LumiX's Σ 10^(6−priority)·shortfall, profit not optimised).
 *
 * Sources are loaded when the model is compiled (once each); every row touches only its own
 * non-zeros, so the build is linear in the number of recipes and requirements.
 */
export function buildProductionModel(inputs: ProductionInputs, name = 'production'): ProductionModel {
  const m = new Model(name);
  const make = m.continuous(FAMILY.make, inputs.products, {
    key: (p) => p.id,
    lb: (p) => p.min_demand,
    ub: (p) => p.max_demand,
  });
  const hoursByMachine = byResource(inputs.hours);
  const usageByMaterial = byResource(inputs.usage);
  // Terms are added in place to one expression per row: no intermediate expression per term.
  const rowOf = (terms: { readonly products: ArrayLike<LookupKeyPart>; readonly amounts: ArrayLike<number> } | undefined): Expr => {
    const n = terms?.products.length ?? 0;
    const e = new Expr(n);
    for (let i = 0; i < n; i++) e.add(make.get(terms!.products[i]!), terms!.amounts[i]!);
    return e;
  };
  const machineHours = m.constraints(FAMILY.machineHours, inputs.machines, (mc) => rowOf(hoursByMachine.get(mc.id)).le(mc.available_hours), { key: (mc) => mc.id });
  const materialSupply = m.constraints(FAMILY.materialSupply, inputs.materials, (r) => rowOf(usageByMaterial.get(r.id)).le(r.available_quantity), { key: (r) => r.id });
  let orders: ConstraintFamily<OrderRecord> | null = null;
  if (inputs.orders !== undefined && inputs.orders.length > 0) {
    orders = m.constraints(FAMILY.orders, inputs.orders, (o) => make.get(o.product_id).ge(o.target_quantity), { key: (o) => o.id });
    m.goal(orders, { priority: (o) => o.priority });
  }
  m.maximize(() => make.sum((p) => p.profit_per_unit));
  return { model: m, make, machineHours, materialSupply, orders };
}
