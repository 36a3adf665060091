import { LumixError } from '@lumix/core';
import { SCENARIO_PARAMETER_TYPES, type ScenarioParameterType } from '../data/production-data.js';
import type { QueryRunner } from '../model/check-saved-plan.js';
import type { MultiPeriodData } from '../model/multi-period-model.js';

/**
 * The factors a scenario applies to the base data (1 = unchanged): order targets (`demand`),
 * machine hours per week, material supply per week, profit per unit, holding cost per unit and
 * setup cost.
 */
export interface ScenarioScale {
  readonly demand: number;
  readonly machine: number;
  readonly material: number;
  readonly profit: number;
  readonly holding: number;
  readonly setup: number;
}

/** No change. */
export const UNIT_SCALE: ScenarioScale = { demand: 1, machine: 1, material: 1, profit: 1, holding: 1, setup: 1 };

/** Which factor each parameter type sets; `material_cost_multiplier` sets none (the model has no material-cost term). */
const FACTOR_OF: Readonly<Record<ScenarioParameterType, keyof ScenarioScale | null>> = {
  demand_multiplier: 'demand',
  machine_capacity_multiplier: 'machine',
  material_availability_multiplier: 'material',
  profit_margin_multiplier: 'profit',
  holding_cost_multiplier: 'holding',
  setup_cost_multiplier: 'setup',
  material_cost_multiplier: null,
};

/** A scenario as stored in `scenarios` and `scenario_parameters`. */
export interface StoredScenario {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly type: string;
  readonly isBaseline: boolean;
  readonly parameters: readonly { readonly type: ScenarioParameterType; readonly value: number; readonly description: string | null }[];
  /** The factors its parameters set. */
  readonly scale: ScenarioScale;
  /** Parameters stored but without effect on the model (`material_cost_multiplier` ≠ 1). */
  readonly ignored: readonly { readonly type: ScenarioParameterType; readonly value: number }[];
}

/**
 * Reads the scenarios (in id order) and their parameters with plain SQL (both ORMs).
 *
 * @throws LumixError `DATA_ERROR` for a parameter type this app does not know or a factor that is
 *   not a number above 0 (a database edited by hand), naming the row.
 */
export async function loadScenarios(db: QueryRunner): Promise<StoredScenario[]> {
  const scenarios = await db.query<{ id: number; name: string; description: string; scenario_type: string; is_baseline: number }>(
    'SELECT id, name, description, scenario_type, is_baseline FROM scenarios ORDER BY id',
  );
  const params = await db.query<{ id: number; scenario_id: number; parameter_type: string; parameter_value: number; parameter_description: string | null }>(
    'SELECT id, scenario_id, parameter_type, parameter_value, parameter_description FROM scenario_parameters ORDER BY id',
  );
  const problems: string[] = [];
  const out = scenarios.map((s) => {
    const scale: Record<keyof ScenarioScale, number> = { ...UNIT_SCALE };
    const parameters: StoredScenario['parameters'][number][] = [];
    const ignored: StoredScenario['ignored'][number][] = [];
    for (const p of params) {
      if (Number(p.scenario_id) !== Number(s.id)) continue;
      const type = p.parameter_type as ScenarioParameterType;
      const value = Number(p.parameter_value);
      if (!(SCENARIO_PARAMETER_TYPES as readonly string[]).includes(type)) {
        problems.push(
          `scenario_parameters id ${p.id} (scenario ${JSON.stringify(s.name)}): parameter_type ${JSON.stringify(p.parameter_type)} is unknown; use one of ${SCENARIO_PARAMETER_TYPES.join(', ')}.`,
        );
        continue;
      }
      if (!Number.isFinite(value) || value <= 0) {
        problems.push(
          `scenario_parameters id ${p.id} (scenario ${JSON.stringify(s.name)}): parameter_value ${String(p.parameter_value)} is not a number above 0.`,
        );
        continue;
      }
      parameters.push({ type, value, description: p.parameter_description ?? null });
      const factor = FACTOR_OF[type];
      if (factor === null) {
        if (value !== 1) ignored.push({ type, value });
      } else scale[factor] *= value;
    }
    return {
      id: Number(s.id),
      name: s.name,
      description: s.description,
      type: s.scenario_type,
      isBaseline: Number(s.is_baseline) === 1,
      parameters,
      scale,
      ignored,
    };
  });
  if (problems.length > 0) {
    throw new LumixError(
      'DATA_ERROR',
      `The scenarios in the database have ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix these rows (or seed again); nothing was saved.`,
      {
        details: { problems },
      },
    );
  }
  return out;
}

/** The scale of the scenario a saved run solved (from `scenario_runs`), or `null` for a plain solve. */
export async function scaleOfRun(db: QueryRunner, runId: number): Promise<{ name: string; scale: ScenarioScale } | null> {
  let link: { scenario_id: number }[];
  try {
    link = await db.query<{ scenario_id: number }>('SELECT scenario_id FROM scenario_runs WHERE run_id = ?', [runId]);
  } catch (e) {
    // A database seeded before step 5 has no scenario_runs table, so none of its runs is a scenario's.
    if (/no such table|does not exist/i.test((e as Error).message)) return null;
    throw e;
  }
  if (link.length === 0) return null;
  const id = Number(link[0]!.scenario_id);
  const found = (await loadScenarios(db)).find((s) => s.id === id);
  if (found === undefined)
    throw new LumixError('DATA_ERROR', `Run #${runId} names scenario ${id}, which is not in the scenarios table.`, { details: { runId, scenario: id } });
  return { name: found.name, scale: found.scale };
}

/**
 * The base data with a scenario's factors applied: order targets × demand, machine hours × machine,
 * material supply × material, profit × profit, holding cost × holding, setup costs × setup.
 * A new object; the base is not changed.
 */
export function applyScale(data: MultiPeriodData, k: ScenarioScale): MultiPeriodData {
  return {
    ...data,
    products: data.products.map((p) => ({ ...p, profit_per_unit: p.profit_per_unit * k.profit, holding_cost_per_unit: p.holding_cost_per_unit * k.holding })),
    machines: data.machines.map((m) => ({ ...m, available_hours: m.available_hours * k.machine })),
    materials: data.materials.map((r) => ({ ...r, available_quantity: r.available_quantity * k.material })),
    setups: data.setups.map((s) => ({ ...s, cost: s.cost * k.setup })),
    orders: data.orders.map((o) => ({ ...o, target_quantity: o.target_quantity * k.demand })),
  };
}
