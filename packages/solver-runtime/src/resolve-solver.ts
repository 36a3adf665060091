import { LumixError, defineSolver, isLumixError, isSolver, type DefinedSolver, type Solver, type SolverModule } from '@lumix/core';
import { readSolverConfig, type SolverConfig } from './solver-config.js';
import { SOLVER_PACKAGES, packageEntryUrl, type SolverName } from './solver-packages.js';
import { createWorkerSolver } from './worker-solver.js';

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
  /**
   * A hard wall-clock limit, in seconds: the solver then runs every call in a `worker_threads`
   * worker ({@link createWorkerSolver}) that is terminated after this many seconds, whatever the
   * backend is doing, with status `time-limit` and no solution. A solve's own `timeLimit` is a
   * target the backend meets at its own checkpoints (a long presolve can overrun it); this one
   * always holds. The worker imports the backend's package from disk (looked up like a name
   * without `modules`, from `cwd` and the entry script), so it must be installed. Default: none
   * (the solver runs in this thread).
   */
  readonly hardTimeLimit?: number;
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
 * apply when the config file is what chose the solver or names the same one. With
 * `hardTimeLimit`, the solver is a worker solver that stops every call after that many seconds.
 *
 * @throws LumixError `INVALID_ARGUMENT` for an unknown name, or a `hardTimeLimit` that is not a
 *   positive number or comes with a Solver instance (an instance cannot move to a worker);
 *   `SOLVER_NOT_INSTALLED` when the package is not installed in the application, with the command
 *   that adds it; `UNSUPPORTED_FEATURE` with `hardTimeLimit` for a backend that cannot run in a worker.
 */
export async function resolveSolver(choice?: SolverChoice | string, options: ResolveSolverOptions = {}): Promise<DefinedSolver> {
  const hard = options.hardTimeLimit;
  if (hard !== undefined && !(typeof hard === 'number' && hard > 0)) {
    throw new LumixError('INVALID_ARGUMENT', `hardTimeLimit must be a positive number of seconds, got ${String(hard)}.`, { details: { hardTimeLimit: hard } });
  }
  if (isSolver(choice)) {
    if (hard !== undefined) {
      throw new LumixError('INVALID_ARGUMENT', `hardTimeLimit runs the solver in a worker, which loads it by name; choose the solver by name ('highs', 'glpk'), not as an instance.`);
    }
    return defineSolver(choice);
  }
  if (choice !== undefined && typeof choice !== 'string') {
    throw new LumixError('INVALID_ARGUMENT', `A solver is chosen by name ('highs', 'glpk') or given as a Solver instance, got ${typeof choice}.`);
  }
  const chosen = chooseSolverName(choice, options);
  const configOptions = chosen.config?.solver === undefined || chosen.config.solver === chosen.name ? chosen.config?.solverOptions : undefined;
  const solverOptions = configOptions === undefined ? options.solverOptions : { ...configOptions, ...options.solverOptions };
  const pkg = SOLVER_PACKAGES[chosen.name];
  if (hard !== undefined) {
    const module = packageEntryUrl(pkg, options.cwd, options.searchEntryScript ?? true);
    return createWorkerSolver({ solver: solverOptions === undefined ? { module } : { module, options: solverOptions }, hardTimeLimit: hard, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
  }
  const solverModule = options.modules?.[chosen.name] ?? ((await importPackage(pkg, options.cwd, options.searchEntryScript ?? true)) as { default?: SolverModule }).default;
  if (solverModule === undefined || typeof solverModule.createSolver !== 'function') {
    throw new LumixError('SOLVER_FAILED', `Package ${pkg} does not export a SolverModule as its default export.`, {
      details: { package: pkg },
    });
  }
  return defineSolver(solverModule.createSolver(solverOptions));
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
