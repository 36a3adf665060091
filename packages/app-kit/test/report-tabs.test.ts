import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LumixError } from '@lumix/core';
import { chartSvg, htmlPage, htmlSection, htmlTable } from '@lumix/app-kit';
import { chromiumForTests, openReport } from '@lumix/app-kit/testing';

const dir = mkdtempSync(join(tmpdir(), 'app-kit-tabs-'));
// LUMIX_KEEP_SCREENSHOTS=1 keeps the folder to look at the screenshots.
afterAll(() => {
  if (process.env['LUMIX_KEEP_SCREENSHOTS'] !== '1') rmSync(dir, { recursive: true, force: true });
});

function tabbedPage(): string {
  const wide = htmlTable(
    [{ header: 'Product' }, ...Array.from({ length: 12 }, (_, i) => ({ header: `Week ${i + 1}`, align: 'right' as const }))],
    [['Chair <oak>', ...Array.from({ length: 12 }, (_, i) => `${(i + 1) * 1000}.00`)]],
  );
  return htmlPage({
    title: 'Tabbed',
    facts: [['Status', 'optimal']],
    body: '<p class="note">above the tabs</p>',
    tabs: [
      { id: 'summary', title: 'Summary', body: htmlSection('Money', '<p id="money">profit 42</p>') },
      { id: 'plan', title: 'Plan & grid', body: htmlSection('Grid', wide) },
      {
        id: 'charts',
        title: 'Charts',
        body: htmlSection(
          'A chart',
          chartSvg({ xAxis: { type: 'category', data: ['a<b', 'c'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [1, 2] }] }, { title: 'Two bars', width: 400, height: 240 }),
        ),
      },
    ],
  });
}

describe('report tabs', () => {
  it('tabs/markup-and-csp-hash', () => {
    const page = tabbedPage();
    expect(page.match(/<button[^>]*role="tab"/g)).toHaveLength(3);
    expect(page.match(/<div[^>]*role="tabpanel"/g)).toHaveLength(3);
    expect(page).toContain('<button type="button" role="tab" id="plan-tab" aria-controls="plan" aria-selected="false" tabindex="-1">Plan &amp; grid</button>');
    // The one script is allowed by its hash and nothing else: no 'unsafe-inline' for scripts.
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0] as string, 'utf8').digest('base64');
    expect(page).toContain(`script-src 'sha256-${hash}'">`);
    expect(page).not.toMatch(/https?:\/\//);
    // Without tabs: no script and no script-src.
    const plain = htmlPage({ title: 'Plain', body: '<p>x</p>' });
    expect(plain).not.toMatch(/<script|script-src/);
  });

  it('tabs/bad-ids-are-refused', () => {
    for (const tabs of [
      [{ id: 'a b', title: 'x', body: '' }],
      [
        { id: 'a', title: 'x', body: '' },
        { id: 'a', title: 'y', body: '' },
      ],
      [{ id: '"><script>', title: 'x', body: '' }],
    ]) {
      let error: unknown;
      try {
        htmlPage({ title: 't', body: '', tabs });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LumixError);
      expect((error as LumixError).code).toBe('INVALID_ARGUMENT');
    }
  });

  it('chart/echarts-svg-inline-and-escaped', () => {
    const svg = chartSvg(
      { xAxis: { type: 'category', data: ['small <x>', 'big'] }, yAxis: { type: 'value', max: 4 }, series: [{ type: 'bar', data: [1, 2] }] },
      { title: 'Sizes & things', width: 500, height: 300 },
    );
    expect(svg).toMatch(/^<div class="chart"><svg role="img" aria-label="Sizes &amp; things" width="500" height="300"/);
    expect(svg).toContain('<title>Sizes &amp; things</title>');
    expect(svg).toContain('small &lt;x&gt;');
    expect(svg).not.toMatch(/https?:\/\/|<script|xmlns/);
    // One bar per value, the second twice as tall as the first (same axis).
    const heights = [...svg.matchAll(/<path d="M[\d.]+ [\d.]+l[\d.]+ 0l0 -([\d.]+)[^"]*"[^>]*ecmeta_data_index="(\d)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(2);
    expect((heights[1] as number) / (heights[0] as number)).toBeCloseTo(2, 1);
  });

  it('chart/bad-option-is-a-typed-error', () => {
    expect(() => chartSvg({ series: [{ type: 'bar', data: [1] }] }, { title: 'broken' })).toThrow(LumixError);
  });
});

const browser = chromiumForTests();

describe.skipIf(browser.path === null)(`report tabs in Chromium (Playwright)${browser.skip === undefined ? '' : ` — skipped: ${browser.skip}`}`, () => {
  const file = join(dir, 'tabs.html');
  const shots = join(dir, 'shots');

  it('tabs/click-keys-deep-link-no-script-print', async () => {
    writeFileSync(file, tabbedPage());
    const report = await openReport(file, { chromium: browser.path as string, screenshotDir: shots, prefix: 'tabs', viewport: { width: 900, height: 700 } });
    try {
      const { page } = report;
      expect(await report.tabs()).toEqual([
        { id: 'summary', title: 'Summary' },
        { id: 'plan', title: 'Plan & grid' },
        { id: 'charts', title: 'Charts' },
      ]);
      // The first tab is open; the note above the tabs is always there.
      expect(await page.locator('#summary').isVisible()).toBe(true);
      expect(await page.locator('#plan').isVisible()).toBe(false);
      expect(await page.locator('p.note').isVisible()).toBe(true);
      const plan = await report.clickTab('plan');
      expect(plan.text).toContain('Chair <oak>');
      expect(plan.text).toContain('12000.00');
      expect(page.url()).toMatch(/#plan$/);
      expect(readFileSync(plan.screenshot).subarray(1, 4).toString('latin1')).toBe('PNG');
      const charts = await report.clickTab('charts');
      expect(await page.locator('#charts svg[aria-label="Two bars"]').isVisible()).toBe(true);
      expect(charts.text).toContain('A chart');
      // Arrow keys move the selection (wrapping), Home and End jump.
      await page.keyboard.press('ArrowRight');
      expect(await page.locator('[role="tab"][aria-selected="true"]').getAttribute('aria-controls')).toBe('summary');
      expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('summary-tab');
      await page.keyboard.press('End');
      expect(await page.locator('#charts').isVisible()).toBe(true);
      await page.keyboard.press('ArrowLeft');
      expect(await page.locator('#plan').isVisible()).toBe(true);
      // The wide table scrolls inside its box on a narrow screen; the page itself does not.
      await page.setViewportSize({ width: 380, height: 700 });
      const widths = await page.evaluate(() => {
        const d = (globalThis as unknown as { document: { querySelector(s: string): { scrollWidth: number; clientWidth: number }; documentElement: { scrollWidth: number; clientWidth: number } } }).document;
        const wrap = d.querySelector('#plan .table-wrap');
        return { wrap: wrap.scrollWidth > wrap.clientWidth, page: d.documentElement.scrollWidth <= d.documentElement.clientWidth };
      });
      expect(widths).toEqual({ wrap: true, page: true });
      // Printed: every panel, no tab bar.
      await page.emulateMedia({ media: 'print' });
      for (const id of ['summary', 'plan', 'charts']) expect(await page.locator(`#${id}`).isVisible()).toBe(true);
      expect(await page.locator('.tabs').isVisible()).toBe(false);
      // A deep link opens its tab; an element inside a panel opens that panel.
      await page.emulateMedia({ media: 'screen' });
      await page.goto(`${page.url().replace(/#.*$/, '')}#charts`);
      expect(await page.locator('#charts').isVisible()).toBe(true);
      expect(await page.locator('#summary').isVisible()).toBe(false);
      await page.goto(`${page.url().replace(/#.*$/, '')}#money`);
      expect(await page.locator('#summary').isVisible()).toBe(true);
      // A broken address (bad percent-encoding) opens the first tab, with no script error.
      await page.goto(`${page.url().replace(/#.*$/, '')}#%E0%A4%A`);
      expect(await page.locator('#summary').isVisible()).toBe(true);
      expect((await report.tabs()).length).toBe(3);
    } finally {
      await report.close();
    }
    // Script off: every panel is shown under its heading, the (useless) tab bar is hidden.
    const noScript = await openReport(file, { chromium: browser.path as string, screenshotDir: shots, prefix: 'noscript', javaScriptEnabled: false });
    try {
      const { page } = noScript;
      for (const id of ['summary', 'plan', 'charts']) expect(await page.locator(`#${id}`).isVisible()).toBe(true);
      expect(await page.locator('.tabs').isVisible()).toBe(false);
      expect(await page.locator('h2.tab-title', { hasText: 'Plan & grid' }).isVisible()).toBe(true);
    } finally {
      await noScript.close();
    }
    console.log(`tab screenshots: ${shots}`);
  }, 60_000);

  it('tabs/a-report-that-reaches-out-fails-the-check', async () => {
    // An image from elsewhere: the CSP refuses it (a console error) and the opener records it; either fails the test.
    const leaky = join(dir, 'leaky.html');
    writeFileSync(leaky, htmlPage({ title: 'Leaky', body: '', tabs: [{ id: 'one', title: 'One', body: '<img src="file:///etc/hostname" alt="x">' }] }));
    const report = await openReport(leaky, { chromium: browser.path as string, screenshotDir: shots, prefix: 'leaky' });
    try {
      await expect(report.clickTab('one')).rejects.toThrow(/reported errors/);
    } finally {
      await report.close();
    }
  }, 60_000);
});
