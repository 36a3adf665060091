#!/usr/bin/env node
// Adds up the vitest JSON reports every package wrote and prints one closing line
// ("Tests: N passed, N failed, N skipped"), so a reader of the whole run sees the total.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0, failed = 0, skipped = 0;
const rows = [];
for (const group of ['packages', 'apps', 'tests']) {
  if (!existsSync(group)) continue;
  for (const dir of readdirSync(group)) {
    const file = join(group, dir, 'test-results.json');
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const p = r.numPassedTests ?? 0, f = r.numFailedTests ?? 0, s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    passed += p; failed += f; skipped += s;
    rows.push(`${join(group, dir).padEnd(34)} ${String(p).padStart(5)} passed ${String(f).padStart(3)} failed ${String(s).padStart(3)} skipped`);
  }
}
// The consumer test (scripts/consumer-test.mjs: packed tarballs installed with npm outside the
// workspace) writes the same counts, one per check.
const consumer = join('out', 'consumer-test-results.json');
if (existsSync(consumer)) {
  const r = JSON.parse(readFileSync(consumer, 'utf8'));
  const p = r.numPassedTests ?? 0, f = r.numFailedTests ?? 0, s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  passed += p; failed += f; skipped += s;
  rows.push(`${'consumer test (npm, tarballs)'.padEnd(34)} ${String(p).padStart(5)} passed ${String(f).padStart(3)} failed ${String(s).padStart(3)} skipped`);
}
console.log(rows.join('\n'));
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exit(1);
