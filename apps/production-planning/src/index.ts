// @lumix/production-planning is an application: run it with `pnpm --filter
// @lumix/production-planning start -- <command>` (src/main.ts). Its export is the command
// line as a function, for running it in-process; its tests import the modules they test directly.
export { runProductionCli } from './production-cli.js';
// Its data generator too, for `pnpm bench apps` (data sets of any size, written as a data file).
export { generateProductionData } from './data/generate-production-data.js';
