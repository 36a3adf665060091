import { runCli } from '@lumix/app-kit';
import { runTimetablingCli } from './timetabling-cli.js';

// Entry point of `pnpm --filter @lumix/timetabling start -- <command>`.
await runCli((argv, out) => runTimetablingCli(argv, out));
