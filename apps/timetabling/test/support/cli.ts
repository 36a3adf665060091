import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBufferedOutput, describeError, exitCodeForError } from '@lumix/app-kit';
import { runTimetablingCli } from '../../src/timetabling-cli.js';
import { runAppWithClosedStdout as runWithClosedStdout } from '@lumix/app-kit/testing';

/** What a CLI run produced. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = join(APP_DIR, '..', '..', 'node_modules', '.bin', 'tsx');

const made: string[] = [];

/** A fresh temporary directory for one test's files (removed by {@link removeTempDirs}). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lumix-tt-'));
  made.push(dir);
  return dir;
}

/** Removes the directories {@link tempDir} made; call it in `afterAll` (set KEEP_TEMP=1 to keep them for a look). */
export function removeTempDirs(): void {
  if (process.env['KEEP_TEMP'] === '1') return;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs the CLI in this process (fast), with paths resolved against `cwd`; errors map to exit codes as in `runCli`. */
export async function cli(cwd: string, ...args: string[]): Promise<CliResult> {
  const out = createBufferedOutput();
  let code: number;
  try {
    code = await runTimetablingCli(args, out, cwd);
  } catch (e) {
    out.err(describeError(e));
    code = exitCodeForError(e);
  }
  return { code, stdout: out.stdout.join('\n'), stderr: out.stderr.join('\n') };
}

/**
 * Runs the CLI as a child process, the way `pnpm --filter @lumix/timetabling start` does (tsx
 * with the source condition, from the app directory, `INIT_CWD` = `cwd`), and returns its real
 * exit code.
 */
export function cliChild(cwd: string, ...args: string[]): Promise<CliResult> {
  return cliChildWithEnv({}, cwd, ...args);
}

/** Options of {@link cliChildAs}. */
export interface ChildOptions {
  /** Run the child as this user and group (permission tests, when the tests run as root). */
  readonly uid?: number;
  readonly gid?: number;
  /** Milliseconds before the child is killed. Default 60 s. */
  readonly timeout?: number;
  /** Added to (or, with `undefined`, removed from) this process's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** {@link cliChild} with `env` added to (or, with `undefined`, removed from) this process's environment. */
export function cliChildWithEnv(env: Readonly<Record<string, string | undefined>>, cwd: string, ...args: string[]): Promise<CliResult> {
  return cliChildAs({ env }, cwd, ...args);
}

/** {@link cliChild} with options: another user, a timeout, an environment. */
export function cliChildAs(options: ChildOptions, cwd: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      TSX,
      ['--conditions=@lumix/source', 'src/main.ts', ...args],
      {
        cwd: APP_DIR,
        env: { ...process.env, INIT_CWD: cwd, ...options.env },
        timeout: options.timeout ?? 60_000,
        encoding: 'utf8',
        ...(options.uid === undefined ? {} : { uid: options.uid }),
        ...(options.gid === undefined ? {} : { gid: options.gid }),
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') reject(error);
        else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
  });
}

/** A CLI started by {@link spawnCli}. */
export interface SpawnedCli {
  readonly child: ChildProcess;
  /** Resolves with the exit code (`null` when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** kill -9 of the app: tsx and the node process it runs the app in (one process group). */
  kill9(): void;
}

/** Starts the CLI as a child process in its own process group (to kill it part-way); output is ignored. */
export function spawnCli(cwd: string, ...args: string[]): SpawnedCli {
  const child = spawn(TSX, ['--conditions=@lumix/source', 'src/main.ts', ...args], {
    cwd: APP_DIR,
    env: { ...process.env, INIT_CWD: cwd },
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

/** Waits (up to 10 s) until process `pid` has exited (not a zombie): the app runs in a node process under tsx. */
export async function processGone(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  const alive = (): boolean => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  };
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

/**
 * Runs the CLI as a child process whose standard output is closed before the app writes to it
 * (what `… | head -1` does once it has its line): every write to stdout fails with EPIPE.
 * Returns the exit code (`null` when killed by a signal) and what went to stderr.
 */
export function cliChildWithClosedStdout(cwd: string, ...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return runWithClosedStdout(APP_DIR, args, { userDir: cwd, env: { LUMIX_SOLVER: undefined } });
}
