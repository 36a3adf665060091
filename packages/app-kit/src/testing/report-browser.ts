import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LumixError } from '@lumix/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from '../render-in-chromium.js';

/** What a browser test may do: run with this Chromium, or be skipped for this reason. */
export type ChromiumForTests = { readonly path: string; readonly skip?: undefined } | { readonly path: null; readonly skip: string };

const INSTALL_HINT = 'Install it with scripts/setup.sh --with-browser (Debian: apt-get install chromium) or set CHROMIUM_PATH.';

/**
 * The Chromium a browser test drives (app-kit's {@link findChromium}). Without one the test is
 * skipped with the reason, except under `CI=true`, where a missing browser is an error that
 * says how to install it (CI must run these tests, never skip them).
 *
 * @throws LumixError `INVALID_STATE` under `CI=true` when no Chromium is installed.
 */
export function chromiumForTests(env: NodeJS.ProcessEnv = process.env): ChromiumForTests {
  const path = findChromium();
  if (path !== null) return { path };
  if (env['CI'] === 'true') throw new LumixError('INVALID_STATE', `CI=true and no Chromium is installed, so the report tests cannot run. ${INSTALL_HINT}`);
  return { path: null, skip: `no Chromium installed; ${INSTALL_HINT}` };
}

/** One tab of an opened report, as the browser shows it. */
export interface OpenedTab {
  /** The panel's id (`#id` deep link). */
  readonly id: string;
  /** The tab's label. */
  readonly title: string;
  /** The visible panel's text (`innerText`: what a reader sees, hidden panels excluded). */
  readonly text: string;
  /** Path of the PNG screenshot of the page on this tab. */
  readonly screenshot: string;
}

/** A report page open in headless Chromium (see {@link openReport}). */
export interface OpenedReport {
  /** The Playwright page, for checks of one's own. */
  readonly page: Page;
  /** The ids and labels of the tabs, in bar order. */
  tabs(): Promise<readonly { readonly id: string; readonly title: string }[]>;
  /**
   * Clicks the tab, checks that it is the only selected tab and its panel the only visible one,
   * and saves a full-page screenshot `<prefix>-<id>.png` in the screenshot folder.
   */
  clickTab(id: string): Promise<OpenedTab>;
  /**
   * The cell texts (`innerText`, trimmed) of the body rows of the visible tables that match
   * `selector` (a CSS selector of `table` elements), one array per row, tables in page order.
   */
  rows(selector: string): Promise<string[][]>;
  /** Closes the browser. */
  close(): Promise<void>;
}

/** Options of {@link openReport}. */
export interface OpenReportOptions {
  /** The browser (from {@link chromiumForTests}). */
  readonly chromium: string;
  /** Folder for the screenshots (created). */
  readonly screenshotDir: string;
  /** Screenshot file prefix. Default `report`. */
  readonly prefix?: string;
  /** Viewport in CSS px. Default 1280 × 900. */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Run the page's script. Default true; false shows the page as it reads with script off. */
  readonly javaScriptEnabled?: boolean;
}

/**
 * Opens a report file in headless Chromium through Playwright (`playwright-core`, no browser
 * download: the system's Chromium): the way the report tests see what a planner sees. Any page
 * error or console error (a CSP refusal included) fails the next {@link OpenedReport.clickTab}.
 */
export async function openReport(file: string, options: OpenReportOptions): Promise<OpenedReport> {
  const browser: Browser = await chromium.launch({ executablePath: options.chromium, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({
      viewport: { width: options.viewport?.width ?? 1280, height: options.viewport?.height ?? 900 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // Nothing but the report itself may be fetched: a report is self-contained.
    const own = pathToFileURL(resolve(file)).href;
    await page.route(
      (url) => url.href.replace(/#.*$/, '') !== own && url.protocol !== 'data:',
      (route) => {
        errors.push(`request to ${route.request().url()}`);
        return route.abort();
      },
    );
    await page.goto(own);
    mkdirSync(options.screenshotDir, { recursive: true });
    const prefix = options.prefix ?? 'report';
    const failIfErrors = () => {
      if (errors.length > 0) throw new LumixError('INVALID_STATE', `The report page reported errors: ${errors.join(' | ')}`, { details: { errors } });
    };
    return {
      page,
      async tabs() {
        failIfErrors();
        return page.$$eval('[role="tab"]', (els) => els.map((e) => ({ id: e.getAttribute('aria-controls') ?? '', title: (e.textContent ?? '').trim() })));
      },
      async clickTab(id) {
        const tab = page.locator(`[role="tab"][aria-controls="${id}"]`);
        await tab.click();
        const state = await page.$$eval('[role="tab"]', (els) =>
          els.map((e) => {
            const panel = e.ownerDocument.getElementById(e.getAttribute('aria-controls') ?? '');
            return { id: e.getAttribute('aria-controls'), selected: e.getAttribute('aria-selected') === 'true', visible: panel?.checkVisibility() === true };
          }),
        );
        const wrong = state.filter((s) => s.selected !== (s.id === id) || s.visible !== (s.id === id));
        if (wrong.length > 0) {
          throw new LumixError('INVALID_STATE', `After clicking tab "${id}", the tabs' state is wrong: ${JSON.stringify(wrong)}`, { details: { state } });
        }
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered, visible text: what a reader sees is what the test checks
        const title = (await tab.innerText()).trim();
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered, visible text: what a reader sees is what the test checks
        const text = await page.locator(`[role="tabpanel"]#${id}`).innerText();
        const screenshot = join(options.screenshotDir, `${prefix}-${id}.png`);
        await page.screenshot({ path: screenshot, fullPage: true });
        failIfErrors();
        return { id, title, text, screenshot };
      },
      async rows(selector) {
        const tables = page.locator(selector).filter({ visible: true });
        const out: string[][] = [];
        for (const table of await tables.all()) {
          for (const tr of await table.locator('tbody tr').all()) out.push((await tr.locator('th, td').allInnerTexts()).map((t) => t.trim()));
        }
        return out;
      },
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
