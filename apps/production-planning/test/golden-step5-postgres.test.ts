// Step 5 on PostgreSQL (the throw-away server of this package's vitest globalSetup): seed the
// step-4 data and the scenario file into a database URL through Sequelize, run the scenarios,
// and re-check every saved run from the server's rows with plain SQL, with its scenario's
// multipliers. Same expected values as golden-step5.
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { openSequelizeAdapter } from '@lumix/orm-sequelize';
import { fixturePath, newPostgresDatabase, testPostgres } from '@lumix/test-fixtures';
import { scenariosCommand } from '../src/commands/scenarios-command.js';
import { seedDatabase } from '../src/commands/seed-command.js';
import { checkSavedMultiPeriodPlan } from '../src/model/multi-period-plan.js';

const server = testPostgres();

if ('skip' in server) {
  console.warn(`[golden-step5-postgres] skipped: ${server.skip}`);
  describe.skip(`step 5 on PostgreSQL (${server.skip})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describe('golden on PostgreSQL: tutorial step 5', () => {
    it('step5/postgres-lumix-weighted-highs: 2,241,777.78 / 5,438,214.29 / 6,105,342.86 / 4,167,142.86 / 186,827.78, one checked run per scenario', async () => {
      const db = await newPostgresDatabase(server.url, 'lumix_production');
      const out = createBufferedOutput();
      await seedDatabase(
        { db, orm: 'sequelize', data: fixturePath('tutorial/production_step4.json'), scenarios: fixturePath('tutorial/production_step5_scenarios.json') },
        out,
      );
      expect(out.text()).toContain('5 scenarios with 9 parameters');
      const outcome = await scenariosCommand({ db, dbShown: db, solver: 'highs', orm: 'sequelize', compat: 'lumix', goalMode: 'weighted' }, out);
      expect(outcome.exitCode, out.stderr.join('\n')).toBe(0);
      const lines = outcome.comparison!.lines;
      expect(lines.map((l) => l.objective)).toEqual([2_241_777.78, 5_438_214.29, 6_105_342.86, 4_167_142.86, 186_827.78].map((v) => expect.closeTo(v, 1)));
      const a = await openSequelizeAdapter(db);
      try {
        const links = await a.query<{ run_id: number; name: string }>('SELECT r.run_id, s.name FROM scenario_runs r JOIN scenarios s ON s.id = r.scenario_id ORDER BY r.run_id');
        expect(links.map((l) => [Number(l.run_id), l.name])).toEqual(lines.map((l) => [l.runId, l.scenario.name]));
        for (const l of lines) {
          const check = await checkSavedMultiPeriodPlan(a, l.runId!, 'lumix');
          expect(check.problems, l.scenario.name).toEqual([]);
          expect(check.recomputedNet).toBeCloseTo(l.plan!.netProfit, 4);
        }
      } finally {
        await a.close();
      }
    });
  });
}
