import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LumixError, defineSolver, isLumixError, isSolver, type DefinedSolver, type Solver, type SolverModule } from '@lumix/core';
import { readSolverConfig, type SolverConfig } from './solver-config.js';

/** The fixed map from a solver's config name to the package that provides it. */
export const SOLVER_PACKAGES: Readonly<Record<SolverName, string>> = Object.freeze({
  highs: '@lumix/solver-highs',
  glpk: '@lumix/solver-glpk',
});

/** Names a solver can be chosen by. */
export type SolverName = 'highs' | 'glpk';

/** The solver used when neither the code, `LUMIX_SOLVER` nor a config file names one. */
export const DEFAULT_SOLVER: SolverName = 'highs';

/** How to choose a solver: a name, or an instance of any {@link Solver}. */
export type SolverChoice = SolverName | Solver;

/** Options of {@link resolveSolver}. */
export interface ResolveSolverOptions {
  /**
   * The application's root folder: solver packages are resolved from it (as Vitest and ESLint
   * resolve plugins from the project), and its `lumix.config.json` or package.json `"lumix"`
   * field is read. Default: `process.cwd()`.
   */
  readonly cwd?: string;
  /** The environment `LUMIX_SOLVER` is read from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Options handed to the backend's `createSolver`, over those of the config file. Default: none. */
  readonly solverOptions?: Readonly<Record<string, unknown>>;
  /**
   * Solver modules the application ships with static imports (e.g. `{ highs: highsModule }`
   * from `@lumix/solver-highs`'s default export): used instead of looking their packages up.
   * Default: none; every name is looked up in the application's folder.
   */
  readonly modules?: Readonly<Partial<Record<SolverName, SolverModule>>>;
  /**
   * Also look packages up from the folder of the entry script (`process.argv[1]`) when `cwd`
   * has none: an installed command (such as `lumix`) finds the solvers installed beside it.
   * Default `true`.
   */
  readonly searchEntryScript?: boolean;
}

/** Where a resolved solver name came from, in precedence order. */
export type SolverNameOrigin = 'code' | 'LUMIX_SOLVER' | 'config' | 'default';

/** A solver name chosen by the precedence rule, with where it came from. */
export interface ChosenSolver {
  readonly name: SolverName;
  readonly origin: SolverNameOrigin;
  /** The config file that named it or gave options, when one was read. */
  readonly config: SolverConfig | undefined;
}

/**
 * Which solver name applies, by precedence: a name given in code, then `LUMIX_SOLVER`, then the
 * application's config file (`lumix.config.json`, else the `"lumix"` field of its package.json),
 * then {@link DEFAULT_SOLVER}.
 *
 * @throws LumixError `INVALID_ARGUMENT` for an unknown name (saying where it came from), or a
 *   config file that is not valid JSON or has fields of the wrong type.
 */
export function chooseSolverName(choice?: string, options: Omit<ResolveSolverOptions, 'solverOptions'> = {}): ChosenSolver {
  const env = options.env ?? process.env;
  const config = readSolverConfig(options.cwd ?? process.cwd());
  const fromEnv = env['LUMIX_SOLVER'];
  const [name, origin]: [string, SolverNameOrigin] =
    choice !== undefined
      ? [choice, 'code']
      : fromEnv !== undefined && fromEnv !== ''
        ? [fromEnv, 'LUMIX_SOLVER']
        : config?.solver !== undefined
          ? [config.solver, 'config']
          : [DEFAULT_SOLVER, 'default'];
  if (!(name in SOLVER_PACKAGES)) {
    const where = origin === 'LUMIX_SOLVER' ? ' (from LUMIX_SOLVER)' : origin === 'config' ? ` (from ${config?.file})` : '';
    throw new LumixError(
      'INVALID_ARGUMENT',
      `Unknown solver '${name}'${where}. Choose one of ${Object.keys(SOLVER_PACKAGES).join(', ')}, or pass a Solver instance.`,
      { details: { solver: name, origin } },
    );
  }
  return { name: name as SolverName, origin, config };
}

/**
 * Turns a solver choice into a {@link Solver} behind core's front door (`defineSolver`, so every
 * call is checked against its capabilities): an instance made by `defineSolver` is returned as
 * it is, any other instance is put behind it; a name (or,
 * without one, the name chosen by {@link chooseSolverName}) loads its package lazily with
 * `import()`, resolved from the application's root folder. The config file's `solverOptions`
 * apply when the config file is what chose the solver or names the same one.
 *
 * @throws LumixError `INVALID_ARGUMENT` for an unknown name; `SOLVER_NOT_INSTALLED` when the
 *   package is not installed in the application, with the command that adds it.
 */
export async function resolveSolver(choice?: SolverChoice | string, options: ResolveSolverOptions = {}): Promise<DefinedSolver> {
  if (isSolver(choice)) return defineSolver(choice);
  if (choice !== undefined && typeof choice !== 'string') {
    throw new LumixError('INVALID_ARGUMENT', `A solver is chosen by name ('highs', 'glpk') or given as a Solver instance, got ${typeof choice}.`);
  }
  const chosen = chooseSolverName(choice, options);
  const configOptions = chosen.config?.solver === undefined || chosen.config.solver === chosen.name ? chosen.config?.solverOptions : undefined;
  const solverOptions = configOptions === undefined ? options.solverOptions : { ...configOptions, ...options.solverOptions };
  const pkg = SOLVER_PACKAGES[chosen.name];
  const solverModule = options.modules?.[chosen.name] ?? ((await importPackage(pkg, options.cwd, options.searchEntryScript ?? true)) as { default?: SolverModule }).default;
  if (solverModule === undefined || typeof solverModule.createSolver !== 'function') {
    throw new LumixError('SOLVER_FAILED', `Package ${pkg} does not export a SolverModule as its default export.`, {
      details: { package: pkg },
    });
  }
  return defineSolver(solverModule.createSolver(solverOptions));
}

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

async function importPackage(pkg: string, cwd: string | undefined, searchEntryScript: boolean): Promise<unknown> {
  const url = packageEntryUrl(pkg, cwd, searchEntryScript);
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
