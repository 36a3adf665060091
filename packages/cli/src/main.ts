#!/usr/bin/env node
import { runCli } from './run-cli.js';

// Under `pnpm lumix` the package script runs with the package as its working directory;
// INIT_CWD is where the user typed the command, which is what relative paths mean to them.
const cwd = process.env['npm_lifecycle_event'] === 'lumix' && process.env['INIT_CWD'] !== undefined ? process.env['INIT_CWD'] : process.cwd();

// A reader that stops early (`lumix --help | head`) closes the pipe; that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd,
});
process.exitCode = code;
