import { LumixError, type SolveOptions } from '@lumix/core';

/** A HiGHS option value (`highs` OptionValue). */
export type HighsOptionValue = boolean | number | string;

/**
 * Translates core {@link SolveOptions} into HiGHS option names, in the order they are applied
 * (`raw` last, so it can override anything). Logging is switched on only when someone listens:
 * HiGHS' log callback does not fire with `output_flag` off.
 *
 * @throws LumixError `UNSUPPORTED_FEATURE` for `threads > 1` (the Wasm build is single-threaded);
 *   `INVALID_ARGUMENT` for an iteration limit that is not a whole number.
 */
export function toHighsOptions(options: SolveOptions): Record<string, HighsOptionValue> {
  if (options.threads !== undefined && options.threads > 1) {
    throw new LumixError(
      'UNSUPPORTED_FEATURE',
      `Solver 'highs' runs single-threaded (the highs-js WebAssembly build has no threads), so threads: ${options.threads} cannot be honoured. Drop the threads option or set it to 1; to use several cores, run several solves in workers (createWorkerSolver from @lumix/core).`,
      { details: { solver: 'highs', feature: 'threads', threads: options.threads } },
    );
  }
  const out: Record<string, HighsOptionValue> = {};
  const logging = options.verbose === true || options.log !== undefined;
  // Lines reach the caller through the logging callback only: the runtime is loaded without a
  // print function, so HiGHS' console output goes nowhere.
  out['output_flag'] = logging;
  if (options.timeLimit !== undefined) out['time_limit'] = options.timeLimit;
  if (options.mipGap !== undefined) out['mip_rel_gap'] = options.mipGap;
  if (options.presolve !== undefined) out['presolve'] = options.presolve ? 'on' : 'off';
  if (options.iterationLimit !== undefined) {
    const n = options.iterationLimit;
    if (!(Number.isInteger(n) && n >= 0 && n <= 2147483647)) {
      throw new LumixError('INVALID_ARGUMENT', `iterationLimit must be a whole number between 0 and 2147483647, got ${n}.`, {
        details: { iterationLimit: n },
      });
    }
    out['simplex_iteration_limit'] = n;
    out['ipm_iteration_limit'] = n;
  }
  for (const [name, value] of Object.entries(options.raw ?? {})) {
    if (typeof value !== 'boolean' && typeof value !== 'number' && typeof value !== 'string') {
      throw new LumixError(
        'INVALID_ARGUMENT',
        `HiGHS option '${name}' in raw options is ${typeof value}; HiGHS options are booleans, numbers or strings.`,
        { details: { option: name } },
      );
    }
    out[name] = value;
  }
  return out;
}

/**
 * Turns HiGHS' log messages (which may hold several lines, or end mid-line) into whole lines.
 * `flush()` emits what is left at the end of a run.
 */
export class LogLineSplitter {
  private rest = '';

  constructor(private readonly emit: (line: string) => void) {}

  /** Adds a chunk of log text; emits every completed line. */
  push(text: string): void {
    const parts = (this.rest + text).split('\n');
    this.rest = parts.pop() ?? '';
    for (const line of parts) this.emit(line);
  }

  /** Emits the last unterminated line, if any. */
  flush(): void {
    if (this.rest !== '') this.emit(this.rest);
    this.rest = '';
  }
}
