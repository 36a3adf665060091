// The analysis reports of tutorial steps 5–7 (scenarios, sensitivity, what-if) in a real browser
// (Playwright driving the system's Chromium): every tab is clicked and what its panel shows is
// checked against the database — the scenario runs and their saved orders, the machines, materials
// and weeks of the data — and a screenshot of every tab is saved (LUMIX_KEEP_SCREENSHOTS=1 keeps them).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '@lumix/app-kit';
import { chromiumForTests, openReport } from '@lumix/app-kit/testing';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { fixturePath } from '@lumix/test-fixtures';
import { runInProcess } from './support/run-app.js';
import { useTempDir } from './support/temp-dir.js';

const dir = useTempDir('report-browser-analysis');
const shots = mkdtempSync(join(tmpdir(), 'production-analysis-shots-'));
afterAll(() => {
  if (process.env['LUMIX_KEEP_SCREENSHOTS'] === '1') console.log(`analysis report screenshots kept in ${shots}`);
  else rmSync(shots, { recursive: true, force: true });
});
const browser = chromiumForTests();
const db = join(dir, 'production.db');

async function query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const a = await openSqliteAdapter(db);
  try {
    return await a.query<T & Record<string, unknown>>(sql, params as never[]);
  } finally {
    await a.close();
  }
}

describe.skipIf(browser.path === null)(`analysis reports in Chromium (Playwright)${browser.skip === undefined ? '' : ` — skipped: ${browser.skip}`}`, () => {
  beforeAll(async () => {
    copyFileSync(fixturePath('tutorial/production_step4.json'), join(dir, 'data.json'));
    copyFileSync(fixturePath('tutorial/production_step5_scenarios.json'), join(dir, 'scenarios.json'));
    const seeded = await runInProcess(['seed', '--data', 'data.json', '--scenarios', 'scenarios.json', '--orm', 'sqlite'], dir);
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 120_000);

  it('report-browser/scenarios-every-tab-matches-the-saved-runs', async () => {
    const done = await runInProcess(['scenarios', '--orm', 'sqlite', '--report', 'scenarios.html'], dir);
    expect(done.code, done.stderr).toBe(0);
    const runs = await query<{ id: number; name: string; status: string; objective: number }>(
      'SELECT r.id, s.name, r.status, r.objective FROM scenario_runs l JOIN solve_runs r ON r.id = l.run_id JOIN scenarios s ON s.id = l.scenario_id ORDER BY r.id',
    );
    expect(runs.map((r) => r.name)).toEqual(['Baseline', 'High Demand', 'Supply Chain Crisis', 'Expansion', 'Economic Downturn']);
    const report = await openReport(join(dir, 'scenarios.html'), { chromium: browser.path as string, screenshotDir: shots, prefix: 'scenarios' });
    try {
      expect((await report.tabs()).map((t) => t.id)).toEqual(['comparison', 'scenarios', 'utilisation', 'orders']);
      await report.clickTab('comparison');
      const rows = await report.rows('#comparison table');
      expect(rows).toHaveLength(runs.length);
      for (const [k, r] of runs.entries()) {
        expect(rows[k]![0]).toContain(r.name);
        expect(rows[k]!.slice(1, 4)).toEqual([`#${r.id}`, r.status, formatMoney(r.objective)]);
      }
      expect(await report.page.locator('#comparison svg').isVisible()).toBe(true);
      const scenarios = await report.clickTab('scenarios');
      for (const r of runs) expect(scenarios.text).toContain(r.name);
      await report.clickTab('utilisation');
      expect(await report.page.locator('#utilisation svg').isVisible()).toBe(true);
      const orders = await report.clickTab('orders');
      for (const r of runs) {
        expect(orders.text).toContain(r.name);
        const [{ n }] = (await query<{ n: number }>('SELECT COUNT(*) AS n FROM order_fulfillment WHERE run_id = ?', [r.id])) as [{ n: number }];
        expect(n).toBeGreaterThan(0);
      }
      // One orders table per scenario, as long as the run's saved order rows.
      const tables = await report.page.locator('#orders table').count();
      expect(tables).toBe(runs.length);
    } finally {
      await report.close();
    }
  }, 300_000);

  it('report-browser/sensitivity-and-whatif-every-tab', async () => {
    const sens = await runInProcess(['sensitivity', '--orm', 'sqlite', '--compat', 'lumix', '--report', 'sens.html'], dir);
    expect(sens.code, sens.stderr).toBe(0);
    const [{ machines, materials, weeks }] = (await query<{ machines: number; materials: number; weeks: number }>(
      'SELECT (SELECT COUNT(*) FROM machines) AS machines, (SELECT COUNT(*) FROM raw_materials) AS materials, (SELECT COUNT(*) FROM periods) AS weeks',
    )) as [{ machines: number; materials: number; weeks: number }];
    const report = await openReport(join(dir, 'sens.html'), { chromium: browser.path as string, screenshotDir: shots, prefix: 'sensitivity' });
    try {
      expect((await report.tabs()).map((t) => t.id)).toEqual(['summary', 'machines', 'materials', 'bottlenecks', 'orders']);
      await report.clickTab('summary');
      expect(await report.page.locator('#summary svg').isVisible()).toBe(true);
      await report.clickTab('machines');
      expect(await report.rows('#machines table')).toHaveLength(machines * weeks);
      await report.clickTab('materials');
      const material = await report.rows('#materials table');
      expect(material).toHaveLength(materials * weeks);
      // Wood in week 1 is the binding material with the tutorial's shadow price.
      expect(material.find((r) => /wood/i.test(r[0]!) && r[1] === '1')).toContain('-2,857.1429');
      await report.clickTab('bottlenecks');
      await report.clickTab('orders');
      const [{ orders }] = (await query<{ orders: number }>('SELECT COUNT(*) AS orders FROM customer_orders')) as [{ orders: number }];
      expect(await report.rows('#orders table')).toHaveLength(orders);
    } finally {
      await report.close();
    }

    const what = await runInProcess(['whatif', '--orm', 'sqlite', '--compat', 'lumix', '--material', 'wood', '--week', '1', '--amount', '+100', '--report', 'whatif.html'], dir);
    expect(what.code, what.stderr).toBe(0);
    const w = await openReport(join(dir, 'whatif.html'), { chromium: browser.path as string, screenshotDir: shots, prefix: 'whatif' });
    try {
      expect((await w.tabs()).map((t) => t.id)).toEqual(['whatif', 'decisions']);
      await w.clickTab('whatif');
      const lines = await w.rows('#whatif table');
      expect(lines).toHaveLength(1);
      expect(lines[0]![2]).toBe('1,956,063.49');
      expect(await w.page.locator('#whatif svg').isVisible()).toBe(true);
      const decisions = await w.clickTab('decisions');
      expect(decisions.text.length).toBeGreaterThan(0);
    } finally {
      await w.close();
    }
  }, 300_000);
});
