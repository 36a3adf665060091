import { runCli } from '@lumix/app-kit';
import { runTimetablingCli } from './timetabling-cli.js';

// Entry point of `pnpm --filter @lumix/timetabling start -- <command>`.
// The command-line process: Ctrl-C during a solve keeps the best timetable (a second one quits).
await runCli((argv, out) => runTimetablingCli(argv, out, undefined, { interruptible: true }));
