import type { CliOutput } from '@lumix/app-kit';

/** What every command gets: where to write, how to resolve the user's paths, and the user's folder. */
export interface CommandContext {
  readonly out: CliOutput;
  /** Resolves a path the user typed against the directory they ran pnpm from (`INIT_CWD`). */
  resolvePath(path: string): string;
  /** The directory the user ran pnpm from: paths resolve there, and its `lumix.config.json` counts. */
  readonly cwd: string;
  /** The environment `LUMIX_SOLVER` is read from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How the user runs this app, for hints in messages (`pnpm --filter @lumix/timetabling start --`). */
  readonly program: string;
}
