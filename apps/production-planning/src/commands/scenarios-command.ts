import { EXIT_CODES, formatNumber, formatTable, solveProgressOptions, timePhase, withOutputs, type CliOutput } from '@lumix/app-kit';
import { LumixError, type TerminationStatus } from '@lumix/core';
import { PROGRAM } from '../cli-spec.js';
import { withAnalysisContext, variantName, type AnalysisArgs } from '../analysis/analysis-context.js';
import { scenarioReportHtml } from '../analysis/analysis-report.js';
import { applyScale, loadScenarios, type StoredScenario } from '../analysis/scenario-data.js';
import { scenarioComparisonTable } from '../analysis/analysis-tables.js';
import { describeParameters, planMetrics, type ScenarioComparisonReport, type ScenarioLine } from '../analysis/scenario-comparison.js';
import { SCENARIO_TABLE_NAMES } from '../db/production-db.js';
import { buildMultiPeriodModel } from '../model/multi-period-model.js';
import { checkMultiPeriodRows, multiPeriodPlanFromSolution, multiPeriodRows, type MultiPeriodPlan } from '../model/multi-period-plan.js';
import type { GoalMode } from '../model/production-plan.js';
import { productionDatabase, reportOutput } from './command-outputs.js';

/** Arguments of {@link scenariosCommand}. */
export interface ScenariosArgs extends AnalysisArgs {
  /** `--scenario`: names of the scenarios to run (default: all); the baseline is always run as the reference. */
  readonly scenarios?: readonly string[];
}

/** What {@link scenariosCommand} produced. */
export interface ScenariosOutcome {
  readonly exitCode: number;
  readonly comparison?: ScenarioComparisonReport;
}

/** Picks the scenarios to run: all, or those named (each must exist), plus the baseline as the reference. */
function selectScenarios(
  all: readonly StoredScenario[],
  names: readonly string[] | undefined,
  dbShown: string,
): { run: StoredScenario[]; reference: StoredScenario } {
  if (all.length === 0) {
    throw new LumixError(
      'INVALID_ARGUMENT',
      `${dbShown} has no scenarios. Seed them with the data: ${PROGRAM} seed --db ${dbShown} --data production_step4.json --scenarios production_step5_scenarios.json`,
      {},
    );
  }
  let run = [...all];
  if (names !== undefined && names.length > 0) {
    const unknown = names.filter((n) => !all.some((s) => s.name === n));
    if (unknown.length > 0) {
      throw new LumixError(
        'UNKNOWN_KEY',
        `No scenario named ${unknown.map((n) => JSON.stringify(n)).join(', ')} in ${dbShown}; the scenarios are ${all.map((s) => JSON.stringify(s.name)).join(', ')}.`,
        {
          details: { unknown },
        },
      );
    }
    run = all.filter((s) => names.includes(s.name));
  }
  const reference = all.find((s) => s.isBaseline) ?? run[0]!;
  if (!run.includes(reference)) run = [reference, ...run];
  return { run, reference };
}

/**
 * `scenarios`: solves each scenario of the database (step 5) — the base data with the scenario's
 * multipliers applied, declared again and solved as `solve` does (same goal mode, same model
 * variant, MIP gap 0) — checks each plan's rows against the data with those multipliers, saves one
 * run per scenario (label `scenario="…"`, linked in `scenario_runs`), and prints the comparison:
 * the objective with Δ and Δ% against the baseline scenario, orders met per priority against the
 * scenario's own targets, production runs, and machine and material utilisation.
 *
 * Core's `openAnalysis(...).scenarios` solves one objective and knows no goals, so it cannot give
 * the lexicographic plans nor a run whose stored objective is the net profit; each scenario is
 * therefore solved through `model.solve({ goals })` like `solve`.
 *
 * Exit codes: 0 when every scenario has a plan; 3 when some has none (the others are saved).
 */
export async function scenariosCommand(args: ScenariosArgs, out: CliOutput): Promise<ScenariosOutcome> {
  return withOutputs(
    {
      database: productionDatabase(args.db, args.dbShown, 'write'),
      files: args.report === undefined ? [] : [reportOutput(args.report)],
      force: args.force === true,
    },
    async (outputs) =>
      withAnalysisContext(args, 'scenarios', async ({ db, data, chosen, variant }) => {
        const goalMode: GoalMode = args.goalMode ?? 'lexicographic';
        const report = outputs.file('--report');
        const have = new Set(await db.adapter.listTables());
        if (SCENARIO_TABLE_NAMES.some((t) => !have.has(t))) {
          throw new LumixError(
            'SCHEMA_ERROR',
            `${args.dbShown} was seeded before scenarios existed (it lacks ${SCENARIO_TABLE_NAMES.filter((t) => !have.has(t)).join(', ')}). Seed it again with the scenarios: ${PROGRAM} seed --db ${args.dbShown} --data production_step4.json --scenarios production_step5_scenarios.json`,
            { details: { missing: SCENARIO_TABLE_NAMES.filter((t) => !have.has(t)) } },
          );
        }
        const { run, reference } = selectScenarios(await loadScenarios(db.adapter), args.scenarios, args.dbShown);
        out.out(
          `Database ${args.dbShown} (through ${db.orm}): ${data.products.length} products, ${data.machines.length} machines, ${data.materials.length} materials, ` +
            `${data.periods.length} weeks, ${data.orders.length} customer orders; ${run.length} scenario${run.length === 1 ? '' : 's'} on ${variantName(variant)}, goals ${goalMode}, ${chosen.solver.name} (${chosen.reason}).`,
        );
        const notes: string[] = [];
        for (const s of run) {
          for (const i of s.ignored) {
            notes.push(
              `${s.name}: ${i.type} ${formatNumber(i.value)} has no effect: the model has no material-cost term (profit per unit is already the margin, and the tutorial never uses raw_materials.cost_per_unit either).`,
            );
          }
        }
        if (goalMode === 'weighted' && run.some((s) => s.scale.profit !== 1 || s.scale.holding !== 1 || s.scale.setup !== 1)) {
          notes.push(
            "Weighted mode minimises the orders' shortfall only, so the profit, holding and setup multipliers do not change the plan; they change the net profit reported.",
          );
        }
        const solved: { s: StoredScenario; plan: MultiPeriodPlan | null; status: TerminationStatus; solveMs: number; save?: () => Promise<number> }[] = [];
        for (const s of run) {
          const scenarioData = applyScale(data, s.scale);
          const built = buildMultiPeriodModel(scenarioData, variant);
          const solution = await timePhase('solve', () =>
            built.model.solve({
              solver: chosen.solver,
              mipGap: 0,
              ...solveProgressOptions(chosen.solver, out),
              ...(built.orders === null ? {} : { goals: { mode: goalMode } }),
              ...(args.timeLimit === undefined ? {} : { timeLimit: args.timeLimit }),
            }),
          );
          if (!solution.hasSolution) {
            solved.push({ s, plan: null, status: solution.status, solveMs: solution.run.solveMs });
            continue;
          }
          const plan = multiPeriodPlanFromSolution(built, solution, goalMode);
          const rows = multiPeriodRows(plan, new Map(scenarioData.products.map((p) => [p.id, p.profit_per_unit])));
          const check = await timePhase('check', () =>
            checkMultiPeriodRows(
              db.adapter,
              variant,
              { schedule: rows.production_schedules_period, fulfillment: rows.order_fulfillment, objective: solution.objective },
              s.scale,
            ),
          );
          if (!check.ok) {
            throw new LumixError(
              'SOLVER_FAILED',
              `${solution.run.solver} returned a plan for scenario ${JSON.stringify(s.name)} that fails the check against the database rows; nothing was saved:\n${check.problems.map((p) => `  - ${p}`).join('\n')}`,
              { details: { scenario: s.name, problems: check.problems } },
            );
          }
          solved.push({
            s,
            plan,
            status: solution.status,
            solveMs: solution.run.solveMs,
            save: async () =>
              (
                await db.adapter.saveRun(solution, {
                  label: `orm=${db.orm} step4=${variant} goals=${goalMode} scenario=${JSON.stringify(s.name)}`,
                  rows: () => ({ ...rows, scenario_runs: [{ scenario_id: s.id }] }),
                })
              ).id,
          });
        }
        const headline = (p: MultiPeriodPlan | null): number | null => (p === null ? null : goalMode === 'weighted' ? (p.goals?.penalty ?? 0) : p.netProfit);
        const refPlan = solved.find((x) => x.s === reference)?.plan ?? null;
        const base = headline(refPlan);
        // Every plan is checked; now one run per scenario, in order.
        const lines: ScenarioLine[] = [];
        for (const x of solved) {
          const runId = x.save === undefined ? null : await timePhase('save', x.save);
          const objective = headline(x.plan);
          const delta = objective === null || base === null ? null : objective - base;
          lines.push({
            scenario: x.s,
            status: x.status,
            plan: x.plan === null ? null : { ...x.plan, ...(runId === null ? {} : { runId }) },
            runId,
            objective,
            delta,
            deltaPct: delta === null || base === null || base === 0 ? null : (delta / Math.abs(base)) * 100,
            ...(x.plan === null ? { productionRuns: 0, productsMade: 0, machineUtilPct: 0, materialUtilPct: 0 } : planMetrics(x.plan)),
            solveMs: x.solveMs,
          });
        }
        const comparison: ScenarioComparisonReport = { goalMode, variant, solver: chosen.solver.name, reference: reference.name, lines, notes };
        if (report !== undefined) timePhase('report', () => report.write(scenarioReportHtml(comparison, { database: args.dbShown })));
        outputs.commit();
        out.out('');
        out.out(formatScenarioComparison(comparison));
        const saved = lines.filter((l) => l.runId !== null);
        out.out('');
        out.out(
          `Saved ${saved.length} run${saved.length === 1 ? '' : 's'} (${saved.map((l) => `#${l.runId} ${l.scenario.name}`).join(', ')}), each checked against the database rows with its scenario's multipliers before saving.`,
        );
        const missing = lines.filter((l) => l.runId === null);
        for (const l of missing) out.err(`${l.scenario.name}: no plan (${l.status}); nothing was saved for it.`);
        if (report !== undefined) out.out(`Report written to ${report.path}`);
        return { exitCode: missing.length > 0 ? EXIT_CODES.infeasible : EXIT_CODES.ok, comparison };
      }),
    (outcome) => outcome.exitCode === EXIT_CODES.ok || outcome.comparison !== undefined,
  );
}

/** The console comparison: parameters, then one line per scenario. */
function formatScenarioComparison(c: ScenarioComparisonReport): string {
  const weighted = c.goalMode === 'weighted';
  const params = formatTable(
    [{ header: 'Scenario' }, { header: 'Type' }, { header: 'Parameters' }],
    c.lines.map((l) => [`${l.scenario.name}${l.scenario.isBaseline ? ' (baseline)' : ''}`, l.scenario.type, describeParameters(l.scenario)]),
    { title: 'SCENARIOS' },
  );
  const comparison = scenarioComparisonTable(c, { markBaseline: false });
  const table = formatTable(
    comparison.columns,
    comparison.rows,
    { title: `SCENARIO COMPARISON (against ${c.reference})` },
  );
  const legend = [
    weighted
      ? "Goal mode weighted (LumiX's): the objective is Σ 10^(6−priority) × shortfall (lower is better); the net profit of each plan is shown apart."
      : "Goal mode lexicographic: orders by priority first, then net profit (higher is better); LumiX's penalty of each plan is shown apart.",
    "Orders met count each order against the scenario's own (scaled) target. Runs: product-weeks with production above 0.01. Machines/Materials: hours (incl. setup hours) and material used over what is available, summed over every resource and week.",
    ...c.notes.map((n) => `Note: ${n}`),
  ];
  return [params, '', table, '', ...legend].join('\n');
}
