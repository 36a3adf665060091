import { databaseLocation, displayDatabase, formatUsage, isDatabaseUrl, parseCliArgs, resolveUserPath, type CliOutput, type CliSpec, type FlagSpec } from '@lumix/app-kit';
import type { OrmKind } from './db/open-adapter.js';
import type { CommandContext } from './commands/command-context.js';
import { runsCommand } from './commands/runs-command.js';
import { seedCommand } from './commands/seed-command.js';
import { showCommand } from './commands/show-command.js';
import { solveCommand } from './commands/solve-command.js';
import type { SolverName } from '@lumix/solver-runtime';

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
    runs: { description: 'List the saved runs.', flags: { db, orm } },
  },
};

/**
 * Runs one command of the timetabling CLI and returns its exit code (0 ok, 2 bad input,
 * 3 infeasible; errors are thrown and mapped to codes by `runCli`). Paths are resolved against
 * `base` (default: `INIT_CWD`, the directory pnpm was run from, else the current directory), and
 * the solver is chosen there: `--solver`, else `LUMIX_SOLVER`, else its `lumix.config.json`,
 * else HiGHS.
 */
export async function runTimetablingCli(argv: readonly string[], out: CliOutput, base?: string): Promise<number> {
  const parsed = parseCliArgs(TIMETABLING_CLI, argv);
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
  const report = parsed.string('report');
  switch (parsed.command) {
    case 'seed': {
      const data = parsed.string('data');
      return seedCommand(ctx, { ...common, ...(data === undefined ? {} : { data: ctx.resolvePath(data), dataName: data }) });
    }
    case 'solve': {
      const timeLimit = parsed.number('time-limit');
      return solveCommand(ctx, {
        ...common,
        // No --solver: LUMIX_SOLVER, then lumix.config.json in the user's folder, then HiGHS.
        ...(parsed.string('solver') === undefined ? {} : { solver: parsed.string('solver') as SolverName }),
        ...(timeLimit === undefined ? {} : { timeLimit }),
        ...(report === undefined ? {} : { report: ctx.resolvePath(report) }),
      });
    }
    case 'show': {
      const run = parsed.number('run');
      return showCommand(ctx, {
        ...common,
        ...(run === undefined ? {} : { run }),
        ...(report === undefined ? {} : { report: ctx.resolvePath(report) }),
      });
    }
    case 'runs':
      return runsCommand(ctx, common);
    default:
      throw new Error(`unhandled command ${parsed.command}`);
  }
}
