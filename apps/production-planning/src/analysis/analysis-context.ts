import type { SolverName } from '@lumix/solver-runtime';
import { chooseSolver, timePhase, type ChosenAppSolver } from '@lumix/app-kit';
import { LumixError } from '@lumix/core';
import { PROGRAM } from '../cli-spec.js';
import { openProductionDb } from '../db/open-production-db.js';
import { assertProductionSchema, loadMultiPeriodData, type OrmName, type ProductionDb } from '../db/production-db.js';
import type { MultiPeriodData, Step4Variant } from '../model/multi-period-model.js';
import type { GoalMode } from '../model/production-plan.js';

/** The flags the analysis commands (`scenarios`, `sensitivity`, `whatif`) share with `solve`. */
export interface AnalysisArgs {
  /** Absolute path of the database, or a PostgreSQL URL. */
  readonly db: string;
  /** The path as the user typed it (for hints). */
  readonly dbShown: string;
  readonly orm: OrmName;
  /** `--solver`; default as `solve` (LUMIX_SOLVER, config file, HiGHS). */
  readonly solver?: SolverName;
  /** The folder the user runs the app from (its config file counts). */
  readonly cwd?: string;
  /** The environment `LUMIX_SOLVER` is read from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Seconds per solve. Default: none. */
  readonly timeLimit?: number;
  /** `--goal-mode`. */
  readonly goalMode?: GoalMode;
  /** `--compat lumix`: the tutorial's literal step-4 model. */
  readonly compat?: 'lumix';
  /** Absolute path of the HTML report to write. */
  readonly report?: string;
  /** `--force` for the report. */
  readonly force?: boolean;
}

/** An open multi-period database and what the analysis needs from it. */
export interface AnalysisContext {
  readonly db: ProductionDb;
  readonly data: MultiPeriodData;
  readonly chosen: ChosenAppSolver;
  readonly variant: Step4Variant;
}

/**
 * Chooses the solver, opens the database, checks its schema and reads the multi-period data, runs
 * `fn` and closes the database.
 *
 * @throws LumixError `INVALID_ARGUMENT` when the database has no periods (the analyses are those of
 *   tutorial steps 5–7, on multi-period data).
 */
export async function withAnalysisContext<T>(args: AnalysisArgs, command: string, fn: (ctx: AnalysisContext) => Promise<T>): Promise<T> {
  const chosen = await chooseSolver({
    cwd: args.cwd ?? process.env['INIT_CWD'] ?? process.cwd(),
    ...(args.solver === undefined ? {} : { name: args.solver }),
    ...(args.env === undefined ? {} : { env: args.env }),
  });
  const db = await timePhase('load', () => openProductionDb(args.db, args.orm));
  try {
    await assertProductionSchema(db.adapter, args.db, PROGRAM);
    const data = await timePhase('load', () => loadMultiPeriodData(db));
    if (data === null) {
      throw new LumixError(
        'INVALID_ARGUMENT',
        `${command} analyses a multi-period plan, but ${args.dbShown} has no periods. Seed the step-4 data first: ${PROGRAM} seed --db ${args.dbShown} --data production_step4.json`,
        { details: { command } },
      );
    }
    return await fn({ db, data, chosen, variant: args.compat === 'lumix' ? 'lumix' : 'correct' });
  } finally {
    await db.close();
  }
}

/** The model variant in words, for headings. */
export function variantName(variant: Step4Variant): string {
  return variant === 'lumix' ? "the tutorial's literal step-4 model (--compat lumix)" : 'the multi-period model';
}
