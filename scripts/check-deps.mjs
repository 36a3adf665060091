#!/usr/bin/env node
// Enforces the dependency rule for the package in the current directory:
// core imports no workspace package and has no runtime dependencies; solver-* and orm-* import
// only @lumix/core among workspace packages; apps and the CLI import public entry points only.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const name = pkg.name;
const problems = [];
const allowed = (spec) => {
  if (name === '@lumix/core') return false;
  if (/^@lumix\/(solver|orm)-(?!conformance)/.test(name)) return spec === '@lumix/core';
  return true;
};
if (name === '@lumix/core' && Object.keys(pkg.dependencies ?? {}).length > 0) {
  problems.push(`@lumix/core must have no runtime dependencies, has: ${Object.keys(pkg.dependencies).join(', ')}`);
}
function walk(dir) {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|mts|js|mjs)$/.test(p)) {
      const text = readFileSync(p, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)['"](@lumix\/[^'"]+)['"]/g)) {
        const spec = m[1];
        const root = spec.split('/').slice(0, 2).join('/');
        if (spec !== root) problems.push(`${p}: deep import '${spec}' (import the package entry '${root}' instead)`);
        else if (root !== name && !allowed(root)) problems.push(`${p}: '${name}' may not import '${root}'`);
      }
    }
  }
}
try { walk('src'); } catch (e) { if (e.code !== 'ENOENT') throw e; }
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${name}: dependency rule ok`);
