import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LumixError } from '@lumix/core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * Path of a headless-capable Chromium: `CHROMIUM_PATH` when set, else the first of the usual
 * Debian/Ubuntu locations (`/usr/bin/chromium` first). `null` when none is installed
 * (`scripts/setup.sh --with-browser` installs Debian's `chromium`).
 */
export function findChromium(): string | null {
  const fromEnv = process.env['CHROMIUM_PATH'];
  const list = fromEnv !== undefined && fromEnv !== '' ? [fromEnv, ...CANDIDATES] : CANDIDATES;
  for (const path of list) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here; try the next location
    }
  }
  return null;
}

/** Options of {@link renderInChromium}. */
export interface RenderInChromiumOptions {
  /** Write a PNG screenshot of the page here. Default: no screenshot. */
  readonly screenshot?: string;
  /** Browser window size for the screenshot, in CSS px. Default 1200 × 1600. */
  readonly windowSize?: { readonly width: number; readonly height: number };
  /** Kill the browser after this many ms. Default 60 000. */
  readonly timeoutMs?: number;
  /** The browser to run. Default: {@link findChromium}. */
  readonly chromium?: string;
}

/** What {@link renderInChromium} returns. */
export interface RenderedPage {
  /** The DOM after rendering, serialised (`--dump-dom`). */
  readonly dom: string;
  /** The PNG's path and size in bytes, when a screenshot was asked for. */
  readonly screenshot?: { readonly path: string; readonly bytes: number };
}

/** Flags every run gets: headless, no sandbox (containers run as root), no GPU, no network chatter, throwaway profile. */
const BASE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--hide-scrollbars',
];

function run(binary: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(binary, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(
          new LumixError('INVALID_STATE', `Chromium failed (${binary}): ${error.message}\n${stderr.split('\n').slice(-8).join('\n')}`, {
            cause: error,
            details: { binary, args },
          }),
        );
      } else {
        resolvePromise(stdout);
      }
    });
  });
}

/**
 * Renders a local HTML file in headless Chromium, the way the report tests check what a user
 * would see: returns the rendered DOM and, when asked, writes a screenshot. Each call uses a
 * fresh `--user-data-dir` that is removed afterwards.
 *
 * @throws LumixError `INVALID_STATE` when no Chromium is installed or the browser fails; the
 *   message says how to install it.
 */
export async function renderInChromium(htmlFile: string, options: RenderInChromiumOptions = {}): Promise<RenderedPage> {
  const binary = options.chromium ?? findChromium();
  if (binary === null) {
    throw new LumixError(
      'INVALID_STATE',
      'No Chromium found. Install it with scripts/setup.sh --with-browser (Debian: apt-get install chromium) or set CHROMIUM_PATH.',
    );
  }
  const file = resolve(htmlFile);
  if (!existsSync(file)) {
    throw new LumixError('INVALID_ARGUMENT', `No HTML file at ${file}; write the report first.`, { details: { file } });
  }
  const url = pathToFileURL(file).href;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const profile = mkdtempSync(join(tmpdir(), 'lumix-chromium-'));
  try {
    const flags = [...BASE_FLAGS, `--user-data-dir=${profile}`];
    const dom = await run(binary, [...flags, '--dump-dom', url], timeoutMs);
    if (options.screenshot === undefined) return { dom };
    const png = resolve(options.screenshot);
    const size = options.windowSize ?? { width: 1200, height: 1600 };
    await run(binary, [...flags, `--screenshot=${png}`, `--window-size=${size.width},${size.height}`, url], timeoutMs);
    if (!existsSync(png)) {
      throw new LumixError('INVALID_STATE', `Chromium ran but wrote no screenshot at ${png}.`, { details: { png } });
    }
    return { dom, screenshot: { path: png, bytes: statSync(png).size } };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
