// Steps 3 and 4 on PostgreSQL (the throw-away server of this package's vitest globalSetup): seed
// the tutorial files into a database URL through Sequelize, solve, and re-check the saved rows
// from the server with plain SQL. Same expected values as golden-step3 / golden-step4.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBufferedOutput, displayDatabase } from '@lumix/app-kit';
import { openSequelizeAdapter } from '@lumix/orm-sequelize';
import { fixturePath, newPostgresDatabase, testPostgres } from '@lumix/test-fixtures';
import { seedDatabase } from '../src/commands/seed-command.js';
import { showCommand } from '../src/commands/show-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { checkSavedPlan } from '../src/model/check-saved-plan.js';
import { checkSavedMultiPeriodPlan } from '../src/model/multi-period-plan.js';
import { canonical, tablesOf } from './support/report-html.js';
import { useTempDir } from './support/temp-dir.js';

const server = testPostgres();
const dir = useTempDir('golden-steps34-postgres');

if ('skip' in server) {
  console.warn(`[golden-steps34-postgres] skipped: ${server.skip}`);
  describe.skip(`steps 3 and 4 on PostgreSQL (${server.skip})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describe('golden on PostgreSQL: tutorial steps 3 and 4', () => {
    it('step3/postgres-weighted-highs: 4,058,000, profit 2,821.43, P1 1/4, P2 1/3, P3 1/2', async () => {
      const db = await newPostgresDatabase(server.url, 'lumix_production');
      const out = createBufferedOutput();
      await seedDatabase({ db, orm: 'sequelize', data: fixturePath('tutorial/production_step3.json') }, out);
      const outcome = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sequelize', goalMode: 'weighted' }, out);
      expect(outcome.exitCode, out.stderr.join('\n')).toBe(0);
      expect(outcome.plan!.objective).toBeCloseTo(2821.428571, 4);
      expect(outcome.plan!.goals!.penalty).toBeCloseTo(4_058_000, 0);
      expect(outcome.plan!.goals!.priorities.map((p) => `${p.satisfied}/${p.total}`)).toEqual(['1/4', '1/3', '1/2']);
      const a = await openSequelizeAdapter(db);
      try {
        const check = await checkSavedPlan(a, outcome.runId!);
        expect(check.problems).toEqual([]);
      } finally {
        await a.close();
      }
    });

    it('step4/postgres-correct-lexicographic-highs: net 35,880.83, P1 5/6, P2 4/5, P3 1/4', async () => {
      const db = await newPostgresDatabase(server.url, 'lumix_production');
      const out = createBufferedOutput();
      await seedDatabase({ db, orm: 'sequelize', data: fixturePath('tutorial/production_step4.json') }, out);
      const solved = join(dir, 'step4-solve.html');
      const outcome = await solveCommand({ db, dbShown: displayDatabase(db), solver: 'highs', orm: 'sequelize', report: solved }, out);
      expect(outcome.exitCode, out.stderr.join('\n')).toBe(0);
      const plan = outcome.multiPeriodPlan!;
      // show --report reads the run back from the server's rows into the same report.
      const shown = join(dir, 'step4-show.html');
      await showCommand({ db, dbShown: displayDatabase(db), orm: 'sequelize', run: outcome.runId!, report: shown }, createBufferedOutput());
      const [a0, b0] = [readFileSync(solved, 'utf8'), readFileSync(shown, 'utf8')];
      expect(Object.keys(tablesOf(b0))).toContain('plan-grid');
      expect(tablesOf(b0)).toEqual(tablesOf(a0));
      expect(canonical(b0)).toBe(canonical(a0));
      expect(plan.netProfit).toBeCloseTo(35_880.83, 1);
      expect(plan.goals!.priorities.map((p) => `${p.satisfied}/${p.total}`)).toEqual(['5/6', '4/5', '1/4']);
      const a = await openSequelizeAdapter(db);
      try {
        const check = await checkSavedMultiPeriodPlan(a, outcome.runId!, 'correct');
        expect(check.problems).toEqual([]);
        expect(check.recomputedNet).toBeCloseTo(plan.netProfit, 4);
      } finally {
        await a.close();
      }
    });
  });
}
