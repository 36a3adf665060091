import { spawn } from 'node:child_process';

/** A child process in its own process group (so that a tsx parent and its node child die together), its output collected. */
export interface ProcessGroup {
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** The exit code, once the process has exited (null after a signal). */
  readonly exited: Promise<number | null>;
  /** SIGKILL to the whole group (a crash). */
  kill9(): void;
  /** SIGTERM to the whole group (a graceful stop). */
  stop(): void;
}

/**
 * Starts `command args` detached, in a process group of its own, with stdout and stderr collected
 * together. Signals go to the whole group and are ignored once it is gone. Kill every group a test
 * started in its `afterAll`.
 */
export function spawnProcessGroup(command: string, args: readonly string[], options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv }): ProcessGroup {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const signal = (s: NodeJS.Signals): void => {
    try {
      process.kill(-(child.pid as number), s);
    } catch {
      // already gone
    }
  };
  return { output: () => text, exited, kill9: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

/**
 * Polls `probe` every `everyMs` until it returns something other than `undefined`, and returns that;
 * throws `gave up waiting for <what>` after `seconds`.
 */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, seconds: number, everyMs: number): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
