// `show` reports the goal satisfaction of a saved run (per priority satisfied / total, shortfall
// per order) from the run's own order_fulfillment rows: both ORMs, step 3 (single week) and step 4
// (multi-period). The last case edits a saved row behind the app's back and sees show print the
// edit: the section is read back from the database, not recomputed by a new solve.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { fixturePath } from '@lumix/test-fixtures';
import { seedDatabase } from '../src/commands/seed-command.js';
import { showCommand } from '../src/commands/show-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { ORM_NAMES } from '../src/db/production-db.js';
import { execSql } from './support/db-snapshot.js';
import { useTempDir } from './support/temp-dir.js';

const dir = useTempDir('show-goals');

/** The `PRIORITY k: a/n orders satisfied` headlines of a printed goal section. */
const headlines = (text: string): string[] => [...text.matchAll(/PRIORITY (\d): (\d+)\/(\d+) orders satisfied/g)].map((m) => `P${m[1]} ${m[2]}/${m[3]}`);

describe('show: goal satisfaction of a saved run, from its rows', () => {
  for (const orm of ORM_NAMES) {
    it(`show-goals/step3-weighted-${orm}`, async () => {
      const db = join(dir, `step3-${orm}.db`);
      const out = createBufferedOutput();
      await seedDatabase({ db, orm, data: fixturePath('tutorial/production_step3.json') }, out);
      const solved = await solveCommand({ db, dbShown: db, solver: 'highs', orm, goalMode: 'weighted', env: {} }, out);
      expect(solved.exitCode, out.stderr.join('\n')).toBe(0);

      const shown = createBufferedOutput();
      const report = join(dir, `step3-${orm}.html`);
      const plan = await showCommand({ db, dbShown: db, orm, report }, shown);
      const text = shown.text();
      // The report of show has the orders too, from the same rows.
      const html = readFileSync(report, 'utf8');
      expect(html).toContain('P1 1/4 · P2 1/3 · P3 1/2');
      expect(html).toContain('Premium Office Furniture Inc.');
      expect(text).toContain('GOAL SATISFACTION ANALYSIS');
      expect(text).toContain('Mode: weighted');
      // LumiX's numbers for step 3 (lumix-apps.md §1.3): P1 1/4, P2 1/3, P3 1/2, penalty 4,058,000.
      expect(headlines(text)).toEqual(['P1 1/4', 'P2 1/3', 'P3 1/2']);
      expect(text).toContain('4,058,000.00');
      expect(plan.goals?.orders.find((o) => o.orderId === 2)?.shortfall).toBeCloseTo(20, 6);
      expect(plan.goals?.orders.find((o) => o.orderId === 2)?.customer).toBe(solved.plan?.goals?.orders.find((o) => o.orderId === 2)?.customer);
      // The same section as solve printed, order by order.
      expect(plan.goals?.orders.map((o) => [o.orderId, o.satisfied, Math.round(o.shortfall * 1e6)])).toEqual(
        [...(solved.plan?.goals?.orders ?? [])].sort((a, b) => a.priority - b.priority || a.orderId - b.orderId).map((o) => [o.orderId, o.satisfied, Math.round(o.shortfall * 1e6)]),
      );
    });
  }

  it('show-goals/step4-multi-period-lexicographic', async () => {
    const db = join(dir, 'step4.db');
    const out = createBufferedOutput();
    await seedDatabase({ db, orm: 'sqlite', data: fixturePath('tutorial/production_step4.json') }, out);
    const solved = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sequelize', goalMode: 'lexicographic', env: {} }, out);
    expect(solved.exitCode, out.stderr.join('\n')).toBe(0);
    const shown = createBufferedOutput();
    await showCommand({ db, dbShown: db, orm: 'sequelize' }, shown);
    const text = shown.text();
    expect(text).toContain('PRODUCTION PLAN (made / end stock; * = set up)');
    expect(text).toContain('Mode: lexicographic');
    // The correct step-4 model's satisfaction (golden-step4: P1 5/6, P2 4/5, P3 1/4).
    expect(headlines(text)).toEqual(['P1 5/6', 'P2 4/5', 'P3 1/4']);
  });

  it('show-goals/read-back-not-recomputed', async () => {
    const db = join(dir, 'edited.db');
    const out = createBufferedOutput();
    await seedDatabase({ db, orm: 'sqlite', data: fixturePath('tutorial/production_step3.json') }, out);
    const solved = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite', env: {} }, out);
    expect(solved.exitCode, out.stderr.join('\n')).toBe(0);
    // Order 2 (P1, shortfall 20) marked satisfied in the saved rows: show must print what is saved.
    await execSql(db, `UPDATE order_fulfillment SET shortfall = 0, satisfied = 1 WHERE order_id = 2 AND run_id = ${String(solved.runId)}`);
    const shown = createBufferedOutput();
    await showCommand({ db, dbShown: db, orm: 'sqlite' }, shown);
    expect(headlines(shown.text())).toEqual(['P1 2/4', 'P2 1/3', 'P3 1/2']);
    // A run without orders has no goal section.
    const plain = join(dir, 'step1.db');
    await seedDatabase({ db: plain, orm: 'sqlite' }, out);
    expect((await solveCommand({ db: plain, dbShown: plain, solver: 'highs', orm: 'sqlite', env: {} }, out)).exitCode).toBe(0);
    const shownPlain = createBufferedOutput();
    const plan = await showCommand({ db: plain, dbShown: plain, orm: 'sqlite' }, shownPlain);
    expect(plan.goals).toBeUndefined();
    expect(shownPlain.text()).not.toContain('GOAL SATISFACTION');
  });
});
