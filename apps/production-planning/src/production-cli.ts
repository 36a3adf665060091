import { EXIT_CODES, databaseLocation, formatUsage, isDatabaseUrl, parseCliArgs, resolveUserPath, type CliOutput } from '@lumix/app-kit';
import { CLI_SPEC, DEFAULT_DB } from './cli-spec.js';
import { submitCommand, workerCommand } from './commands/queue-commands.js';
import { runsCommand } from './commands/runs-command.js';
import { scenariosCommand } from './commands/scenarios-command.js';
import { sensitivityCommand } from './commands/sensitivity-command.js';
import { whatIfCommand } from './commands/whatif-command.js';
import { seedDatabase } from './commands/seed-command.js';
import { showCommand } from './commands/show-command.js';
import { solveCommand } from './commands/solve-command.js';
import type { OrmName } from './db/production-db.js';
import type { GoalMode } from './model/production-plan.js';
import type { SolverName } from '@lumix/solver-runtime';

/**
 * The production-planning command line: parses `argv` (`seed`, `solve`, `submit`, `worker`, `show`, `runs`, `help`),
 * resolves paths against `INIT_CWD` (the directory `pnpm` was run from) or `cwd`, runs the command
 * and returns its exit code. Errors are thrown (`runCli` maps them to exit codes).
 * `options.interruptible` (the command-line process): `solve` on multi-period data runs the MIP in
 * a worker and Ctrl-C keeps the best plan found so far (130 when there is none).
 */
export async function runProductionCli(argv: readonly string[], out: CliOutput, cwd?: string, options: { readonly interruptible?: boolean } = {}): Promise<number> {
  const args = parseCliArgs(CLI_SPEC, argv);
  if (args.command === null) {
    out.out(formatUsage(CLI_SPEC, args.helpFor));
    return EXIT_CODES.ok;
  }
  const path = (p: string): string => (cwd === undefined ? resolveUserPath(p) : resolveUserPath(p, cwd));
  const dbShown = databaseLocation(args.string('db'), DEFAULT_DB);
  const db = isDatabaseUrl(dbShown) ? dbShown : path(dbShown);
  const orm = (args.string('orm') ?? 'sequelize') as OrmName;
  const report = args.string('report');
  const force = args.boolean('force');
  // The flags solve and every analysis command (scenarios, sensitivity, whatif) share. No --solver:
  // LUMIX_SOLVER, then lumix.config.json in the user's folder, then HiGHS.
  const commonArgs = () => ({
    db,
    dbShown,
    orm,
    force,
    ...(args.string('solver') === undefined ? {} : { solver: args.string('solver') as SolverName }),
    ...(cwd === undefined ? {} : { cwd }),
    ...(args.string('compat') === 'lumix' ? { compat: 'lumix' as const } : {}),
    ...(report === undefined ? {} : { report: path(report) }),
  });
  switch (args.command) {
    case 'seed': {
      const data = args.string('data');
      const scenarios = args.string('scenarios');
      await seedDatabase(
        { db, dbShown, orm, force, ...(data === undefined ? {} : { data: path(data) }), ...(scenarios === undefined ? {} : { scenarios: path(scenarios) }) },
        out,
      );
      return EXIT_CODES.ok;
    }
    case 'solve': {
      const timeLimit = args.number('time-limit');
      const outcome = await solveCommand(
        {
          ...commonArgs(),
          ...(timeLimit === undefined ? {} : { timeLimit }),
          goalMode: (args.string('goal-mode') ?? 'lexicographic') as GoalMode,
          ...(options.interruptible === true ? { interruptible: true } : {}),
        },
        out,
      );
      return outcome.exitCode;
    }
    case 'scenarios': {
      const timeLimit = args.number('time-limit');
      const names = args.string('scenario');
      const outcome = await scenariosCommand(
        {
          ...commonArgs(),
          goalMode: (args.string('goal-mode') ?? 'lexicographic') as GoalMode,
          ...(timeLimit === undefined ? {} : { timeLimit }),
          ...(names === undefined ? {} : { scenarios: names.split(',').map((n) => n.trim()).filter((n) => n !== '') }),
        },
        out,
      );
      return outcome.exitCode;
    }
    case 'sensitivity': {
      const top = args.number('top');
      const outcome = await sensitivityCommand({ ...commonArgs(), fixSetups: args.boolean('fix-setups'), ...(top === undefined ? {} : { top }) }, out);
      return outcome.exitCode;
    }
    case 'whatif': {
      const opt = <T>(name: string, v: T | undefined): Record<string, T> => (v === undefined ? {} : { [name]: v });
      const outcome = await whatIfCommand(
        {
          ...commonArgs(),
          ...opt('machine', args.string('machine')),
          ...opt('material', args.string('material')),
          ...opt('week', args.number('week')),
          ...opt('hours', args.string('hours')),
          ...opt('amount', args.string('amount')),
          ...opt('sweep', args.string('sweep')),
          ...opt('compare', args.string('compare')),
          ...opt('from', args.number('from')),
          ...opt('to', args.number('to')),
          ...opt('step', args.number('step')),
          ...opt('top', args.number('top')),
          scan: args.boolean('scan'),
          goalMode: (args.string('goal-mode') ?? 'weighted') as GoalMode,
        },
        out,
      );
      return outcome.exitCode;
    }
    case 'show': {
      const run = args.number('run');
      await showCommand({ db, dbShown, orm, force, ...(run === undefined ? {} : { run }), ...(report === undefined ? {} : { report: path(report) }) }, out);
      return EXIT_CODES.ok;
    }
    case 'submit': {
      const timeLimit = args.number('time-limit');
      const jobTimeout = args.number('job-timeout');
      await submitCommand(
        {
          db,
          dbShown,
          orm,
          ...(args.string('solver') === undefined ? {} : { solver: args.string('solver') as SolverName }),
          ...(timeLimit === undefined ? {} : { timeLimit }),
          ...(jobTimeout === undefined ? {} : { jobTimeout }),
        },
        out,
      );
      return EXIT_CODES.ok;
    }
    case 'worker': {
      const maxJobs = args.number('max-jobs');
      const checkEvery = args.number('check-every');
      await workerCommand(
        {
          db,
          dbShown,
          concurrency: args.number('concurrency') ?? 1,
          exitWhenIdle: args.boolean('exit-when-idle'),
          untilSignal: true,
          ...(maxJobs === undefined ? {} : { maxJobs }),
          ...(checkEvery === undefined ? {} : { checkEvery }),
          ...(cwd === undefined ? {} : { cwd }),
        },
        out,
      );
      return EXIT_CODES.ok;
    }
    case 'runs':
      await runsCommand({ db, dbShown, orm }, out);
      return EXIT_CODES.ok;
    default:
      return EXIT_CODES.internal;
  }
}
