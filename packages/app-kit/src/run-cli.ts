import { isLumixError } from '@lumix/core';
import { environmentKind, environmentMessage } from './environment-errors.js';
import { EXIT_CODES, exitCodeForError } from './exit-codes.js';

/** Where a CLI writes: standard output and standard error, one chunk of text per call. */
export interface CliOutput {
  /** Writes a line (a newline is added) to standard output. */
  out(text: string): void;
  /** Writes a line (a newline is added) to standard error. */
  err(text: string): void;
}

/**
 * A stream the reader may close early (`app solve … | head -1`): a write to a closed pipe fails
 * with `EPIPE`, which Node reports as an `error` event on the stream, later, from the event loop.
 * Without a listener that event is an uncaught exception that kills the process part-way through
 * the command (for `solve`: before the run is saved). This listener turns it into "the reader is
 * gone": later writes to that stream are dropped and the command carries on to its end.
 */
function guardedWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  let guarded = false;
  return (text) => {
    if (closed) return;
    if (!guarded) {
      guarded = true;
      // Any write error means nobody reads this stream any more: EPIPE, or EIO after a closed terminal.
      stream.on('error', () => {
        closed = true;
      });
    }
    if (stream.destroyed || stream.writableEnded) {
      closed = true;
      return;
    }
    stream.write(`${text}\n`);
  };
}

/**
 * A {@link CliOutput} on the process's stdout and stderr. A reader that closes either stream early
 * (`| head -1`) does not stop the command: the rest of that stream's output is dropped, the
 * command runs to its end (a solve still saves its run) and the exit code is the command's own.
 */
export const processOutput: CliOutput = {
  out: guardedWriter(process.stdout),
  err: guardedWriter(process.stderr),
};

/**
 * The text shown to the user for an error: `error: <message>` for an error the user can fix (a
 * LumixError of bad input, or an environment failure: locked, read-only, full, not a database);
 * for internal errors the stack too, and the causes, so a bug report has what it needs.
 */
export function describeError(error: unknown): string {
  const code = exitCodeForError(error);
  if (isLumixError(error) && code !== EXIT_CODES.internal) return `error: ${error.message}`;
  const kind = environmentKind(error);
  if (kind !== undefined) return `error: ${environmentMessage(kind)} (${error instanceof Error ? error.message : String(error)})`;
  const lines: string[] = [];
  let e: unknown = error;
  let depth = 0;
  while (e !== undefined && e !== null && depth < 5) {
    const prefix = depth === 0 ? 'internal error: ' : 'caused by: ';
    if (e instanceof Error) {
      lines.push(prefix + (isLumixError(e) ? `[${e.code}] ` : '') + e.message);
      if (depth === 0 && e.stack !== undefined) lines.push(e.stack.split('\n').slice(1, 6).join('\n'));
      e = (e as Error & { cause?: unknown }).cause;
    } else {
      lines.push(prefix + String(e));
      e = undefined;
    }
    depth++;
  }
  return lines.join('\n');
}

/**
 * Runs an app's main function and turns its outcome into an exit code: the number it returns,
 * or for a thrown error the code of {@link exitCodeForError} after printing {@link describeError}
 * to stderr. Sets `process.exitCode` (it never calls `process.exit`, so output is flushed) and
 * returns the code.
 */
export async function runCli(
  main: (argv: readonly string[], output: CliOutput) => Promise<number>,
  argv: readonly string[] = process.argv.slice(2),
  output: CliOutput = processOutput,
): Promise<number> {
  let code: number;
  try {
    code = await main(argv, output);
  } catch (e) {
    output.err(describeError(e));
    code = exitCodeForError(e);
  }
  process.exitCode = code;
  return code;
}

/** A {@link CliOutput} that keeps what was written, for tests and for embedding an app. */
export interface BufferedOutput extends CliOutput {
  /** Lines written with `out`, in order. */
  readonly stdout: string[];
  /** Lines written with `err`, in order. */
  readonly stderr: string[];
  /** Everything written with `out`, joined with newlines. */
  text(): string;
}

/** Creates an empty {@link BufferedOutput}. */
export function createBufferedOutput(): BufferedOutput {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => {
      stdout.push(t);
    },
    err: (t) => {
      stderr.push(t);
    },
    text: () => stdout.join('\n'),
  };
}
