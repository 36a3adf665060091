import { LumixError } from '@lumix/core';
import { seededRandom } from '@lumix/core/testing';
import type { MachineRecord, MaterialRecord, ProductRecord, ProductionData, RecipeRecord, RequirementRecord } from './production-data.js';

/** Options of {@link generateProductionData}. */
export interface GenerateOptions {
  /** Number of products (at least 1). */
  readonly products: number;
  /** Number of machines (at least 1). */
  readonly machines: number;
  /** Number of raw materials (at least 1). */
  readonly materials: number;
  /** Seed of the pseudo-random generator: the same seed gives the same data. Default 1. */
  readonly seed?: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * A reproducible random production data set of any size, always feasible: every product runs on
 * about 60 % of the machines and uses about half of the materials (at least one of each); each
 * capacity is 35–80 % of what making every product's maximum would need, and never less than
 * 110 % of what the minimum demands need, so the minimum plan fits and some resources bind.
 */
export function generateProductionData(options: GenerateOptions): ProductionData {
  for (const k of ['products', 'machines', 'materials'] as const) {
    const n = options[k];
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new LumixError('INVALID_ARGUMENT', `generateProductionData: ${k} must be a whole number of 1 or more; got ${String(n)}.`, {
        details: { [k]: n },
      });
    }
  }
  const rnd = seededRandom(options.seed ?? 1);
  const uniform = (lo: number, hi: number): number => lo + (hi - lo) * rnd();
  const products: ProductRecord[] = [];
  for (let i = 1; i <= options.products; i++) {
    const max = Math.round(uniform(20, 200));
    products.push({ id: i, name: `Product ${i}`, profit_per_unit: round2(uniform(10, 250)), min_demand: Math.floor(max * uniform(0, 0.25)), max_demand: max });
  }
  const recipes: RecipeRecord[] = [];
  const requirements: RequirementRecord[] = [];
  const pick = (count: number, share: number): number[] => {
    const chosen: number[] = [];
    for (let j = 1; j <= count; j++) if (rnd() < share) chosen.push(j);
    if (chosen.length === 0) chosen.push(1 + Math.floor(rnd() * count));
    return chosen;
  };
  for (const p of products) {
    for (const m of pick(options.machines, 0.6)) recipes.push({ id: recipes.length + 1, product_id: p.id, machine_id: m, hours_required: round2(uniform(0.2, 4)) });
    for (const r of pick(options.materials, 0.5)) requirements.push({ id: requirements.length + 1, product_id: p.id, material_id: r, quantity_required: round2(uniform(0.5, 30)) });
  }
  const capacity = (links: readonly { product_id: number; amount: number; resource: number }[], count: number): number[] => {
    const atMax = new Array<number>(count + 1).fill(0);
    const atMin = new Array<number>(count + 1).fill(0);
    for (const l of links) {
      const p = products[l.product_id - 1] as ProductRecord;
      atMax[l.resource]! += l.amount * p.max_demand;
      atMin[l.resource]! += l.amount * p.min_demand;
    }
    const caps: number[] = [];
    for (let j = 1; j <= count; j++) caps.push(Math.ceil(Math.max(atMax[j]! * uniform(0.35, 0.8), atMin[j]! * 1.1, 1)));
    return caps;
  };
  const hoursCap = capacity(recipes.map((r) => ({ product_id: r.product_id, amount: r.hours_required, resource: r.machine_id })), options.machines);
  const materialCap = capacity(requirements.map((r) => ({ product_id: r.product_id, amount: r.quantity_required, resource: r.material_id })), options.materials);
  const machines: MachineRecord[] = hoursCap.map((h, j) => ({ id: j + 1, name: `Machine ${j + 1}`, available_hours: h }));
  const raw_materials: MaterialRecord[] = materialCap.map((q, j) => ({ id: j + 1, name: `Material ${j + 1}`, available_quantity: q, cost_per_unit: round2(uniform(1, 20)) }));
  return { products, machines, raw_materials, production_recipes: recipes, material_requirements: requirements };
}
