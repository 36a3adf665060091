import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LumixError } from '@lumix/core';

/** The fixed map from a solver's config name to the package that provides it. */
export const SOLVER_PACKAGES: Readonly<Record<SolverName, string>> = Object.freeze({
  highs: '@lumix/solver-highs',
  glpk: '@lumix/solver-glpk',
});

/** Names a solver can be chosen by. */
export type SolverName = 'highs' | 'glpk';

/** Whether this module runs from TypeScript sources (workspace tests, tsx) rather than built output. */
const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

function entryOf(pkgDir: string): string {
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
    exports?: Record<string, unknown>;
    main?: string;
  };
  const root = manifest.exports?.['.'];
  if (typeof root === 'string') return join(pkgDir, root);
  if (root !== null && typeof root === 'object') {
    const conditions = root as Record<string, unknown>;
    // Inside the workspace the packages run from their TypeScript sources (no build needed).
    const source = conditions['@lumix/source'];
    if (RUNNING_FROM_SOURCE && typeof source === 'string') return join(pkgDir, source);
    for (const c of ['import', 'node', 'default']) {
      const target = conditions[c];
      if (typeof target === 'string') return join(pkgDir, target);
    }
  }
  return join(pkgDir, manifest.main ?? 'index.js');
}

/**
 * The file URL of a package's entry as the application sees it: looked up as Node does, in the
 * `node_modules` folders of `cwd` (default the current directory) and its parents, then (unless
 * `searchEntryScript` is false) of the entry script's folder and its parents. Never from this
 * package's own folder: a solver is the application's dependency, not the runtime's.
 *
 * @throws LumixError `SOLVER_NOT_INSTALLED` with the command that adds the package.
 */
export function packageEntryUrl(pkg: string, cwd: string | undefined, searchEntryScript = true): string {
  const starts = [cwd ?? process.cwd()];
  if (searchEntryScript && process.argv[1] !== undefined) starts.push(dirname(process.argv[1]));
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      const pkgDir = join(dir, 'node_modules', pkg);
      if (existsSync(join(pkgDir, 'package.json'))) return pathToFileURL(entryOf(realpathSync(pkgDir))).href;
      if (dirname(dir) === dir) break;
    }
  }
  throw new LumixError(
    'SOLVER_NOT_INSTALLED',
    `Solver package ${pkg} is not installed in ${cwd ?? process.cwd()}. Add it to your project: pnpm add ${pkg} (or npm install ${pkg}).`,
    { details: { package: pkg } },
  );
}

