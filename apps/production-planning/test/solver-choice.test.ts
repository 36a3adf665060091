import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { seedDatabase } from '../src/commands/seed-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { runApp } from './support/run-app.js';
import { useTempDir } from './support/temp-dir.js';

// The solver is chosen as the lumix CLI chooses it: --solver, else LUMIX_SOLVER, else
// lumix.config.json / package.json "lumix" in the folder the user runs from, else HiGHS.
// Each case solves the tutorial LP for real and reads the solver back from the saved run.

const root = useTempDir('solver');
let folders = 0;

/** A fresh user folder with a seeded database `production.db`, and optional files in it. */
async function userFolder(files: Record<string, unknown> = {}): Promise<string> {
  const dir = join(root, `user-${++folders}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  await seedDatabase({ db: join(dir, 'production.db'), orm: 'sqlite' }, createBufferedOutput());
  return dir;
}

async function savedSolvers(dir: string): Promise<string[]> {
  const db = await openSqliteAdapter(join(dir, 'production.db'));
  try {
    return (await db.query<{ solver: string }>('SELECT solver FROM solve_runs ORDER BY id')).map((r) => r.solver);
  } finally {
    await db.close();
  }
}

/** No LUMIX_SOLVER from the environment the tests run in, unless a test sets it. */
const CLEAN = { LUMIX_SOLVER: undefined };

describe('solver choice (child process, like pnpm start)', () => {
  it('solver-choice/default-is-highs', async () => {
    const dir = await userFolder();
    const r = await runApp(['solve', '--orm', 'sqlite'], dir, CLEAN);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/; highs \(default\) optimal in /);
    expect(await savedSolvers(dir)).toEqual(['highs']);
  });

  it('solver-choice/LUMIX_SOLVER-switches-to-glpk', async () => {
    const dir = await userFolder();
    const r = await runApp(['solve', '--orm', 'sqlite'], dir, { LUMIX_SOLVER: 'glpk' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/; glpk \(LUMIX_SOLVER\) optimal in /);
    expect(r.stdout).toContain('Total profit: $2,735.71');
    expect(await savedSolvers(dir)).toEqual(['glpk']);
  });

  it('solver-choice/lumix-config-json-in-the-working-folder-switches-to-glpk', async () => {
    const dir = await userFolder({ 'lumix.config.json': { solver: 'glpk' } });
    const r = await runApp(['solve', '--orm', 'sqlite'], dir, CLEAN);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`; glpk (${join(dir, 'lumix.config.json')}) optimal in `);
    expect(await savedSolvers(dir)).toEqual(['glpk']);
  });

  it('solver-choice/--solver-beats-LUMIX_SOLVER-and-the-config-file', async () => {
    const dir = await userFolder({ 'lumix.config.json': { solver: 'glpk' } });
    const r = await runApp(['solve', '--orm', 'sqlite', '--solver', 'highs'], dir, { LUMIX_SOLVER: 'glpk' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/; highs \(--solver\) optimal in /);
    expect(await savedSolvers(dir)).toEqual(['highs']);
  });

  it('solver-choice/an-unknown-LUMIX_SOLVER-is-bad-input-and-saves-nothing', async () => {
    const dir = await userFolder();
    const r = await runApp(['solve', '--orm', 'sqlite'], dir, { LUMIX_SOLVER: 'cplex' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown solver 'cplex' (from LUMIX_SOLVER)");
    expect(await savedSolvers(dir)).toEqual([]);
  });
});

describe('solver choice (in process)', () => {
  it('solver-choice/package-json-lumix-field-and-LUMIX_SOLVER-order', async () => {
    const dir = await userFolder({ 'package.json': { name: 'my-plant', lumix: { solver: 'glpk' } } });
    const db = join(dir, 'production.db');
    const byConfig = await solveCommand({ db, dbShown: db, orm: 'sqlite', cwd: dir, env: {} }, createBufferedOutput());
    expect(byConfig.plan?.solver).toBe('glpk');
    const byEnv = await solveCommand({ db, dbShown: db, orm: 'sqlite', cwd: root, env: { LUMIX_SOLVER: 'glpk' } }, createBufferedOutput());
    expect(byEnv.plan?.solver).toBe('glpk');
    const envOverConfig = await solveCommand({ db, dbShown: db, orm: 'sqlite', cwd: dir, env: { LUMIX_SOLVER: 'highs' } }, createBufferedOutput());
    expect(envOverConfig.plan?.solver).toBe('highs');
    expect(await savedSolvers(dir)).toEqual(['glpk', 'glpk', 'highs']);
  });
});
