import { EXIT_CODES } from './exit-codes.js';
import type { CliOutput } from './run-cli.js';

/** The exit code of a command stopped by Ctrl-C with nothing saved (128 + SIGINT, as shells report it): `EXIT_CODES.interrupted`. */
export const INTERRUPTED_EXIT_CODE = EXIT_CODES.interrupted;

/** What {@link listenForInterrupt} hands the solve. */
export interface SolveInterrupt {
  /** Aborted at the first Ctrl-C: pass it as the solve's `signal`. */
  readonly signal: AbortSignal;
  /** Whether the user pressed Ctrl-C. */
  readonly interrupted: boolean;
  /** Stops listening: Ctrl-C kills the process again. Idempotent. */
  dispose(): void;
}

/** Options of {@link listenForInterrupt}. */
export interface ListenForInterruptOptions {
  /** What is kept, for the message: `plan`, `timetable`. */
  readonly what: string;
  /** Where the signals come from. Default: `process`. */
  readonly target?: Pick<NodeJS.Process, 'on' | 'off'>;
  /** Ends the process at the second Ctrl-C. Default: `process.exit`. */
  readonly exit?: (code: number) => void;
  /** Milliseconds, to tell one press from two. Default: `performance.now()`. */
  readonly clock?: () => number;
}

/** SIGINTs closer than this to the first are copies of the same press (ms). */
const SAME_PRESS_MS = 500;

/**
 * Ctrl-C during a long solve: the first SIGINT aborts the solve through the returned `signal`
 * (the solver stops and returns its best point so far, which the command checks and saves like
 * any plan) and says so on stderr; a second SIGINT (half a second or more later: copies of one
 * press relayed by a launcher arrive sooner) exits at once with
 * {@link INTERRUPTED_EXIT_CODE}, before anything more is written (a save in progress is one
 * transaction, so it is rolled back, and every earlier run stays as it was). The solve must run
 * off the main thread (a worker solver) for the signal to be handled while it runs.
 */
export function listenForInterrupt(out: CliOutput, options: ListenForInterruptOptions): SolveInterrupt {
  const target = options.target ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const now = options.clock ?? ((): number => performance.now());
  const controller = new AbortController();
  let count = 0;
  let first = 0;
  const onSignal = (): void => {
    // One Ctrl-C may arrive twice: a terminal signals the whole process group, and a launcher in
    // it (tsx, pnpm) may relay its own copy. Copies within SAME_PRESS_MS count as one press.
    if (count > 0 && now() - first < SAME_PRESS_MS) return;
    count++;
    if (count === 1) {
      first = now();
      out.err(`Ctrl-C: stopping the solver; the best ${options.what} found so far is checked and saved. Press Ctrl-C again to quit at once without saving.`);
      controller.abort();
      return;
    }
    out.err(`Ctrl-C again: quitting without saving this ${options.what}; runs saved before are untouched.`);
    exit(INTERRUPTED_EXIT_CODE);
  };
  target.on('SIGINT', onSignal);
  let disposed = false;
  return {
    signal: controller.signal,
    get interrupted() {
      return count > 0;
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      target.off('SIGINT', onSignal);
    },
  };
}
