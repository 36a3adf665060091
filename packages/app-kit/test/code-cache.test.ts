import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// Each load runs in a process of its own: inside one process V8 reuses the code it compiled for
// the same source and never looks at the cache file, which is what a command line does not see.
const MODULE = fileURLToPath(new URL('../src/code-cache.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(): { file: string; cache: string } {
  const root = mkdtempSync(join(tmpdir(), 'lumix-code-cache-test-'));
  dirs.push(root);
  const file = join(root, 'mod.cjs');
  writeFileSync(file, "const path = require('node:path');\nmodule.exports = { twice: (x) => 2 * x, base: path.basename(__filename), dir: __dirname };\n");
  return { file, cache: join(root, 'cache') };
}

/** Loads `file` in a fresh process and saves its cache; what the module and the loader said. */
function load(file: string, cache: string, env: Record<string, string> = {}): { fromCache: boolean; twice: number; base: string; dir: string } {
  const script = `import { requireWithCodeCache } from ${JSON.stringify(MODULE)};
const m = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cache)});
m.saveCache();
console.log(JSON.stringify({ fromCache: m.fromCache, twice: m.exports.twice(21), base: m.exports.base, dir: m.exports.dir }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim()) as { fromCache: boolean; twice: number; base: string; dir: string };
}

describe('requireWithCodeCache', () => {
  it('code-cache/second-process-from-file', () => {
    const { file, cache } = setup();
    const first = load(file, cache);
    // require, __filename and __dirname are the file's own, as under require().
    expect(first).toEqual({ fromCache: false, twice: 42, base: 'mod.cjs', dir: join(cache, '..') });
    expect(readdirSync(cache).filter((f) => f.endsWith('.v8cache'))).toHaveLength(1);
    expect(load(file, cache)).toEqual({ ...first, fromCache: true });
  });

  it('code-cache/bad-or-stale-cache-rewritten', () => {
    const { file, cache } = setup();
    load(file, cache);
    const [name] = readdirSync(cache);
    writeFileSync(join(cache, name as string), 'not a V8 code cache');
    // V8 refuses the file; the module still loads and a good cache replaces it.
    expect(load(file, cache)).toMatchObject({ fromCache: false, twice: 42 });
    expect(load(file, cache)).toMatchObject({ fromCache: true, twice: 42 });
    // An edited module is another cache file (its size and time are in the name).
    writeFileSync(file, 'module.exports = { twice: (x) => x + x, base: "edited", dir: "" };\n');
    expect(load(file, cache)).toMatchObject({ fromCache: false, twice: 42, base: 'edited' });
  });

  it('code-cache/off-by-env', () => {
    const { file, cache } = setup();
    expect(load(file, cache, { LUMIX_CODE_CACHE: '0' })).toMatchObject({ fromCache: false, twice: 42 });
    expect(() => readdirSync(cache)).toThrow();
  });
});
