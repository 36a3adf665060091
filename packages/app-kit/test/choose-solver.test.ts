import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isLumixError } from '@lumix/core';
import { chooseSolver } from '@lumix/app-kit';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'app-kit-solver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chooseSolver', () => {
  it('choose-solver/one-copy-in-app-kit-for-both-apps', async () => {
    // The two apps had identical copies; the one copy is app-kit's.
    for (const app of ['production-planning', 'timetabling']) expect(existsSync(join(repo, 'apps', app, 'src', 'commands', 'choose-solver.ts')), app).toBe(false);
    expect((await chooseSolver({ cwd: dir, env: {} })).reason).toBe('default');
    expect((await chooseSolver({ cwd: dir, env: { LUMIX_SOLVER: 'glpk' } })).solver.name).toBe('glpk');
    expect((await chooseSolver({ cwd: dir, env: { LUMIX_SOLVER: 'glpk' }, name: 'highs' })).reason).toBe('--solver');
    writeFileSync(join(dir, 'lumix.config.json'), JSON.stringify({ solver: 'glpk' }));
    const fromConfig = await chooseSolver({ cwd: dir, env: {} });
    expect(fromConfig.solver.name).toBe('glpk');
    expect(fromConfig.reason).toBe(join(dir, 'lumix.config.json'));
    writeFileSync(join(dir, 'lumix.config.json'), JSON.stringify({ solver: 'cplex' }));
    const e = await chooseSolver({ cwd: dir, env: {} }).catch((x: unknown) => x);
    expect(isLumixError(e, 'INVALID_ARGUMENT')).toBe(true);
  });
});
