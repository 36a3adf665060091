#!/usr/bin/env node
// The consumer test: what a user gets from the registry, checked from the outside.
//
// 1. `pnpm pack` every public package (its prepack cleans, builds and checks dist/), then checks
//    each tarball: dist and LICENSE shipped, no src/, no `workspace:` left, no `@lumix/source`
//    condition in the published exports map, the right license, nothing MIT depending on GLPK.
// 2. A fresh npm project under the OS temp folder (outside the workspace) installs ONLY the
//    @lumix/core and @lumix/solver-highs tarballs (+ typescript and @types/node at the workspace's
//    versions), type-checks a strict model with moduleResolution nodenext and bundler, compiles it
//    and runs it with node: max 3x + 2y s.t. x + y <= 4, x + 3y <= 6, x <= 3 must give 11 at (3, 1).
// 3. It adds @lumix/solver-glpk and @lumix/solver-runtime and checks how the solver is chosen:
//    code option > LUMIX_SOLVER > lumix.config.json / package.json "lumix" field > default highs.
// 4. It adds @lumix/sql, @lumix/orm-sqlite and sqlite3, builds the same LP from a table of a
//    SQLite file, then @lumix/orm-sequelize with its peers reads the same file.
// 5. A second project installs @lumix/cli (and what it depends on) and runs `lumix solve` on an
//    LP file through the installed bin, which must run dist/.
//
// One line per check; a summary in out/consumer-test-results.json that scripts/test-summary.mjs
// adds to the closing "Tests:" line. Exit 1 when any check failed. Temp folders are removed
// (LUMIX_KEEP_CONSUMER_TEST=1 keeps them for debugging). npm uses a cache of its own under
// node_modules/.cache, so it never touches the user's npm cache.
//
// sqlite3 has no prebuilt binary reachable here and compiles from source (1-2 min). Unless
// LUMIX_CONSUMER_SQLITE3_FROM_SOURCE=1, the test serves the binary the workspace already compiled
// for the same sqlite3 version as that package's prebuilt, from 127.0.0.1, through prebuild-install's
// documented mirror setting (npm_config_sqlite3_binary_host_mirror): npm installs sqlite3 the
// normal way, running its install script, which downloads the prebuilt from the mirror.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = join(root, 'out', 'consumer-test-results.json');
const NPM_CACHE = join(root, 'node_modules', '.cache', 'lumix-consumer-test', 'npm');
const PUBLIC = ['core', 'sql', 'solver-runtime', 'solver-highs', 'solver-glpk', 'orm-sqlite', 'orm-sequelize', 'jobs', 'cli'];
const GPL = new Set(['solver-glpk']);
const keep = process.env.LUMIX_KEEP_CONSUMER_TEST === '1';
const started = performance.now();

// ---------------------------------------------------------------------------------------------
// Checks and their report

const checks = [];
function record(name, ok, detail = '') {
  checks.push({ name, ok, detail });
  const line = `${ok ? 'ok  ' : 'FAIL'} ${name}${detail === '' ? '' : ` - ${detail}`}`;
  (ok ? console.log : console.error)(`consumer: ${line}`);
  return ok;
}
/** Runs `fn`; a throw fails the check with its message. Returns whether it passed. */
async function check(name, fn) {
  try {
    const detail = await fn();
    return record(name, true, typeof detail === 'string' ? detail : '');
  } catch (e) {
    return record(name, false, (e instanceof Error ? e.message : String(e)).trim().split('\n').slice(0, 25).join('\n      '));
  }
}
function writeResults() {
  const passed = checks.filter((c) => c.ok).length;
  const failed = checks.length - passed;
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: 0, numTodoTests: 0, checks }, null, 2)}\n`,
  );
  return { passed, failed };
}

// ---------------------------------------------------------------------------------------------
// Processes: never inherit stdin; the environment of a user's shell, not of pnpm's script runner

/** The environment a user's shell would have: no npm_/pnpm_ variables of the script runner, no LUMIX_SOLVER, no NODE_OPTIONS. */
function userEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|INIT_CWD$|NODE_OPTIONS$|NODE_PATH$|LUMIX_)/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, CI: 'true', npm_config_cache: NPM_CACHE, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** Runs a command (async, so the local prebuilt mirror can answer meanwhile). Resolves with its output; rejects on failure. */
function run(cmd, args, { cwd, env = userEnv(), timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} could not start: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`\`${cmd} ${args.join(' ')}\` ${signal === null ? `exited ${code}` : `was killed (${signal}, ${timeoutMs / 1000} s limit)`}:\n${out.trim().split('\n').slice(-30).join('\n')}`));
    });
  });
}

const npm = (project, args, opts = {}) =>
  run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn'], { cwd: project, ...opts });

// ---------------------------------------------------------------------------------------------
// Files the consumer project holds

const workspaceManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const TYPESCRIPT = workspaceManifest.devDependencies.typescript;
const TYPES_NODE = workspaceManifest.devDependencies['@types/node'];
const SQLITE3 =
  JSON.parse(readFileSync(join(root, 'packages', 'orm-sqlite', 'package.json'), 'utf8')).devDependencies?.sqlite3 ?? '6.0.1';
const sequelizeDevDeps = JSON.parse(readFileSync(join(root, 'packages', 'orm-sequelize', 'package.json'), 'utf8')).devDependencies ?? {};

const STRICT = {
  strict: true,
  target: 'ES2022',
  lib: ['ES2023'],
  types: ['node'],
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  // Our .d.ts files are checked like the project's own code.
  skipLibCheck: false,
  rootDir: 'src',
};
const TSCONFIGS = {
  'tsconfig.nodenext.json': { compilerOptions: { ...STRICT, module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'dist' }, include: ['src'] },
  'tsconfig.bundler.json': { compilerOptions: { ...STRICT, module: 'ESNext', moduleResolution: 'Bundler', noEmit: true }, include: ['src'] },
};

const LP_TS = `import { Model, type Source, type VariableFamily } from '@lumix/core';

/** One activity of the LP: its profit and what it uses of the two resources. */
export interface Activity {
  readonly id: string;
  readonly profit: number;
  readonly r1: number;
  readonly r2: number;
  readonly max: number | null;
}

export const ACTIVITIES: readonly Activity[] = [
  { id: 'x', profit: 3, r1: 1, r2: 1, max: 3 },
  { id: 'y', profit: 2, r1: 1, r2: 3, max: null },
];

/** The two resources and how much of each there is. */
export const RESOURCES: readonly { readonly id: 'r1' | 'r2'; readonly available: number }[] = [
  { id: 'r1', available: 4 },
  { id: 'r2', available: 6 },
];

/**
 * max 3x + 2y s.t. x + y <= 4, x + 3y <= 6, x <= 3: the optimum is 11 at x = 3, y = 1. The
 * activities may come from an array or a database table (loaded when the model is built, so the
 * rows and the objective are given as callbacks).
 */
export function buildModel(activities: Source<Activity> = ACTIVITIES): { model: Model; act: VariableFamily<Activity> } {
  const model = new Model('consumer-lp');
  const act = model.continuous('act', activities, { key: (a) => a.id, ub: (a) => a.max ?? Infinity });
  model.constraints('capacity', RESOURCES, (r) => act.sum((a) => a[r.id]).le(r.available), { key: (r) => r.id });
  model.maximize(() => act.sum((a) => a.profit));
  return { model, act };
}
`;

const MAIN_TS = `import { createHighsSolver } from '@lumix/solver-highs';
import { buildModel } from './lp.js';

const { model, act } = buildModel();
const solution = await model.solve({ solver: createHighsSolver() });
const objective: number | null = solution.objective;
console.log(JSON.stringify({ status: solution.status, objective, x: solution.value(act, 'x'), y: solution.value(act, 'y'), solver: solution.run.solver }));
`;

const CHOOSE_TS = `import { resolveSolver } from '@lumix/solver-runtime';
import { buildModel } from './lp.js';

// node dist/choose.js [highs|glpk]: the solver named in code, else LUMIX_SOLVER, else the config, else highs
const named = process.argv[2];
const solver = await resolveSolver(named === undefined || named === '' ? undefined : named);
const { model, act } = buildModel();
const solution = await model.solve({ solver });
console.log(JSON.stringify({ solver: solver.name, status: solution.status, objective: solution.objective, x: solution.value(act, 'x'), y: solution.value(act, 'y') }));
`;

const SQLITE_TS = `import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { createHighsSolver } from '@lumix/solver-highs';
import { type Activity, buildModel } from './lp.js';

// node dist/sqlite.js FILE: writes the activities into a table of a new SQLite file, builds the LP from it
const file = process.argv[2];
if (file === undefined) throw new Error('usage: node dist/sqlite.js FILE');
const db = await openSqliteAdapter(file);
try {
  await db.createTables([
    { name: 'activities', columns: { id: { type: 'text', primaryKey: true }, profit: { type: 'real' }, r1: { type: 'real' }, r2: { type: 'real' }, max: { type: 'real', nullable: true } } },
  ]);
  await db.insertRows('activities', [
    { id: 'x', profit: 3, r1: 1, r2: 1, max: 3 },
    { id: 'y', profit: 2, r1: 1, r2: 3, max: null },
  ]);
  const { model, act } = buildModel(db.fromTable<Activity>('activities'));
  const solution = await model.solve({ solver: createHighsSolver() });
  const run = await db.saveRun(solution);
  console.log(JSON.stringify({ status: solution.status, objective: solution.objective, x: solution.value(act, 'x'), y: solution.value(act, 'y'), runId: run.id }));
} finally {
  await db.close();
}
`;

const SEQUELIZE_MJS = `import { openSequelizeAdapter } from '@lumix/orm-sequelize';
import { createHighsSolver } from '@lumix/solver-highs';
import { buildModel } from './dist/lp.js';

// node sequelize.mjs FILE: the same LP from the table the sqlite step wrote, through Sequelize
const db = await openSequelizeAdapter(process.argv[2]);
try {
  const { model, act } = buildModel(db.fromTable('activities'));
  const solution = await model.solve({ solver: createHighsSolver() });
  const latest = await db.latestRun({ modelName: 'consumer-lp' });
  console.log(JSON.stringify({ status: solution.status, objective: solution.objective, x: solution.value(act, 'x'), y: solution.value(act, 'y'), latestRunId: latest?.id ?? null }));
} finally {
  await db.close();
}
`;

const LP_FILE = `\\ max 3x + 2y s.t. x + y <= 4, x + 3y <= 6, x <= 3: optimum 11 at (3, 1)
Maximize
 obj: 3 x + 2 y
Subject To
 r1: x + y <= 4
 r2: x + 3 y <= 6
Bounds
 x <= 3
End
`;

function writeProject(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof text === 'string' ? text : `${JSON.stringify(text, null, 2)}\n`);
  }
}

/** The JSON line a consumer script printed. */
function lastJson(out) {
  const line = out.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (line === undefined) throw new Error(`no JSON result in the output:\n${out}`);
  return JSON.parse(line);
}

function expectOptimum(r, solver) {
  const close = (a, b) => typeof a === 'number' && Math.abs(a - b) <= 1e-6;
  const problems = [];
  if (r.status !== 'optimal') problems.push(`status ${r.status}`);
  if (!close(r.objective, 11)) problems.push(`objective ${r.objective}`);
  if (!close(r.x, 3) || !close(r.y, 1)) problems.push(`x = ${r.x}, y = ${r.y}`);
  if (solver !== undefined && r.solver !== solver) problems.push(`solved by ${r.solver}, expected ${solver}`);
  if (problems.length > 0) throw new Error(`expected optimal 11 at x = 3, y = 1${solver === undefined ? '' : ` by ${solver}`}, got ${problems.join(', ')}`);
  return `optimal 11 at (3, 1)${r.solver === undefined ? '' : ` by ${r.solver}`}`;
}

/** Reads one file out of a tarball. */
async function readFromTarball(tarball, path) {
  return run('tar', ['-xzOf', tarball, path]);
}

/** Every package under node_modules (scoped ones included) with its manifest. */
function installedPackages(project) {
  const out = [];
  const nm = join(project, 'node_modules');
  const visit = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const p = join(dir, entry);
      if (entry.startsWith('@')) visit(p);
      else if (existsSync(join(p, 'package.json'))) {
        out.push(JSON.parse(readFileSync(join(p, 'package.json'), 'utf8')));
        visit(join(p, 'node_modules'));
      }
    }
  };
  visit(nm);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The local prebuilt mirror for sqlite3

/** Serves the workspace's compiled sqlite3 binary as the prebuilt tarball of any path. Undefined when there is none. */
async function startSqlitePrebuiltMirror(work) {
  if (process.env.LUMIX_CONSUMER_SQLITE3_FROM_SOURCE === '1') return undefined;
  // The sqlite3 that @lumix/orm-sqlite uses in the workspace (pnpm links it into its node_modules).
  const link = join(root, 'packages', 'orm-sqlite', 'node_modules', 'sqlite3');
  if (!existsSync(join(link, 'package.json'))) return undefined;
  const pkgDir = realpathSync(link);
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  if (version !== SQLITE3 || !existsSync(join(pkgDir, 'build', 'Release', 'node_sqlite3.node'))) return undefined;
  const tarball = join(work, `sqlite3-v${version}-prebuilt.tar.gz`);
  await run('tar', ['-czf', tarball, '-C', pkgDir, 'build/Release/node_sqlite3.node']);
  const body = readFileSync(tarball);
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    if (req.method === 'GET' && /\.tar\.gz$/.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length });
      res.end(body);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

// ---------------------------------------------------------------------------------------------
// The steps

const work = mkdtempSync(join(tmpdir(), 'lumix-consumer-'));
const tarballDir = join(work, 'tarballs');
mkdirSync(tarballDir, { recursive: true });
mkdirSync(NPM_CACHE, { recursive: true });
rmSync(RESULTS_FILE, { force: true });
const tarballs = {};
let exiting = false;
function cleanup() {
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`consumer: kept ${work}`);
}
process.on('SIGINT', () => {
  if (exiting) return;
  exiting = true;
  record('finished', false, 'interrupted');
  writeResults();
  cleanup();
  process.exit(130);
});

async function packAll() {
  const queue = PUBLIC.filter((p) => {
    if (existsSync(join(root, 'packages', p, 'package.json'))) return true;
    record(`pack @lumix/${p}`, false, `packages/${p}/package.json does not exist`);
    return false;
  });
  // Two at a time: each pack runs its package's build (tsc).
  const worker = async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
      const name = `@lumix/${p}`;
      await check(`pack ${name}`, async () => {
        const dest = join(tarballDir, p);
        mkdirSync(dest, { recursive: true });
        await run('pnpm', ['pack', '--pack-destination', dest], { cwd: join(root, 'packages', p), env: { ...process.env, CI: 'true' }, timeoutMs: 240_000 });
        const file = readdirSync(dest).find((f) => f.endsWith('.tgz'));
        if (file === undefined) throw new Error('pnpm pack wrote no tarball');
        tarballs[p] = join(dest, file);
        return `${file} (${(statSync(tarballs[p]).size / 1024).toFixed(0)} kB)`;
      });
    }
  };
  await Promise.all([worker(), worker()]);
}

async function checkTarball(p) {
  const tgz = tarballs[p];
  if (tgz === undefined) return;
  await check(`tarball @lumix/${p}: contents and manifest`, async () => {
    const listing = (await run('tar', ['-tzf', tgz])).trim().split('\n');
    const manifest = JSON.parse(await readFromTarball(tgz, 'package/package.json'));
    const problems = [];
    if (listing.some((f) => f.startsWith('package/src/'))) problems.push('ships src/');
    if (!listing.some((f) => f.startsWith('package/dist/'))) problems.push('ships no dist/');
    for (const f of ['package/LICENSE', 'package/README.md']) if (!listing.includes(f)) problems.push(`has no ${f.slice(8)}`);
    const text = JSON.stringify(manifest);
    if (text.includes('workspace:')) problems.push('a dependency still says workspace:');
    if (text.includes('@lumix/source') && JSON.stringify(manifest.exports ?? {}).includes('@lumix/source')) problems.push('the exports map still has the @lumix/source condition');
    const targets = [];
    const collect = (v) => (typeof v === 'string' ? targets.push(v) : v !== null && typeof v === 'object' && Object.values(v).forEach(collect));
    collect(manifest.exports ?? {});
    for (const b of Object.values(typeof manifest.bin === 'string' ? { b: manifest.bin } : (manifest.bin ?? {}))) targets.push(b);
    for (const t of targets) if (!listing.includes(`package/${t.replace(/^\.\//, '')}`)) problems.push(`${t} (in exports/bin) is not in the tarball`);
    const license = GPL.has(p) ? 'GPL-3.0-or-later' : 'MIT';
    if (manifest.license !== license) problems.push(`license ${manifest.license}, expected ${license}`);
    if (manifest.engines?.node !== '>=20.10') problems.push(`engines.node ${manifest.engines?.node}`);
    if (!GPL.has(p) && manifest.dependencies?.['@lumix/solver-glpk'] !== undefined) problems.push('an MIT package depends on @lumix/solver-glpk (GPL)');
    if (p === 'cli' && (manifest.peerDependencies?.['@lumix/solver-glpk'] === undefined || manifest.peerDependenciesMeta?.['@lumix/solver-glpk']?.optional !== true))
      problems.push('@lumix/solver-glpk is not an optional peer dependency');
    if (problems.length > 0) throw new Error(problems.join('; '));
    const peers = Object.entries(manifest.peerDependencies ?? {}).map(([k, v]) => `${k}@${v}`);
    return `${listing.length} files${peers.length > 0 ? `, peers ${peers.join(' ')}` : ''}`;
  });
}

/**
 * Type-checks the project in both resolution modes (the nodenext run also emits dist/). Library
 * checking is on, so our .d.ts files are checked like the project's code; an error inside another
 * package's types (e.g. highs' types.d.ts naming the DOM's WebAssembly namespace) is not ours and
 * is only reported.
 */
async function typecheck(app, label) {
  const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  let ok = true;
  for (const config of ['tsconfig.nodenext.json', 'tsconfig.bundler.json']) {
    ok =
      (await check(`${label}: strict type-check, moduleResolution ${config.includes('nodenext') ? 'nodenext' : 'bundler (module esnext)'}`, async () => {
        let out = '';
        try {
          await run(process.execPath, [tsc, '-p', config, '--pretty', 'false'], { cwd: app, timeoutMs: 120_000 });
          return '';
        } catch (e) {
          out = e.message;
        }
        const errors = out.split('\n').filter((l) => / error TS\d+:/.test(l));
        const ours = errors.filter((l) => !l.startsWith('node_modules/') || l.startsWith('node_modules/@lumix/'));
        if (ours.length > 0 || errors.length === 0) throw new Error(out);
        const others = [...new Set(errors.map((l) => l.split('/')[1] ?? l))];
        return `${errors.length} error(s) only in third-party types, not ours (${others.join(', ')}): ${errors[0]}`;
      })) && ok;
  }
  return ok;
}

async function main() {
  console.log(`consumer: packing ${PUBLIC.length} public packages into ${work}`);
  await packAll();
  for (const p of PUBLIC) await checkTarball(p);
  const need = (...ps) => {
    const missing = ps.filter((p) => tarballs[p] === undefined);
    if (missing.length > 0) throw new Error(`no tarball of ${missing.map((p) => `@lumix/${p}`).join(', ')} (its pack failed)`);
    return ps.map((p) => tarballs[p]);
  };

  // -- 2: core + solver-highs only -------------------------------------------------------------
  const app = join(work, 'app');
  writeProject(app, {
    'package.json': { name: 'lumix-consumer-app', version: '0.0.0', private: true, type: 'module' },
    ...TSCONFIGS,
    'src/lp.ts': LP_TS,
    'src/main.ts': MAIN_TS,
  });
  const installedBase = await check('npm install @lumix/core + @lumix/solver-highs tarballs (nothing else of LumiX)', async () => {
    await npm(app, ['install', ...need('core', 'solver-highs'), `typescript@${TYPESCRIPT}`, `@types/node@${TYPES_NODE}`]);
    await npm(app, ['ls', '--all']);
    const gpl = installedPackages(app).filter((m) => /GPL/.test(String(m.license ?? '')) && !/LGPL/.test(String(m.license)));
    if (gpl.length > 0) throw new Error(`GPL packages came along: ${gpl.map((m) => m.name).join(', ')}`);
    return 'npm ls clean, no GPL package installed';
  });
  if (installedBase && (await typecheck(app, 'core + solver-highs'))) {
    await check('core + solver-highs: node runs the compiled model', async () => expectOptimum(lastJson(await run('node', ['dist/main.js'], { cwd: app })), 'highs'));
  }

  // -- 3: choosing the solver ------------------------------------------------------------------
  writeProject(app, { 'src/choose.ts': CHOOSE_TS });
  const installedRuntime =
    installedBase &&
    (await check('npm install @lumix/solver-glpk + @lumix/solver-runtime tarballs', async () => {
      await npm(app, ['install', ...need('solver-glpk', 'solver-runtime')]);
      await npm(app, ['ls', '--all']);
    }));
  if (installedRuntime && (await typecheck(app, 'solver-runtime'))) {
    const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
    const setConfig = ({ file, field }) => {
      rmSync(join(app, 'lumix.config.json'), { force: true });
      if (file !== undefined) writeFileSync(join(app, 'lumix.config.json'), `${JSON.stringify(file)}\n`);
      const next = { ...manifest };
      if (field !== undefined) next.lumix = field;
      writeFileSync(join(app, 'package.json'), `${JSON.stringify(next, null, 2)}\n`);
    };
    const cases = [
      { name: 'no choice anywhere: the default', expect: 'highs' },
      { name: 'lumix.config.json {"solver":"glpk"}', file: { solver: 'glpk' }, expect: 'glpk' },
      { name: 'package.json "lumix": {"solver":"glpk"}', field: { solver: 'glpk' }, expect: 'glpk' },
      { name: 'lumix.config.json beats the package.json field beside it', file: { solver: 'highs' }, field: { solver: 'glpk' }, expect: 'highs' },
      { name: 'LUMIX_SOLVER=glpk', env: 'glpk', expect: 'glpk' },
      { name: 'LUMIX_SOLVER=highs beats lumix.config.json glpk', file: { solver: 'glpk' }, env: 'highs', expect: 'highs' },
      { name: "resolveSolver('highs') in code beats LUMIX_SOLVER=glpk", env: 'glpk', code: 'highs', expect: 'highs' },
      { name: "resolveSolver('glpk') in code beats LUMIX_SOLVER=highs and the config", file: { solver: 'highs' }, env: 'highs', code: 'glpk', expect: 'glpk' },
    ];
    for (const c of cases) {
      await check(`solver choice: ${c.name} -> ${c.expect}`, async () => {
        setConfig(c);
        const env = userEnv(c.env === undefined ? {} : { LUMIX_SOLVER: c.env });
        return expectOptimum(lastJson(await run('node', ['dist/choose.js', c.code ?? ''], { cwd: app, env })), c.expect);
      });
    }
    setConfig({});
  }

  // -- 4: a model from a SQLite table ----------------------------------------------------------
  writeProject(app, { 'src/sqlite.ts': SQLITE_TS, 'sequelize.mjs': SEQUELIZE_MJS });
  const mirror = await startSqlitePrebuiltMirror(work);
  let installedSqlite = false;
  try {
    installedSqlite =
      installedBase &&
      (await check(`npm install @lumix/sql + @lumix/orm-sqlite tarballs + sqlite3@${SQLITE3}`, async () => {
        const env = userEnv(mirror === undefined ? {} : { npm_config_sqlite3_binary_host_mirror: mirror.url });
        await npm(app, ['install', ...need('sql', 'orm-sqlite'), `sqlite3@${SQLITE3}`], { env, timeoutMs: 600_000 });
        await npm(app, ['ls', '--all']);
        if (mirror === undefined) return 'sqlite3 compiled from source';
        return mirror.requests.length > 0
          ? "sqlite3's install script fetched the workspace's compiled binary from the local prebuilt mirror"
          : 'sqlite3 came from npm cache / prebuilt cache';
      }));
  } finally {
    await mirror?.close();
    // prebuild-install keeps what it downloaded under <npm cache>/_prebuilds, named after the URL
    // (a new port each run): drop it, so the cache does not grow and a later run fetches afresh.
    rmSync(join(NPM_CACHE, '_prebuilds'), { recursive: true, force: true });
  }
  const dbFile = join(work, 'activities.db');
  if (installedSqlite && (await typecheck(app, 'orm-sqlite'))) {
    await check('orm-sqlite: the LP built from a table of a SQLite file, run saved', async () => expectOptimum(lastJson(await run('node', ['dist/sqlite.js', dbFile], { cwd: app }))));
    const installedSequelize = await check('npm install @lumix/orm-sequelize tarball + its peers (sequelize, sequelize-typescript, reflect-metadata)', async () => {
      const peers = ['sequelize', 'sequelize-typescript', 'reflect-metadata'].map((n) => `${n}@${sequelizeDevDeps[n] ?? 'latest'}`);
      await npm(app, ['install', ...need('orm-sequelize'), ...peers], { timeoutMs: 300_000 });
      await npm(app, ['ls', '--all']);
    });
    if (installedSequelize) {
      await check('orm-sequelize: the same table through Sequelize', async () => {
        const r = lastJson(await run('node', ['sequelize.mjs', dbFile], { cwd: app }));
        if (typeof r.latestRunId !== 'number') throw new Error(`the run saved through orm-sqlite is not visible: ${JSON.stringify(r)}`);
        return expectOptimum(r);
      });
    }
  }

  // -- 5: the CLI, installed ---------------------------------------------------------------------
  const cliApp = join(work, 'cli-app');
  writeProject(cliApp, { 'package.json': { name: 'lumix-consumer-cli', version: '0.0.0', private: true, type: 'module' }, 'problem.lp': LP_FILE });
  const installedCli = await check('npm install @lumix/cli tarball (+ core, solver-runtime, solver-highs, jobs tarballs it depends on)', async () => {
    await npm(cliApp, ['install', ...need('cli', 'core', 'solver-runtime', 'solver-highs', 'jobs')]);
    await npm(cliApp, ['ls', '--all']);
    if (installedPackages(cliApp).some((m) => m.name === '@lumix/solver-glpk' || m.name === 'glpk.js')) throw new Error('GLPK came along with the CLI');
  });
  if (installedCli) {
    await check('cli: the installed `lumix` bin runs dist/ and solves an LP file', async () => {
      if (existsSync(join(cliApp, 'node_modules', '@lumix', 'cli', 'src'))) throw new Error('the installed CLI has src/');
      const out = await run(join(cliApp, 'node_modules', '.bin', 'lumix'), ['solve', 'problem.lp', '--json'], { cwd: cliApp });
      const r = lastJson(out);
      const objective = r.objective ?? r.result?.objective;
      if (typeof objective !== 'number' || Math.abs(objective - 11) > 1e-6) throw new Error(`expected objective 11, got:\n${out}`);
      return 'objective 11';
    });
  }
}

try {
  await main();
} catch (e) {
  record('finished', false, e instanceof Error ? (e.stack ?? e.message) : String(e));
} finally {
  const { passed, failed } = writeResults();
  cleanup();
  console.log(
    `consumer: ${passed} passed, ${failed} failed in ${((performance.now() - started) / 1000).toFixed(0)} s (results: ${relative(root, RESULTS_FILE)})`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
}
