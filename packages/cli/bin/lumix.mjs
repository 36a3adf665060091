#!/usr/bin/env node
// The `lumix` command. Inside the workspace (tsx resolvable, sources present) it runs the
// TypeScript sources with the @lumix/source condition, so it never runs a stale build; installed
// from a registry it runs the built dist/main.js.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
let tsx;
try {
  tsx = existsSync(source) ? import.meta.resolve('tsx') : undefined;
} catch {
  tsx = undefined;
}
if (tsx === undefined) {
  await import(new URL('../dist/main.js', import.meta.url).href);
} else {
  const r = spawnSync(process.execPath, ['--conditions=@lumix/source', '--import', tsx, source, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
  });
  process.exit(r.status ?? 1);
}
