import { LumixError, type SolveOptions } from '@lumix/core';

/** A HiGHS option value (`highs` OptionValue). */
export type HighsOptionValue = boolean | number | string;

/**
 * Translates core {@link SolveOptions} into HiGHS option names, in the order they are applied
 * (`raw` last, so it can override anything). Logging is switched on only when someone listens:
 * HiGHS' log callback does not fire with `output_flag` off. Core's front door has checked the
 * values and the capabilities (`threads` above 1 is refused there: the Wasm build has no threads).
 *
 * @throws LumixError `INVALID_ARGUMENT` for a `raw` value that is no boolean, number or string.
 */
export function toHighsOptions(options: SolveOptions): Record<string, HighsOptionValue> {
  const out: Record<string, HighsOptionValue> = {};
  const logging = options.verbose === true || options.log !== undefined;
  // Lines reach the caller through the logging callback only: the runtime is loaded without a
  // print function, so HiGHS' console output goes nowhere.
  out['output_flag'] = logging;
  if (options.timeLimit !== undefined) out['time_limit'] = options.timeLimit;
  if (options.mipGap !== undefined) out['mip_rel_gap'] = options.mipGap;
  if (options.presolve !== undefined) out['presolve'] = options.presolve ? 'on' : 'off';
  if (options.iterationLimit !== undefined) {
    out['simplex_iteration_limit'] = options.iterationLimit;
    out['ipm_iteration_limit'] = options.iterationLimit;
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
