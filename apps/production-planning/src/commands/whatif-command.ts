import { EXIT_CODES, formatNumber, formatTable, timePhase, withOutputs, type CliOutput } from '@lumix/app-kit';
import { LumixError, openAnalysis, type Analysis, type AnalysisChange, type DecisionChange } from '@lumix/core';
import { withAnalysisContext, variantName, type AnalysisArgs } from '../analysis/analysis-context.js';
import { whatIfReportHtml } from '../analysis/analysis-report.js';
import { DECISION_NAMES, MACHINE_ROWS, MATERIAL_ROWS, decisionLabel, resourceLabel } from '../analysis/analysis-rows.js';
import { amountText, findResource, findWeek, parseAmount, resourceChange } from '../analysis/whatif-spec.js';
import type { WhatIfLine, WhatIfSummary } from '../analysis/whatif-result.js';
import { buildMultiPeriodModel, type MultiPeriodData } from '../model/multi-period-model.js';
import { productionDatabase, reportOutput } from './command-outputs.js';

/** Arguments of {@link whatIfCommand}: one change (machine and/or material), a scan, or a sweep. */
export interface WhatIfArgs extends AnalysisArgs {
  readonly machine?: string;
  readonly material?: string;
  /** Week number; default every week. */
  readonly week?: number;
  /** `--hours +50|-20%|=120` for the machine. */
  readonly hours?: string;
  /** `--amount +100|-20%|=1280` for the material. */
  readonly amount?: string;
  readonly scan?: boolean;
  /**
   * `--compare`: independent what-ifs, each `machine|material:NAME:WEEK:AMOUNT`, comma-separated
   * (the tutorial's investment comparison and risk cuts), ranked best first.
   */
  readonly compare?: string;
  /** `machine:NAME:WEEK` or `material:NAME:WEEK`. */
  readonly sweep?: string;
  readonly from?: number;
  readonly to?: number;
  /** Sweep step, or the scan's increase (default 10). */
  readonly step?: number;
  /** Rows listed by the scan (default 10). */
  readonly top?: number;
}

/** What {@link whatIfCommand} produced. */
export interface WhatIfOutcome {
  readonly exitCode: number;
  readonly summary?: WhatIfSummary;
}

const bad = (message: string): LumixError => new LumixError('INVALID_ARGUMENT', message, {});

function lineOf(label: string, w: Awaited<ReturnType<Analysis['whatIf']>>, rate?: number | null): WhatIfLine {
  return {
    label,
    status: w.status,
    objective: w.objective,
    delta: w.delta,
    deltaPct: w.deltaPct,
    ...(rate === undefined ? {} : { rate }),
    solveMs: w.solveMs,
    path: w.path,
    changedDecisions: w.changedDecisions,
  };
}

type WhatIfRun = (a: Analysis) => Promise<{ kind: WhatIfSummary['kind']; lines: WhatIfLine[] }>;

/** The what-ifs asked for, checked against the data before anything is solved; run them on an open analysis. */
function planWhatIfs(data: MultiPeriodData, args: WhatIfArgs): WhatIfRun {
  const change = args.machine !== undefined || args.material !== undefined;
  const modes = [change, args.scan === true, args.sweep !== undefined, args.compare !== undefined].filter(Boolean).length;
  if (modes !== 1) {
    throw bad(
      'whatif needs exactly one of: a change (--machine NAME --hours +50 and/or --material NAME --amount +100, optionally --week N), --scan, ' +
        '--sweep machine:NAME:WEEK --from A --to B --step S, or --compare machine:NAME:WEEK:AMOUNT,material:NAME:WEEK:AMOUNT,….',
    );
  }
  if (args.week !== undefined && !change) throw bad('--week applies to a change (--machine/--material); --sweep and --compare name the week in their items, --scan covers every week.');
  if ((args.from !== undefined || args.to !== undefined) && args.sweep === undefined) throw bad('--from and --to apply to --sweep only.');
  if (args.step !== undefined && args.sweep === undefined && args.scan !== true) throw bad('--step applies to --sweep and --scan only.');
  if (args.compare !== undefined) {
    const items = args.compare
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '')
      .map((text) => {
        const m = /^(machine|material):(.+):(\d+):([^:]+)$/.exec(text);
        if (m === null) throw bad(`--compare item ${JSON.stringify(text)}: write machine:NAME:WEEK:AMOUNT or material:NAME:WEEK:AMOUNT (e.g. machine:Cutting:1:+50, material:Wood:1:-20%).`);
        const type = m[1] as 'machine' | 'material';
        const res = findResource(data, type, m[2]!);
        const week = findWeek(data, Number(m[3]));
        const amount = parseAmount(m[4]!, '--compare');
        return { label: `${res.name} week ${week.week} ${amountText(amount)}${type === 'machine' ? ' h' : ''}`, change: resourceChange(type, res.id, week.id, amount) };
      });
    if (items.length === 0) throw bad('--compare needs at least one item: machine:NAME:WEEK:AMOUNT or material:NAME:WEEK:AMOUNT.');
    return async (a) => {
      const lines: WhatIfLine[] = [];
      for (const it of items) lines.push(lineOf(it.label, await a.whatIf(it.change)));
      // Minimising the penalty: the largest decrease first; ties keep the order given; no plan last.
      const key = (l: WhatIfLine): number => (l.delta === null ? Number.POSITIVE_INFINITY : l.delta);
      return { kind: 'compare', lines: lines.map((l, k) => ({ l, k })).sort((x, y) => key(x.l) - key(y.l) || x.k - y.k).map(({ l }) => l) };
    };
  }
  if (args.scan === true) {
    const step = args.step ?? 10;
    return async (a) => {
      const entries = [...(await a.bottlenecks(MACHINE_ROWS, step)), ...(await a.bottlenecks(MATERIAL_ROWS, step))];
      // Minimising the penalty: the most negative Δ per unit first; ties keep machine-major order.
      const gain = (r: number | null): number => (r === null ? Number.POSITIVE_INFINITY : r);
      const ranked = entries.map((e, k) => ({ e, k })).sort((x, y) => gain(x.e.rate) - gain(y.e.rate) || x.k - y.k);
      return {
        kind: 'scan',
        lines: ranked.map(({ e }) => {
          const r = resourceLabel(e.item);
          return {
            label: `${r.resource} week ${r.week} +${step}`,
            status: e.status,
            objective: e.objective,
            delta: e.delta,
            deltaPct: null,
            rate: e.rate,
            solveMs: 0,
            path: a.path,
            changedDecisions: [],
          };
        }),
      };
    };
  }
  if (args.sweep !== undefined) {
    const m = /^(machine|material):(.+):(\d+)$/.exec(args.sweep);
    if (m === null) throw bad(`--sweep ${JSON.stringify(args.sweep)}: write machine:NAME:WEEK or material:NAME:WEEK (e.g. machine:Cutting:1).`);
    if (args.from === undefined || args.to === undefined || args.step === undefined) throw bad('--sweep needs --from, --to and --step.');
    if (args.from > args.to) throw bad(`--from ${args.from} is above --to ${args.to}.`);
    const count = Math.floor((args.to - args.from) / args.step + 1e-9) + 1;
    if (count > 1000) throw bad(`--sweep would solve ${count} times; use a larger --step (at most 1000 points).`);
    const type = m[1] as 'machine' | 'material';
    const res = findResource(data, type, m[2]!);
    const week = findWeek(data, Number(m[3]));
    const values = Array.from({ length: count }, (_, i) => Math.round((args.from! + i * args.step!) * 1e9) / 1e9);
    return async (a) => {
      const points = await a.sweep({ rhs: type === 'machine' ? MACHINE_ROWS : MATERIAL_ROWS, key: [res.id, week.id] }, values);
      return { kind: 'sweep', lines: points.map((p) => lineOf(`${res.name} week ${week.week} =${formatNumber(p.value)}`, p)) };
    };
  }
  const changes: AnalysisChange[] = [];
  const parts: string[] = [];
  const week = args.week === undefined ? undefined : findWeek(data, args.week);
  for (const [type, name, text, flag] of [
    ['machine', args.machine, args.hours, '--hours'],
    ['material', args.material, args.amount, '--amount'],
  ] as const) {
    if (name === undefined) {
      if (text !== undefined) throw bad(`${flag} needs --${type} NAME.`);
      continue;
    }
    if (text === undefined) throw bad(`--${type} ${name} needs ${flag} (+N, -N, ±P% or =N).`);
    const res = findResource(data, type, name);
    const amount = parseAmount(text, flag);
    changes.push(resourceChange(type, res.id, week?.id, amount));
    parts.push(`${res.name} ${week === undefined ? 'every week' : `week ${week.week}`} ${amountText(amount)}${type === 'machine' ? ' h' : ''}`);
  }
  if (args.week !== undefined && changes.length === 0) throw bad('--week needs a change: --machine NAME --hours ±H or --material NAME --amount ±Q.');
  return async (a) => ({ kind: 'change', lines: [lineOf(parts.join(' and '), await a.whatIf(...changes))] });
}

const num = (v: number | null, d = 2): string => (v === null ? '—' : formatNumber(Math.abs(v) < 1e-9 ? 0 : v, d));
const signedNum = (v: number | null, d = 2): string => (v === null ? '—' : `${v > 1e-9 ? '+' : ''}${num(v, d)}`);

/** The decisions a what-if moved, in words: where (product and week, or order), what, before, after, Δ. */
function decisionRows(data: MultiPeriodData, changed: readonly DecisionChange[]): string[][] {
  const order = Object.keys(DECISION_NAMES);
  return [...changed]
    .sort((x, y) => order.indexOf(x.family) - order.indexOf(y.family))
    .map((d) => [decisionLabel(data, d.family, d.key), DECISION_NAMES[d.family] ?? d.family, num(d.before), num(d.after), signedNum(d.delta)]);
}

/** The decisions a what-if moved, as a console table. */
function formatChangedDecisions(data: MultiPeriodData, changed: readonly DecisionChange[]): string {
  if (changed.length === 0) return 'No decision changed.';
  const rows = decisionRows(data, changed);
  return formatTable(
    [{ header: 'Where' }, { header: 'Decision' }, { header: 'Before', align: 'right' }, { header: 'After', align: 'right' }, { header: 'Δ', align: 'right' }],
    rows,
    {
      title: 'CHANGED DECISIONS',
    },
  );
}

/**
 * `whatif` (step 7): opens core's analysis (`openAnalysis`) of the weighted goal program written
 * out (LumiX's objective, explicit shortfalls; setups binary, MIP gap 0), solves the baseline once
 * and re-solves warm in a HiGHS session (GLPK rebuilds: same answers, slower) for: one change of
 * machine hours and/or material supply (one week or every week), a bottleneck scan (+step on every
 * machine and material row, ranked by Δ per unit), or a sweep of one row over values. Prints the
 * new objective, Δ and Δ% against the baseline and the decisions that changed. Nothing is saved.
 */
export async function whatIfCommand(args: WhatIfArgs, out: CliOutput): Promise<WhatIfOutcome> {
  return withOutputs(
    {
      database: productionDatabase(args.db, args.dbShown, 'read'),
      files: args.report === undefined ? [] : [reportOutput(args.report)],
      force: args.force === true,
    },
    async (outputs) =>
      withAnalysisContext(args, 'whatif', async ({ db, data, chosen, variant }) => {
        const run = planWhatIfs(data, args);
        const built = timePhase('build', () => buildMultiPeriodModel(data, variant, { explicitGoals: true }));
        using a = await timePhase('solve', () => openAnalysis(built.model, { solver: chosen.solver, mipGap: 0 }));
        const p = a.compiled.problem;
        out.out(
          `Database ${args.dbShown} (through ${db.orm}): what-if on ${variantName(variant)}, LumiX's weighted goal program; ${p.numCols} variables, ${p.numRows} constraints; ` +
            `${chosen.solver.name} (${chosen.reason}), re-solves ${a.path === 'warm' ? 'warm in a solver session' : 'rebuilt from scratch (no sessions)'}.`,
        );
        out.out(`Baseline: ${a.baseline.status}, LumiX penalty ${num(a.baseline.objective)} (lower is better).`);
        const { kind, lines } = await timePhase('solve', () => run(a));
        const summary: WhatIfSummary = {
          variant,
          kind,
          baseline: { status: a.baseline.status, objective: a.baseline.objective },
          lines,
          solver: chosen.solver.name,
          path: a.path,
        };
        out.out('');
        out.out(formatWhatIf(summary, data, args.top ?? 10));
        const file = outputs.file('--report');
        if (file !== undefined) {
          timePhase('report', () => file.write(whatIfReportHtml(summary, { database: args.dbShown, describe: (c) => decisionRows(data, c) })));
          out.out(`Report written to ${file.path}`);
        }
        return { exitCode: EXIT_CODES.ok, summary };
      }),
    (o) => o.exitCode === EXIT_CODES.ok,
  );
}

/** The console text of a what-if summary. */
function formatWhatIf(s: WhatIfSummary, data: MultiPeriodData, top: number): string {
  if (s.kind === 'change') {
    const l = s.lines[0]!;
    return [
      `WHAT IF ${l.label}: ${l.status}, LumiX penalty ${num(l.objective)}, Δ ${signedNum(l.delta)} (${l.deltaPct === null ? '—' : `${signedNum(l.deltaPct)}%`}), ${formatNumber(l.solveMs, 1)} ms (${l.path}).`,
      '',
      formatChangedDecisions(data, l.changedDecisions),
    ].join('\n');
  }
  if (s.kind === 'compare') {
    return formatTable(
      [{ header: '#', align: 'right' }, { header: 'What if' }, { header: 'Status' }, { header: 'LumiX penalty', align: 'right' }, { header: 'Δ', align: 'right' }, { header: 'Δ%', align: 'right' }, { header: 'Decisions changed', align: 'right' }],
      s.lines.map((l, i) => [String(i + 1), l.label, l.status, num(l.objective), signedNum(l.delta), l.deltaPct === null ? '—' : `${signedNum(l.deltaPct)}%`, String(l.changedDecisions.length)]),
      { title: 'COMPARISON (each from the baseline, best first)' },
    );
  }
  if (s.kind === 'sweep') {
    return formatTable(
      [
        { header: 'Value' },
        { header: 'Status' },
        { header: 'LumiX penalty', align: 'right' },
        { header: 'Δ', align: 'right' },
        { header: 'Δ%', align: 'right' },
        { header: 'Decisions changed', align: 'right' },
      ],
      s.lines.map((l) => [
        l.label,
        l.status,
        num(l.objective),
        signedNum(l.delta),
        l.deltaPct === null ? '—' : `${signedNum(l.deltaPct)}%`,
        String(l.changedDecisions.length),
      ]),
      { title: 'SWEEP' },
    );
  }
  const moved = s.lines.filter((l) => l.rate !== null && l.rate !== undefined && Math.abs(l.rate) > 1e-7);
  return [
    formatTable(
      [
        { header: '#', align: 'right' },
        { header: 'Row' },
        { header: 'Δ per unit', align: 'right' },
        { header: 'Δ', align: 'right' },
        { header: 'New penalty', align: 'right' },
      ],
      s.lines.slice(0, top).map((l, i) => [String(i + 1), l.label, signedNum(l.rate ?? null, 4), signedNum(l.delta), num(l.objective)]),
      { title: `BOTTLENECK SCAN (${s.lines.length} rows, best first; top ${Math.min(top, s.lines.length)})` },
    ),
    '',
    `${moved.length} of ${s.lines.length} rows change the objective${moved.length > 0 ? `: ${moved.map((l) => l.label.replace(/ \+\S+$/, '')).join(', ')}` : ''}; every other row has Δ 0 (more of it would change nothing).`,
  ].join('\n');
}
