import type { CliSpec, FlagSpec } from '@lumix/app-kit';
import { ORM_NAMES } from './db/production-db.js';

/** How the app is run from the repository root; used in usage text and hints. */
export const PROGRAM = 'pnpm --filter @lumix/production-planning start --';

/** Default database file, resolved against the directory the user ran pnpm from. */
export const DEFAULT_DB = 'production.db';

// No `default`: without --db the database is $DATABASE_URL when set (see databaseLocation), else DEFAULT_DB.
const db: FlagSpec = {
  type: 'string',
  valueName: 'FILE|URL',
  description: `SQLite database file, relative to where you run pnpm, or a PostgreSQL URL (postgres://user@host/db) (default: $DATABASE_URL, else ${DEFAULT_DB})`,
};
const orm: FlagSpec = { type: 'string', valueName: 'NAME', description: 'ORM adapter that reads and writes the database', choices: ORM_NAMES, default: 'sequelize' };
const force: FlagSpec = { type: 'boolean', description: 'replace an existing file that this app did not write (--db for seed, --report)' };
const report: FlagSpec = {
  type: 'string',
  valueName: 'FILE.html',
  description: 'also write a self-contained HTML report (never over the database; an existing file only if this app wrote it, or with --force)',
};

/** The command line of the production-planning app. */
export const CLI_SPEC: CliSpec = {
  program: PROGRAM,
  summary:
    'Production planning: how many units of each product to make so that profit is largest, within machine hours, raw materials and demand. ' +
    'Data and every solve run live in one SQLite file.',
  commands: {
    seed: {
      description:
        'Create the database and load data: the tutorial data, or a JSON file shaped like production_step2.json. ' +
        'Replaces an existing production database (and its runs); any other file only with --force.',
      flags: {
        db,
        data: { type: 'string', valueName: 'FILE.json', description: 'data to load instead of the tutorial data' },
        orm,
        force,
      },
    },
    solve: {
      description: 'Build the LP from the database, solve it, print the plan with shadow prices and reduced costs, and save it as a new run.',
      flags: {
        db,
        solver: {
          type: 'string',
          valueName: 'NAME',
          description: 'LP solver. Default: LUMIX_SOLVER, else "solver" in lumix.config.json (or package.json "lumix") where you run pnpm, else highs',
          choices: ['highs', 'glpk'],
        },
        orm,
        'time-limit': { type: 'number', valueName: 'S', description: 'stop the solver after S seconds', min: 0, exclusiveMin: true },
        'goal-mode': {
          type: 'string',
          valueName: 'MODE',
          description:
            'with customer orders: lexicographic (orders by priority, then profit) or weighted (LumiX: minimise Σ 10^(6−priority) × shortfall, profit not optimised)',
          choices: ['lexicographic', 'weighted'],
          default: 'lexicographic',
        },
        compat: {
          type: 'string',
          valueName: 'lumix',
          description: "with multi-period data (periods): solve the tutorial's literal step-4 model instead of the correct one, to compare (see the README)",
          choices: ['lumix'],
        },
        report,
        force,
      },
    },
    show: {
      description: 'Print a saved run (default: the latest).',
      flags: { db, run: { type: 'number', valueName: 'N', description: 'run id (see runs)', integer: true, min: 1 }, orm, report, force },
    },
    runs: {
      description: 'List the saved runs (and, on PostgreSQL, the solve jobs: queued, running, done, failed).',
      flags: { db, orm },
    },
    submit: {
      description: 'Queue a solve in the PostgreSQL database instead of running it; a worker takes it (see runs for its state).',
      flags: {
        db,
        solver: { type: 'string', valueName: 'NAME', description: "LP solver. Default: the worker's (LUMIX_SOLVER, config file, else highs)", choices: ['highs', 'glpk'] },
        orm,
        'time-limit': { type: 'number', valueName: 'S', description: 'stop the solver after S seconds', min: 0, exclusiveMin: true },
        'job-timeout': {
          type: 'number',
          valueName: 'S',
          description: 'seconds a worker may hold the job before it is taken for dead and the job is queued again (default: time limit × 1.25 + 60, else 900)',
          min: 1,
        },
      },
    },
    worker: {
      description:
        'Take solve jobs from the queue in the PostgreSQL database, solve each on a warm solver pool and save its run in one transaction. ' +
        'Runs until Ctrl-C; a job whose worker dies is retried by another after its --job-timeout.',
      flags: {
        db,
        concurrency: { type: 'number', valueName: 'N', description: 'jobs solved at the same time (and solver workers kept warm)', integer: true, min: 1, default: 1 },
        'max-jobs': { type: 'number', valueName: 'N', description: 'stop after N jobs', integer: true, min: 1 },
        'exit-when-idle': { type: 'boolean', description: 'stop when no job is waiting' },
        'check-every': { type: 'number', valueName: 'S', description: 'seconds between two looks for jobs whose worker died (default 10)', min: 1 },
      },
    },
  },
};
