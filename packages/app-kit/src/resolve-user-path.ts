import { isAbsolute, resolve } from 'node:path';

/**
 * Resolves a path the user typed against the directory they ran the command from.
 *
 * `pnpm --filter <app> start` runs the script inside the app's folder, so `process.cwd()` is not
 * where the user is; pnpm (and npm) put the original directory in `INIT_CWD`. Default base:
 * `INIT_CWD`, else `process.cwd()`.
 */
export function resolveUserPath(path: string, base: string = process.env['INIT_CWD'] ?? process.cwd()): string {
  return isAbsolute(path) ? path : resolve(base, path);
}
