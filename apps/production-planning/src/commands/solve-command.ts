import type { SolverName } from '@lumix/solver-runtime';
import { EXIT_CODES, chooseSolver, chosenInWorker, describeStoppedSolve, listenForInterrupt, formatMoney, formatNumber, recordPhase, solveProgressOptions, startChartWorker, timePhase, withOutputs, type ChartWorker, type ChosenAppSolver, type CliOutput } from '@lumix/app-kit';
import { LumixError, type Solution } from '@lumix/core';
import { openProductionDb } from '../db/open-production-db.js';
import { assertProductionSchema, loadMultiPeriodData, loadProductionInputs, type OrmName } from '../db/production-db.js';
import type { MultiPeriodPlan } from '../model/multi-period-plan.js';
import { solveMultiPeriod } from './solve-multi-period.js';
import { buildProductionModel } from '../model/build-production-model.js';
import { checkPlan } from '../model/check-saved-plan.js';
import { fulfillmentRows, planFromSolution, planToRows, type GoalMode, type ProductionPlan } from '../model/production-plan.js';
import { formatPlan } from '../report/format-plan.js';
import { planReportHtmlWith } from '../report/html-report.js';
import { PROGRAM } from '../cli-spec.js';
import { productionDatabase, reportOutput } from './command-outputs.js';
import { explainInfeasiblePlan } from './explain-plan.js';

/** Arguments of {@link solveCommand}. */
export interface SolveArgs {
  /** Absolute path of the database. */
  readonly db: string;
  /** The path as the user typed it (for hints). */
  readonly dbShown: string;
  /**
   * `--solver`. Default: `LUMIX_SOLVER`, else `lumix.config.json` (or package.json `"lumix"`) in
   * {@link SolveArgs.cwd}, else HiGHS.
   */
  readonly solver?: SolverName;
  /** The folder the user runs the app from (its config file counts). Default: `INIT_CWD`, else `process.cwd()`. */
  readonly cwd?: string;
  /** The environment `LUMIX_SOLVER` is read from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly orm: OrmName;
  /** Seconds. Default: none. */
  readonly timeLimit?: number;
  /** Absolute path of the HTML report to write. Default: none. */
  readonly report?: string;
  /** `--force`: the report may replace a file this app did not write. Default false. */
  readonly force?: boolean;
  /** `--goal-mode`, for data with customer orders: lexicographic (default) or weighted (LumiX's numbers). */
  readonly goalMode?: GoalMode;
  /** `--compat lumix`: on multi-period data, solve the tutorial's literal step-4 model instead of the correct one. */
  readonly compat?: 'lumix';
  /** A solver chosen by the caller (a queue worker's warm pool) instead of {@link SolveArgs.solver}'s rules. */
  readonly chosenSolver?: ChosenAppSolver;
  /** Appended to the run's label (a queue job's `job=<id>`). */
  readonly runLabel?: string;
  /**
   * Awaited inside the save's transaction, once the run has its id: a queue worker's check that the
   * job is still its own, and the rows it adds to the save (the job's key in `solve_run_jobs`).
   */
  readonly duringSave?: (runId: number) => Promise<Readonly<Record<string, readonly object[]>> | undefined>;
  /**
   * Ctrl-C keeps the best plan (the command-line process), on multi-period data (a MIP): the solve
   * runs in a worker thread, the first SIGINT stops it and its best plan so far is checked and
   * saved with status `interrupted`, a second SIGINT exits at once (130) without saving. The LP of
   * steps 1–3 solves on the calling thread. Default false.
   */
  readonly interruptible?: boolean;
}

/** What {@link solveCommand} produced, for tests and the demo. */
export interface SolveOutcome {
  readonly exitCode: number;
  readonly plan?: ProductionPlan;
  /** The plan, on multi-period data (step 4). */
  readonly multiPeriodPlan?: MultiPeriodPlan;
  readonly runId?: number;
}

/**
 * `solve`: builds the LP from the database through the chosen adapter, solves it, checks the
 * plan's rows against the data, saves the plan as a new run (with `production_schedules` and
 * `resource_utilization` rows, in one transaction), prints the tables and writes the HTML report.
 *
 * Under app-kit's output rule: the database (writable) and the report path are checked before
 * anything is loaded; the report is staged inside the save's transaction and renamed into place
 * after the commit; a plan that fails the check is never saved. Any exit but 0 changes nothing.
 *
 * Exit codes: 0 with a plan; 3 when no plan meets the data, or the solver stopped before finding
 * one (nothing saved); 1 when the solver stops without a plan for another reason, or returns a
 * plan that breaks the data (nothing saved); errors throw.
 */
export async function solveCommand(args: SolveArgs, out: CliOutput): Promise<SolveOutcome> {
  return withOutputs(
    {
      database: productionDatabase(args.db, args.dbShown, 'write'),
      files: args.report === undefined ? [] : [reportOutput(args.report)],
      force: args.force === true,
    },
    async (outputs) => {
      const chosen = args.chosenSolver ?? await chooseSolver({
        cwd: args.cwd ?? process.env['INIT_CWD'] ?? process.cwd(),
        ...(args.solver === undefined ? {} : { name: args.solver }),
        ...(args.env === undefined ? {} : { env: args.env }),
      });
      const report = outputs.file('--report');
      // Phases (app-kit's timePhase) for `pnpm bench apps`: load, build, solve, check, save, report, print.
      // The report's charts are drawn in a worker that loads and warms up ECharts while this thread
      // loads, builds and solves, when a core is free (its start is counted as report time; see
      // app-kit's startChartWorker).
      let charts: ChartWorker | undefined = report === undefined ? undefined : timePhase('report', () => startChartWorker({ spareCoreOnly: true }));
      const db = await timePhase('load', () => openProductionDb(args.db, args.orm)).catch(async (e: unknown) => {
        await charts?.close();
        throw e;
      });
      try {
        const multi = await timePhase('load', async () => {
          await assertProductionSchema(db.adapter, args.db, PROGRAM);
          return loadMultiPeriodData(db);
        });
        if (multi !== null) {
          // The multi-period report draws its own charts.
          await charts?.close();
          charts = undefined;
          // From the command line the MIP runs in a worker, so that Ctrl-C is heard while it runs.
          const interruptible = args.interruptible === true && args.chosenSolver === undefined;
          const mip = interruptible ? await chosenInWorker(chosen) : chosen;
          const interrupt = interruptible ? listenForInterrupt(out, { what: 'plan' }) : undefined;
          try {
            return await solveMultiPeriod(
              {
                db,
                dbShown: args.dbShown,
                data: multi,
                solver: mip.solver,
                solverReason: mip.reason,
                ...(interrupt === undefined ? {} : { interrupt }),
                variant: args.compat === 'lumix' ? 'lumix' : 'correct',
                goalMode: args.goalMode ?? 'lexicographic',
                outputs,
                ...(args.timeLimit === undefined ? {} : { timeLimit: args.timeLimit }),
                ...(args.runLabel === undefined ? {} : { runLabel: args.runLabel }),
                ...(args.duringSave === undefined ? {} : { duringSave: args.duringSave }),
              },
              out,
            );
          } finally {
            interrupt?.dispose();
          }
        }
        const inputs = await timePhase('load', () => loadProductionInputs(db));
        const built = timePhase('build', () => buildProductionModel(inputs));
        const solveStart = performance.now();
        const goalMode: GoalMode = args.goalMode ?? 'lexicographic';
        const solution: Solution = await built.model.solve({
          solver: chosen.solver,
          ...(built.orders === null ? {} : { goals: { mode: goalMode } }),
          ...(args.timeLimit === undefined ? {} : { timeLimit: args.timeLimit }),
          // A line on stderr every few seconds of a long solve (incumbent, bound, gap, elapsed).
          ...solveProgressOptions(chosen.solver, out),
        });
        // The first HiGHS solve of a process leaves V8 busy on the main thread for a while after it
        // returns (its Wasm compiled up a tier: 0.4-1 s at 1k products here, none with --liftoff-only
        // or GLPK). One turn of the event loop lets that finish inside the solve's time instead of
        // delaying whatever runs next (the save's first statement).
        await new Promise<void>((resolve) => setImmediate(resolve));
        const run = solution.run;
        recordPhase('build', run.buildMs);
        recordPhase('solve', performance.now() - solveStart - run.buildMs);
        // The records the model read from the database: one variable per product, one row per resource.
        const products = built.make.items();
        const machines = built.machineHours.items();
        const materials = built.materialSupply.items();
        const orderCount = built.orders?.items().length ?? 0;
        out.out(
          `Database ${args.db} (through ${args.orm}): ${products.length} products, ${machines.length} machines, ${materials.length} materials` +
            (orderCount > 0 ? `, ${orderCount} customer orders as goals (${goalMode}).` : '.'),
        );
        out.out(
          `Model: ${run.numVariables} variables, ${run.numConstraints} constraints, ${run.numNonzeros} non-zeros, built in ${formatNumber(run.buildMs, 1)} ms; ` +
            `${run.solver} (${chosen.reason}) ${solution.status} in ${formatNumber(run.solveMs, 1)} ms.`,
        );
        if (solution.status === 'infeasible' || solution.status === 'infeasible-or-unbounded') {
          // Core's explain (HiGHS' IIS, an elastic filter with GLPK), orders set aside: they are goals.
          const why = await explainInfeasiblePlan(built.model, chosen.solver, built.orders === null ? [] : [built.orders.name], args.timeLimit);
          out.err(
            `infeasible: no production plan meets every minimum demand within the available capacity.\n` +
              why.map((l) => `${l}\n`).join('') +
              'Lower those minimum demands or raise the capacities (edit the data and seed again). Nothing was saved.',
          );
          return { exitCode: EXIT_CODES.infeasible };
        }
        if (!solution.hasSolution) {
          const stopped = solution.status === 'time-limit' || solution.status === 'iteration-limit' || solution.status === 'interrupted';
          if (stopped) {
            // Same rule as the timetabling app: no plan found is exit 3, with the reason that it proves nothing.
            out.err(
              `No production plan found before ${run.solver} stopped (${solution.status}` +
                (args.timeLimit === undefined ? '' : `, --time-limit ${String(args.timeLimit)}`) +
                '); this does not prove that none exists. Allow more time with --time-limit. Nothing was saved.',
            );
            return { exitCode: EXIT_CODES.infeasible };
          }
          out.err(`error: ${run.solver} stopped with status '${solution.status}' and no plan. Nothing was saved.`);
          return { exitCode: EXIT_CODES.internal };
        }
        const { plan, rows } = timePhase('save', () => {
          const p = planFromSolution(built, solution, goalMode);
          return { plan: p, rows: { ...planToRows(p), order_fulfillment: fulfillmentRows(p) } };
        });
        // Checked before saving, from the data tables' rows and the rows about to be written: a plan
        // that breaks a capacity or a demand bound is never saved.
        // Against the rows this solve read (the link tables once, for the model and for this check).
        const checkData = { products, machines, materials, recipes: inputs.hours.columns, requirements: inputs.usage.columns, orders: inputs.orders };
        const check = timePhase('check', () => checkPlan(checkData, { schedule: rows.production_schedules, utilization: rows.resource_utilization, fulfillment: rows.order_fulfillment, objective: plan.objective }, 'the new plan'));
        if (!check.ok) {
          throw new LumixError(
            'SOLVER_FAILED',
            `${run.solver} returned a plan that fails the check against the database rows; nothing was saved:\n${check.problems.map((p) => `  - ${p}`).join('\n')}`,
            { details: { problems: check.problems } },
          );
        }
        const saved = await timePhase('save', () =>
          db.adapter.saveRun(solution, {
            label: `orm=${args.orm}${args.runLabel === undefined ? '' : ` ${args.runLabel}`}`,
            rows: async (runId) => {
              const jobRows = await args.duringSave?.(runId);
              // Staged inside the transaction: a report that cannot be written means no run is saved.
              const drawnBy = charts;
              if (report !== undefined && drawnBy !== undefined) {
                await timePhase('report', async () => report.write(await planReportHtmlWith(drawnBy, { ...plan, runId }, { database: args.db })));
              }
              return jobRows === undefined ? rows : { ...rows, ...jobRows };
            },
          }),
        );
        const withRun: ProductionPlan = { ...plan, runId: saved.id };
        // The run is committed: the report takes its place now.
        outputs.commit();
        timePhase('print', () => {
          out.out(
            `${solution.status === 'optimal' ? 'Optimal' : `Stopped (${solution.status}) with a feasible`} plan saved as run #${saved.id}. Total profit: ${formatMoney(plan.objective ?? 0)}`,
          );
          const stopped = describeStoppedSolve(solution, args.timeLimit);
          if (stopped !== undefined) out.out(stopped);
          out.out('');
          out.out(formatPlan(withRun));
          out.out('');
          out.out(
            `Checked run #${saved.id} against the database rows before saving it: every capacity and demand bound holds${orderCount > 0 ? ', every order\'s shortfall recomputed' : ''}, profit recomputed ${formatMoney(check.recomputedObjective)}.`,
          );
          if (report !== undefined) out.out(`Report written to ${report.path}`);
        });
        return { exitCode: EXIT_CODES.ok, plan: withRun, runId: saved.id };
      } finally {
        await charts?.close();
        await db.close();
      }
    },
    (outcome) => outcome.exitCode === EXIT_CODES.ok,
  );
}
