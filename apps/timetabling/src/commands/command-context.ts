import type { CliOutput } from '@lumix/app-kit';

/** What every command gets: where to write, and how to resolve the user's paths. */
export interface CommandContext {
  readonly out: CliOutput;
  /** Resolves a path the user typed against the directory they ran pnpm from (`INIT_CWD`). */
  resolvePath(path: string): string;
  /** How the user runs this app, for hints in messages (`pnpm --filter @lumix/timetabling start --`). */
  readonly program: string;
}
