#!/usr/bin/env node
// The `lumix` command. Runs the built CLI (dist/) when it exists; inside the workspace, where
// nothing is built, it runs the TypeScript sources through tsx with the @lumix/source condition.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/main.js', import.meta.url);
if (existsSync(dist)) {
  await import(dist.href);
} else {
  const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const tsx = import.meta.resolve('tsx');
  const r = spawnSync(process.execPath, ['--conditions=@lumix/source', '--import', tsx, source, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
  });
  process.exit(r.status ?? 1);
}
