import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LumixError } from '@lumix/core';

/** The file a LumiX config is read from. */
export const CONFIG_FILE_NAME = 'lumix.config.json';

/**
 * What an application's config says about solvers: `lumix.config.json` in its root folder, or
 * the `"lumix"` field of its package.json (the first found walking up from the current folder;
 * a `lumix.config.json` wins over the package.json beside it).
 *
 * ```json
 * { "solver": "glpk", "solverOptions": { "defaults": { "timeLimit": 60 } } }
 * ```
 */
export interface SolverConfig {
  /** The solver's name. Default: none (the next rule of the precedence applies). */
  readonly solver?: string;
  /** Options handed to the backend's `createSolver` (e.g. `{ defaults: { timeLimit: 60 } }`). */
  readonly solverOptions?: Readonly<Record<string, unknown>>;
  /** The file it was read from, for messages. */
  readonly file: string;
}

/**
 * Reads the config of the application whose root folder is `cwd` or one of its parents: the
 * nearest folder with a `lumix.config.json` or a package.json, where the search stops.
 * `undefined` when that folder has no LumiX config.
 *
 * @throws LumixError `INVALID_ARGUMENT` for a file that is not valid JSON or a config with
 *   fields of the wrong type, naming the file.
 */
export function readSolverConfig(cwd: string): SolverConfig | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const configFile = join(dir, CONFIG_FILE_NAME);
    if (existsSync(configFile)) return checkConfig(parseJson(configFile), configFile);
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const field = (parseJson(manifest) as { lumix?: unknown } | null)?.lumix;
      return field === undefined ? undefined : checkConfig(field, `${manifest} ("lumix" field)`);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function parseJson(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new LumixError('INVALID_ARGUMENT', `${file} is not valid JSON: ${(e as Error).message}. Fix the file or remove it.`, {
      cause: e,
      details: { file },
    });
  }
}

function checkConfig(value: unknown, file: string): SolverConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LumixError('INVALID_ARGUMENT', `${file} must hold an object such as {"solver": "highs"}, got ${JSON.stringify(value)}.`, {
      details: { file },
    });
  }
  const { solver, solverOptions } = value as { solver?: unknown; solverOptions?: unknown };
  if (solver !== undefined && typeof solver !== 'string') {
    throw new LumixError('INVALID_ARGUMENT', `"solver" in ${file} must be a solver name such as "highs" or "glpk", got ${JSON.stringify(solver)}.`, {
      details: { file },
    });
  }
  if (solverOptions !== undefined && (solverOptions === null || typeof solverOptions !== 'object' || Array.isArray(solverOptions))) {
    throw new LumixError('INVALID_ARGUMENT', `"solverOptions" in ${file} must be an object, got ${JSON.stringify(solverOptions)}.`, {
      details: { file },
    });
  }
  return {
    ...(solver === undefined ? {} : { solver }),
    ...(solverOptions === undefined ? {} : { solverOptions: solverOptions as Record<string, unknown> }),
    file,
  };
}
