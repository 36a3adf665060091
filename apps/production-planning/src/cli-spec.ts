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

const solverFlag: FlagSpec = {
  type: 'string',
  valueName: 'NAME',
  description: 'LP solver. Default: LUMIX_SOLVER, else "solver" in lumix.config.json (or package.json "lumix") where you run pnpm, else highs',
  choices: ['highs', 'glpk'],
};
const timeLimit: FlagSpec = { type: 'number', valueName: 'S', description: 'stop each solve after S seconds', min: 0, exclusiveMin: true };
const compat: FlagSpec = {
  type: 'string',
  valueName: 'lumix',
  description: "solve the tutorial's literal step-4 model instead of the correct one, to compare (see the README)",
  choices: ['lumix'],
};
const goalMode = (defaultMode: 'lexicographic' | 'weighted'): FlagSpec => ({
  type: 'string',
  valueName: 'MODE',
  description: 'lexicographic (orders by priority, then profit) or weighted (LumiX: minimise Σ 10^(6−priority) × shortfall, profit not optimised)',
  choices: ['lexicographic', 'weighted'],
  default: defaultMode,
});

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
        scenarios: {
          type: 'string',
          valueName: 'FILE.json',
          description: 'also load the scenarios and their multipliers of this file (like production_step5_scenarios.json; needs multi-period data)',
        },
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
    scenarios: {
      description:
        'Step 5: solve every scenario of the database (the base data with its multipliers), save one run per scenario, and compare them with the baseline: ' +
        'objective, Δ and Δ%, orders met per priority, production runs, machine and material utilisation.',
      flags: {
        db,
        scenario: { type: 'string', valueName: 'NAME[,NAME…]', description: 'only these scenarios (comma-separated names; the baseline is always solved as the reference)' },
        solver: solverFlag,
        orm,
        'time-limit': timeLimit,
        'goal-mode': goalMode('lexicographic'),
        compat,
        report,
        force,
      },
    },
    sensitivity: {
      description:
        'Step 6: shadow prices, right-hand-side and cost ranging (HiGHS), binding rows and bottlenecks by machine, material and week, ' +
        "on the LP relaxation of the setups (the tutorial's) of the weighted goal program; order rows are listed apart from resources.",
      flags: {
        db,
        solver: solverFlag,
        orm,
        compat,
        'fix-setups': { type: 'boolean', description: 'instead of the relaxation: solve the MIP, fix the setups at its optimum and report the LP around it' },
        top: { type: 'number', valueName: 'N', description: 'rows listed in the bottleneck ranking (default 10)', integer: true, min: 1 },
        report,
        force,
      },
    },
    whatif: {
      description:
        'Step 7: change machine hours or material supply of one week (or scan every row, or sweep one) and re-solve warm, printing the new objective, Δ and the changed decisions.',
      flags: {
        db,
        machine: { type: 'string', valueName: 'NAME|ID', description: 'the machine to change (with --week and --hours)' },
        material: { type: 'string', valueName: 'NAME|ID', description: 'the material to change (with --week and --amount)' },
        week: { type: 'number', valueName: 'N', description: 'week number of the change (default: every week)', integer: true, min: 1 },
        hours: { type: 'string', valueName: '±H|±P%|=H', description: 'machine hours: +50 (more), -50 (less), -20% (a share), =120 (set)' },
        amount: { type: 'string', valueName: '±Q|±P%|=Q', description: 'material supply: +100, -100, -20%, =1280' },
        scan: { type: 'boolean', description: 'bottleneck scan: +--step on every machine and material row, ranked by Δ per unit' },
        compare: {
          type: 'string',
          valueName: 'ITEM,ITEM…',
          description: 'independent what-ifs ranked best first, each machine|material:NAME:WEEK:AMOUNT (e.g. machine:Cutting:1:+50,material:Wood:1:+100)',
        },
        sweep: { type: 'string', valueName: 'machine:NAME:WEEK|material:NAME:WEEK', description: 'set one row to each value from --from to --to by --step' },
        from: { type: 'number', valueName: 'V', description: 'first value of --sweep', min: 0 },
        to: { type: 'number', valueName: 'V', description: 'last value of --sweep', min: 0 },
        step: { type: 'number', valueName: 'V', description: 'step of --sweep, or the increase of --scan (default 10)', min: 0, exclusiveMin: true },
        top: { type: 'number', valueName: 'N', description: 'rows listed by --scan (default 10)', integer: true, min: 1 },
        'goal-mode': {
          ...goalMode('weighted'),
          description:
            "weighted (default: LumiX's penalty, re-solved warm) or lexicographic (solve's default: orders by priority, then net profit; each what-if rebuilt and solved cold)",
        },
        solver: solverFlag,
        orm,
        compat,
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
