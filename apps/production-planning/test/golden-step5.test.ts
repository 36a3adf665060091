// Tutorial step 5 (scenarios), from seed to saved runs. The tutorial-literal model (--compat lumix)
// reproduces LumiX's numbers (lumix-apps.md §1.5, computed independently with scipy/HiGHS):
// weighted 2,241,777.78 / 5,438,214.29 / 6,105,342.86 / 4,167,142.86 / 186,827.78 with the orders
// met per priority against each scenario's own targets; lexicographic net 35,560.17 / 35,948.31 /
// 21,366.46 / 35,880.83 / 27,918.90. The correct model's numbers are ours; every saved run is
// re-checked from the database rows, with its scenario's multipliers, by the independent validator.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { LumixError } from '@lumix/core';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { fixturePath } from '@lumix/test-fixtures';
import { runsCommand } from '../src/commands/runs-command.js';
import { scenariosCommand } from '../src/commands/scenarios-command.js';
import { seedDatabase } from '../src/commands/seed-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import type { OrmName } from '../src/db/production-db.js';
import { checkSavedMultiPeriodPlan } from '../src/model/multi-period-plan.js';
import type { GoalMode } from '../src/model/production-plan.js';
import { execSql, snapshotDatabase as snapshotDb } from './support/db-snapshot.js';
import { useTempDir } from './support/temp-dir.js';

const STEP4 = fixturePath('tutorial/production_step4.json');
const SCENARIOS = fixturePath('tutorial/production_step5_scenarios.json');
const NAMES = ['Baseline', 'High Demand', 'Supply Chain Crisis', 'Expansion', 'Economic Downturn'];
const dir = useTempDir('golden-step5');

interface Case {
  readonly solver: 'highs' | 'glpk';
  readonly orm: OrmName;
  readonly compat: boolean;
  readonly goalMode: GoalMode;
  /** The compared objective per scenario: LumiX's penalty (weighted) or the net profit (lexicographic). */
  readonly objective: readonly number[];
  /** Orders met per priority, per scenario (against the scenario's targets). */
  readonly met?: readonly string[];
}

const LUMIX_WEIGHTED = [2_241_777.78, 5_438_214.29, 6_105_342.86, 4_167_142.86, 186_827.78];
const LUMIX_MET = ['5/6 3/5 1/4', '3/6 0/5 1/4', '2/6 0/5 0/4', '3/6 0/5 1/4', '6/6 4/5 1/4'];
const CASES: Case[] = [
  { solver: 'highs', orm: 'sqlite', compat: true, goalMode: 'weighted', objective: LUMIX_WEIGHTED, met: LUMIX_MET },
  { solver: 'glpk', orm: 'sequelize', compat: true, goalMode: 'weighted', objective: LUMIX_WEIGHTED, met: LUMIX_MET },
  { solver: 'highs', orm: 'sequelize', compat: true, goalMode: 'lexicographic', objective: [35_560.17, 35_948.31, 21_366.46, 35_880.83, 27_918.9], met: LUMIX_MET },
  // Ours (the correct model, lexicographic: the default of `scenarios`); the baseline is step 4's golden 35,880.83.
  {
    solver: 'highs',
    orm: 'sqlite',
    compat: false,
    goalMode: 'lexicographic',
    objective: [35_880.83, 35_754.57, 19_118.0, 36_072.1, 28_788.15],
    met: ['5/6 4/5 1/4', '4/6 1/5 0/4', '3/6 0/5 0/4', '4/6 1/5 0/4', '6/6 4/5 3/4'],
  },
  { solver: 'glpk', orm: 'sqlite', compat: false, goalMode: 'lexicographic', objective: [35_880.83, 35_754.57, 19_118.0, 36_072.1, 28_788.15] },
];

async function seeded(name: string, orm: OrmName): Promise<string> {
  const db = join(dir, `${name}.db`);
  await seedDatabase({ db, orm, data: STEP4, scenarios: SCENARIOS }, createBufferedOutput());
  return db;
}

describe('golden: tutorial step 5, seed to one saved run per scenario', () => {
  for (const c of CASES) {
    const name = `step5-${c.compat ? 'lumix' : 'correct'}-${c.goalMode}-${c.solver}-${c.orm}`;
    it(name, async () => {
      // Seeded through the other adapter than the one that solves.
      const db = await seeded(name, c.orm === 'sqlite' ? 'sequelize' : 'sqlite');
      const report = join(dir, `${name}.html`);
      const out = createBufferedOutput();
      const outcome = await scenariosCommand(
        { db, dbShown: db, solver: c.solver, orm: c.orm, goalMode: c.goalMode, report, ...(c.compat ? { compat: 'lumix' as const } : {}) },
        out,
      );
      expect(outcome.exitCode, out.stderr.join('\n')).toBe(0);
      const cmp = outcome.comparison!;
      expect(cmp.reference).toBe('Baseline');
      expect(cmp.lines.map((l) => l.scenario.name)).toEqual(NAMES);
      const base = c.objective[0]!;
      cmp.lines.forEach((l, k) => {
        expect(l.status).toBe('optimal');
        expect(l.objective).toBeCloseTo(c.objective[k]!, 1);
        expect(l.delta).toBeCloseTo(c.objective[k]! - base, 1);
        expect(l.deltaPct).toBeCloseTo(((c.objective[k]! - base) / base) * 100, 3);
        if (c.met !== undefined) expect(l.plan!.goals!.priorities.map((p) => `${p.satisfied}/${p.total}`).join(' ')).toBe(c.met[k]);
      });
      const text = out.text();
      expect(text).toContain('SCENARIO COMPARISON (against Baseline)');
      // material_cost_multiplier is stored but changes nothing: the command says so.
      expect(text).toMatch(/Supply Chain Crisis: material_cost_multiplier 1\.50 has no effect/);
      const html = readFileSync(report, 'utf8');
      for (const s of ['Scenario comparison', 'Utilisation', 'Orders per scenario', ...NAMES]) expect(html).toContain(s);

      const a = await openSqliteAdapter(db);
      try {
        const runs = await a.query<{ id: number; label: string; objective: number }>('SELECT id, label, objective FROM solve_runs ORDER BY id');
        expect(runs.map((r) => r.label.match(/scenario="(.*)"$/)?.[1])).toEqual(NAMES);
        const links = await a.query<{ run_id: number; name: string }>('SELECT r.run_id, s.name FROM scenario_runs r JOIN scenarios s ON s.id = r.scenario_id ORDER BY r.run_id');
        expect(links).toEqual(runs.map((r, k) => ({ run_id: r.id, name: NAMES[k] })));
        for (const [k, l] of cmp.lines.entries()) {
          expect(l.runId).toBe(runs[k]!.id);
          // The stored objective is the plan's net profit; the independent check recomputes it from the rows with the scenario's multipliers.
          const check = await checkSavedMultiPeriodPlan(a, l.runId!, c.compat ? 'lumix' : 'correct');
          expect(check.problems, l.scenario.name).toEqual([]);
          expect(check.recomputedNet).toBeCloseTo(l.plan!.netProfit, 4);
          expect(runs[k]!.objective).toBeCloseTo(l.plan!.netProfit, 4);
          // Utilisation as used / available from the saved rows: a percentage, not LumiX's value ÷ 100.
          const use = await a.query<{ resource_type: string; used: number; available: number }>(
            'SELECT resource_type, used, available FROM resource_utilization_period WHERE run_id = ?',
            [l.runId!],
          );
          for (const [type, pct] of [
            ['machine', l.machineUtilPct],
            ['material', l.materialUtilPct],
          ] as const) {
            const rows = use.filter((u) => u.resource_type === type);
            const expected = (rows.reduce((s, u) => s + u.used, 0) / rows.reduce((s, u) => s + u.available, 0)) * 100;
            expect(pct).toBeCloseTo(expected, 9);
            expect(pct).toBeGreaterThan(10);
          }
        }
      } finally {
        await a.close();
      }
      // `runs` shows the scenario of each run.
      const listed = createBufferedOutput();
      await runsCommand({ db, dbShown: db, orm: c.orm }, listed);
      for (const n of NAMES) expect(listed.text()).toContain(`scenario="${n}"`);
    });
  }

  it('the independent check of a scenario run uses its multipliers: the same rows fail against the base data', async () => {
    const db = await seeded('check-scale', 'sqlite');
    const outcome = await scenariosCommand(
      { db, dbShown: db, solver: 'highs', orm: 'sqlite', compat: 'lumix', goalMode: 'weighted', scenarios: ['Expansion'] },
      createBufferedOutput(),
    );
    const expansion = outcome.comparison!.lines.find((l) => l.scenario.name === 'Expansion')!;
    const a0 = await openSqliteAdapter(db);
    try {
      expect((await checkSavedMultiPeriodPlan(a0, expansion.runId!, 'lumix')).problems).toEqual([]);
    } finally {
      await a0.close();
    }
    // Without its link to the scenario, the run is checked against the base data: its targets ×1.2 and the net profit no longer match.
    await execSql(db, `DELETE FROM scenario_runs WHERE run_id = ${expansion.runId!}`);
    const a = await openSqliteAdapter(db);
    try {
      const check = await checkSavedMultiPeriodPlan(a, expansion.runId!, 'lumix');
      expect(check.ok).toBe(false);
      expect(check.problems.join('\n')).toMatch(/Order \d+: saved shortfall .* differs from the recomputed/);
    } finally {
      await a.close();
    }
  });

  it('--scenario runs the named scenarios and the baseline; an unknown name is refused before anything is solved or saved', async () => {
    const db = await seeded('select', 'sequelize');
    const out = createBufferedOutput();
    const outcome = await scenariosCommand({ db, dbShown: db, solver: 'highs', orm: 'sequelize', compat: 'lumix', goalMode: 'weighted', scenarios: ['Expansion'] }, out);
    expect(outcome.comparison!.lines.map((l) => [l.scenario.name, l.objective])).toEqual([
      ['Baseline', expect.closeTo(2_241_777.78, 1)],
      ['Expansion', expect.closeTo(4_167_142.86, 1)],
    ]);
    const before = await snapshotDb(db);
    const refused = scenariosCommand({ db, dbShown: db, solver: 'highs', orm: 'sequelize', scenarios: ['Expansion', 'Boom'] }, createBufferedOutput());
    await expect(refused).rejects.toThrow(LumixError);
    await expect(refused).rejects.toMatchObject({ code: 'UNKNOWN_KEY', message: expect.stringMatching(/No scenario named "Boom".*"Economic Downturn"/s) });
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('a database seeded before the step-5 tables still solves and checks; scenarios asks for a reseed', async () => {
    const db = await seeded('old', 'sqlite');
    for (const t of ['scenario_runs', 'scenario_parameters', 'scenarios']) await execSql(db, `DROP TABLE ${t}`);
    const solved = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite', compat: 'lumix', goalMode: 'weighted' }, createBufferedOutput());
    expect(solved.exitCode).toBe(0);
    const a = await openSqliteAdapter(db);
    try {
      expect((await checkSavedMultiPeriodPlan(a, solved.runId!, 'lumix')).problems).toEqual([]);
    } finally {
      await a.close();
    }
    await expect(scenariosCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite' }, createBufferedOutput())).rejects.toMatchObject({
      code: 'SCHEMA_ERROR',
      message: expect.stringMatching(/was seeded before scenarios existed \(it lacks scenarios, scenario_parameters, scenario_runs\)\. Seed it again with the scenarios: .* --scenarios production_step5_scenarios\.json/),
    });
  });

  it('seed refuses an unknown parameter type, a second baseline and scenarios without periods, naming them; the database is unchanged', async () => {
    const db = await seeded('bad-seed', 'sqlite');
    const before = await snapshotDb(db);
    const scenarios = JSON.parse(readFileSync(SCENARIOS, 'utf8')) as { scenarios: Record<string, unknown>[]; scenario_parameters: Record<string, unknown>[] };
    const bad = join(dir, 'bad-scenarios.json');
    writeFileSync(
      bad,
      JSON.stringify({
        scenarios: scenarios.scenarios.map((s) => (s['name'] === 'Expansion' ? { ...s, is_baseline: 1 } : s)),
        scenario_parameters: [...scenarios.scenario_parameters, { scenario_id: 2, parameter_type: 'tax_multiplier', parameter_value: 1.1 }],
      }),
    );
    for (const orm of ['sqlite', 'sequelize'] as const) {
      const seeding = seedDatabase({ db, orm, data: STEP4, scenarios: bad }, createBufferedOutput());
      await expect(seeding).rejects.toMatchObject({ code: 'DATA_ERROR' });
      const message = await seeding.catch((e: Error) => e.message);
      expect(message).toMatch(/scenario_parameters #10: parameter_type is "tax_multiplier" \(text\), which this app does not know; use one of demand_multiplier, /);
      expect(message).toMatch(/"Baseline", "Expansion" are all marked is_baseline 1/);
      expect(await snapshotDb(db)).toEqual(before);
    }
    const noPeriods = seedDatabase({ db, orm: 'sqlite', data: fixturePath('tutorial/production_step3.json'), scenarios: SCENARIOS }, createBufferedOutput());
    await expect(noPeriods).rejects.toThrow(/scenarios apply to multi-period data: add "periods"/);
    expect(await snapshotDb(db)).toEqual(before);
  });
});
