#!/usr/bin/env node
// `pnpm start`: a demo of both apps on fresh SQLite files in out/demo/ — seed the tutorial data,
// solve with HiGHS (writing the HTML report), and show the saved run — run exactly as a user
// would run each app (`pnpm --filter <app> start -- <command>`). An app that is not in the
// checkout yet (no package.json, no start script, or no entry file) is skipped with the reason.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'demo');
const shown = (p) => relative(root, p) || '.';

const APPS = [
  { dir: 'apps/production-planning', title: 'Production planning', db: 'production.db', report: 'production-plan.html' },
  { dir: 'apps/timetabling', title: 'School timetabling', db: 'school.db', report: 'timetable.html' },
];

/** Why an app cannot run yet, or null when it can. */
function missingPart(app) {
  const manifestPath = join(root, app.dir, 'package.json');
  if (!existsSync(manifestPath)) return `${app.dir}/package.json does not exist`;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const start = manifest.scripts?.start;
  if (typeof start !== 'string') return `${app.dir}/package.json has no "start" script`;
  const entry = /(\S+\.[cm]?[jt]s)\b/.exec(start)?.[1];
  if (entry !== undefined && !existsSync(join(root, app.dir, entry))) return `its start script runs ${app.dir}/${entry}, which does not exist`;
  return null;
}

function banner(text) {
  const line = '='.repeat(Math.max(72, text.length + 4));
  console.log(`\n${line}\n  ${text}\n${line}`);
}

function run(pkg, args) {
  const argv = ['--silent', '--filter', pkg, 'start', '--', ...args];
  console.log(`\n$ pnpm ${argv.filter((a) => a !== '--silent').join(' ')}`);
  const t0 = performance.now();
  const r = spawnSync('pnpm', argv, { cwd: root, stdio: 'inherit', env: { ...process.env, INIT_CWD: root } });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error !== undefined) {
    console.error(`demo: could not run pnpm (${r.error.message}). Install pnpm 10 (npm i -g pnpm@10) or run scripts/setup.sh.`);
    return { code: 1, seconds };
  }
  return { code: r.status ?? 1, seconds };
}

mkdirSync(outDir, { recursive: true });
const summary = [];
let exitCode = 0;
for (const app of APPS) {
  const reason = missingPart(app);
  const pkg = reason === null ? JSON.parse(readFileSync(join(root, app.dir, 'package.json'), 'utf8')).name : undefined;
  if (reason !== null) {
    banner(`${app.title}: skipped`);
    console.log(`Skipping ${app.title}: ${reason}.`);
    summary.push(`${app.title}: skipped (${reason})`);
    continue;
  }
  banner(`${app.title} (${pkg})`);
  const db = join(outDir, app.db);
  const report = join(outDir, app.report);
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  rmSync(report, { force: true });
  const steps = [
    ['seed', ['seed', '--db', shown(db)]],
    ['solve', ['solve', '--db', shown(db), '--solver', 'highs', '--report', shown(report)]],
    ['show', ['show', '--db', shown(db)]],
  ];
  const times = [];
  let failed = null;
  for (const [name, args] of steps) {
    const r = run(pkg, args);
    times.push(`${name} ${r.seconds.toFixed(1)} s`);
    if (r.code !== 0) {
      failed = `${name} exited with ${r.code}`;
      exitCode = exitCode || r.code;
      break;
    }
  }
  summary.push(
    failed === null
      ? `${app.title}: ok (${times.join(', ')}); database ${shown(db)}, report ${shown(report)}`
      : `${app.title}: FAILED, ${failed} (${times.join(', ')})`,
  );
}
banner('Demo summary');
for (const line of summary) console.log(`- ${line}`);
console.log('\nOpen the reports in a browser; they are single self-contained HTML files.');
process.exitCode = exitCode;
