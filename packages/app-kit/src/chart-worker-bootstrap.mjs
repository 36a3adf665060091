// Used only when the chart worker runs from TypeScript sources (tests, tsx): Node 20 applies no
// --import hook inside a worker, so this plain module installs tsx there and then loads the
// TypeScript entry. Built packages start dist/chart-worker-entry.js directly.
import { workerData } from 'node:worker_threads';

const { register } = await import(workerData.tsx);
register();
await import(workerData.entry);
