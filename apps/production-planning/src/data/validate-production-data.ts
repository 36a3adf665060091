import { describeValue } from '@lumix/app-kit';
import { LumixError } from '@lumix/core';
import { CUSTOMER_TIERS, DATA_TABLES, SCENARIO_PARAMETER_TYPES, SCENARIO_TYPES, OPTIONAL_TABLES, type DataTable, type ProductionData } from './production-data.js';

type FieldKind = 'id' | 'name' | 'number' | 'nonneg' | 'ref' | 'priority' | 'week' | 'tier' | 'text' | 'scenarioType' | 'flag' | 'parameterType' | 'positive';

interface FieldRule {
  readonly kind: FieldKind;
  /** For `ref`: the parent table. */
  readonly ref?: DataTable;
  /** Value when the field is absent; without it the field is required. */
  readonly default?: number;
  /** May be left out: a reference is then NULL, a number is left out (the column's default, 0, applies). */
  readonly optional?: boolean;
  /** `id` of link tables may be left out: rows are then numbered 1, 2, ... in file order. */
  readonly auto?: boolean;
}

/** The fields of each data table and what they must hold. */
const RULES: Readonly<Record<DataTable, Readonly<Record<string, FieldRule>>>> = {
  products: {
    id: { kind: 'id' },
    name: { kind: 'name' },
    profit_per_unit: { kind: 'number' },
    min_demand: { kind: 'nonneg', default: 0 },
    max_demand: { kind: 'nonneg' },
    holding_cost_per_unit: { kind: 'nonneg', optional: true },
  },
  machines: { id: { kind: 'id' }, name: { kind: 'name' }, available_hours: { kind: 'nonneg' }, hourly_cost: { kind: 'nonneg', optional: true } },
  raw_materials: {
    id: { kind: 'id' },
    name: { kind: 'name' },
    available_quantity: { kind: 'nonneg' },
    cost_per_unit: { kind: 'nonneg', default: 0 },
  },
  production_recipes: {
    id: { kind: 'id', auto: true },
    product_id: { kind: 'ref', ref: 'products' },
    machine_id: { kind: 'ref', ref: 'machines' },
    hours_required: { kind: 'nonneg' },
  },
  material_requirements: {
    id: { kind: 'id', auto: true },
    product_id: { kind: 'ref', ref: 'products' },
    material_id: { kind: 'ref', ref: 'raw_materials' },
    quantity_required: { kind: 'nonneg' },
  },
  customers: { id: { kind: 'id' }, name: { kind: 'name' }, tier: { kind: 'tier' }, priority_level: { kind: 'priority' } },
  customer_orders: {
    id: { kind: 'id', auto: true },
    customer_id: { kind: 'ref', ref: 'customers' },
    product_id: { kind: 'ref', ref: 'products' },
    target_quantity: { kind: 'nonneg' },
    due_week: { kind: 'week', default: 1 },
    period_id: { kind: 'ref', ref: 'periods', optional: true },
    priority: { kind: 'priority' },
  },
  periods: { id: { kind: 'id' }, week_number: { kind: 'week' }, name: { kind: 'name' } },
  production_batches: { id: { kind: 'id', auto: true }, product_id: { kind: 'ref', ref: 'products' }, min_batch_size: { kind: 'nonneg' } },
  setup_costs: {
    id: { kind: 'id', auto: true },
    product_id: { kind: 'ref', ref: 'products' },
    machine_id: { kind: 'ref', ref: 'machines' },
    cost: { kind: 'nonneg' },
    setup_hours: { kind: 'nonneg', default: 0 },
  },
  scenarios: {
    id: { kind: 'id' },
    name: { kind: 'name' },
    description: { kind: 'text' },
    scenario_type: { kind: 'scenarioType' },
    is_baseline: { kind: 'flag', default: 0 },
  },
  scenario_parameters: {
    id: { kind: 'id', auto: true },
    scenario_id: { kind: 'ref', ref: 'scenarios' },
    parameter_type: { kind: 'parameterType' },
    parameter_value: { kind: 'positive' },
    parameter_description: { kind: 'text', optional: true },
  },
};

/** Pairs of columns that identify a row of a link table: one recipe per product and machine, one requirement per product and material. */
const UNIQUE_PAIRS: Partial<Record<DataTable, readonly [string, string]>> = {
  production_recipes: ['product_id', 'machine_id'],
  material_requirements: ['product_id', 'material_id'],
  setup_costs: ['product_id', 'machine_id'],
  production_batches: ['product_id', 'product_id'],
  periods: ['week_number', 'week_number'],
  scenario_parameters: ['scenario_id', 'parameter_type'],
};

const MAX_LISTED = 15;

/** How a record is named in messages: `products #3 (id 3, "Desk")` for a file entry, `products id 3 ("Desk")` for a stored row. */
export function describeRecord(table: string, row: unknown, position?: number): string {
  const r = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
  const id = r['id'];
  const name = r['name'];
  const parts: string[] = [];
  if (id !== undefined && id !== null) parts.push(`id ${describeValue(id)}`);
  if (typeof name === 'string') parts.push(describeValue(name));
  if (position !== undefined) return `${table} #${position}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
  return `${table} ${parts.length > 0 ? parts.join(' ') : '(a row without id)'}`;
}

/** A value as messages name it (app-kit's `describeValue`: bounded, `1e309` is not a finite number); text is marked as text. */
function show(v: unknown): string {
  return typeof v === 'string' ? `${describeValue(v)} (text)` : describeValue(v);
}

/**
 * The problems of one record's fields (types, signs, the demand band): an empty list when the
 * record is fine. Used for file entries and for rows read back from the database, so a database
 * edited by hand is caught before a model is built from it. `describe` names the record in
 * messages (a function is called only when there is a problem).
 */
export function recordProblems(table: DataTable, row: unknown, describe: string | (() => string)): string[] {
  const problems: string[] = [];
  // Described only when something is wrong: describing every row of a large table cost more than checking it.
  let described: string | undefined;
  const label = (): string => (described ??= typeof describe === 'string' ? describe : describe());
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return [`${label()}: is ${show(row)}, not a record with fields.`];
  const r = row as Record<string, unknown>;
  const rules = RULES[table];
  for (const [field, rule] of Object.entries(rules)) {
    const v = r[field];
    if (v === undefined || v === null) {
      if (rule.default === undefined && rule.auto !== true && rule.optional !== true) problems.push(`${label()}: ${field} is missing.`);
      continue;
    }
    switch (rule.kind) {
      case 'id':
      case 'ref':
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
          problems.push(`${label()}: ${field} is ${show(v)}; it must be a whole number of 1 or more.`);
        }
        break;
      case 'name':
        if (typeof v !== 'string' || v.trim() === '') problems.push(`${label()}: ${field} is ${show(v)}; it must be a non-empty text.`);
        break;
      case 'number':
      case 'nonneg':
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          problems.push(`${label()}: ${field} is ${show(v)}; it must be a ${typeof v === 'number' ? 'finite ' : ''}number.`);
        } else if (rule.kind === 'nonneg' && v < 0) {
          problems.push(`${label()}: ${field} is ${v}; it must be 0 or more.`);
        }
        break;
      case 'priority':
        if (v !== 1 && v !== 2 && v !== 3) problems.push(`${label()}: ${field} is ${show(v)}; it must be 1, 2 or 3 (1 is served first).`);
        break;
      case 'week':
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) problems.push(`${label()}: ${field} is ${show(v)}; it must be a whole number of 1 or more.`);
        break;
      case 'text':
        if (typeof v !== 'string') problems.push(`${label()}: ${field} is ${show(v)}; it must be a text.`);
        break;
      case 'scenarioType':
        if (typeof v !== 'string' || !(SCENARIO_TYPES as readonly string[]).includes(v)) {
          problems.push(`${label()}: ${field} is ${show(v)}; it must be one of ${SCENARIO_TYPES.join(', ')}.`);
        }
        break;
      case 'flag':
        if (v !== 0 && v !== 1) problems.push(`${label()}: ${field} is ${show(v)}; it must be 0 or 1.`);
        break;
      case 'parameterType':
        if (typeof v !== 'string' || !(SCENARIO_PARAMETER_TYPES as readonly string[]).includes(v)) {
          problems.push(`${label()}: ${field} is ${show(v)}, which this app does not know; use one of ${SCENARIO_PARAMETER_TYPES.join(', ')}.`);
        }
        break;
      case 'positive':
        if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) problems.push(`${label()}: ${field} is ${show(v)}; it must be a number above 0 (a multiplier).`);
        break;
      case 'tier':
        if (typeof v !== 'string' || !(CUSTOMER_TIERS as readonly string[]).includes(v)) {
          problems.push(`${label()}: ${field} is ${show(v)}; it must be one of ${CUSTOMER_TIERS.join(', ')}.`);
        }
        break;
    }
  }
  if (table === 'products') {
    const lo = r['min_demand'] ?? 0;
    const hi = r['max_demand'];
    if (typeof lo === 'number' && typeof hi === 'number' && Number.isFinite(lo) && Number.isFinite(hi) && lo > hi) {
      problems.push(`${label()}: min_demand ${lo} is above max_demand ${hi}; lower min_demand or raise max_demand.`);
    }
  }
  return problems;
}

/**
 * Throws `DATA_ERROR` listing `problems` (at most 15, then a count), with a closing hint.
 * Does nothing when the list is empty.
 */
export function throwIfProblems(problems: readonly string[], origin: string, hint: string): void {
  if (problems.length === 0) return;
  const listed = problems.slice(0, MAX_LISTED).map((p) => `  - ${p}`);
  if (problems.length > MAX_LISTED) listed.push(`  - ... and ${problems.length - MAX_LISTED} more`);
  throw new LumixError(
    'DATA_ERROR',
    `Invalid data in ${origin}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${listed.join('\n')}\n${hint}`,
    { details: { origin, problems } },
  );
}

/**
 * Checks a data set in the shape of `production_step2.json` and returns it normalised (defaults
 * filled, missing link-table ids numbered in file order, unknown `_`-keys and `expected` dropped).
 *
 * Checks: the five tables are lists of records with only known fields; ids are whole numbers,
 * unique per table; names are non-empty and unique per table; numbers are finite and, except
 * profit, not negative; `min_demand <= max_demand`; every foreign key names an existing row; at
 * most one recipe per (product, machine) and one requirement per (product, material); at least
 * one product.
 *
 * @param origin what the data is (a file path), for messages.
 * @throws LumixError `DATA_ERROR` naming every offending record (table, position, id, name) and field.
 */
export function validateProductionData(input: unknown, origin: string): ProductionData {
  const hint = 'Fix the data and run seed again; the database was not changed.';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throwIfProblems([`the top level is ${show(input)}; it must be an object with the keys ${DATA_TABLES.filter((t) => !OPTIONAL_TABLES.includes(t)).join(', ')} (and optionally ${OPTIONAL_TABLES.join(', ')}).`], origin, hint);
  }
  const top = input as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(top)) {
    if (key.startsWith('_') || key === 'expected') continue;
    if (!(DATA_TABLES as readonly string[]).includes(key)) {
      problems.push(`unknown key "${key}" at the top level; the keys are ${DATA_TABLES.join(', ')} (keys starting with _ and "expected" are ignored).`);
    }
  }
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of DATA_TABLES) {
    const given = top[table];
    // A copy: aliases are renamed without touching the caller's data.
    const list: unknown = Array.isArray(given) ? [...(given as unknown[])] : given;
    // An optional table left out stays out (the data set keeps its shape); the rest start empty.
    if (list === undefined && OPTIONAL_TABLES.includes(table)) continue;
    out[table] = [];
    if (list === undefined) {
      problems.push(`there is no "${table}" list; add "${table}": [] if it is empty.`);
      continue;
    }
    if (!Array.isArray(list)) {
      problems.push(`"${table}" is ${show(list)}; it must be a list of records.`);
      continue;
    }
    const rules = RULES[table];
    (list as unknown[]).forEach((row: unknown, i: number) => {
      // Step 4 names the per-period supply available_quantity_per_period: the same column (every period has the same supply).
      if (table !== 'raw_materials' || typeof row !== 'object' || row === null) return;
      const r = row as Record<string, unknown>;
      if (!('available_quantity_per_period' in r)) return;
      if ('available_quantity' in r) problems.push(`${describeRecord(table, row, i + 1)}: give available_quantity or available_quantity_per_period, not both.`);
      else {
        const { available_quantity_per_period: perPeriod, ...rest } = r;
        (list as unknown[])[i] = { ...rest, available_quantity: perPeriod };
      }
    });
    list.forEach((row: unknown, i: number) => {
      const label = describeRecord(table, row, i + 1);
      const own = recordProblems(table, row, label);
      problems.push(...own);
      if (typeof row !== 'object' || row === null || Array.isArray(row)) return;
      for (const field of Object.keys(row)) {
        if (!(field in rules) && !field.startsWith('_')) {
          problems.push(`${label}: unknown field "${field}"; the fields of ${table} are ${Object.keys(rules).join(', ')}.`);
        }
      }
      const normalised: Record<string, unknown> = {};
      for (const [field, rule] of Object.entries(rules)) {
        const v = (row as Record<string, unknown>)[field];
        if ((v === undefined || v === null) && rule.optional === true && rule.kind !== 'ref') continue;
        normalised[field] = v === undefined || v === null ? (rule.auto === true ? i + 1 : rule.optional === true ? null : rule.default) : v;
      }
      out[table]!.push(normalised);
    });
  }
  if ((out['products'] ?? []).length === 0 && Array.isArray(top['products'])) problems.push('"products" is empty; add at least one product.');

  const ids = new Map<DataTable, Set<unknown>>();
  for (const table of DATA_TABLES) {
    const seenId = new Map<unknown, number>();
    const seenName = new Map<unknown, number>();
    const first = (i: number): string => describeRecord(table, out[table]?.[i - 1], i);
    const pair = UNIQUE_PAIRS[table];
    const seenPair = new Map<string, number>();
    (out[table] ?? []).forEach((row, i) => {
      const label = describeRecord(table, row, i + 1);
      const prevId = seenId.get(row['id']);
      if (prevId !== undefined) problems.push(`${label}: id ${String(row['id'])} is also used by ${first(prevId)}; ids must be unique.`);
      else seenId.set(row['id'], i + 1);
      if ('name' in RULES[table] && typeof row['name'] === 'string') {
        const prevName = seenName.get(row['name']);
        if (prevName !== undefined) problems.push(`${label}: the name ${JSON.stringify(row['name'])} is also used by ${first(prevName)}; names must be unique.`);
        else seenName.set(row['name'], i + 1);
      }
      if (pair !== undefined) {
        const k = `${String(row[pair[0]])}|${String(row[pair[1]])}`;
        const prev = seenPair.get(k);
        if (prev !== undefined) {
          problems.push(`${label}: ${table} #${prev} already gives ${pair[0]} ${String(row[pair[0]])} with ${pair[1]} ${String(row[pair[1]])}; keep one row per pair.`);
        } else seenPair.set(k, i + 1);
      }
    });
    ids.set(table, new Set(seenId.keys()));
  }
  for (const table of DATA_TABLES) {
    for (const [field, rule] of Object.entries(RULES[table])) {
      if (rule.kind !== 'ref' || rule.ref === undefined) continue;
      const parents = ids.get(rule.ref) as Set<unknown>;
      (out[table] ?? []).forEach((row, i) => {
        const v = row[field];
        if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && !parents.has(v)) {
          problems.push(`${describeRecord(table, row, i + 1)}: ${field} ${v} does not match any ${rule.ref} id; use an existing id or add that row to ${rule.ref}.`);
        }
      });
    }
  }
  // Multi-period data: each order is due in a period, by period_id or by the period whose week_number is due_week.
  const periods = out['periods'] ?? [];
  if (periods.length > 0) {
    const byId = new Map(periods.map((p) => [p['id'], p]));
    const byWeek = new Map(periods.map((p) => [p['week_number'], p]));
    (out['customer_orders'] ?? []).forEach((o, i) => {
      const period = o['period_id'] !== null ? byId.get(o['period_id']) : byWeek.get(o['due_week']);
      if (period === undefined) {
        if (o['period_id'] === null) problems.push(`${describeRecord('customer_orders', o, i + 1)}: due_week ${String(o['due_week'])} is not the week_number of any period; give period_id or a due_week that is a period's week.`);
        return;
      }
      o['period_id'] = period['id'];
      o['due_week'] = period['week_number'];
    });
  }
  const baselines = (out['scenarios'] ?? []).filter((s) => s['is_baseline'] === 1);
  if (baselines.length > 1) {
    problems.push(`scenarios: ${baselines.map((s) => JSON.stringify(s['name'])).join(', ')} are all marked is_baseline 1; mark one (the reference of the comparison).`);
  }
  if ((out['scenarios'] ?? []).length > 0 && periods.length === 0) {
    problems.push('scenarios apply to multi-period data: add "periods" (and the rest of the step-4 data), or leave the scenarios out.');
  }
  throwIfProblems(problems, origin, hint);
  return out as unknown as ProductionData;
}
