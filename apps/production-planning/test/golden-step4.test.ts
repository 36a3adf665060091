// Tutorial step 4 (multi-period, setups, batches, inventory), from seed to saved run. The
// tutorial-literal model (--compat lumix) reproduces LumiX's numbers (lumix-apps.md §1.4: weighted
// 2,241,777.78 with P1 5/6, P2 3/5, P3 1/4; lexicographic net 35,560.17). The correct model's
// numbers (net 35,880.83; P2 4/5; penalty 1,728,000) are ours: every saved plan is re-checked from
// the database rows by an independent validator, and the literal model's are the tutorial's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import type { SqlValue } from '@lumix/core';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { fixturePath } from '@lumix/test-fixtures';
import { seedDatabase } from '../src/commands/seed-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import type { OrmName } from '../src/db/production-db.js';
import type { QueryRunner } from '../src/model/check-saved-plan.js';
import { checkSavedMultiPeriodPlan } from '../src/model/multi-period-plan.js';
import type { GoalMode } from '../src/model/production-plan.js';
import { useTempDir } from './support/temp-dir.js';

const STEP4 = fixturePath('tutorial/production_step4.json');
const dir = useTempDir('golden-step4');

interface Case {
  readonly solver: 'highs' | 'glpk';
  readonly orm: OrmName;
  readonly compat: boolean;
  readonly goalMode: GoalMode;
  readonly satisfaction: string[];
  readonly net?: number;
  readonly penalty?: number;
}

const LUMIX_SAT = ['P1 5/6', 'P2 3/5', 'P3 1/4'];
const OURS_SAT = ['P1 5/6', 'P2 4/5', 'P3 1/4'];
const CASES: Case[] = [
  { solver: 'highs', orm: 'sqlite', compat: true, goalMode: 'weighted', satisfaction: LUMIX_SAT, penalty: 2_241_777.78 },
  { solver: 'highs', orm: 'sequelize', compat: true, goalMode: 'lexicographic', satisfaction: LUMIX_SAT, net: 35_560.17 },
  { solver: 'highs', orm: 'sqlite', compat: false, goalMode: 'lexicographic', satisfaction: OURS_SAT, net: 35_880.83 },
  { solver: 'highs', orm: 'sequelize', compat: false, goalMode: 'weighted', satisfaction: OURS_SAT, penalty: 1_728_000 },
  { solver: 'glpk', orm: 'sequelize', compat: true, goalMode: 'weighted', satisfaction: LUMIX_SAT, penalty: 2_241_777.78 },
  { solver: 'glpk', orm: 'sqlite', compat: false, goalMode: 'lexicographic', satisfaction: OURS_SAT, net: 35_880.83 },
];

describe('golden: tutorial step 4, seed to saved run', () => {
  for (const c of CASES) {
    const name = `step4/${c.compat ? 'lumix' : 'correct'}-${c.goalMode}-${c.solver}-${c.orm}`;
    it(name, async () => {
      const db = join(dir, `${name.replace(/\//g, '_')}.db`);
      const report = join(dir, `${name.replace(/\//g, '_')}.html`);
      const out = createBufferedOutput();
      await seedDatabase({ db, orm: c.orm === 'sqlite' ? 'sequelize' : 'sqlite', data: STEP4 }, out);
      const outcome = await solveCommand(
        { db, dbShown: db, solver: c.solver, orm: c.orm, goalMode: c.goalMode, report, ...(c.compat ? { compat: 'lumix' as const } : {}) },
        out,
      );
      expect(outcome.exitCode, out.stderr.join('\n')).toBe(0);
      const plan = outcome.multiPeriodPlan!;
      expect(plan.status).toBe('optimal');
      expect(plan.variant).toBe(c.compat ? 'lumix' : 'correct');
      expect(plan.goals!.priorities.map((p) => `P${p.priority} ${p.satisfied}/${p.total}`)).toEqual(c.satisfaction);
      if (c.net !== undefined) expect(plan.netProfit).toBeCloseTo(c.net, 1);
      if (c.penalty !== undefined) expect(plan.goals!.penalty).toBeCloseTo(c.penalty, 1);
      if (c.compat) {
        // The tutorial's model never sets anything up: nothing forces it.
        expect(plan.grid.every((g) => g.cells.every((x) => !x.setup))).toBe(true);
      } else {
        // Ours: every week that makes a product is set up, and pays for it (below 1e-4 units is solver dust: a binary at its integrality tolerance times the big-M).
        expect(plan.grid.every((g) => g.cells.every((x) => x.production < 1e-4 || x.setup))).toBe(true);
        expect(plan.setupCost).toBeGreaterThan(0);
      }
      expect(out.text()).toContain('PRODUCTION PLAN (made / end stock; * = set up)');
      expect(out.text()).toContain('MACHINE HOURS PER WEEK');
      const html = readFileSync(report, 'utf8');
      for (const s of ['Production plan', 'Machine hours per week', 'Material per week', 'Customer orders', c.satisfaction.join(' · ')])
        expect(html).toContain(s);

      const a = await openSqliteAdapter(db);
      try {
        const n = await a.query<{ n: number }>('SELECT COUNT(*) AS n FROM production_schedules_period WHERE run_id = ?', [outcome.runId!]);
        expect(n[0]!.n).toBe(36);
        const check = await checkSavedMultiPeriodPlan(a, outcome.runId!, plan.variant);
        expect(check.problems).toEqual([]);
        expect(check.recomputedNet).toBeCloseTo(plan.netProfit, 4);
      } finally {
        await a.close();
      }
    });
  }

  it('the independent check catches production without a setup, a broken stock balance and a lying order row', async () => {
    const db = join(dir, 'tampered.db');
    const out = createBufferedOutput();
    await seedDatabase({ db, orm: 'sqlite', data: STEP4 }, out);
    const { runId } = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite' }, out);
    const a = await openSqliteAdapter(db);
    try {
      expect((await checkSavedMultiPeriodPlan(a, runId!, 'correct')).ok).toBe(true);
      const lying: QueryRunner = {
        query: async <T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T[]> => {
          const rows = (await a.query<T>(sql, params)) as unknown as Record<string, unknown>[];
          if (sql.includes('FROM production_schedules_period')) {
            // Chair (1) in week 1 made without its setup; Table (2) in week 1 keeps 5 units nobody made.
            return rows.map((r) =>
              r['product_id'] === 1 && r['period_id'] === 1 ? { ...r, setup: 0 } : r['product_id'] === 2 && r['period_id'] === 1 ? { ...r, inventory: 5 } : r,
            ) as unknown as T[];
          }
          if (sql.includes('FROM order_fulfillment'))
            return rows.map((r) => (r['order_id'] === 1 ? { ...r, shortfall: 0, satisfied: 1 } : r)) as unknown as T[];
          return rows as unknown as T[];
        },
      };
      const check = await checkSavedMultiPeriodPlan(lying, runId!, 'correct');
      expect(check.ok).toBe(false);
      const text = check.problems.join('\n');
      expect(text).toMatch(/Product 1 \(Chair\) period 1: 80 made without a setup\./);
      expect(text).toMatch(/Product 2 \(Table\) period 1: stock 5 is not 0/);
      expect(text).toMatch(/Order 1: saved shortfall 0 differs from the recomputed 14/);
      expect(text).toMatch(/Stored net profit .* differs from the recomputed/);
    } finally {
      await a.close();
    }
  });
});
