import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = join(APP_DIR, '..', '..', 'node_modules', '.bin', 'tsx');

/** What a run of the app's CLI printed and how it exited. */
export interface AppRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the app's CLI as a child process, the way `pnpm --filter @lumix/production-planning start`
 * does (tsx with the source condition, cwd = the app folder), with `INIT_CWD` set to `userDir` so
 * relative paths resolve where a user would have typed them. `env` adds to (or, with `undefined`,
 * removes from) this process's environment.
 */
export function runApp(args: readonly string[], userDir: string, env: Readonly<Record<string, string | undefined>> = {}): Promise<AppRun> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['--conditions=@lumix/source', 'src/main.ts', ...args],
      { cwd: APP_DIR, env: { ...process.env, INIT_CWD: userDir, ...env }, timeout: 60_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
