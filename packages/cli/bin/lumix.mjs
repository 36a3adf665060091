#!/usr/bin/env node
// The `lumix` command. Installed from a registry, it runs the built dist/main.js (the package
// ships dist/, not src/). Inside the LumiX workspace itself (this file is
// <checkout>/packages/cli/bin/lumix.mjs, the checkout's package.json is "lumix-ts" and the
// sources are there) it runs the TypeScript sources with the @lumix/source condition through the
// workspace's own tsx, so a leftover build never runs stale code there. It never looks for tsx
// anywhere else: a project that installs @lumix/cli and has tsx of its own still runs dist/.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The URL of the workspace's tsx loader when this is the workspace's own copy of the CLI, else undefined. */
function workspaceTsx(source) {
  const root = new URL('../../../', import.meta.url);
  const manifest = fileURLToPath(new URL('package.json', root));
  if (!existsSync(source) || !existsSync(new URL('pnpm-workspace.yaml', root)) || !existsSync(manifest)) return undefined;
  try {
    if (JSON.parse(readFileSync(manifest, 'utf8')).name !== 'lumix-ts') return undefined;
    // tsx's "." export is its ESM loader (what --import takes), resolved from the workspace root.
    return pathToFileURL(createRequire(manifest).resolve('tsx')).href;
  } catch {
    return undefined;
  }
}

const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const tsx = workspaceTsx(source);
if (tsx === undefined) {
  await import(new URL('../dist/main.js', import.meta.url).href);
} else {
  const child = spawn(process.execPath, ['--conditions=@lumix/source', '--import', tsx, source, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
  });
  // `lumix worker` stops cleanly on SIGINT/SIGTERM: pass them on (a signal sent to this process
  // alone must reach the worker too) and wait for it, instead of dying first.
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(name, () => child.kill(name));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128 + (constants.signals[signal] ?? 0))));
}
