// Used only when the solver pool runs from TypeScript sources (tests, tsx): Node 20 applies no
// --import hook inside a worker, so this plain module installs tsx there and re-exports the
// TypeScript worker module's task function. Built packages load dist/pool/pool-worker.js directly.
import { workerData } from 'node:worker_threads';

const { register } = await import(workerData.tsx);
register();
const worker = await import(workerData.entry);

export default worker.default;
