import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { cli, cliChildWithEnv, removeTempDirs, tempDir } from './support/cli.js';
import { readRows } from './support/read-db.js';

// The solver is chosen as the lumix CLI chooses it: --solver, else LUMIX_SOLVER, else
// lumix.config.json / package.json "lumix" in the folder the user runs from, else HiGHS.
// Each case solves the tutorial timetable for real and reads the solver back from the saved run.

afterAll(removeTempDirs);

/** A fresh user folder with a seeded `school.db`, and optional JSON files in it. */
async function userFolder(files: Record<string, unknown> = {}): Promise<string> {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  const seeded = await cli(dir, 'seed', '--orm', 'sqlite');
  expect(seeded.code, seeded.stderr).toBe(0);
  return dir;
}

const savedSolvers = async (dir: string): Promise<string[]> =>
  (await readRows<{ solver: string }>(join(dir, 'school.db'), 'SELECT solver FROM solve_runs ORDER BY id')).map((r) => r.solver);

/** No LUMIX_SOLVER from the environment the tests run in, unless a test sets it. */
const CLEAN = { LUMIX_SOLVER: undefined };

describe('solver choice (child process, like pnpm start)', () => {
  it('solver-choice/default-is-highs', async () => {
    const dir = await userFolder();
    const r = await cliChildWithEnv(CLEAN, dir, 'solve', '--orm', 'sqlite');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/solver\s+highs \(default\)/);
    expect(await savedSolvers(dir)).toEqual(['highs']);
  });

  it('solver-choice/LUMIX_SOLVER-switches-to-glpk', async () => {
    const dir = await userFolder();
    const r = await cliChildWithEnv({ LUMIX_SOLVER: 'glpk' }, dir, 'solve', '--orm', 'sqlite');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/solver\s+glpk \(LUMIX_SOLVER\)/);
    expect(r.stdout).toMatch(/solve \(glpk\)/);
    expect(r.stdout).toContain('Saved run #1: 20 assignments');
    expect(await savedSolvers(dir)).toEqual(['glpk']);
  });

  it('solver-choice/lumix-config-json-in-the-working-folder-switches-to-glpk', async () => {
    const dir = await userFolder({ 'lumix.config.json': { solver: 'glpk' } });
    const r = await cliChildWithEnv(CLEAN, dir, 'solve', '--orm', 'sqlite');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`glpk (${join(dir, 'lumix.config.json')})`);
    expect(await savedSolvers(dir)).toEqual(['glpk']);
  });

  it('solver-choice/--solver-beats-LUMIX_SOLVER-and-the-config-file', async () => {
    const dir = await userFolder({ 'lumix.config.json': { solver: 'glpk' } });
    const r = await cliChildWithEnv({ LUMIX_SOLVER: 'glpk' }, dir, 'solve', '--orm', 'sqlite', '--solver', 'highs');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/solver\s+highs \(--solver\)/);
    expect(await savedSolvers(dir)).toEqual(['highs']);
  });

  it('solver-choice/an-unknown-solver-in-the-config-file-is-bad-input-and-saves-nothing', async () => {
    const dir = await userFolder({ 'lumix.config.json': { solver: 'cplex' } });
    const r = await cliChildWithEnv(CLEAN, dir, 'solve', '--orm', 'sqlite');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Unknown solver 'cplex' (from ${join(dir, 'lumix.config.json')})`);
    expect(await savedSolvers(dir)).toEqual([]);
  });
});

describe('solver choice (in process)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('solver-choice/package-json-lumix-field-in-the-users-folder', async () => {
    vi.stubEnv('LUMIX_SOLVER', undefined);
    const dir = await userFolder({ 'package.json': { name: 'my-school', lumix: { solver: 'glpk' } } });
    const r = await cli(dir, 'solve', '--orm', 'sqlite');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`glpk (${join(dir, 'package.json')} ("lumix" field))`);
    expect(await savedSolvers(dir)).toEqual(['glpk']);
  });
});
