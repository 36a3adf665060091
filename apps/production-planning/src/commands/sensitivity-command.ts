import { EXIT_CODES, formatNumber, formatTable, timePhase, withOutputs, type CliOutput } from '@lumix/app-kit';
import { openAnalysis } from '@lumix/core';
import { withAnalysisContext, variantName, type AnalysisArgs } from '../analysis/analysis-context.js';
import { dual4, rangeText, resourceSensitivityTable } from '../analysis/analysis-tables.js';
import { sensitivityReportHtml } from '../analysis/analysis-report.js';
import { summariseSensitivity, type SensitivitySummary } from '../analysis/sensitivity-summary.js';
import { buildMultiPeriodModel } from '../model/multi-period-model.js';
import { productionDatabase, reportOutput } from './command-outputs.js';

/** Arguments of {@link sensitivityCommand}. */
export interface SensitivityArgs extends AnalysisArgs {
  /** `--fix-setups`: the LP at the MIP's setups instead of the relaxation. Default false (the tutorial's relaxation). */
  readonly fixSetups?: boolean;
  /** Rows in the ranking. Default 10. */
  readonly top?: number;
}

/** What {@link sensitivityCommand} produced. */
export interface SensitivityOutcome {
  readonly exitCode: number;
  readonly summary?: SensitivitySummary;
}

const dual = dual4;

/** The console text of a sensitivity summary. */
function formatSensitivity(s: SensitivitySummary, top: number): string {
  const out: string[] = [];
  for (const type of ['machine', 'material'] as const) {
    const t = resourceSensitivityTable(s, type, (binding) => (binding ? 'yes' : ''));
    out.push(
      formatTable(t.columns, t.rows, { title: type === 'machine' ? 'MACHINE HOURS PER WEEK' : 'MATERIAL SUPPLY PER WEEK' }),
      '',
    );
  }
  out.push(
    formatTable(
      [{ header: 'Resource' }, { header: 'Binding weeks', align: 'right' }, { header: 'Σ shadow price', align: 'right' }],
      s.byResource.filter((g) => g.binding > 0 || Math.abs(g.dualSum) > 1e-7).map((g) => [g.label, `${g.binding}/${g.rows}`, dual(g.dualSum)]),
      { title: 'BOTTLENECKS BY RESOURCE (binding or priced)' },
    ),
    '',
    formatTable(
      [{ header: 'Week' }, { header: 'Binding rows', align: 'right' }, { header: 'Σ shadow price', align: 'right' }],
      s.byWeek.map((g) => [g.label, `${g.binding}/${g.rows}`, dual(g.dualSum)]),
      { title: 'BOTTLENECKS BY WEEK (machine and material rows)' },
    ),
    '',
    s.ranking.length === 0
      ? 'No machine or material row has a shadow price: no extra capacity would change the objective.'
      : formatTable(
          [
            { header: '#', align: 'right' },
            { header: 'Resource' },
            { header: 'Week', align: 'right' },
            { header: 'Shadow price', align: 'right' },
            { header: 'RHS range', align: 'right' },
          ],
          s.ranking.slice(0, top).map((l, i) => [String(i + 1), l.resource, String(l.week), dual(l.row.dual), rangeText(l.row)]),
          { title: `CAPACITY BOTTLENECKS (machine and material rows only, by |shadow price|, top ${top})` },
        ),
  );
  if (s.orders.length > 0) {
    out.push(
      '',
      formatTable(
        [
          { header: 'Order' },
          { header: 'Target', align: 'right' },
          { header: 'Met', align: 'right' },
          { header: 'Short', align: 'right' },
          { header: 'Dual', align: 'right' },
        ],
        s.orders.map((o) => [o.label, formatNumber(o.row.lower), formatNumber(o.met), formatNumber(o.short), dual(o.row.dual)]),
        { title: 'ORDER ROWS (goals, not capacities)' },
      ),
    );
  }
  out.push('', ...s.notes.map((n) => `Note: ${n}`));
  return out.join('\n');
}

/**
 * `sensitivity` (step 6): opens core's analysis (`openAnalysis`) of the weighted goal program
 * written out (explicit shortfall variables), on the LP relaxation of the setups (default, as the
 * tutorial) or at the MIP's setups (`--fix-setups`), and prints core's sensitivity report: every
 * machine and material row per week with activity, slack, shadow price, binding and the
 * right-hand-side range (HiGHS; GLPK gives duals only and the output says so), bottlenecks by
 * resource and by week, a ranking of the capacity rows by |shadow price|, and the order rows apart.
 * Nothing is saved (the relaxed plan is not a plan).
 */
export async function sensitivityCommand(args: SensitivityArgs, out: CliOutput): Promise<SensitivityOutcome> {
  return withOutputs(
    {
      database: productionDatabase(args.db, args.dbShown, 'read'),
      files: args.report === undefined ? [] : [reportOutput(args.report)],
      force: args.force === true,
    },
    async (outputs) =>
      withAnalysisContext(args, 'sensitivity', async ({ db, data, chosen, variant }) => {
        const relaxed = args.fixSetups !== true;
        const built = timePhase('build', () => buildMultiPeriodModel(data, variant, { explicitGoals: true, relaxSetups: relaxed }));
        using a = await timePhase('solve', () => openAnalysis(built.model, { solver: chosen.solver, ...(relaxed ? {} : { mipGap: 0 }) }));
        const report = await timePhase('solve', () => a.sensitivity(relaxed ? {} : { fixIntegers: true }));
        const summary = summariseSensitivity(report, data, variant, relaxed, chosen.solver.name);
        const p = a.compiled.problem;
        out.out(
          `Database ${args.dbShown} (through ${db.orm}): sensitivity of ${variantName(variant)}, ${relaxed ? 'LP relaxation of the setups' : 'setups fixed at the MIP optimum'}; ` +
            `${p.numCols} variables, ${p.numRows} constraints; ${chosen.solver.name} (${chosen.reason}), ${a.baseline.status}.`,
        );
        out.out(
          `LumiX penalty (weighted objective): ${formatNumber(report.objective)}. ${report.binding.length} binding rows, ${report.bottlenecks.length} with a non-zero shadow price.`,
        );
        out.out('');
        out.out(formatSensitivity(summary, args.top ?? 10));
        const file = outputs.file('--report');
        if (file !== undefined) {
          timePhase('report', () => file.write(sensitivityReportHtml(summary, { database: args.dbShown, solver: chosen.solver.name })));
          out.out(`Report written to ${file.path}`);
        }
        return { exitCode: EXIT_CODES.ok, summary };
      }),
    (o) => o.exitCode === EXIT_CODES.ok,
  );
}
