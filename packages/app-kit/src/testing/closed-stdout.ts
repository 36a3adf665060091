import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Options of {@link runAppWithClosedStdout}. */
export interface ClosedStdoutOptions {
  /** Where the user ran the command (`INIT_CWD`: what relative paths mean). */
  readonly userDir: string;
  /** Variables over the test's environment (`undefined` removes one). Default none. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs an app of this workspace from its sources (`tsx src/main.ts` in `appDir`) with its stdout
 * already closed when it starts, as `app … | head -1` does once head has read its line: a write
 * fails with EPIPE from the first one. Killed after 60 s. Gives the exit code (`null` when killed
 * by a signal) and what went to stderr.
 */
export function runAppWithClosedStdout(appDir: string, args: readonly string[], options: ClosedStdoutOptions): Promise<{ code: number | null; stderr: string }> {
  const tsx = join(appDir, '..', '..', 'node_modules', '.bin', 'tsx');
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['--conditions=@lumix/source', 'src/main.ts', ...args], {
      cwd: appDir,
      env: { ...process.env, INIT_CWD: options.userDir, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closing our end of the pipe now: the app starts after this, so its first write already fails.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
