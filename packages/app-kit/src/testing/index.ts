// @lumix/app-kit/testing: what the apps' tests share — faults of the environment made for real
// (read-only files and folders, a full disk, a database locked by another process).
export { BOUND_BY_PERMISSIONS, fullDiskUnavailable, holdLock, makeReadOnly, mountSmallDisk, openFolderTo } from './fault-env.js';
// A report open in headless Chromium through Playwright: click each tab, read it, screenshot it.
export { chromiumForTests, openReport } from './report-browser.js';
export type { ChromiumForTests, OpenedReport, OpenedTab, OpenReportOptions } from './report-browser.js';
// An app of the workspace run from its sources with stdout closed (`app … | head -1`).
export { runAppWithClosedStdout } from './closed-stdout.js';
export type { ClosedStdoutOptions } from './closed-stdout.js';
