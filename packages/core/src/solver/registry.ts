import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LumixError, isLumixError } from '../errors.js';
import type { Solver, SolverModule } from './solver.js';

/** The fixed map from a solver's config name to the package that provides it. */
export const SOLVER_PACKAGES: Readonly<Record<SolverName, string>> = Object.freeze({
  highs: '@lumix/solver-highs',
  glpk: '@lumix/solver-glpk',
});

/** Names a solver can be chosen by. */
export type SolverName = 'highs' | 'glpk';

/** The solver used when neither the options nor `LUMIX_SOLVER` name one. */
export const DEFAULT_SOLVER: SolverName = 'highs';

/** How to choose a solver: a name, or an instance of any {@link Solver}. */
export type SolverChoice = SolverName | Solver;

/** Options of {@link resolveSolver}. */
export interface ResolveSolverOptions {
  /**
   * Where to look the package up from (a file path or URL inside the project that depends on
   * it). Default: this module, then the current directory, then the entry script.
   */
  readonly from?: string | URL;
  /** Options handed to the backend's `createSolver`. */
  readonly solverOptions?: Readonly<Record<string, unknown>>;
}

/** True when `x` has the shape of a {@link Solver}. */
export function isSolver(x: unknown): x is Solver {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Solver).name === 'string' &&
    typeof (x as Solver).solve === 'function' &&
    typeof (x as Solver).capabilities === 'object'
  );
}

/**
 * Turns a solver choice into a {@link Solver}: an instance is returned as it is; a name (or,
 * without one, `LUMIX_SOLVER` from the environment, else {@link DEFAULT_SOLVER}) loads its
 * package lazily with `import()`.
 *
 * @throws LumixError `INVALID_ARGUMENT` for an unknown name; `SOLVER_NOT_INSTALLED` when the
 *   package is missing, with the command that adds it.
 */
export async function resolveSolver(choice?: SolverChoice | string, options: ResolveSolverOptions = {}): Promise<Solver> {
  if (isSolver(choice)) return choice;
  const name = choice ?? process.env['LUMIX_SOLVER'] ?? DEFAULT_SOLVER;
  if (typeof name !== 'string' || !(name in SOLVER_PACKAGES)) {
    const from = choice === undefined ? ' (from LUMIX_SOLVER)' : '';
    throw new LumixError(
      'INVALID_ARGUMENT',
      `Unknown solver '${String(name)}'${from}. Choose one of ${Object.keys(SOLVER_PACKAGES).join(', ')}, or pass a Solver instance.`,
      { details: { solver: name } },
    );
  }
  const pkg = SOLVER_PACKAGES[name as SolverName];
  const mod = await importPackage(pkg, options.from);
  const solverModule = (mod as { default?: unknown }).default as SolverModule | undefined;
  if (solverModule === undefined || typeof solverModule.createSolver !== 'function') {
    throw new LumixError('SOLVER_FAILED', `Package ${pkg} does not export a SolverModule as its default export.`, {
      details: { package: pkg },
    });
  }
  return solverModule.createSolver(options.solverOptions);
}

/** Whether this module runs from TypeScript sources (tests, tsx) rather than built output. */
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
 * @internal The file URL of an installed package's entry, looked up from `from`, then this
 * module, the current directory and the entry script, choosing the `@lumix/source` entry when
 * running from TypeScript sources. Shared by `resolveSolver` and the worker solver.
 *
 * @throws LumixError `SOLVER_NOT_INSTALLED` with the command that adds the package.
 */
export function packageEntryUrl(pkg: string, from: string | URL | undefined): string {
  const bases: string[] = [];
  if (from !== undefined) bases.push(from instanceof URL ? from.href : from);
  bases.push(import.meta.url, join(process.cwd(), 'noop.js'));
  if (process.argv[1] !== undefined) bases.push(process.argv[1]);
  let lastError: unknown;
  for (const base of bases) {
    try {
      const manifestPath = createRequire(base).resolve(`${pkg}/package.json`);
      return pathToFileURL(entryOf(dirname(manifestPath))).href;
    } catch (e) {
      lastError = e;
    }
  }
  throw new LumixError(
    'SOLVER_NOT_INSTALLED',
    `Solver package ${pkg} is not installed. Add it to your project: pnpm add ${pkg} (or npm install ${pkg}).`,
    { cause: lastError, details: { package: pkg } },
  );
}

async function importPackage(pkg: string, from: string | URL | undefined): Promise<unknown> {
  const url = packageEntryUrl(pkg, from);
  try {
    return await import(url);
  } catch (e) {
    if (isLumixError(e)) throw e;
    throw new LumixError('SOLVER_FAILED', `Package ${pkg} is installed but failed to load: ${(e as Error).message}`, {
      cause: e,
      details: { package: pkg },
    });
  }
}
