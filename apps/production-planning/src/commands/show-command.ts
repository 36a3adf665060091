import { displayDatabase, formatMoney, formatNumber, withOutputs, type CliOutput } from '@lumix/app-kit';
import { LumixError, type SolveRunRecord } from '@lumix/core';
import type { ProductRecord } from '../data/production-data.js';
import { openProductionDb } from '../db/open-production-db.js';
import { assertProductionSchema, type OrmName } from '../db/production-db.js';
import { planFromRows, type ProductionPlan, type ScheduleRow, type UtilizationRow } from '../model/production-plan.js';
import { formatPlan } from '../report/format-plan.js';
import { planReportHtml } from '../report/html-report.js';
import { PROGRAM } from '../cli-spec.js';
import { productionDatabase, reportOutput } from './command-outputs.js';

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

/**
 * `show`: prints a saved run (the latest by default) from its `production_schedules` and
 * `resource_utilization` rows, with the current product names and demand bands.
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
      const plan = planFromRows(run, schedules, utilization, products);
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
