import { runCli } from '@lumix/app-kit';
import { runProductionCli } from './production-cli.js';

// The command-line process: Ctrl-C during a multi-period solve keeps the best plan (a second one quits).
await runCli((argv, out) => runProductionCli(argv, out, undefined, { interruptible: true }));
