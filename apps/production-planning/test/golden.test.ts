import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { readJsonFixture } from '@lumix/test-fixtures';
import { runsCommand } from '../src/commands/runs-command.js';
import { seedDatabase } from '../src/commands/seed-command.js';
import { showCommand } from '../src/commands/show-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { ORM_NAMES, type OrmName } from '../src/db/production-db.js';
import { checkSavedPlan } from '../src/model/check-saved-plan.js';
import { useTempDir } from './support/temp-dir.js';

interface Fixture {
  expected: {
    objective_total_profit: number;
    production: Record<string, number>;
    duals_for_extension: { wood_shadow_price: number; reduced_cost_chair_at_min: number; reduced_cost_table_at_min: number };
    db_writes: {
      production_schedules: { product_id: number; quantity: number; profit_contribution: number }[];
      resource_utilization: { resource_type: string; resource_id: number; resource_name: string; used: number; available: number; utilization_pct: number }[];
    };
  };
}

const fixture = readJsonFixture<Fixture>('tutorial/production_step2.json').expected;
const dir = useTempDir('golden');
const close = (a: number, b: number, rel = 1e-9): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

describe('golden: tutorial step 2', () => {
  for (const solver of ['highs', 'glpk'] as const) {
    for (const orm of ORM_NAMES) {
      // Seed through the other adapter, so each pair also shows that both ORMs read what the other wrote.
      const seedOrm: OrmName = orm === 'sqlite' ? 'sequelize' : 'sqlite';
      it(`golden/${solver}-${orm}`, async () => {
        const db = join(dir, `${solver}-${orm}.db`);
        const out = createBufferedOutput();
        await seedDatabase({ db, orm: seedOrm }, out);
        const outcome = await solveCommand({ db, dbShown: db, solver, orm }, out);
        expect(outcome.exitCode, out.stderr.join('\n')).toBe(0);
        const plan = outcome.plan!;
        expect(plan.status).toBe('optimal');
        expect(close(plan.objective!, fixture.objective_total_profit)).toBe(true);
        for (const line of plan.lines) expect(close(line.quantity, fixture.production[line.name]!, 1e-7)).toBe(true);

        // Shadow prices: both solvers give row duals. Reduced costs: HiGHS only.
        const wood = plan.materials.find((m) => m.name.startsWith('Wood'))!;
        expect(wood.binding).toBe(true);
        expect(close(wood.shadowPrice!, fixture.duals_for_extension.wood_shadow_price, 1e-7)).toBe(true);
        for (const r of [...plan.machines, ...plan.materials]) if (r !== wood) expect(Math.abs(r.shadowPrice!)).toBeLessThan(1e-9);
        if (solver === 'highs') {
          expect(close(plan.lines[0]!.reducedCost!, fixture.duals_for_extension.reduced_cost_chair_at_min, 1e-7)).toBe(true);
          expect(close(plan.lines[1]!.reducedCost!, fixture.duals_for_extension.reduced_cost_table_at_min, 1e-7)).toBe(true);
        } else {
          expect(plan.lines.every((l) => l.reducedCost === null)).toBe(true);
          expect(out.text()).toMatch(/glpk gives no reduced costs \(glpk\.js reports row duals only\); run with --solver highs/);
        }

        // The saved rows, read back with plain SQL and re-checked independently of the model.
        const check = await (async () => {
          const a = await openSqliteAdapter(db);
          try {
            const schedules = await a.query<{ product_id: number; quantity: number; profit_contribution: number; run_id: number }>(
              'SELECT run_id, product_id, quantity, profit_contribution FROM production_schedules ORDER BY product_id',
            );
            const util = await a.query<Fixture['expected']['db_writes']['resource_utilization'][number] & { run_id: number }>(
              'SELECT run_id, resource_type, resource_id, resource_name, used, available, utilization_pct FROM resource_utilization ORDER BY id',
            );
            expect(schedules.every((s) => s.run_id === outcome.runId)).toBe(true);
            expect(schedules.map((s) => s.product_id)).toEqual(fixture.db_writes.production_schedules.map((s) => s.product_id));
            schedules.forEach((s, i) => {
              const f = fixture.db_writes.production_schedules[i]!;
              expect(close(s.quantity, f.quantity, 1e-7) && close(s.profit_contribution, f.profit_contribution, 1e-7)).toBe(true);
            });
            expect(util.map((u) => [u.resource_type, u.resource_id, u.resource_name, u.available])).toEqual(
              fixture.db_writes.resource_utilization.map((u) => [u.resource_type, u.resource_id, u.resource_name, u.available]),
            );
            util.forEach((u, i) => {
              const f = fixture.db_writes.resource_utilization[i]!;
              expect(close(u.used, f.used, 1e-7) && close(u.utilization_pct, f.utilization_pct, 1e-7)).toBe(true);
            });
            return await checkSavedPlan(a, outcome.runId!);
          } finally {
            await a.close();
          }
        })();
        expect(check.problems).toEqual([]);
        expect(close(check.recomputedObjective, fixture.objective_total_profit)).toBe(true);

        // show reads the same plan back through the same adapter; runs lists it.
        const shown = await showCommand({ db, dbShown: db, orm }, createBufferedOutput());
        expect(shown.runId).toBe(outcome.runId);
        expect(close(shown.objective!, plan.objective!)).toBe(true);
        expect(shown.lines.map((l) => [l.name, l.demandStatus])).toEqual(plan.lines.map((l) => [l.name, l.demandStatus]));
        expect(shown.hasReducedCosts).toBe(solver === 'highs');
        const runs = await runsCommand({ db, dbShown: db, orm }, createBufferedOutput());
        expect(runs.map((r) => [r.id, r.solver, r.label, r.status])).toEqual([[outcome.runId, solver, `orm=${orm}`, 'optimal']]);
      });
    }
  }

  it('golden/runs-accumulate', async () => {
    const db = join(dir, 'history.db');
    const out = createBufferedOutput();
    await seedDatabase({ db, orm: 'sqlite' }, out);
    const a = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite' }, out);
    const b = await solveCommand({ db, dbShown: db, solver: 'glpk', orm: 'sqlite' }, out);
    expect([a.runId, b.runId]).toEqual([1, 2]);
    const first = await showCommand({ db, dbShown: db, orm: 'sqlite', run: 1 }, createBufferedOutput());
    expect(first.solver).toBe('highs');
    const latest = await showCommand({ db, dbShown: db, orm: 'sqlite' }, createBufferedOutput());
    expect(latest.solver).toBe('glpk');
  });
});
