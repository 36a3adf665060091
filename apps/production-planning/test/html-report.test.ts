import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartSvg, createBufferedOutput, findChromium, formatMoney, renderInChromium, startChartWorker } from '@lumix/app-kit';
import { seedDatabase } from '../src/commands/seed-command.js';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { fixturePath } from '@lumix/test-fixtures';
import { scenariosCommand } from '../src/commands/scenarios-command.js';
import { showCommand } from '../src/commands/show-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { multiPeriodReportHtml } from '../src/report/format-multi-period.js';
import { planReportHtml, planReportHtmlWith } from '../src/report/html-report.js';
import { mostProfitable } from '../src/report/report-charts.js';
import { execSql } from './support/db-snapshot.js';
import { canonical, tablesOf } from './support/report-html.js';
import { useTempDir } from './support/temp-dir.js';

const dir = useTempDir('report');

describe('HTML report', () => {
  it('report/self-contained', async () => {
    const db = join(dir, 'static.db');
    const report = join(dir, 'glpk.html');
    await seedDatabase({ db, orm: 'sqlite' }, createBufferedOutput());
    await solveCommand({ db, dbShown: db, solver: 'glpk', orm: 'sqlite', report }, createBufferedOutput());
    const html = readFileSync(report, 'utf8');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link|<img|<iframe|@import|url\(/i);
    expect(html).toContain("default-src 'none'");
    // One script, the tab switcher, allowed by its hash; no other script may run.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'">/);
    expect(html).not.toContain('unsafe-eval');
    expect(html).toContain('glpk gives no reduced costs');
    // show --report writes the same report for a saved run
    const again = join(dir, 'again.html');
    await showCommand({ db, dbShown: db, orm: 'sqlite', run: 1, report: again }, createBufferedOutput());
    expect(readFileSync(again, 'utf8')).toContain('$2,735.71');
  });

  it.skipIf(findChromium() === null)('report/renders-in-chromium (skipped when no Chromium is installed: scripts/setup.sh --with-browser)', async () => {
    const db = join(dir, 'render.db');
    const report = join(dir, 'plan.html');
    await seedDatabase({ db, orm: 'sqlite' }, createBufferedOutput());
    const outcome = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite', report }, createBufferedOutput());
    expect(outcome.exitCode).toBe(0);
    const png = join(dir, 'plan.png');
    const page = await renderInChromium(report, { screenshot: png, windowSize: { width: 1200, height: 2200 } });
    const text = page.dom.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const s of ['Production plan', 'Total profit', '$2,735.71', 'Run #1', 'Chair', 'Table', 'Desk', '$1,685.71', 'Resource utilisation', 'Demand analysis', 'At Minimum', 'Within Range']) {
      expect(text).toContain(s);
    }
    // the chart: a labelled bar per machine and material, wood full
    for (const s of ['29.36 / 80.00 h (36.7%)', '52.00 / 100.00 h (52.0%)', '500.00 / 500.00 (100.0%)', '112.43 / 200.00 (56.2%)', '20.00 / 150.00 (13.3%)']) expect(text).toContain(s);
    expect(page.dom).toMatch(/<svg[^>]*aria-label="Resource utilisation"/);
    expect(text).toMatch(/Wood \(board feet\) is used up: one more unit would add \$5\.71 of profit/);
    expect(text).toMatch(/-\$22\.86\/unit/);
    expect(page.screenshot?.bytes).toBeGreaterThan(20_000);
    expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  for (const c of [
    { name: 'correct', compat: undefined, goalMode: 'lexicographic', net: '$35,880.83' },
    // The tutorial's literal model spreads each setup cost over the machines; weighted goals (LumiX's 2,156,000 penalty).
    { name: 'lumix', compat: 'lumix', goalMode: 'weighted', net: undefined },
  ] as const) {
    it(`report/show-step4-equals-the-solve-report (${c.name})`, async () => {
      // show --report of a saved multi-period run writes the report solve --report wrote, from the rows alone.
      const db = join(dir, `step4-${c.name}.db`);
      await seedDatabase({ db, orm: 'sqlite', data: fixturePath('tutorial/production_step4.json') }, createBufferedOutput());
      const solved = join(dir, `step4-${c.name}-solve.html`);
      const outcome = await solveCommand(
        { db, dbShown: db, solver: 'highs', orm: 'sqlite', report: solved, goalMode: c.goalMode, ...(c.compat === undefined ? {} : { compat: c.compat }) },
        createBufferedOutput(),
      );
      expect(outcome.exitCode).toBe(0);
      const shown = join(dir, `step4-${c.name}-show.html`);
      const out = createBufferedOutput();
      await showCommand({ db, dbShown: db, orm: 'sqlite', run: 1, report: shown }, out);
      expect(out.text()).toContain(`Report written to ${shown}`);
      const [a, b] = [readFileSync(solved, 'utf8'), readFileSync(shown, 'utf8')];
      const [ta, tb] = [tablesOf(a), tablesOf(b)];
      // The money, the grid, the weekly use of machines and materials, the orders: cell for cell.
      expect(Object.keys(tb).sort()).toEqual(['facts', 'orders', 'plan-grid', 'priorities', 'use-machine', 'use-material']);
      expect(tb).toEqual(ta);
      const facts = new Map(tb['facts']!.map(([k, v]) => [k, v]));
      if (c.net !== undefined) expect(facts.get('Net profit')).toBe(c.net);
      // Ours links setups to production, so its plan pays for some (the tutorial's never forces one).
      if (c.name === 'correct') expect(Number(facts.get('Setups')!.replace(/[$,]/g, ''))).toBeGreaterThan(0);
      expect(tb['orders']).toHaveLength(1 + 15);
      // And the whole page, charts included, but for the time it was generated.
      expect(canonical(b)).toBe(canonical(a));
      expect(out.stderr).toEqual([]);
      if (c.name === 'correct') {
        // Setup costs edited since the run: the report prices them anew, and show says the money no longer matches the run.
        await execSql(db, 'UPDATE setup_costs SET cost = cost * 2');
        const later = createBufferedOutput();
        await showCommand({ db, dbShown: db, orm: 'sqlite', run: 1, report: join(dir, 'step4-later.html'), force: true }, later);
        expect(later.stderr.join('\n')).toMatch(/changed since run #1: its net profit there is \$33,130\.83, the run saved \$35,880\.83/);
      }
    });
  }

  it("report/show-scenario-runs-are-the-scenarios'-reports", async () => {
    // Step-5 scenario runs (scaled setup costs, holding costs, margins, demand, capacity): each run's report
    // from its rows equals the report of the plan the scenarios command solved, and names its scenario.
    const db = join(dir, 'step5.db');
    await seedDatabase(
      { db, orm: 'sqlite', data: fixturePath('tutorial/production_step4.json'), scenarios: fixturePath('tutorial/production_step5_scenarios.json') },
      createBufferedOutput(),
    );
    const outcome = await scenariosCommand(
      { db, dbShown: db, solver: 'highs', orm: 'sqlite', goalMode: 'lexicographic', scenarios: ['Expansion', 'Economic Downturn'] },
      createBufferedOutput(),
    );
    expect(outcome.exitCode).toBe(0);
    const a = await openSqliteAdapter(db);
    try {
      for (const name of ['Baseline', 'Expansion', 'Economic Downturn']) {
        const line = outcome.comparison!.lines.find((l) => l.scenario.name === name)!;
        const shown = join(dir, `step5-${line.runId!}.html`);
        await showCommand({ db, dbShown: db, orm: 'sqlite', run: line.runId!, report: shown }, createBufferedOutput());
        const html = readFileSync(shown, 'utf8');
        expect(html).toContain(`4 weeks from ${db}, scenario &quot;${name}&quot;`);
        expect(canonical(html), name).toBe(canonical(multiPeriodReportHtml(line.plan!, { database: db, scenario: name })));
        // The net profit in the facts is the run's stored objective (setups and holding priced with the scenario's factors).
        const [run] = await a.query<{ objective: number }>('SELECT objective FROM solve_runs WHERE id = ?', [line.runId!]);
        expect(tablesOf(html)['facts']![0]).toEqual(['Net profit', formatMoney(run!.objective)]);
      }
    } finally {
      await a.close();
    }
  });
  it('report/profit-chart-top-lines', () => {
    // The profit chart's 15 bars come from one pass, not a sort: the same lines, in the order a
    // stable sort by contribution gives (ties in plan order), and the rest's count and sums.
    let seed = 7;
    const rand = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (const n of [0, 3, 15, 16, 40, 2000]) {
      // Few distinct contributions, so that ties are common.
      const lines = Array.from({ length: n }, (_, i) => {
        const quantity = Math.floor(rand() * 5);
        const profitPerUnit = Math.floor(rand() * 4) - 1;
        return { productId: i + 1, name: `P${i + 1}`, quantity, profitPerUnit, contribution: quantity * profitPerUnit, minDemand: 0, maxDemand: 9, demandStatus: 'Within Range' as const, reducedCost: null };
      });
      const { top, rest } = mostProfitable(lines, 15);
      const sorted = n <= 15 ? lines : [...lines].sort((a, b) => b.contribution - a.contribution);
      expect(top.map((l) => l.name)).toEqual(sorted.slice(0, 15).map((l) => l.name));
      const others = sorted.slice(15);
      expect(rest).toEqual({ count: others.length, contribution: others.reduce((s, l) => s + l.contribution, 0), quantity: others.reduce((s, l) => s + l.quantity, 0) });
    }
  });
  it('report/chart-worker-draws-the-same-page', async () => {
    // solve --report draws its charts in a worker (app-kit's startChartWorker): the page is the one
    // drawn in this thread, byte for byte but for ECharts' id counters, with and without orders.
    for (const data of [undefined, fixturePath('tutorial/production_step3.json')]) {
      const db = join(dir, `worker-${data === undefined ? 'step1' : 'step3'}.db`);
      const report = join(dir, `worker-${data === undefined ? 'step1' : 'step3'}.html`);
      await seedDatabase({ db, orm: 'sqlite', ...(data === undefined ? {} : { data }) }, createBufferedOutput());
      const { plan } = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite', report }, createBufferedOutput());
      expect(plan).toBeDefined();
      const options = { database: db, generatedAt: new Date('2026-01-02T03:04:05Z') };
      const charts = startChartWorker();
      try {
        // Warm: the charts are drawn by the worker (before that, they would be drawn here).
        expect(await charts.whenReady()).toBe(true);
        const drawn = await planReportHtmlWith(charts, plan!, options);
        expect(canonical(drawn)).toBe(canonical(planReportHtml(plan!, options)));
        expect(drawn.match(/<svg /g)).toHaveLength(data === undefined ? 2 : 3);
        // The written report is that page too (its run id and time aside).
        expect(canonical(readFileSync(report, 'utf8')).replace(/Run<\/span><span class="value">#\d+/, '')).toBe(canonical(drawn).replace(/Run<\/span><span class="value">#\d+/, ''));
      } finally {
        await charts.close();
      }
    }
  });

  it('report/chart-worker-errors-and-fallback', async () => {
    const charts = startChartWorker();
    try {
      expect(await charts.whenReady()).toBe(true);
      // A formatter the worker cannot carry is drawn here instead, with the same result.
      const own = await charts.chartSvg({ xAxis: { type: 'category', data: ['a'] }, yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v} u` } }, series: [{ type: 'bar', data: [3] }] }, { title: 'own formatter' });
      expect(own).toContain('3 u');
      // ECharts' refusal comes back as the typed error chartSvg throws.
      // (A bar on an x axis that does not exist: ECharts throws while drawing, in the worker.)
      const broken = charts.chartSvg({ xAxis: { type: 'category', data: ['a'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', xAxisIndex: 5, data: [1] }] }, { title: 'broken' });
      await expect(broken).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^ECharts could not draw the chart "broken": .+Check the chart's option\.$/) });
      // The worker goes on drawing after a refusal.
      expect(await charts.chartSvg({ xAxis: { type: 'category', data: ['a'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [2] }] }, { title: 'after' })).toContain('aria-label="after"');
    } finally {
      await charts.close();
    }
    // A worker asked before it is warm is stopped and the chart drawn here, the same.
    const cold = startChartWorker();
    try {
      const option = { xAxis: { type: 'category' as const, data: ['a'] }, yAxis: { type: 'value' as const }, series: [{ type: 'bar' as const, data: [4] }] };
      expect(canonical(await cold.chartSvg(option, { title: 'cold' }))).toBe(canonical(chartSvg(option, { title: 'cold' })));
      expect(await cold.whenReady()).toBe(false);
    } finally {
      await charts.close();
    }
  });
});
