import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBufferedOutput, describeError, exitCodeForError } from '@lumix/app-kit';
import { runProductionCli } from '../../src/production-cli.js';
import { runAppWithClosedStdout as runWithClosedStdout } from '@lumix/app-kit/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = join(APP_DIR, '..', '..', 'node_modules', '.bin', 'tsx');

/** What a run of the app's CLI printed and how it exited. */
export interface AppRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runApp}. */
export interface RunAppOptions {
  /** Run the child as this user and group (permission tests, when the tests run as root). */
  readonly uid?: number;
  readonly gid?: number;
  /** Milliseconds before the child is killed. Default 60 s. */
  readonly timeout?: number;
}

/**
 * Runs the app's CLI as a child process, the way `pnpm --filter @lumix/production-planning start`
 * does (tsx with the source condition, cwd = the app folder), with `INIT_CWD` set to `userDir` so
 * relative paths resolve where a user would have typed them. `env` adds to (or, with `undefined`,
 * removes from) this process's environment.
 */
export function runApp(
  args: readonly string[],
  userDir: string,
  env: Readonly<Record<string, string | undefined>> = {},
  options: RunAppOptions = {},
): Promise<AppRun> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['--conditions=@lumix/source', 'src/main.ts', ...args],
      {
        cwd: APP_DIR,
        env: { ...process.env, INIT_CWD: userDir, ...env },
        timeout: options.timeout ?? 60_000,
        encoding: 'utf8',
        ...(options.uid === undefined ? {} : { uid: options.uid }),
        ...(options.gid === undefined ? {} : { gid: options.gid }),
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A CLI started by {@link spawnApp}. */
export interface SpawnedApp {
  readonly child: ChildProcess;
  /** Resolves with the exit code (`null` when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** kill -9 of the app: tsx and the node process it runs the app in (one process group). */
  kill9(): void;
}

/** Starts the app's CLI as a child process in its own process group (to kill it part-way); output is ignored. */
export function spawnApp(args: readonly string[], userDir: string): SpawnedApp {
  const child = spawn(TSX, ['--conditions=@lumix/source', 'src/main.ts', ...args], {
    cwd: APP_DIR,
    env: { ...process.env, INIT_CWD: userDir },
    stdio: 'ignore',
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    kill9() {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/** Runs the CLI in this process (fast), paths resolved against `userDir`; errors print and map to exit codes as in `runCli`. */
export async function runInProcess(args: readonly string[], userDir: string): Promise<AppRun> {
  const out = createBufferedOutput();
  let code: number;
  try {
    code = await runProductionCli(args, out, userDir);
  } catch (e) {
    out.err(describeError(e));
    code = exitCodeForError(e);
  }
  return { code, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n') };
}

/**
 * Runs the app's CLI as a child process whose standard output is closed before the app writes to
 * it (what `… | head -1` does once it has its line): every write to stdout fails with EPIPE.
 * Returns the exit code (`null` when killed by a signal) and what went to stderr.
 */
export function runAppWithClosedStdout(args: readonly string[], userDir: string, env: Readonly<Record<string, string | undefined>> = {}): Promise<{ code: number | null; stderr: string }> {
  return runWithClosedStdout(APP_DIR, args, { userDir, env });
}
