// The tutorial step 2 golden on PostgreSQL (a throw-away server started by this package's vitest
// globalSetup): seed, solve with each solver, show and runs on a database URL, the saved rows read
// back with plain SQL and re-checked independently of the model, and the CLI's --db / DATABASE_URL.
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { isLumixError } from '@lumix/core';
import { openSequelizeAdapter } from '@lumix/orm-sequelize';
import { newPostgresDatabase, readJsonFixture, testPostgres } from '@lumix/test-fixtures';
import { runsCommand } from '../src/commands/runs-command.js';
import { seedDatabase } from '../src/commands/seed-command.js';
import { showCommand } from '../src/commands/show-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { checkSavedPlan } from '../src/model/check-saved-plan.js';
import { runProductionCli } from '../src/production-cli.js';

interface Fixture {
  expected: {
    objective_total_profit: number;
    production: Record<string, number>;
    db_writes: { production_schedules: { product_id: number; quantity: number; profit_contribution: number }[] };
  };
}

const fixture = readJsonFixture<Fixture>('tutorial/production_step2.json').expected;
const close = (a: number, b: number, rel = 1e-9): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));
const server = testPostgres();

if ('skip' in server) {
  console.warn(`[golden-postgres] skipped: ${server.skip}`);
  describe.skip(`golden on PostgreSQL (${server.skip})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describe('golden on PostgreSQL: tutorial step 2', () => {
    for (const solver of ['highs', 'glpk'] as const) {
      it(`golden/postgres-${solver}`, async () => {
        const db = await newPostgresDatabase(server.url, 'lumix_production');
        const out = createBufferedOutput();
        await seedDatabase({ db, orm: 'sequelize' }, out);
        const outcome = await solveCommand({ db, dbShown: db, solver, orm: 'sequelize' }, out);
        expect(outcome.exitCode, out.stderr.join('\n')).toBe(0);
        const plan = outcome.plan!;
        expect(plan.status).toBe('optimal');
        expect(close(plan.objective!, fixture.objective_total_profit)).toBe(true);
        for (const line of plan.lines) expect(close(line.quantity, fixture.production[line.name]!, 1e-7)).toBe(true);

        const a = await openSequelizeAdapter(db);
        try {
          const schedules = await a.query<{ run_id: number; product_id: number; quantity: number; profit_contribution: number }>(
            'SELECT run_id, product_id, quantity, profit_contribution FROM production_schedules ORDER BY product_id',
          );
          expect(schedules.every((s) => s.run_id === outcome.runId)).toBe(true);
          expect(schedules.map((s) => s.product_id)).toEqual(fixture.db_writes.production_schedules.map((s) => s.product_id));
          schedules.forEach((s, i) => {
            const f = fixture.db_writes.production_schedules[i]!;
            expect(close(s.quantity, f.quantity, 1e-7) && close(s.profit_contribution, f.profit_contribution, 1e-7)).toBe(true);
          });
          const check = await checkSavedPlan(a, outcome.runId!);
          expect(check.problems).toEqual([]);
          expect(close(check.recomputedObjective, fixture.objective_total_profit)).toBe(true);
        } finally {
          await a.close();
        }

        const shown = await showCommand({ db, dbShown: db, orm: 'sequelize' }, createBufferedOutput());
        expect(shown.runId).toBe(outcome.runId);
        expect(close(shown.objective!, plan.objective!)).toBe(true);
        const runs = await runsCommand({ db, dbShown: db, orm: 'sequelize' }, createBufferedOutput());
        expect(runs.map((r) => [r.id, r.solver, r.status])).toEqual([[outcome.runId, solver, 'optimal']]);
      });
    }

    it('golden/postgres-cli-db-url-and-database-url', async () => {
      const db = await newPostgresDatabase(server.url, 'lumix_production');
      const out = createBufferedOutput();
      expect(await runProductionCli(['seed', '--db', db], out)).toBe(0);
      // seed again replaces the app's own tables (runs included) in place.
      expect(await runProductionCli(['solve', '--db', db, '--solver', 'highs'], out)).toBe(0);
      expect(await runProductionCli(['seed', '--db', db], out)).toBe(0);
      const before = process.env['DATABASE_URL'];
      process.env['DATABASE_URL'] = db;
      try {
        expect(await runProductionCli(['solve', '--solver', 'highs'], out)).toBe(0);
        const runs = createBufferedOutput();
        expect(await runProductionCli(['runs'], runs)).toBe(0);
        expect(runs.text()).toMatch(/highs/);
      } finally {
        if (before === undefined) delete process.env['DATABASE_URL'];
        else process.env['DATABASE_URL'] = before;
      }
      const a = await openSequelizeAdapter(db);
      try {
        expect((await a.listRuns()).map((r) => r.id)).toEqual([1]);
      } finally {
        await a.close();
      }
      // A password in the URL is never printed (the test server trusts local logins, so any works).
      const withPassword = new URL(db);
      withPassword.password = 'secret-pw';
      const shown = createBufferedOutput();
      expect(await runProductionCli(['runs', '--db', withPassword.toString()], shown)).toBe(0);
      expect(shown.text()).toContain(':***@');
      expect(shown.text()).not.toContain('secret-pw');
      // The raw sqlite adapter does not open a server.
      const e = await runProductionCli(['runs', '--db', db, '--orm', 'sqlite'], createBufferedOutput()).catch((x: unknown) => x);
      expect(isLumixError(e, 'INVALID_ARGUMENT')).toBe(true);
      // A database with tables of another program is not seeded over without --force.
      const other = await newPostgresDatabase(server.url, 'lumix_other');
      const o = await openSequelizeAdapter(other);
      await o.createTables([{ name: 'invoices', columns: { id: { type: 'integer', primaryKey: true } } }]);
      await o.close();
      const refused = await runProductionCli(['seed', '--db', other], createBufferedOutput()).catch((x: unknown) => x);
      expect(isLumixError(refused, 'INVALID_ARGUMENT')).toBe(true);
      expect(String((refused as Error).message)).toContain('invoices');
    });
  });
}
