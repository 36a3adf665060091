import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LumixError } from '@lumix/core';
import { resolveSolver } from '@lumix/solver-runtime';
import highsModule from '@lumix/solver-highs';
import type { SolveOptions, StandardForm } from '@lumix/core';
import type { ObjectiveRhsConvention } from '@lumix/core/io';
import { EXIT_CODES, exitCodeForError, exitCodeForStatus } from './exit-codes.js';
import { HELP_TEXT } from './help-text.js';
import { listCliJobs, queueUrl, runWorker, showResult, submitJob } from './job-commands.js';
import { readProblemFile, writeProblemFile } from './problem-file.js';

/** Where the command reads its environment and writes its output: the process, or a test's buffers. */
export interface CliIo {
  /** Writes one line to standard output. */
  readonly stdout: (line: string) => void;
  /** Writes one line to standard error. */
  readonly stderr: (line: string) => void;
  /** Environment variables (`LUMIX_SOLVER`, `LUMIX_DEBUG`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory relative file paths are resolved against. */
  readonly cwd: string;
}

/** What `lumix solve --json` prints, as one line. */
export interface SolveSummary {
  readonly status: string;
  /** Objective of the returned point (offset included); `null` without a point. */
  readonly objective: number | null;
  readonly solver: string;
  /** Wall-clock seconds of the solve call, rounded to milliseconds. */
  readonly seconds: number;
}

const OPTIONS = {
  solver: { type: 'string' },
  'time-limit': { type: 'string' },
  'mip-gap': { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  'objective-rhs': { type: 'string' },
  queue: { type: 'string' },
  'job-timeout': { type: 'string' },
  concurrency: { type: 'string' },
  'max-jobs': { type: 'string' },
  'exit-when-idle': { type: 'boolean' },
  'check-every': { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageError(e);
  }
}

type Parsed = ReturnType<typeof parseCommandLine>['values'];

const COMMAND_OPTIONS: Readonly<Record<string, ReadonlyArray<keyof typeof OPTIONS>>> = {
  solve: ['solver', 'time-limit', 'mip-gap', 'json', 'objective-rhs', 'help'],
  convert: ['format', 'objective-rhs', 'help'],
  submit: ['queue', 'solver', 'time-limit', 'mip-gap', 'objective-rhs', 'job-timeout', 'help'],
  worker: ['queue', 'concurrency', 'max-jobs', 'exit-when-idle', 'check-every', 'help'],
  jobs: ['queue', 'json', 'help'],
  result: ['queue', 'out', 'json', 'help'],
};

/** The version printed by `lumix --version`. */
export const CLI_VERSION = '0.1.0';

/**
 * Runs the `lumix` command with `argv` (the arguments after the program name) and returns its
 * exit code ({@link EXIT_CODES}). Errors go to `io.stderr` as one line, with the stack only when
 * `LUMIX_DEBUG=1`; nothing is thrown.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    report(e, io);
    return exitCodeForError(e);
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  const [command, ...rest] = positionals;
  if (values.version === true) {
    io.stdout(CLI_VERSION);
    return EXIT_CODES.ok;
  }
  if (values.help === true || command === undefined || command === 'help') {
    if (command === undefined && values.help !== true) {
      io.stderr(HELP_TEXT);
      return EXIT_CODES.badInput;
    }
    io.stdout(HELP_TEXT);
    return EXIT_CODES.ok;
  }
  const allowed = COMMAND_OPTIONS[command];
  if (allowed === undefined) {
    throw new LumixError('INVALID_ARGUMENT', `Unknown command '${command}'; use 'lumix solve FILE', 'lumix convert IN OUT', or the job commands submit, worker, jobs, result (see lumix --help).`);
  }
  for (const name of Object.keys(values) as Array<keyof typeof OPTIONS>) {
    if (!allowed.includes(name)) {
      throw new LumixError('INVALID_ARGUMENT', `Option --${name} does not apply to 'lumix ${command}' (see lumix --help).`);
    }
  }
  const objectiveRhs = objectiveRhsOption(values['objective-rhs']);
  if (command === 'submit' || command === 'worker' || command === 'jobs' || command === 'result') return jobCommand(command, rest, values, objectiveRhs, io);
  if (command === 'solve') {
    if (rest.length !== 1) throw new LumixError('INVALID_ARGUMENT', `'lumix solve' takes one FILE, got ${rest.length}: lumix solve FILE [--solver highs|glpk] [--time-limit S] [--mip-gap G] [--json].`);
    return solve(rest[0]!, values, objectiveRhs, io);
  }
  if (rest.length !== 2) throw new LumixError('INVALID_ARGUMENT', `'lumix convert' takes IN and OUT, got ${rest.length} file name(s): lumix convert IN OUT [--format free|fixed].`);
  return convert(rest[0]!, rest[1]!, values, objectiveRhs, io);
}

async function jobCommand(command: 'submit' | 'worker' | 'jobs' | 'result', rest: readonly string[], values: Parsed, objectiveRhs: ObjectiveRhsConvention | undefined, io: CliIo): Promise<number> {
  const queue = queueUrl(values.queue, command, io.env);
  const count = (flag: string, text: string | undefined): number | undefined =>
    text === undefined ? undefined : numberOption(flag, text, (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1');
  const seconds = (flag: string, text: string | undefined): number | undefined => (text === undefined ? undefined : numberOption(flag, text, (v) => v > 0, 'a number of seconds > 0'));
  if (command === 'submit') {
    if (rest.length !== 1) throw new LumixError('INVALID_ARGUMENT', `'lumix submit' takes one FILE, got ${rest.length}: lumix submit FILE --queue postgres://… [solve flags].`);
    const file = rest[0]!;
    const timeLimit = seconds('--time-limit', values['time-limit']);
    const mipGap = values['mip-gap'] === undefined ? undefined : numberOption('--mip-gap', values['mip-gap'], (v) => v >= 0, 'a number >= 0');
    const jobTimeout = seconds('--job-timeout', values['job-timeout']);
    return submitJob(
      {
        queue,
        file,
        path: pathOf(file, io),
        ...(objectiveRhs === undefined ? {} : { objectiveRhs }),
        ...(values.solver === undefined ? {} : { solver: values.solver }),
        ...(timeLimit === undefined ? {} : { timeLimit }),
        ...(mipGap === undefined ? {} : { mipGap }),
        ...(jobTimeout === undefined ? {} : { jobTimeout }),
      },
      io,
    );
  }
  if (command === 'worker') {
    if (rest.length !== 0) throw new LumixError('INVALID_ARGUMENT', `'lumix worker' takes no file (it takes jobs from the queue), got ${rest.join(' ')}.`);
    const concurrency = count('--concurrency', values.concurrency);
    const maxJobs = count('--max-jobs', values['max-jobs']);
    const checkEvery = seconds('--check-every', values['check-every']);
    return runWorker(
      {
        queue,
        ...(concurrency === undefined ? {} : { concurrency }),
        ...(maxJobs === undefined ? {} : { maxJobs }),
        ...(values['exit-when-idle'] === true ? { exitWhenIdle: true } : {}),
        ...(checkEvery === undefined ? {} : { checkEvery }),
      },
      io,
    );
  }
  if (command === 'jobs') {
    if (rest.length !== 0) throw new LumixError('INVALID_ARGUMENT', `'lumix jobs' takes no argument, got ${rest.join(' ')}.`);
    return listCliJobs({ queue, ...(values.json === true ? { json: true } : {}) }, io);
  }
  if (rest.length !== 1) throw new LumixError('INVALID_ARGUMENT', `'lumix result' takes one JOB id, got ${rest.length}: lumix result JOB --queue postgres://… [--out FILE.json|.sol].`);
  const out = values.out;
  return showResult({ queue, job: rest[0]!, ...(out === undefined ? {} : { out, outPath: pathOf(out, io) }), ...(values.json === true ? { json: true } : {}) }, io);
}

async function solve(file: string, values: Parsed, objectiveRhs: ObjectiveRhsConvention | undefined, io: CliIo): Promise<number> {
  const options: { timeLimit?: number; mipGap?: number } = {};
  if (values['time-limit'] !== undefined) options.timeLimit = numberOption('--time-limit', values['time-limit'], (v) => v > 0, 'a number of seconds > 0');
  if (values['mip-gap'] !== undefined) options.mipGap = numberOption('--mip-gap', values['mip-gap'], (v) => v >= 0, 'a number >= 0');
  const problem = readProblemFile(pathOf(file, io), file, objectiveRhs === undefined ? {} : { objectiveRhs });
  // HiGHS ships with the CLI; GLPK (GPL) is looked up where the CLI runs, when installed.
  // --solver, else LUMIX_SOLVER, else lumix.config.json / package.json "lumix" in the working folder, else highs.
  const solver = await resolveSolver(values.solver, { env: io.env, cwd: io.cwd, modules: { highs: highsModule } });
  // resolveSolver returns the solver behind core's front door: the solve checks the options.
  const solveOptions: SolveOptions = options;
  const started = performance.now();
  const result = await solver.solve(problem, solveOptions);
  const seconds = Math.round(performance.now() - started) / 1000;
  const summary: SolveSummary = { status: result.status, objective: result.objective, solver: solver.name, seconds };
  if (values.json === true) {
    io.stdout(JSON.stringify(summary));
  } else {
    io.stdout(`${file}: ${describeProblem(problem)}`);
    io.stdout(`status     ${summary.status}`);
    io.stdout(`objective  ${summary.objective === null ? '-' : String(summary.objective)}`);
    io.stdout(`solver     ${summary.solver}`);
    io.stdout(`seconds    ${summary.seconds}`);
  }
  if (result.status === 'error') io.stderr(`lumix: solver ${solver.name} failed: ${oneLine(result.message ?? 'no message')}`);
  return exitCodeForStatus(result.status);
}

function convert(input: string, output: string, values: Parsed, objectiveRhs: ObjectiveRhsConvention | undefined, io: CliIo): number {
  const format = values.format;
  if (format !== undefined && format !== 'free' && format !== 'fixed') {
    throw new LumixError('INVALID_ARGUMENT', `--format must be 'free' or 'fixed' (the MPS layout to write), got '${format}'.`);
  }
  const problem = readProblemFile(pathOf(input, io), input, objectiveRhs === undefined ? {} : { objectiveRhs });
  writeProblemFile(problem, pathOf(output, io), output, format === undefined ? {} : { mpsFormat: format });
  io.stdout(`wrote ${output}: ${describeProblem(problem)}`);
  return EXIT_CODES.ok;
}

function describeProblem(p: StandardForm): string {
  let integers = 0;
  for (let j = 0; j < p.numCols; j++) integers += p.colIntegral[j]!;
  return `${p.numRows} rows, ${p.numCols} columns (${integers} integer), ${p.value.length} non-zeros`;
}

function pathOf(file: string, io: CliIo): string {
  return isAbsolute(file) ? file : resolve(io.cwd, file);
}

function numberOption(flag: string, text: string, ok: (v: number) => boolean, expected: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || !ok(v)) {
    throw new LumixError('INVALID_ARGUMENT', `${flag} must be ${expected}, got '${text}'.`);
  }
  return v;
}

function objectiveRhsOption(text: string | undefined): ObjectiveRhsConvention | undefined {
  if (text === undefined) return undefined;
  if (text === 'minus') return 'minus-rhs';
  if (text === 'plus') return 'plus-rhs';
  if (text === 'ignore') return 'ignore';
  throw new LumixError('INVALID_ARGUMENT', `--objective-rhs must be 'minus' (constant = -RHS, the default), 'plus' or 'ignore', got '${text}'.`);
}

/** A Node `parseArgs` error as a LumixError with a message in our words. */
function usageError(e: unknown): LumixError {
  const code = (e as NodeJS.ErrnoException).code;
  const message = (e as Error).message;
  const option = /'(--?[\w-]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new LumixError('INVALID_ARGUMENT', `Unknown option '${option ?? message}' (see lumix --help).`, { cause: e });
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = option === undefined ? 'An option' : `Option '${option}'`;
    if (/ambiguous/.test(message)) {
      return new LumixError('INVALID_ARGUMENT', `${name} got a value that starts with '-'; write it as ${option ?? '--option'}=VALUE (see lumix --help).`, { cause: e });
    }
    return new LumixError('INVALID_ARGUMENT', `${name} needs a value (see lumix --help).`, { cause: e });
  }
  return new LumixError('INVALID_ARGUMENT', `${oneLine(message)} (see lumix --help).`, { cause: e });
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function report(e: unknown, io: CliIo): void {
  const message = e instanceof Error ? e.message : String(e);
  io.stderr(`lumix: ${oneLine(message)}`);
  if (io.env['LUMIX_DEBUG'] === '1') {
    let cause: unknown = e;
    for (let depth = 0; cause !== undefined && depth < 5; depth++) {
      if (depth > 0) io.stderr('caused by:');
      io.stderr(cause instanceof Error ? (cause.stack ?? cause.message) : String(cause));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
}
