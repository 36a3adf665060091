import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { barChartSvg, escapeHtml, findChromium, htmlPage, htmlSection, htmlTable, renderInChromium } from '@lumix/app-kit';

const dir = mkdtempSync(join(tmpdir(), 'app-kit-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function samplePage(): string {
  const table = htmlTable(
    [{ header: 'Machine' }, { header: 'Utilisation', align: 'right' }],
    [
      ['Cutting <saw>', '36.7%'],
      ['Assembly', { html: '<span class="tag full">100.0%</span>' }],
    ],
    { footer: ['Total', '—'], caption: 'Machines' },
  );
  const chart = barChartSvg(
    [
      { label: 'Cutting <saw>', value: 36.7, group: 'Machines' },
      { label: 'Wood', value: 100, group: 'Materials', valueLabel: '500 / 500 bf' },
    ],
    { title: 'Utilisation chart' },
  );
  return htmlPage({ title: 'Test report', subtitle: 'a & b', facts: [['Status', 'optimal']], body: htmlSection('Plan', table + chart) });
}

describe('html', () => {
  it('html/escapes-and-is-self-contained', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const page = samplePage();
    expect(page).toContain('Cutting &lt;saw&gt;');
    expect(page).toContain('<span class="tag full">100.0%</span>');
    expect(page).toContain('<tfoot>');
    // no external resources of any kind: no URLs, no scripts, no links
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(page).toContain("default-src 'none'");
  });

  it('html/chart-bars-scale-with-value', () => {
    const svg = barChartSvg(
      [
        { label: 'half', value: 50 },
        { label: 'over', value: 140 },
      ],
      { title: 't', width: 600 },
    );
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"[^>]*fill="#(?!eef2f7)/g)].map((m) => Number(m[1]));
    // plot width = 600 - 210 - 190 = 200: half is 100 px, over is clamped to the full 200 px
    expect(widths).toEqual([100, 200]);
    expect(svg).toContain('140.0%');
  });

  it.skipIf(findChromium() === null)('html/renders-in-chromium (skipped when no Chromium is installed: scripts/setup.sh --with-browser)', async () => {
    const file = join(dir, 'page.html');
    writeFileSync(file, samplePage());
    const png = join(dir, 'page.png');
    const page = await renderInChromium(file, { screenshot: png, windowSize: { width: 900, height: 700 } });
    expect(page.dom).toContain('Cutting &lt;saw&gt;');
    expect(page.dom).toContain('Utilisation chart');
    expect(page.dom).toContain('500 / 500 bf');
    expect(page.screenshot?.bytes).toBeGreaterThan(5000);
    expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
