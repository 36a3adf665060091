// @ts-check
/**
 * The layer rule (shared/DESIGN.md "Packages and the layers"), checked by `pnpm lint` with
 * dependency-cruiser over every workspace package's src/ and test/.
 *
 * How imports are seen: a workspace import such as `@lumix/sql` goes through pnpm's symlink
 * (node_modules/@lumix/sql -> packages/sql) and the package's exports map with the
 * `@lumix/source` condition first, so it resolves to the real file (packages/sql/src/index.ts).
 * The rules below therefore compare real paths. A deep import (`@lumix/core/src/x.js`) is not in
 * any exports map and does not resolve at all (rule not-to-unresolvable); a relative path into
 * another package resolves to a file that is not an entry point (rule only-public-entry-points).
 * Type-only imports count too (tsPreCompilationDeps), since they end up in the published .d.ts.
 */
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = __dirname;

/** Every workspace package: its folder (relative to the root) and its exports map targets. */
function workspacePackages() {
  const dirs = [];
  for (const group of ['packages', 'apps', 'tests']) {
    if (!existsSync(join(root, group))) continue;
    for (const d of readdirSync(join(root, group))) dirs.push(`${group}/${d}`);
  }
  dirs.push('test-fixtures');
  const result = [];
  for (const dir of dirs) {
    const manifest = join(root, dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    /** @type {string[]} */
    const entries = [];
    const collect = (/** @type {unknown} */ target) => {
      if (typeof target === 'string') entries.push(`${dir}/${target.replace(/^\.\//, '')}`);
      else if (target !== null && typeof target === 'object') for (const v of Object.values(target)) collect(v);
    };
    collect(pkg.exports ?? {});
    if (typeof pkg.main === 'string') collect(pkg.main);
    result.push({ dir, name: pkg.name, short: dir.split('/').pop(), entries });
  }
  return result;
}

const escapeRegex = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PACKAGES = workspacePackages();
const ANY_PACKAGE = '^(packages|apps|tests)/[^/]+/|^test-fixtures/';
const PUBLIC_ENTRIES = PACKAGES.flatMap((p) => p.entries).map((e) => `^${escapeRegex(e)}$`);

/**
 * Which workspace packages each package's src/ may import (besides itself), by folder name.
 * Anything not listed here is checked only by the generic rules.
 */
const PUBLIC_LIBS = ['core', 'sql', 'solver-runtime', 'solver-highs', 'solver-glpk', 'orm-sqlite', 'orm-sequelize', 'jobs'];
const MAY_IMPORT = {
  core: [],
  sql: ['core'],
  'solver-runtime': ['core'], // plus solver backends by dynamic import(), see solver-runtime-loads-backends-lazily
  'solver-highs': ['core'],
  'solver-glpk': ['core'],
  'orm-sqlite': ['core', 'sql'],
  'orm-sequelize': ['core', 'sql'],
  // Solve jobs on a pg-boss queue (L2): the queue, the worker loop, warm solver pools.
  jobs: ['core', 'solver-runtime'],
  // The CLI ships HiGHS (MIT) as a dependency; GLPK (GPL) only through solver-runtime's lazy import.
  cli: ['core', 'solver-runtime', 'solver-highs', 'jobs'],
  'conformance-kit': ['core'],
  'solver-conformance': ['core', 'conformance-kit'],
  'orm-conformance': ['core', 'sql', 'conformance-kit'],
  'app-kit': PUBLIC_LIBS,
  'production-planning': [...PUBLIC_LIBS, 'app-kit'],
  timetabling: [...PUBLIC_LIBS, 'app-kit'],
};
/** Private packages whose src/ may import any workspace package (benchmarks measure them all). */
const UNLAYERED = ['benchmarks', 'test-fixtures'];
const dirOf = (/** @type {string} */ short) => PACKAGES.find((p) => p.short === short)?.dir ?? `packages/${short}`;
// A package missing from the table gets the strictest useful rule (core only) until it is added.
/** @type {Record<string, string[]>} */
const layers = { ...MAY_IMPORT };
const unlisted = new Set();
for (const p of PACKAGES) {
  if (p.dir.startsWith('tests/') || UNLAYERED.includes(p.short) || p.short in layers) continue;
  layers[p.short] = ['core'];
  unlisted.add(p.short);
}

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const layerRules = Object.entries(layers).map(([pkg, allowed]) => ({
  name: `layer-${pkg}`,
  severity: 'error',
  comment:
    `${dirOf(pkg)}/src may import only ${allowed.length === 0 ? 'no other workspace package' : allowed.map((a) => `@lumix/${a}`).join(', ')} ` +
    (unlisted.has(pkg)
      ? '(it is not in the layer table yet: add it to MAY_IMPORT in .dependency-cruiser.cjs).'
      : '(shared/DESIGN.md: a package imports only layers below it, plugins never import each other).'),
  from: { path: `^${escapeRegex(dirOf(pkg))}/src/` },
  to: {
    path: ANY_PACKAGE,
    pathNot: [`^${escapeRegex(dirOf(pkg))}/`, ...allowed.map((a) => `^${escapeRegex(dirOf(a))}/`)].concat(
      pkg === 'solver-runtime' ? ['^packages/solver-(highs|glpk)/'] : [],
    ),
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'This import is part of a cycle of runtime imports. Move the shared part into its own module. ' +
        '(Cycles that need an `import type` link are allowed: they vanish at runtime and in the bundles.)',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'The import does not resolve. For @lumix/x/deeper this means it is not in the exports map ' +
        '(import the package entry, or a subpath it exports: ".", "./io", "./testing"); otherwise add the package to package.json.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'core-is-platform-neutral',
      severity: 'error',
      comment: '@lumix/core must bundle for a browser: no node: built-ins anywhere in its src/ (Node-only code goes to @lumix/solver-runtime).',
      from: { path: '^packages/core/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-has-no-dependencies',
      severity: 'error',
      comment: '@lumix/core has no runtime dependencies: its src/ imports no npm package (describe third-party handles by structural types).',
      from: { path: '^packages/core/src/' },
      to: { path: 'node_modules' },
    },
    {
      name: 'core-model-not-io-or-testing',
      severity: 'error',
      comment: 'Inside core, src/model/ must not depend on src/io/ (LP/MPS, the @lumix/core/io subpath) or src/testing/ (the mock solver).',
      from: { path: '^packages/core/src/model/' },
      to: { path: '^packages/core/src/(io|testing)/' },
    },
    ...layerRules,
    {
      name: 'solver-runtime-loads-backends-lazily',
      severity: 'error',
      comment: '@lumix/solver-runtime may reach a solver backend only through a dynamic import() (so a missing optional backend is a clear error, not a crash at load).',
      from: { path: '^packages/solver-runtime/src/' },
      to: { path: '^packages/solver-(highs|glpk)/', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'only-public-entry-points',
      severity: 'error',
      comment:
        'Across packages, import only what a package exports ("@lumix/x", "@lumix/x/io", "@lumix/x/testing"), ' +
        'never a file inside it by a relative path.',
      from: { path: '^((packages|apps|tests)/[^/]+|test-fixtures)/' },
      to: { path: ANY_PACKAGE, pathNot: ['^$1/', ...PUBLIC_ENTRIES] },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment:
        'Production code (a package src/) must not import @lumix/core/testing, the conformance suites and their kit, or @lumix/test-fixtures; ' +
        'those belong in test/.',
      from: {
        path: '^packages/[^/]+/src/',
        pathNot: ['^packages/(conformance-kit|solver-conformance|orm-conformance|benchmarks)/', '^packages/core/src/testing/'],
      },
      to: { path: ['^packages/core/src/testing/', '^packages/(conformance-kit|solver-conformance|orm-conformance)/', '^test-fixtures/'] },
    },
    {
      name: 'no-test-suites-in-apps',
      severity: 'error',
      comment:
        'An app\'s src/ must not import the conformance suites or @lumix/test-fixtures. (Its demo-data generators may use seededRandom ' +
        'from @lumix/core/testing: generated data is what that subpath is for, and the apps are private.)',
      from: { path: '^apps/[^/]+/src/' },
      to: { path: ['^packages/(conformance-kit|solver-conformance|orm-conformance)/', '^test-fixtures/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^(\\.git|out)/', '(^|/)(dist|coverage|\\.turbo)/'] },
    tsPreCompilationDeps: true,
    // Resolve the real path of pnpm's workspace symlinks, so rules see packages/x/src/...
    preserveSymlinks: false,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@lumix/source', 'import', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
