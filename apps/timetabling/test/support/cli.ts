import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBufferedOutput, describeError, exitCodeForError } from '@lumix/app-kit';
import { runTimetablingCli } from '../../src/timetabling-cli.js';

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

/** {@link cliChild} with `env` added to (or, with `undefined`, removed from) this process's environment. */
export function cliChildWithEnv(env: Readonly<Record<string, string | undefined>>, cwd: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      TSX,
      ['--conditions=@lumix/source', 'src/main.ts', ...args],
      { cwd: APP_DIR, env: { ...process.env, INIT_CWD: cwd, ...env }, timeout: 60_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') reject(error);
        else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
  });
}
