#!/usr/bin/env node
// `pnpm lint`: runs every root "lint:*" script (layers: dependency-cruiser, unused: knip,
// code: Biome) even when an earlier one fails, then exits non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const scripts = Object.keys(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts).filter((s) => s.startsWith('lint:'));
const failed = [];
for (const script of scripts) {
  const t0 = performance.now();
  const r = spawnSync('pnpm', ['run', '--silent', script], { stdio: 'inherit', shell: process.platform === 'win32' });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const ok = r.status === 0;
  if (!ok) failed.push(script);
  console.log(`lint: ${script} ${ok ? 'passed' : 'FAILED'} (${seconds} s)`);
}
if (failed.length > 0) {
  console.error(`lint: ${failed.join(', ')} failed`);
  process.exit(1);
}
