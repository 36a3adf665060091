import { displayDatabase, formatMoney, formatNumber, formatTable, withOutputs, type CliOutput } from '@lumix/app-kit';
import type { QueryRunner } from '../model/check-saved-plan.js';
import { LumixError, type SolveRunRecord } from '@lumix/core';
import type { ProductRecord } from '../data/production-data.js';
import { openProductionDb } from '../db/open-production-db.js';
import { assertProductionSchema, type OrmName } from '../db/production-db.js';
import { planFromRows, type ProductionPlan, type ScheduleRow, type UtilizationRow } from '../model/production-plan.js';
import { formatGoals, formatPlan } from '../report/format-plan.js';
import { planReportHtml } from '../report/html-report.js';
import { multiPeriodReportHtml } from '../report/format-multi-period.js';
import { savedMultiPeriodPlan } from '../model/saved-multi-period-plan.js';
import { PROGRAM } from '../cli-spec.js';
import { productionDatabase, reportOutput } from './command-outputs.js';
import { savedGoalSummary } from './print-goals.js';

/** Arguments of {@link showCommand}. */
export interface ShowArgs {
  readonly db: string;
  readonly dbShown: string;
  readonly orm: OrmName;
  /** Run id; default: the latest run. */
  readonly run?: number;
  /** Absolute path of an HTML report to write. Default: none. */
  readonly report?: string;
  /** `--force`: the report may replace a file this app did not write. Default false. */
  readonly force?: boolean;
}

/** One line describing a run: id, time, solver, status, profit. */
function runHeadline(run: SolveRunRecord): string {
  const when = run.startedAt.toISOString().replace('T', ' ').slice(0, 19);
  return `Run #${run.id} · ${when} UTC · ${run.solver}${run.label === null ? '' : ` (${run.label})`} · ${run.status} · profit ${run.objective === null ? '—' : formatMoney(run.objective)}`;
}

/** The product × week grid and the orders of a saved multi-period run, from its rows; `null` when the run has none. */
async function multiPeriodRunText(db: QueryRunner, run: SolveRunRecord): Promise<string | null> {
  const runId = run.id;
  const cells = await db.query<{ product: string; week: string; quantity: number; inventory: number; setup: number }>(
    'SELECT p.name AS product, t.name AS week, s.quantity, s.inventory, s.setup FROM production_schedules_period s JOIN products p ON p.id = s.product_id JOIN periods t ON t.id = s.period_id WHERE s.run_id = ? ORDER BY s.product_id, t.week_number',
    [runId],
  );
  if (cells.length === 0) return null;
  const weeks = [...new Set(cells.map((c) => c.week))];
  const byProduct = new Map<string, string[]>();
  for (const c of cells) byProduct.set(c.product, [...(byProduct.get(c.product) ?? []), `${formatNumber(Number(c.quantity), 1)}${Number(c.setup) === 1 ? '*' : ''} / ${formatNumber(Number(c.inventory), 1)}`]);
  const parts = [
    formatTable([{ header: 'Product' }, ...weeks.map((w) => ({ header: w, align: 'right' as const }))], [...byProduct].map(([name, row]) => [name, ...row]), {
      title: 'PRODUCTION PLAN (made / end stock; * = set up)',
    }),
  ];
  // The orders' satisfaction as the run saved it (order_fulfillment rows), per priority.
  const goals = await savedGoalSummary(db, run);
  if (goals !== undefined) parts.push('', formatGoals(goals, run.objective));
  return parts.join('\n');
}

/**
 * `show`: prints a saved run (the latest by default) from its `production_schedules` and
 * `resource_utilization` rows, with the current product names and demand bands; a multi-period
 * run (step 4) as its product × week grid and its orders, from `production_schedules_period` and
 * `order_fulfillment`; its `--report` is the tabbed multi-period report `solve --report` writes, rebuilt
 * from the saved rows. A run with customer orders (steps 3–4) gets its goal-satisfaction section
 * (per priority satisfied / total, shortfall per order) from its saved `order_fulfillment` rows.
 */
export async function showCommand(args: ShowArgs, out: CliOutput): Promise<ProductionPlan> {
  const spec = {
    database: productionDatabase(args.db, args.dbShown, 'read'),
    files: args.report === undefined ? [] : [reportOutput(args.report)],
    force: args.force === true,
  };
  return withOutputs(spec, async (outputs) => {
    const db = await openProductionDb(args.db, args.orm);
    try {
      await assertProductionSchema(db.adapter, displayDatabase(args.db), PROGRAM);
      const run = args.run === undefined ? await db.adapter.latestRun() : await db.adapter.getRun(args.run);
      if (run === null) {
        const runs = await db.adapter.listRuns();
        throw new LumixError(
          'INVALID_ARGUMENT',
          runs.length === 0
            ? `${args.db} has no saved runs yet. Solve first: ${PROGRAM} solve --db ${args.dbShown}`
            : `${args.db} has no run ${String(args.run)}; its runs are ${runs.map((r) => r.id).join(', ')} (list them with: ${PROGRAM} runs --db ${args.dbShown}).`,
          { details: { file: displayDatabase(args.db), run: args.run } },
        );
      }
      const [schedules, utilization, products] = await Promise.all([
        db.adapter.readRunRows<ScheduleRow>('production_schedules', run.id, { orderBy: 'product_id' }),
        db.adapter.readRunRows<UtilizationRow>('resource_utilization', run.id, { orderBy: 'id' }),
        db.adapter.query<ProductRecord>('SELECT id, name, profit_per_unit, min_demand, max_demand FROM products ORDER BY id'),
      ]);
      const goals = await savedGoalSummary(db.adapter, run);
      const plan: ProductionPlan = { ...planFromRows(run, schedules, utilization, products), ...(goals === undefined ? {} : { goals }) };
      if (schedules.length === 0) {
        const grid = await multiPeriodRunText(db.adapter, run);
        if (grid !== null) {
          const report = outputs.file('--report');
          if (report !== undefined) {
            // The same tabbed report `solve --report` writes, from the run's saved rows (nothing is re-solved).
            const saved = await savedMultiPeriodPlan(db.adapter, run);
            if (saved === null) throw new LumixError('DATA_ERROR', `Run #${run.id} lost its production_schedules_period rows while being read (deleted meanwhile?); run show again.`, { details: { run: run.id } });
            report.write(multiPeriodReportHtml(saved.plan, { database: displayDatabase(args.db), ...(saved.scenario === undefined ? {} : { scenario: saved.scenario }) }));
            const stored = run.objective;
            if (stored !== null && Math.abs(saved.plan.netProfit - stored) > 1e-6 * Math.max(1, Math.abs(stored))) {
              out.err(
                `Note: the report prices setups and holding with today's data tables, which changed since run #${run.id}: its net profit there is ${formatMoney(saved.plan.netProfit)}, the run saved ${formatMoney(stored)}.`,
              );
            }
          }
          outputs.commit();
          out.out(runHeadline(run).replace(' · profit ', ' · net profit '));
          out.out('');
          out.out(grid);
          if (report !== undefined) {
            out.out('');
            out.out(`Report written to ${report.path}`);
          }
          return plan;
        }
      }
      const report = outputs.file('--report');
      report?.write(planReportHtml(plan, { database: displayDatabase(args.db) }));
      outputs.commit();
      out.out(runHeadline(run));
      out.out(
        `Model: ${run.numVariables} variables, ${run.numConstraints} constraints, ${run.numNonzeros} non-zeros; build ${formatNumber(run.buildMs, 1)} ms, solve ${formatNumber(run.solveMs, 1)} ms.`,
      );
      out.out('');
      out.out(formatPlan(plan));
      if (report !== undefined) {
        out.out('');
        out.out(`Report written to ${report.path}`);
      }
      return plan;
    } finally {
      await db.close();
    }
  });
}
