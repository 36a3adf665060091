import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLumixError, type LumixErrorCode, type SolverModule } from '@lumix/core';
import { createMockSolver } from '@lumix/core/testing';
import { chooseSolverName, readSolverConfig, resolveSolver } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'lumix-resolve-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let projects = 0;
/**
 * A project folder outside the workspace: a package.json (with an optional "lumix" field), an
 * optional lumix.config.json, and fake solver packages installed in its node_modules whose
 * default export is a SolverModule that records the options it was created with.
 */
function project(files: { pkgLumix?: unknown; config?: string; installed?: readonly ('highs' | 'glpk')[] } = {}): string {
  const dir = join(root, `p${projects++}`);
  mkdirSync(dir);
  const manifest: Record<string, unknown> = { name: 'app', private: true, type: 'module' };
  if (files.pkgLumix !== undefined) manifest['lumix'] = files.pkgLumix;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  if (files.config !== undefined) writeFileSync(join(dir, 'lumix.config.json'), files.config);
  for (const name of files.installed ?? []) {
    const pkgDir = join(dir, 'node_modules', '@lumix', `solver-${name}`);
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: `@lumix/solver-${name}`, type: 'module', exports: { '.': './index.js' } }));
    writeFileSync(
      join(pkgDir, 'index.js'),
      `export default { name: '${name}', createSolver: (options) => ({ name: '${name}', capabilities: { lp: true }, options, solve: async () => { throw new Error('fake'); } }) };\n`,
    );
  }
  return dir;
}

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<{ code: LumixErrorCode | 'none'; message: string }> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (isLumixError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  return { code: 'none', message: '' };
}

describe('choosing a solver name', () => {
  it('resolve/precedence-code-env-config-default', () => {
    const dir = project({ config: '{"solver":"glpk"}' });
    expect(chooseSolverName(undefined, { cwd: dir, env: {} })).toMatchObject({ name: 'glpk', origin: 'config' });
    expect(chooseSolverName(undefined, { cwd: dir, env: { LUMIX_SOLVER: 'highs' } })).toMatchObject({ name: 'highs', origin: 'LUMIX_SOLVER' });
    expect(chooseSolverName('glpk', { cwd: dir, env: { LUMIX_SOLVER: 'highs' } })).toMatchObject({ name: 'glpk', origin: 'code' });
    expect(chooseSolverName(undefined, { cwd: project(), env: {} })).toMatchObject({ name: 'highs', origin: 'default' });
    // An empty LUMIX_SOLVER counts as unset.
    expect(chooseSolverName(undefined, { cwd: dir, env: { LUMIX_SOLVER: '' } })).toMatchObject({ name: 'glpk', origin: 'config' });
  });

  it('resolve/package-json-field-and-config-file-wins-beside-it', () => {
    const viaField = project({ pkgLumix: { solver: 'glpk' } });
    expect(chooseSolverName(undefined, { cwd: viaField, env: {} })).toMatchObject({ name: 'glpk', origin: 'config' });
    const both = project({ pkgLumix: { solver: 'glpk' }, config: '{"solver":"highs"}' });
    expect(chooseSolverName(undefined, { cwd: both, env: {} })).toMatchObject({ name: 'highs', origin: 'config' });
    // A subfolder of the application reads the application's config.
    const sub = join(viaField, 'src', 'deep');
    mkdirSync(sub, { recursive: true });
    expect(readSolverConfig(sub)?.solver).toBe('glpk');
  });

  it('resolve/unknown-names-say-where-they-came-from', async () => {
    const dir = project({ config: '{"solver":"cplex"}' });
    expect(await codeOf(() => chooseSolverName('gurobi', { cwd: dir, env: {} }))).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining("Unknown solver 'gurobi'.") });
    const env = await codeOf(() => chooseSolverName(undefined, { cwd: dir, env: { LUMIX_SOLVER: 'xpress' } }));
    expect(env.message).toContain("Unknown solver 'xpress' (from LUMIX_SOLVER)");
    const file = await codeOf(() => chooseSolverName(undefined, { cwd: dir, env: {} }));
    expect(file.message).toContain(`Unknown solver 'cplex' (from ${join(dir, 'lumix.config.json')})`);
    expect(file.message).toContain('highs, glpk');
  });

  it('resolve/bad-config-files-are-refused-with-the-file-named', async () => {
    const broken = project({ config: '{"solver": "glpk",' });
    const a = await codeOf(() => readSolverConfig(broken));
    expect(a.code).toBe('INVALID_ARGUMENT');
    expect(a.message).toContain(join(broken, 'lumix.config.json'));
    expect(a.message).toContain('not valid JSON');
    expect((await codeOf(() => readSolverConfig(project({ config: '["glpk"]' })))).message).toContain('must hold an object');
    expect((await codeOf(() => readSolverConfig(project({ config: '{"solver": 3}' })))).message).toContain('"solver" in');
    expect((await codeOf(() => readSolverConfig(project({ pkgLumix: { solverOptions: 'fast' } })))).message).toContain('"solverOptions" in');
  });
});

describe('loading a solver', () => {
  it('resolve/loads-the-package-installed-in-the-application', async () => {
    const dir = project({ installed: ['glpk'], config: '{"solver":"glpk","solverOptions":{"defaults":{"timeLimit":7}}}' });
    const s = (await resolveSolver(undefined, { cwd: dir, env: {}, searchEntryScript: false })) as unknown as { name: string; options: unknown };
    expect(s.name).toBe('glpk');
    expect(s.options).toEqual({ defaults: { timeLimit: 7 } });
    // Options given in code go over the config file's, key by key.
    const t = (await resolveSolver('glpk', { cwd: dir, env: {}, solverOptions: { classifyTimeLimit: 1 } })) as unknown as { options: unknown };
    expect(t.options).toEqual({ defaults: { timeLimit: 7 }, classifyTimeLimit: 1 });
  });

  it('resolve/config-options-apply-only-to-the-solver-they-name', async () => {
    const dir = project({ installed: ['highs', 'glpk'], config: '{"solver":"glpk","solverOptions":{"classifyTimeLimit":2}}' });
    const s = (await resolveSolver(undefined, { cwd: dir, env: { LUMIX_SOLVER: 'highs' } })) as unknown as { name: string; options: unknown };
    expect(s.name).toBe('highs');
    expect(s.options).toBeUndefined();
  });

  it('resolve/missing-package-says-how-to-add-it', async () => {
    const dir = project({ installed: ['highs'] });
    const r = await codeOf(resolveSolver('glpk', { cwd: dir, env: {}, searchEntryScript: false }));
    expect(r.code).toBe('SOLVER_NOT_INSTALLED');
    expect(r.message).toContain('pnpm add @lumix/solver-glpk');
  });

  it('resolve/instances-and-shipped-modules-need-no-lookup', async () => {
    const mock = createMockSolver();
    expect(await resolveSolver(mock)).toBe(mock);
    const shipped: SolverModule = { name: 'highs', createSolver: () => createMockSolver({ name: 'shipped-highs' }) };
    const empty = project();
    expect((await resolveSolver(undefined, { cwd: empty, env: {}, modules: { highs: shipped } })).name).toBe('shipped-highs');
    expect((await codeOf(resolveSolver(42 as never))).code).toBe('INVALID_ARGUMENT');
  });
});
