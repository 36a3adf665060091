import { runCli } from '@lumix/app-kit';
import { runProductionCli } from './production-cli.js';

await runCli((argv, out) => runProductionCli(argv, out));
