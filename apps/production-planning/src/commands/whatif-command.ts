import { EXIT_CODES, formatNumber, formatTable, timePhase, withOutputs, type CliOutput } from '@lumix/app-kit';
import { LumixError, type DecisionChange } from '@lumix/core';
import { withAnalysisContext, variantName, type AnalysisArgs } from '../analysis/analysis-context.js';
import { whatIfReportHtml } from '../analysis/analysis-report.js';
import { DECISION_NAMES, decisionLabel } from '../analysis/analysis-rows.js';
import { lexicographicEngine, weightedEngine, type WhatIfEngine } from '../analysis/whatif-engines.js';
import { amountText, findResource, findWeek, parseAmount, type ResourceEdit } from '../analysis/whatif-spec.js';
import type { WhatIfLine, WhatIfSummary } from '../analysis/whatif-result.js';
import type { MultiPeriodData } from '../model/multi-period-model.js';
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

/** One what-if to run: its label and its edits (applied together). */
interface PlannedWhatIf {
  readonly label: string;
  readonly edits: readonly ResourceEdit[];
  /** The step of a scan row (for Δ per unit). */
  readonly step?: number;
}

/** The what-ifs asked for, checked against the data before anything is solved. */
interface WhatIfPlan {
  readonly kind: WhatIfSummary['kind'];
  readonly items: readonly PlannedWhatIf[];
}

const unitOf = (type: 'machine' | 'material'): string => (type === 'machine' ? ' h' : '');

/** Reads the flags into what-ifs (resources, weeks, amounts checked against the data). */
function planWhatIfs(data: MultiPeriodData, args: WhatIfArgs): WhatIfPlan {
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
      .map((text): PlannedWhatIf => {
        const m = /^(machine|material):(.+):(\d+):([^:]+)$/.exec(text);
        if (m === null) throw bad(`--compare item ${JSON.stringify(text)}: write machine:NAME:WEEK:AMOUNT or material:NAME:WEEK:AMOUNT (e.g. machine:Cutting:1:+50, material:Wood:1:-20%).`);
        const type = m[1] as 'machine' | 'material';
        const res = findResource(data, type, m[2]!);
        const week = findWeek(data, Number(m[3]));
        const amount = parseAmount(m[4]!, '--compare');
        return { label: `${res.name} week ${week.week} ${amountText(amount)}${unitOf(type)}`, edits: [{ type, id: res.id, periodId: week.id, amount }] };
      });
    if (items.length === 0) throw bad('--compare needs at least one item: machine:NAME:WEEK:AMOUNT or material:NAME:WEEK:AMOUNT.');
    return { kind: 'compare', items };
  }
  if (args.scan === true) {
    const step = args.step ?? 10;
    // Machine-major, then materials, each resource week by week: the order ties keep.
    const items = (['machine', 'material'] as const).flatMap((type) =>
      (type === 'machine' ? data.machines : data.materials).flatMap((r) =>
        data.periods.map((t): PlannedWhatIf => ({ label: `${r.name} week ${t.week_number} +${step}`, edits: [{ type, id: r.id, periodId: t.id, amount: { by: step } }], step })),
      ),
    );
    return { kind: 'scan', items };
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
    return {
      kind: 'sweep',
      items: values.map((v) => ({ label: `${res.name} week ${week.week} =${formatNumber(v)}`, edits: [{ type, id: res.id, periodId: week.id, amount: { set: v } }] })),
    };
  }
  const edits: ResourceEdit[] = [];
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
    edits.push({ type, id: res.id, ...(week === undefined ? {} : { periodId: week.id }), amount });
    parts.push(`${res.name} ${week === undefined ? 'every week' : `week ${week.week}`} ${amountText(amount)}${unitOf(type)}`);
  }
  if (args.week !== undefined && edits.length === 0) throw bad('--week needs a change: --machine NAME --hours ±H or --material NAME --amount ±Q.');
  return { kind: 'change', items: [{ label: parts.join(' and '), edits }] };
}

/** Runs the plan on the engine; scan and compare are ranked best first (the goals first, then the objective, in lexicographic mode). */
async function runPlan(engine: WhatIfEngine, plan: WhatIfPlan): Promise<WhatIfLine[]> {
  const lines: WhatIfLine[] = [];
  for (const it of plan.items) {
    const r = await engine.whatIf(it.edits);
    lines.push({
      label: it.label,
      status: r.status,
      objective: r.objective,
      delta: r.delta,
      deltaPct: r.deltaPct,
      ...(it.step === undefined ? {} : { rate: r.delta === null ? null : r.delta / it.step }),
      solveMs: r.solveMs,
      path: engine.path,
      changedDecisions: r.changedDecisions,
      ...(r.shortfalls === undefined ? {} : { goals: r.shortfalls }),
    });
  }
  if (plan.kind !== 'scan' && plan.kind !== 'compare') return lines;
  const sign = engine.sense === 'min' ? 1 : -1;
  const cmp = (x: WhatIfLine, y: WhatIfLine): number => {
    if (x.delta === null || y.delta === null) return (x.delta === null ? 1 : 0) - (y.delta === null ? 1 : 0);
    for (let k = 0; k < Math.max(x.goals?.length ?? 0, y.goals?.length ?? 0); k++) {
      const d = (x.goals?.[k]?.shortfall ?? 0) - (y.goals?.[k]?.shortfall ?? 0);
      if (Math.abs(d) > 1e-6) return d;
    }
    return sign * (x.delta - y.delta);
  };
  return lines
    .map((l, k) => ({ l, k }))
    .sort((x, y) => cmp(x.l, y.l) || x.k - y.k)
    .map(({ l }) => l);
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
        const plan = planWhatIfs(data, args);
        let summary: WhatIfSummary;
        const lexicographic = args.goalMode === 'lexicographic';
        const engine = await timePhase('solve', () =>
          lexicographic ? lexicographicEngine(data, variant, chosen.solver) : weightedEngine(data, variant, chosen.solver, plan.items.flatMap((i) => i.edits)),
        );
        try {
          out.out(
            `Database ${args.dbShown} (through ${db.orm}): what-if on ${variantName(variant)}, ` +
              `${lexicographic ? 'goals lexicographic (orders by priority, then net profit)' : "LumiX's weighted goal program"}; ${engine.numCols} variables, ${engine.numRows} constraints; ` +
              `${chosen.solver.name} (${chosen.reason}), re-solves ${engine.path === 'warm' ? 'warm in a solver session' : engine.path === 'rebuild' ? 'rebuilt from scratch (no sessions)' : 'as goal programs rebuilt and solved cold'}.`,
          );
          const b = engine.baseline;
          out.out(`Baseline: ${b.status}, ${engine.objectiveName} ${num(b.objective)} (${engine.sense === 'min' ? 'lower' : 'higher'} is better)${b.shortfalls === undefined ? '' : `, orders met ${metText(b.shortfalls)}`}.`);
          const lines = await timePhase('solve', () => runPlan(engine, plan));
          summary = {
            variant,
            kind: plan.kind,
            baseline: { status: b.status, objective: b.objective },
            lines,
            solver: chosen.solver.name,
            path: engine.path,
            objectiveName: engine.objectiveName,
            ...(b.shortfalls === undefined ? {} : { goals: b.shortfalls }),
          };
        } finally {
          engine.dispose();
        }
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

/** `5/6 4/5 1/4` (orders met per priority). */
function metText(goals: NonNullable<WhatIfLine['goals']>): string {
  return goals.map((g) => `P${g.priority} ${g.satisfied}/${g.total}`).join(', ');
}

/** The console text of a what-if summary. */
function formatWhatIf(s: WhatIfSummary, data: MultiPeriodData, top: number): string {
  const goalCols = s.goals !== undefined;
  const goalsCell = (l: WhatIfLine): string[] => (goalCols ? [l.goals === undefined ? '—' : metText(l.goals)] : []);
  const goalsHeader = goalCols ? [{ header: 'Orders met' }] : [];
  const pct = (l: WhatIfLine): string => (l.deltaPct === null ? '—' : `${signedNum(l.deltaPct)}%`);
  if (s.kind === 'change') {
    const l = s.lines[0]!;
    return [
      `WHAT IF ${l.label}: ${l.status}, ${s.objectiveName} ${num(l.objective)}, Δ ${signedNum(l.delta)} (${pct(l)}), ${formatNumber(l.solveMs, 1)} ms (${l.path})` +
        `${l.goals === undefined ? '' : `; orders met ${metText(l.goals)}`}.`,
      '',
      formatChangedDecisions(data, l.changedDecisions),
    ].join('\n');
  }
  if (s.kind === 'compare' || s.kind === 'sweep') {
    return formatTable(
      [
        ...(s.kind === 'compare' ? [{ header: '#', align: 'right' as const }] : []),
        { header: s.kind === 'compare' ? 'What if' : 'Value' },
        { header: 'Status' },
        { header: s.objectiveName, align: 'right' },
        { header: 'Δ', align: 'right' },
        { header: 'Δ%', align: 'right' },
        ...goalsHeader,
        { header: 'Decisions changed', align: 'right' },
      ],
      s.lines.map((l, i) => [
        ...(s.kind === 'compare' ? [String(i + 1)] : []),
        l.label,
        l.status,
        num(l.objective),
        signedNum(l.delta),
        pct(l),
        ...goalsCell(l),
        String(l.changedDecisions.length),
      ]),
      { title: s.kind === 'compare' ? 'COMPARISON (each from the baseline, best first)' : 'SWEEP' },
    );
  }
  const moved = s.lines.filter((l) => (l.rate !== null && l.rate !== undefined && Math.abs(l.rate) > 1e-7) || (l.goals !== undefined && metText(l.goals) !== metText(s.goals ?? [])));
  return [
    formatTable(
      [
        { header: '#', align: 'right' },
        { header: 'Row' },
        { header: 'Δ per unit', align: 'right' },
        { header: 'Δ', align: 'right' },
        { header: `New ${s.objectiveName.toLowerCase()}`, align: 'right' },
        ...goalsHeader,
      ],
      s.lines.slice(0, top).map((l, i) => [String(i + 1), l.label, signedNum(l.rate ?? null, 4), signedNum(l.delta), num(l.objective), ...goalsCell(l)]),
      { title: `BOTTLENECK SCAN (${s.lines.length} rows, best first; top ${Math.min(top, s.lines.length)})` },
    ),
    '',
    `${moved.length} of ${s.lines.length} rows change the objective${goalCols ? ' or the orders met' : ''}${moved.length > 0 ? `: ${moved.map((l) => l.label.replace(/ \+\S+$/, '')).join(', ')}` : ''}; every other row has Δ 0 (more of it would change nothing).`,
  ].join('\n');
}
