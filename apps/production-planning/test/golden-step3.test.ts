// Tutorial step 3 (customer orders as goals), from seed to saved run: both goal modes, both
// solvers, both ORMs. Expected values from lumix-apps.md §1.3 (LumiX's committed production.db):
// weighted objective 4,058,000, plan (50, 0, 20/7), profit 2,821.43, P1 1/4, P2 1/3, P3 1/2; a
// strict lexicographic solve gives the same plan. The saved rows are re-checked from the database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { isLumixError, type SqlValue } from '@lumix/core';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { fixturePath, readJsonFixture } from '@lumix/test-fixtures';
import { seedDatabase } from '../src/commands/seed-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { validateProductionData } from '../src/data/validate-production-data.js';
import { ORM_NAMES, type OrmName } from '../src/db/production-db.js';
import { checkSavedPlan, type QueryRunner } from '../src/model/check-saved-plan.js';
import type { GoalMode } from '../src/model/production-plan.js';
import { useTempDir } from './support/temp-dir.js';

const STEP3 = fixturePath('tutorial/production_step3.json');
const dir = useTempDir('golden-step3');
const PROFIT = 2821.428571428571;
const QUANTITY: Record<string, number> = { Chair: 50, Table: 0, Desk: 20 / 7 };
const SHORTFALL: Record<number, number> = { 1: 12.142857142857, 2: 20, 3: 0, 4: 7.142857142857, 5: 0, 6: 10, 7: 2.142857142857, 8: 0, 9: 8 };

describe('golden: tutorial step 3 (orders as goals), seed to saved run', () => {
  for (const solver of ['highs', 'glpk'] as const) {
    for (const orm of ORM_NAMES) {
      for (const goalMode of ['weighted', 'lexicographic'] as GoalMode[]) {
        it(`step3/${goalMode}-${solver}-${orm}`, async () => {
          const db = join(dir, `${goalMode}-${solver}-${orm}.db`);
          const out = createBufferedOutput();
          const seedOrm: OrmName = orm === 'sqlite' ? 'sequelize' : 'sqlite';
          await seedDatabase({ db, orm: seedOrm, data: STEP3 }, out);
          const report = join(dir, `${goalMode}-${solver}-${orm}.html`);
          const outcome = await solveCommand({ db, dbShown: db, solver, orm, goalMode, report }, out);
          expect(outcome.exitCode, out.stderr.join('\n')).toBe(0);
          const plan = outcome.plan!;
          expect(plan.status).toBe('optimal');
          // The reported profit is the real profit in both modes, never the penalty.
          expect(plan.objective).toBeCloseTo(PROFIT, 4);
          for (const l of plan.lines) expect(l.quantity).toBeCloseTo(QUANTITY[l.name]!, 5);
          const goals = plan.goals!;
          expect(goals.mode).toBe(goalMode);
          expect(goals.penalty).toBeCloseTo(4_058_000, 0);
          expect(goals.priorities.map((p) => `P${p.priority} ${p.satisfied}/${p.total}`)).toEqual(['P1 1/4', 'P2 1/3', 'P3 1/2']);
          for (const o of goals.orders) expect(o.shortfall).toBeCloseTo(SHORTFALL[o.orderId]!, 5);

          const text = out.text();
          expect(text).toContain('GOAL SATISFACTION ANALYSIS');
          expect(text).toContain('PRIORITY 1: 1/4 orders satisfied');
          expect(text).toContain('Total profit: $2,821.43');
          if (goalMode === 'weighted') expect(text).toContain('4,058,000.00');
          const html = readFileSync(report, 'utf8');
          expect(html).toContain('Customer orders');
          expect(html).toContain('P1 1/4 · P2 1/3 · P3 1/2');
          expect(html).toContain('Premium Office Furniture Inc.');

          // The saved rows, read back with plain SQL and re-checked without the model.
          const a = await openSqliteAdapter(db);
          try {
            const rows = await a.query<{ order_id: number; shortfall: number; satisfied: number; run_id: number }>(
              'SELECT run_id, order_id, shortfall, satisfied FROM order_fulfillment ORDER BY order_id',
            );
            expect(rows.map((r) => r.order_id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
            for (const r of rows) {
              expect(r.run_id).toBe(outcome.runId);
              expect(r.shortfall).toBeCloseTo(SHORTFALL[r.order_id]!, 5);
              expect(r.satisfied).toBe(SHORTFALL[r.order_id] === 0 ? 1 : 0);
            }
            const check = await checkSavedPlan(a, outcome.runId!);
            expect(check.problems).toEqual([]);
            expect(check.recomputedObjective).toBeCloseTo(PROFIT, 4);
          } finally {
            await a.close();
          }
        });
      }
    }
  }

  it('the independent check catches a saved order row that lies (shortfall, satisfied flag, missing row)', async () => {
    const db = join(dir, 'tampered.db');
    const out = createBufferedOutput();
    await seedDatabase({ db, orm: 'sqlite', data: STEP3 }, out);
    const { runId } = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite' }, out);
    const a = await openSqliteAdapter(db);
    try {
      expect((await checkSavedPlan(a, runId!)).ok).toBe(true);
      // The adapters refuse writes through query(): the lying rows are served by a wrapper instead.
      const lying: QueryRunner = {
        query: async <T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T[]> => {
          const rows = await a.query<T>(sql, params);
          if (!sql.includes('FROM order_fulfillment')) return rows;
          return (rows as unknown as Record<string, unknown>[])
            .filter((r) => r['order_id'] !== 9)
            .map((r) => (r['order_id'] === 2 ? { ...r, shortfall: 0, satisfied: 1 } : r)) as unknown as T[];
        },
      };
      const check = await checkSavedPlan(lying, runId!);
      expect(check.ok).toBe(false);
      expect(check.problems).toEqual([
        // Lexicographic levels may give up 1e-6 each (core's level tolerance): the shortfall is 20 to 1e-5.
        expect.stringMatching(/^Order 2: saved shortfall 0 differs from the recomputed (20|19\.9999\d*)\.$/),
        expect.stringMatching(/^Order 2: saved satisfied=1 but the recomputed shortfall is (20|19\.9999\d*)\.$/),
        `Order 9 has no order_fulfillment row in run ${runId}.`,
      ]);
    } finally {
      await a.close();
    }
  });

  it('step 1–2 data (no customers, no orders) still seeds and solves as the plain profit LP', async () => {
    const db = join(dir, 'step2.db');
    const out = createBufferedOutput();
    await seedDatabase({ db, orm: 'sqlite', data: fixturePath('tutorial/production_step2.json') }, out);
    const outcome = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite', goalMode: 'weighted' }, out);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.plan!.goals).toBeUndefined();
    expect(outcome.plan!.hasShadowPrices).toBe(true);
    expect(out.text()).not.toContain('GOAL SATISFACTION');
  });

  it('bad customer or order rows are refused with a DATA_ERROR naming each one', () => {
    const data = readJsonFixture<Record<string, unknown[]>>('tutorial/production_step3.json');
    const customers = data['customers'] as Record<string, unknown>[];
    const orders = data['customer_orders'] as Record<string, unknown>[];
    const bad = {
      ...data,
      customers: [{ ...customers[0], tier: 'PLATINUM' }, ...customers.slice(1)],
      customer_orders: [{ ...orders[0], priority: 4 }, { ...orders[1], customer_id: 99 }, { ...orders[2], due_week: 0 }, ...orders.slice(3)],
    };
    try {
      validateProductionData(bad, 'bad.json');
      expect.unreachable('bad data was accepted');
    } catch (e) {
      expect(isLumixError(e, 'DATA_ERROR')).toBe(true);
      const problems = (e as { details: { problems: string[] } }).details.problems;
      expect(problems).toEqual([
        'customers #1 (id 1, "Premium Office Furniture Inc."): tier is "PLATINUM" (text); it must be one of GOLD, SILVER, BRONZE.',
        'customer_orders #1 (id 1): priority is 4; it must be 1, 2 or 3 (1 is served first).',
        'customer_orders #3 (id 3): due_week is 0; it must be a whole number of 1 or more.',
        'customer_orders #2 (id 2): customer_id 99 does not match any customers id; use an existing id or add that row to customers.',
      ]);
    }
  });
});
