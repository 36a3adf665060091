#!/usr/bin/env node
// The "prepack" script of every public package (`pnpm pack` and `pnpm publish` run it in the
// package's folder), so a tarball is always a fresh build and never a broken one:
// 1. removes dist/ (a file whose source was moved or deleted must not ship);
// 2. runs the package's "build" with --inlineSources (the shipped .js.map files carry the
//    TypeScript they map to, since src/ is not shipped);
// 3. fails the pack (exit 1) when the tarball would not work for a user:
//    - a file the published exports map, "types", "main" or "bin" points to is missing;
//    - "publishConfig.exports" is not the exports map without the workspace-only "@lumix/source"
//      condition (the published map must never send a consumer to ./src);
//    - "files" ships src/, or no dist/;
//    - LICENSE or "engines.node" is missing, or "license" does not match the LICENSE text.
// `node scripts/prepack.mjs --check-only` (in a package folder) skips steps 1-2.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_CONDITION = '@lumix/source';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const problems = [];

if (!process.argv.includes('--check-only')) {
  rmSync('dist', { recursive: true, force: true });
  const r = spawnSync('pnpm', ['run', 'build', '--inlineSources'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`${pkg.name}: the build failed (${r.error?.message ?? `exit ${r.status}`}); nothing packed.`);
    process.exit(1);
  }
}

/** The exports map as published: the workspace-only condition removed, recursively. */
function withoutSourceCondition(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) if (k !== SOURCE_CONDITION) out[k] = withoutSourceCondition(v);
  return out;
}

/** Every file path a (conditional) exports target names. */
function targets(value, into = []) {
  if (typeof value === 'string') into.push(value);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) targets(v, into);
  return into;
}

const published = pkg.publishConfig?.exports;
const expected = withoutSourceCondition(pkg.exports);
if (JSON.stringify(published) !== JSON.stringify(expected)) {
  problems.push(
    `"publishConfig.exports" must be "exports" without the "${SOURCE_CONDITION}" condition (what a user installs). Set it to:\n` +
      JSON.stringify(expected, null, 2),
  );
}
const files = [...targets(expected ?? {})];
if (typeof pkg.types === 'string') files.push(pkg.types);
if (typeof pkg.main === 'string') files.push(pkg.main);
const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
for (const bin of bins) {
  files.push(bin);
  // A bin that loads the build (new URL('../dist/main.js', import.meta.url)) needs that file too.
  const text = existsSync(bin) ? readFileSync(bin, 'utf8') : '';
  for (const m of text.matchAll(/['"](\.\.\/dist\/[^'"]+)['"]/g)) files.push(join(bin, '..', m[1]));
}
for (const file of files) {
  if (file.includes('*')) continue;
  if (!existsSync(file)) problems.push(`${file} is missing (run the build: pnpm run build)`);
}
const shipped = pkg.files ?? [];
if (!shipped.includes('dist')) problems.push('"files" must include "dist"');
if (shipped.some((f) => f === 'src' || f.startsWith('src/') || f.startsWith('./src'))) problems.push('"files" must not ship src/ (users get dist/)');
if (!existsSync('LICENSE')) problems.push('LICENSE is missing');
else {
  const license = readFileSync('LICENSE', 'utf8');
  const kind = /GNU GENERAL PUBLIC LICENSE\s+Version 3/.test(license) ? 'GPL-3.0' : /^MIT License/m.test(license) ? 'MIT' : 'unknown';
  if (!String(pkg.license ?? '').startsWith(kind)) problems.push(`"license" is ${JSON.stringify(pkg.license)} but LICENSE holds the ${kind} text`);
}
if (typeof pkg.engines?.node !== 'string') problems.push('"engines.node" is missing');

if (problems.length > 0) {
  console.error(`${pkg.name}: not packable:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`${pkg.name}: pack check ok (${files.length} published entry files present)`);
