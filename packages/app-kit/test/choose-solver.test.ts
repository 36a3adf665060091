import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Model, isLumixError } from '@lumix/core';
import { chooseSolver, chosenInWorker } from '@lumix/app-kit';

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

  it('choose-solver/config-solver-options-reach-the-worker', async () => {
    // The config's solverOptions made the solver in this thread but were dropped by the worker
    // solver (Ctrl-C-able solves ran without them). An option HiGHS refuses shows that they arrive.
    const cfg = mkdtempSync(join(tmpdir(), 'app-kit-solver-options-'));
    try {
      writeFileSync(join(cfg, 'lumix.config.json'), JSON.stringify({ solver: 'highs', solverOptions: { defaults: { raw: { no_such_option: 1 } } } }));
      const m = new Model('opts');
      const x = m.integer('x', ['a', 'b'], { ub: 10 });
      m.constraints('cap', ['all'], () => x.sum().le(7.5));
      m.maximize(x.sum());
      const chosen = await chooseSolver({ cwd: cfg, env: {} });
      expect(chosen.solverOptions).toEqual({ defaults: { raw: { no_such_option: 1 } } });
      const inThread = await m.solve({ solver: chosen.solver }).catch((e: unknown) => e);
      expect(isLumixError(inThread, 'INVALID_ARGUMENT') && inThread.message.includes('no_such_option')).toBe(true);
      // A worker per call: nothing to close.
      const worker = await chosenInWorker(chosen);
      const inWorker = await m.solve({ solver: worker.solver }).catch((e: unknown) => e);
      expect(isLumixError(inWorker, 'INVALID_ARGUMENT') && inWorker.message.includes('no_such_option'), String(inWorker)).toBe(true);
      // Without the bad option the same worker path solves: 7 (two integers summing to at most 7.5).
      writeFileSync(join(cfg, 'lumix.config.json'), JSON.stringify({ solver: 'highs', solverOptions: { defaults: { raw: { mip_rel_gap: 0 } } } }));
      const ok = await chosenInWorker(await chooseSolver({ cwd: cfg, env: {} }));
      expect((await m.solve({ solver: ok.solver })).objective).toBe(7);
    } finally {
      rmSync(cfg, { recursive: true, force: true });
    }
  });
});
