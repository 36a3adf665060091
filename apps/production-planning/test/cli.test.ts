import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { seedDatabase } from '../src/commands/seed-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { TUTORIAL_DATA } from '../src/data/tutorial-data.js';
import { execSql, snapshotDatabase } from './support/db-snapshot.js';
import { runApp } from './support/run-app.js';
import { useTempDir } from './support/temp-dir.js';

const dir = useTempDir('cli');

describe('CLI as a child process', () => {
  it('cli/session-with-defaults-and-relative-paths', async () => {
    const seed = await runApp(['--', 'seed'], dir);
    expect(seed.code, seed.stderr).toBe(0);
    expect(seed.stdout).toContain(`Created ${join(dir, 'production.db')} (through sequelize): 3 products`);
    const solve = await runApp(['solve', '--orm', 'sqlite', '--report', 'plan.html'], dir);
    expect(solve.code, solve.stderr).toBe(0);
    expect(solve.stdout).toMatch(/Optimal plan saved as run #1\. Total profit: \$2,735\.71/);
    expect(solve.stdout).toMatch(/Wood \(board feet\) is used up: one more unit would add \$5\.71 of profit/);
    expect(existsSync(join(dir, 'plan.html'))).toBe(true);
  });

  it('cli/solve-missing-database-says-seed-exit-2', async () => {
    const r = await runApp(['solve', '--db', 'nowhere.db'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No database at .*nowhere\.db\. Create it first: pnpm --filter @lumix\/production-planning start -- seed --db nowhere\.db/);
    expect(existsSync(join(dir, 'nowhere.db'))).toBe(false);
  });

  it('cli/bad-arguments-exit-2', async () => {
    const r = await runApp(['solve', '--solver', 'cplex'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Flag '--solver' must be one of highs, glpk; got 'cplex'/);
  });

  it('cli/invalid-data-names-record-exit-2-database-unchanged', async () => {
    const db = join(dir, 'keep.db');
    // set-up in process (only the failing commands need a child process for their exit code)
    await seedDatabase({ db, orm: 'sqlite' }, createBufferedOutput());
    expect((await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite' }, createBufferedOutput())).exitCode).toBe(0);
    const before = await snapshotDatabase(db);
    const bad = { ...TUTORIAL_DATA, machines: [{ id: 1, name: 'Cutting Machine', available_hours: -80 }, TUTORIAL_DATA.machines[1]] };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const r = await runApp(['seed', '--db', 'keep.db', '--data', 'bad.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/machines #1 \(id 1, "Cutting Machine"\): available_hours is -80; it must be 0 or more/);
    expect(await snapshotDatabase(db)).toBe(before);
    // a database edited by hand behind the app's back is caught on solve, record named, nothing saved
    await execSql(db, "UPDATE raw_materials SET available_quantity = 'plenty' WHERE id = 2");
    const tampered = await snapshotDatabase(db);
    const s = await runApp(['solve', '--db', 'keep.db', '--orm', 'sqlite'], dir);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/raw_materials.*id.?2.*available_quantity/);
    expect(await snapshotDatabase(db)).toBe(tampered);
  });

  it('cli/infeasible-exit-3-database-unchanged', async () => {
    const data = { ...TUTORIAL_DATA, products: TUTORIAL_DATA.products.map((p) => ({ ...p, min_demand: p.max_demand / 2 })) };
    await seedDatabase({ db: join(dir, 'tight.db'), orm: 'sequelize', dataset: data }, createBufferedOutput());
    const before = await snapshotDatabase(join(dir, 'tight.db'));
    const r = await runApp(['solve', '--db', 'tight.db', '--solver', 'glpk'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/infeasible: no production plan meets every minimum demand/);
    // Explained by core's explain (GLPK: an elastic filter); the relaxation names each short material and by how much.
    expect(r.stderr).toContain('an elastic filter with glpk on the LP relaxation');
    expect(r.stderr).toContain('  - material Wood (board feet): 500.00 → 1,550.00 (+1,050.00)');
    expect(await snapshotDatabase(join(dir, 'tight.db'))).toBe(before);
  });
});
