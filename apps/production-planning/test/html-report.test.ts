import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput, findChromium, renderInChromium } from '@lumix/app-kit';
import { seedDatabase } from '../src/commands/seed-command.js';
import { showCommand } from '../src/commands/show-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
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
});
