import { LumixError } from '@lumix/core';
import { databaseLocation, displayDatabase, formatUsage, isDatabaseUrl, parseCliArgs, resolveUserPath, type CliOutput, type CliSpec, type FlagSpec } from '@lumix/app-kit';
import type { OrmKind } from './db/open-adapter.js';
import type { CommandContext } from './commands/command-context.js';
import { submitCommand, workerCommand } from './commands/queue-commands.js';
import { runsCommand } from './commands/runs-command.js';
import { seedCommand } from './commands/seed-command.js';
import { showCommand } from './commands/show-command.js';
import { solveCommand } from './commands/solve-command.js';
import type { SolverName } from '@lumix/solver-runtime';
import { evaluateItcCommand, exportItcCommand, importItcCommand, isItcDatabase, itcRunsCommand, itcShowCommand, itcSolveCommand } from './commands/itc-commands.js';

/** How users run the app (shown in usage and hints). */
const TIMETABLING_PROGRAM = 'pnpm --filter @lumix/timetabling start --';

// No `default`: without --db the database is $DATABASE_URL when set (see databaseLocation), else school.db.
const db: FlagSpec = {
  type: 'string',
  valueName: 'FILE|URL',
  description: 'SQLite database file, relative to where you run pnpm, or a PostgreSQL URL (postgres://user@host/db) (default: $DATABASE_URL, else school.db)',
};
const orm: FlagSpec = { type: 'string', valueName: 'NAME', choices: ['sequelize', 'sqlite'], default: 'sequelize', description: 'ORM adapter: Sequelize models or raw sqlite3' };
const force: FlagSpec = { type: 'boolean', description: 'replace an existing file that this app did not write (--db for seed, --report)' };

/** The command line interface of the timetabling app. */
const TIMETABLING_CLI: CliSpec = {
  program: TIMETABLING_PROGRAM,
  summary:
    'School timetabling (the LumiX tutorial, steps 1-2): every lecture once, no teacher, class or room in two places at once, ' +
    'every class in a room that holds it. Data and timetables live in a SQLite database.',
  commands: {
    seed: {
      description: 'Create the database (schema + data). Replaces an existing school database and its runs; any other file only with --force.',
      flags: {
        db,
        data: { type: 'string', valueName: 'FILE.json', description: 'data in the shape of timetabling_step2.json (default: the tutorial data)' },
        orm,
        force,
      },
    },
    solve: {
      description: 'Build the model from the database, solve it, print the grids and save the timetable as a new run.',
      flags: {
        db,
        solver: {
          type: 'string',
          valueName: 'NAME',
          choices: ['highs', 'glpk'],
          description: 'MIP solver. Default: LUMIX_SOLVER, else "solver" in lumix.config.json (or package.json "lumix") where you run pnpm, else highs',
        },
        orm,
        'time-limit': { type: 'number', valueName: 'S', min: 0, exclusiveMin: true, description: 'stop the solver after S seconds (default: no limit)' },
        'same-subject-day-weight': {
          type: 'number',
          valueName: 'W',
          min: 0,
          description: 'weight of the soft rule "a class gets a subject at most ceil(lectures/days) times a day" (priority 4, after every preference; 0 turns it off). Default 1',
        },
        'goal-mode': {
          type: 'string',
          valueName: 'MODE',
          choices: ['weighted', 'lexicographic'],
          description: 'how teacher preferences are traded: weighted (default; LumiX: 1e5/1e4/1e3 per priority) or lexicographic (priority 1 first, then 2, then 3)',
        },
        report: {
          type: 'string',
          valueName: 'FILE.html',
          description: 'also write a self-contained HTML report with the grids (never over the database; an existing file only if this app wrote it, or with --force)',
        },
        force,
      },
    },
    show: {
      description: 'Print a saved run as grids (default: the latest).',
      flags: {
        db,
        run: { type: 'number', valueName: 'N', integer: true, min: 1, description: 'run id (see runs)' },
        orm,
        report: { type: 'string', valueName: 'FILE.html', description: 'also write the HTML report of that run (same rules as for solve)' },
        force,
      },
    },
    runs: { description: 'List the saved runs (and, on PostgreSQL, the solve jobs: queued, running, done, failed).', flags: { db, orm } },
    submit: {
      description: 'Queue a solve in the PostgreSQL database instead of running it; a worker takes it (see runs for its state).',
      flags: {
        db,
        solver: { type: 'string', valueName: 'NAME', choices: ['highs', 'glpk'], description: "MIP solver. Default: the worker's (LUMIX_SOLVER, config file, else highs)" },
        orm,
        'time-limit': { type: 'number', valueName: 'S', min: 0, exclusiveMin: true, description: 'stop the solver after S seconds (default: no limit)' },
        'job-timeout': {
          type: 'number',
          valueName: 'S',
          min: 1,
          description: 'seconds a worker may hold the job before it is taken for dead and the job is queued again (default: time limit × 1.25 + 60, else 900)',
        },
      },
    },
    worker: {
      description:
        'Take solve jobs from the queue in the PostgreSQL database, solve each on a warm solver pool and save its run in one transaction. ' +
        'Runs until Ctrl-C; a job whose worker dies is retried by another after its --job-timeout.',
      flags: {
        db,
        concurrency: { type: 'number', valueName: 'N', integer: true, min: 1, default: 1, description: 'jobs solved at the same time (and solver workers kept warm)' },
        'max-jobs': { type: 'number', valueName: 'N', integer: true, min: 1, description: 'stop after N jobs' },
        'exit-when-idle': { type: 'boolean', description: 'stop when no job is waiting' },
        'check-every': { type: 'number', valueName: 'S', min: 1, description: 'seconds between two looks for jobs whose worker died (default 10)' },
      },
    },
    'import-itc': {
      description:
        'Read an ITC-2007 curriculum-based timetabling instance (import-itc FILE.ctt, or .ectt) into a fresh database; solve, show, runs and export-itc then work on it. A malformed file is refused with its line number.',
      flags: { file: { type: 'string', valueName: 'FILE', description: 'the .ctt or .ectt file (or give it right after import-itc)' }, db, orm, force },
    },
    'evaluate-itc': {
      description: 'Score a solution file (course room day period per line) against the imported ITC instance: hard violations and each UD2 cost.',
      flags: { solution: { type: 'string', valueName: 'FILE', description: 'the solution file (or give it right after evaluate-itc)' }, db, orm },
    },
    'export-itc': {
      description: 'Write a saved run of an imported ITC instance in the official solution format (course room day period per line).',
      flags: {
        db,
        out: { type: 'string', valueName: 'FILE', description: 'the solution file to write (an existing one only if it looks like a solution file, or with --force)' },
        run: { type: 'number', valueName: 'N', integer: true, min: 1, description: 'run id (default: the latest)' },
        orm,
        force,
      },
    },
  },
};

/**
 * Runs one command of the timetabling CLI and returns its exit code (0 ok, 2 bad input,
 * 3 infeasible; errors are thrown and mapped to codes by `runCli`). Paths are resolved against
 * `base` (default: `INIT_CWD`, the directory pnpm was run from, else the current directory), and
 * the solver is chosen there: `--solver`, else `LUMIX_SOLVER`, else its `lumix.config.json`,
 * else HiGHS. `options.interruptible` (the command-line process): `solve` runs the solver in a
 * worker and Ctrl-C keeps the best timetable found so far (130 when there is none).
 */
export async function runTimetablingCli(argv: readonly string[], out: CliOutput, base?: string, options: { readonly interruptible?: boolean } = {}): Promise<number> {
  // `import-itc FILE` and `evaluate-itc FILE`: the file may come right after the command.
  const fileFlag = argv[0] === 'import-itc' ? '--file' : argv[0] === 'evaluate-itc' ? '--solution' : undefined;
  const args = fileFlag !== undefined && argv[1] !== undefined && !argv[1].startsWith('-') ? [argv[0]!, fileFlag, ...argv.slice(1)] : argv;
  const parsed = parseCliArgs(TIMETABLING_CLI, args);
  if (parsed.command === null) {
    out.out(formatUsage(TIMETABLING_CLI, parsed.helpFor));
    return 0;
  }
  const cwd = base ?? process.env['INIT_CWD'] ?? process.cwd();
  const ctx: CommandContext = {
    out,
    program: TIMETABLING_PROGRAM,
    cwd,
    resolvePath: (p) => resolveUserPath(p, cwd),
  };
  const dbArg = databaseLocation(parsed.string('db'), 'school.db');
  const common = {
    db: isDatabaseUrl(dbArg) ? dbArg : ctx.resolvePath(dbArg),
    dbName: displayDatabase(dbArg),
    dbFlag: parsed.given.has('db') ? ` --db ${dbArg}` : '',
    orm: parsed.string('orm') as OrmKind,
    force: parsed.boolean('force'),
  };
  if (parsed.command.endsWith('-itc') && isDatabaseUrl(dbArg)) {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `${parsed.command} works on a SQLite database file for now, not on a server (${common.dbName}): give --db FILE (e.g. --db comp01.db) and unset DATABASE_URL for ITC-2007 instances.`,
    );
  }
  const report = parsed.string('report');
  const itc = ['solve', 'show', 'runs'].includes(parsed.command) && (await isItcDatabase(common.db));
  switch (parsed.command) {
    case 'seed': {
      const data = parsed.string('data');
      return seedCommand(ctx, { ...common, ...(data === undefined ? {} : { data: ctx.resolvePath(data), dataName: data }) });
    }
    case 'solve': {
      const timeLimit = parsed.number('time-limit');
      if (itc) {
        const solver = parsed.string('solver') as SolverName | undefined;
        return itcSolveCommand(ctx, {
          ...common,
          ...(solver === undefined ? {} : { solver }),
          ...(timeLimit === undefined ? {} : { timeLimit }),
          ...(report === undefined ? {} : { report: ctx.resolvePath(report) }),
        });
      }
      return solveCommand(ctx, {
        ...common,
        // No --solver: LUMIX_SOLVER, then lumix.config.json in the user's folder, then HiGHS.
        ...(parsed.string('solver') === undefined ? {} : { solver: parsed.string('solver') as SolverName }),
        ...(timeLimit === undefined ? {} : { timeLimit }),
        ...(parsed.string('goal-mode') === undefined ? {} : { goalMode: parsed.string('goal-mode') as 'weighted' | 'lexicographic' }),
        ...(parsed.number('same-subject-day-weight') === undefined ? {} : { sameSubjectDayWeight: parsed.number('same-subject-day-weight') as number }),
        ...(report === undefined ? {} : { report: ctx.resolvePath(report) }),
        ...(options.interruptible === true ? { interruptible: true } : {}),
      });
    }
    case 'show': {
      const run = parsed.number('run');
      if (itc) return itcShowCommand(ctx, { ...common, ...(run === undefined ? {} : { run }), ...(report === undefined ? {} : { report: ctx.resolvePath(report) }) });
      return showCommand(ctx, {
        ...common,
        ...(run === undefined ? {} : { run }),
        ...(report === undefined ? {} : { report: ctx.resolvePath(report) }),
      });
    }
    case 'submit': {
      const timeLimit = parsed.number('time-limit');
      const jobTimeout = parsed.number('job-timeout');
      const solver = parsed.string('solver') as SolverName | undefined;
      await submitCommand(ctx, {
        ...common,
        ...(solver === undefined ? {} : { solver }),
        ...(timeLimit === undefined ? {} : { timeLimit }),
        ...(jobTimeout === undefined ? {} : { jobTimeout }),
      });
      return 0;
    }
    case 'worker': {
      const maxJobs = parsed.number('max-jobs');
      const checkEvery = parsed.number('check-every');
      await workerCommand(ctx, {
        ...common,
        concurrency: parsed.number('concurrency') ?? 1,
        exitWhenIdle: parsed.boolean('exit-when-idle'),
        ...(maxJobs === undefined ? {} : { maxJobs }),
        ...(checkEvery === undefined ? {} : { checkEvery }),
      });
      return 0;
    }
    case 'runs':
      return itc ? itcRunsCommand(ctx, common) : runsCommand(ctx, common);
    case 'import-itc': {
      const file = parsed.string('file');
      if (file === undefined) throw new LumixError('INVALID_ARGUMENT', `import-itc needs the instance file: ${TIMETABLING_PROGRAM} import-itc FILE.ctt`);
      return importItcCommand(ctx, { ...common, file: ctx.resolvePath(file), fileName: file });
    }
    case 'evaluate-itc': {
      const solution = parsed.string('solution');
      if (solution === undefined) throw new LumixError('INVALID_ARGUMENT', `evaluate-itc needs the solution file: ${TIMETABLING_PROGRAM} evaluate-itc FILE.sol --db FILE`);
      return evaluateItcCommand(ctx, { ...common, solution: ctx.resolvePath(solution), solutionName: solution });
    }
    case 'export-itc': {
      const outFile = parsed.string('out');
      if (outFile === undefined) throw new LumixError('INVALID_ARGUMENT', `export-itc needs --out FILE: ${TIMETABLING_PROGRAM} export-itc --out solution.sol`);
      const run = parsed.number('run');
      return exportItcCommand(ctx, { ...common, out: ctx.resolvePath(outFile), ...(run === undefined ? {} : { run }) });
    }
    default:
      throw new Error(`unhandled command ${parsed.command}`);
  }
}
