import { LumixError } from '@lumix/core';

/** One `--flag` of a command. */
export interface FlagSpec {
  /** How the value is read: a string, a finite number, or a boolean switch (no value). */
  readonly type: 'string' | 'number' | 'boolean';
  /** One line for the usage text. */
  readonly description: string;
  /** Placeholder of the value in the usage text. Default: `VALUE` (`N` for numbers). */
  readonly valueName?: string;
  /** The only values allowed (strings only). Default: any. */
  readonly choices?: readonly string[];
  /** The value when the flag is absent. Default: none (the flag is then `undefined`). */
  readonly default?: string | number | boolean;
  /** Smallest allowed number, inclusive. Default: none. */
  readonly min?: number;
  /** When true the number must be above `min` (exclusive bound). Default false. */
  readonly exclusiveMin?: boolean;
  /** When true the number must be an integer. Default false. */
  readonly integer?: boolean;
}

/** One command of a CLI (`seed`, `solve` ...). */
export interface CommandSpec {
  /** One line for the usage text. */
  readonly description: string;
  /** Its flags, keyed by name without dashes (`time-limit`). */
  readonly flags: Readonly<Record<string, FlagSpec>>;
}

/** The whole command line interface of an app. */
export interface CliSpec {
  /** How to invoke the program, for the usage text (`pnpm --filter @lumix/x start --`). */
  readonly program: string;
  /** One paragraph saying what the program does. */
  readonly summary: string;
  readonly commands: Readonly<Record<string, CommandSpec>>;
}

/** What {@link parseCliArgs} returns. */
export interface ParsedCli {
  /** The command, or `null` when help was asked for (`help`, `--help`, `-h`, or no arguments). */
  readonly command: string | null;
  /** Every flag of the command: the given value, else its default, else `undefined`. */
  readonly flags: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Flags the user actually typed (not defaults). */
  readonly given: ReadonlySet<string>;
  /** When `command` is `null` because of `<command> --help`: that command. */
  readonly helpFor?: string;
  /** A string flag's value (throws `INVALID_ARGUMENT` when a flag of another type is asked for). */
  string(name: string): string | undefined;
  /** A number flag's value. */
  number(name: string): number | undefined;
  /** A boolean flag's value (`false` when absent and without default). */
  boolean(name: string): boolean;
}

function usageHint(spec: CliSpec, command?: string): string {
  return command === undefined
    ? `Run '${spec.program} help' for the list of commands.`
    : `Run '${spec.program} ${command} --help' for its flags.`;
}

/**
 * Parses `argv` (without node and script) against a {@link CliSpec}: the first word is the
 * command, then `--flag value`, `--flag=value` or `--switch`. A leading `--` (which pnpm passes
 * through from `pnpm start -- ...`) is ignored.
 *
 * @throws LumixError `INVALID_ARGUMENT` for an unknown command or flag, a missing or malformed
 *   value, a value outside `choices`, a number out of range, or a stray positional argument;
 *   the message names the flag and says how to see the usage.
 */
export function parseCliArgs(spec: CliSpec, argv: readonly string[]): ParsedCli {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const first = args[0];
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    return makeParsed(null, {}, new Set());
  }
  if (first.startsWith('-')) {
    throw new LumixError('INVALID_ARGUMENT', `Expected a command before '${first}'. ${usageHint(spec)}`, {
      details: { argument: first },
    });
  }
  const command = spec.commands[first];
  if (command === undefined) {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `Unknown command '${first}'. Commands: ${Object.keys(spec.commands).join(', ')}. ${usageHint(spec)}`,
      { details: { command: first } },
    );
  }
  const flags: Record<string, string | number | boolean | undefined> = {};
  const given = new Set<string>();
  for (let i = 1; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--help' || arg === '-h') return makeParsed(null, {}, new Set(), first);
    if (!arg.startsWith('--')) {
      throw new LumixError('INVALID_ARGUMENT', `Unexpected argument '${arg}' for '${first}'. ${usageHint(spec, first)}`, {
        details: { command: first, argument: arg },
      });
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const flag = command.flags[name];
    if (flag === undefined) {
      const known = Object.keys(command.flags).map((f) => `--${f}`);
      throw new LumixError(
        'INVALID_ARGUMENT',
        `Unknown flag '--${name}' for '${first}'. ${known.length > 0 ? `Flags: ${known.join(', ')}.` : 'It takes no flags.'} ${usageHint(spec, first)}`,
        { details: { command: first, flag: name } },
      );
    }
    if (given.has(name)) {
      throw new LumixError('INVALID_ARGUMENT', `Flag '--${name}' is given twice; give it once.`, {
        details: { command: first, flag: name },
      });
    }
    given.add(name);
    if (flag.type === 'boolean') {
      if (eq >= 0) {
        const v = arg.slice(eq + 1);
        if (v !== 'true' && v !== 'false') {
          throw new LumixError('INVALID_ARGUMENT', `Flag '--${name}' is a switch: write '--${name}' or '--${name}=false', not '${arg}'.`, {
            details: { command: first, flag: name, value: v },
          });
        }
        flags[name] = v === 'true';
      } else {
        flags[name] = true;
      }
      continue;
    }
    let raw: string;
    if (eq >= 0) {
      raw = arg.slice(eq + 1);
    } else {
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new LumixError(
          'INVALID_ARGUMENT',
          `Flag '--${name}' needs a value: --${name} ${flag.valueName ?? (flag.type === 'number' ? 'N' : 'VALUE')}.`,
          { details: { command: first, flag: name } },
        );
      }
      raw = next;
      i++;
    }
    flags[name] = readValue(first, name, flag, raw);
  }
  for (const [name, flag] of Object.entries(command.flags)) {
    if (!(name in flags) && flag.default !== undefined) flags[name] = flag.default;
  }
  return makeParsed(first, flags, given);
}

/** A whole number in digits, nothing else (no sign, no spaces, no 0x, no exponent). */
const PLAIN_INTEGER = /^\d+$/;
/** A decimal number: digits, an optional fraction and exponent. */
const PLAIN_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function readValue(command: string, name: string, flag: FlagSpec, raw: string): string | number {
  if (flag.type === 'string') {
    if (raw === '') {
      throw new LumixError('INVALID_ARGUMENT', `Flag '--${name}' needs a non-empty value.`, { details: { command, flag: name } });
    }
    if (flag.choices !== undefined && !flag.choices.includes(raw)) {
      throw new LumixError(
        'INVALID_ARGUMENT',
        `Flag '--${name}' must be one of ${flag.choices.join(', ')}; got '${raw}'.`,
        { details: { command, flag: name, value: raw, choices: flag.choices } },
      );
    }
    return raw;
  }
  // Only plain decimal notation: JavaScript's Number() also reads '0x1', '0b1', '1e0', ' 1' and
  // 'Infinity', which no user means as a run id or a number of seconds.
  if (flag.integer === true && !PLAIN_INTEGER.test(raw)) {
    throw new LumixError('INVALID_ARGUMENT', `Flag '--${name}' needs a whole number; got '${raw}' (write it in digits, such as 3).`, {
      details: { command, flag: name, value: raw },
    });
  }
  const n = PLAIN_DECIMAL.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n)) {
    throw new LumixError('INVALID_ARGUMENT', `Flag '--${name}' needs a number; got '${raw}' (write it in decimal, such as 2 or 0.5).`, {
      details: { command, flag: name, value: raw },
    });
  }
  if (flag.integer === true && !Number.isSafeInteger(n)) {
    throw new LumixError('INVALID_ARGUMENT', `Flag '--${name}' needs a whole number no larger than ${Number.MAX_SAFE_INTEGER}; got '${raw}'.`, {
      details: { command, flag: name, value: raw },
    });
  }
  if (flag.min !== undefined && (flag.exclusiveMin === true ? n <= flag.min : n < flag.min)) {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `Flag '--${name}' must be ${flag.exclusiveMin === true ? 'greater than' : 'at least'} ${flag.min}; got ${raw}.`,
      { details: { command, flag: name, value: n } },
    );
  }
  return n;
}

function makeParsed(
  command: string | null,
  flags: Record<string, string | number | boolean | undefined>,
  given: Set<string>,
  helpFor?: string,
): ParsedCli {
  const typed = <T>(name: string, type: string): T | undefined => {
    const v = flags[name];
    if (v === undefined) return undefined;
    if (typeof v !== type) {
      throw new LumixError('INVALID_ARGUMENT', `Flag '--${name}' is a ${typeof v}, not a ${type}.`, { details: { flag: name } });
    }
    return v as T;
  };
  return {
    command,
    flags,
    given,
    ...(helpFor === undefined ? {} : { helpFor }),
    string: (name) => typed<string>(name, 'string'),
    number: (name) => typed<number>(name, 'number'),
    boolean: (name) => typed<boolean>(name, 'boolean') ?? false,
  };
}

/**
 * The usage text of a CLI, or of one command when `command` is given: commands with their
 * descriptions, flags with value names, defaults and choices.
 */
export function formatUsage(spec: CliSpec, command?: string): string {
  const lines: string[] = [];
  const names = command !== undefined && spec.commands[command] !== undefined ? [command] : Object.keys(spec.commands);
  if (command === undefined) lines.push(spec.summary, '');
  lines.push('Usage:');
  for (const name of names) {
    const cmd = spec.commands[name] as CommandSpec;
    const synopsis = Object.entries(cmd.flags)
      .map(([f, s]) => (s.type === 'boolean' ? `[--${f}]` : `[--${f} ${s.valueName ?? (s.type === 'number' ? 'N' : 'VALUE')}]`))
      .join(' ');
    lines.push(`  ${spec.program} ${name}${synopsis === '' ? '' : ' ' + synopsis}`);
    lines.push(`      ${cmd.description}`);
    for (const [f, s] of Object.entries(cmd.flags)) {
      const extra: string[] = [];
      if (s.choices !== undefined) extra.push(`one of ${s.choices.join('|')}`);
      if (s.default !== undefined) extra.push(`default ${String(s.default)}`);
      lines.push(`        --${f.padEnd(12)} ${s.description}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`);
    }
  }
  return lines.join('\n');
}
