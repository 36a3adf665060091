import { EXIT_CODES, INTERRUPTED_EXIT_CODE, describeStoppedSolve, formatMoney, formatNumber, recordPhase, solveProgressOptions, timePhase, type CliOutput, type PreparedOutputs, type SolveInterrupt } from '@lumix/app-kit';
import { LumixError, type Solver } from '@lumix/core';
import type { ProductionDb } from '../db/production-db.js';
import { buildMultiPeriodModel, type MultiPeriodData, type Step4Variant } from '../model/multi-period-model.js';
import { checkMultiPeriodRows, multiPeriodPlanFromSolution, multiPeriodRows, type MultiPeriodPlan } from '../model/multi-period-plan.js';
import type { GoalMode } from '../model/production-plan.js';
import { formatMultiPeriodPlan, multiPeriodReportHtml } from '../report/format-multi-period.js';

/** What `solve` passes on for data with periods. */
export interface MultiPeriodSolveArgs {
  readonly db: ProductionDb;
  readonly dbShown: string;
  readonly data: MultiPeriodData;
  readonly solver: Solver;
  readonly solverReason: string;
  readonly variant: Step4Variant;
  readonly goalMode: GoalMode;
  readonly timeLimit?: number;
  readonly outputs: PreparedOutputs;
  /** Appended to the run's label (a queue job's `job=<id>`). */
  readonly runLabel?: string;
  /** Awaited inside the save's transaction, once the run has its id (a queue worker's fault injection in tests). */
  readonly duringSave?: (runId: number) => Promise<Readonly<Record<string, readonly object[]>> | undefined>;
  /** Ctrl-C (the command line): its signal stops the solve, which keeps the best plan so far. */
  readonly interrupt?: SolveInterrupt;
}

/** The outcome of {@link solveMultiPeriod}. */
export interface MultiPeriodOutcome {
  readonly exitCode: number;
  readonly multiPeriodPlan?: MultiPeriodPlan;
  readonly runId?: number;
}

/**
 * `solve` on multi-period data (tutorial step 4): builds the model of the chosen variant, solves it
 * (MIP gap 0, so the numbers are the optimum's), checks the rows against the data tables, saves the
 * run (`production_schedules_period`, `resource_utilization_period`, `order_fulfillment`), prints
 * the grid and writes the report. A plan that fails the check is never saved.
 */
export async function solveMultiPeriod(a: MultiPeriodSolveArgs, out: CliOutput): Promise<MultiPeriodOutcome> {
  const report = a.outputs.file('--report');
  const built = timePhase('build', () => buildMultiPeriodModel(a.data, a.variant));
  const start = performance.now();
  const solution = await built.model.solve({
    solver: a.solver,
    mipGap: 0,
    ...solveProgressOptions(a.solver, out),
    ...(built.orders === null ? {} : { goals: { mode: a.goalMode } }),
    ...(a.timeLimit === undefined ? {} : { timeLimit: a.timeLimit }),
    ...(a.interrupt === undefined ? {} : { signal: a.interrupt.signal }),
  });
  const run = solution.run;
  recordPhase('build', run.buildMs);
  recordPhase('solve', performance.now() - start - run.buildMs);
  const d = a.data;
  out.out(
    `Database ${a.dbShown} (through ${a.db.orm}): ${d.products.length} products, ${d.machines.length} machines, ${d.materials.length} materials, ${d.periods.length} weeks, ` +
      `${d.orders.length} customer orders${d.orders.length > 0 ? ` as goals (${a.goalMode})` : ''}.`,
  );
  out.out(
    `Model (${a.variant === 'lumix' ? 'tutorial-literal, --compat lumix' : 'multi-period'}): ${run.numVariables} variables, ${run.numConstraints} constraints, ${run.numNonzeros} non-zeros; ` +
      `${run.solver} (${a.solverReason}) ${solution.status} in ${formatNumber(run.solveMs, 1)} ms.`,
  );
  if (!solution.hasSolution && a.interrupt?.interrupted === true) {
    out.err(`Interrupted (Ctrl-C) before ${run.solver} found any plan; nothing was saved.`);
    return { exitCode: INTERRUPTED_EXIT_CODE };
  }
  if (!solution.hasSolution) {
    out.err(
      `No production plan: ${run.solver} stopped with status '${solution.status}'${a.timeLimit === undefined ? '' : ` (--time-limit ${String(a.timeLimit)})`}. Nothing was saved.`,
    );
    return { exitCode: solution.status === 'infeasible' || solution.status === 'time-limit' ? EXIT_CODES.infeasible : EXIT_CODES.internal };
  }
  const plan = multiPeriodPlanFromSolution(built, solution, a.goalMode);
  const rows = multiPeriodRows(plan, new Map(d.products.map((p) => [p.id, p.profit_per_unit])));
  const check = await timePhase('check', () =>
    checkMultiPeriodRows(a.db.adapter, a.variant, {
      schedule: rows.production_schedules_period,
      fulfillment: rows.order_fulfillment,
      objective: solution.objective,
    }),
  );
  if (!check.ok) {
    throw new LumixError(
      'SOLVER_FAILED',
      `${run.solver} returned a plan that fails the check against the database rows; nothing was saved:\n${check.problems.map((p) => `  - ${p}`).join('\n')}`,
      {
        details: { problems: check.problems },
      },
    );
  }
  const saved = await timePhase('save', () =>
    a.db.adapter.saveRun(solution, {
      label: `orm=${a.db.orm} step4=${a.variant} goals=${a.goalMode}${a.runLabel === undefined ? '' : ` ${a.runLabel}`}`,
      rows: async (runId) => {
        const jobRows = await a.duringSave?.(runId);
        if (report !== undefined) timePhase('report', () => report.write(multiPeriodReportHtml({ ...plan, runId }, { database: a.dbShown })));
        return jobRows === undefined ? rows : { ...rows, ...jobRows };
      },
    }),
  );
  a.outputs.commit();
  const withRun: MultiPeriodPlan = { ...plan, runId: saved.id };
  out.out(
    `${solution.status === 'optimal' ? 'Optimal' : `Stopped (${solution.status}) with a feasible`} plan saved as run #${saved.id}. Net profit: ${formatMoney(plan.netProfit)}`,
  );
  const stopped = describeStoppedSolve(solution, a.timeLimit);
  if (stopped !== undefined) out.out(stopped);
  out.out('');
  out.out(formatMultiPeriodPlan(withRun));
  out.out('');
  out.out(
    `Checked run #${saved.id} against the database rows before saving it: capacities per week, stock balance, setups and batches, order deliveries hold; net profit recomputed ${formatMoney(check.recomputedNet)}.`,
  );
  if (report !== undefined) out.out(`Report written to ${report.path}`);
  return { exitCode: EXIT_CODES.ok, multiPeriodPlan: withRun, runId: saved.id };
}
