import type { SolverModule } from '@lumix/core';
import { createHighsSolver, type HighsSolverOptions } from './highs-solver.js';

export { createHighsSolver, HIGHS_CAPABILITIES } from './highs-solver.js';
export type { HighsSolverOptions, HighsSolver, HighsSession } from './highs-solver.js';
export type { HighsSolveOptions, HighsSolveResult } from './highs-run.js';
export type { HighsOptionValue } from './highs-options.js';
export { HIGHS_STATUS_TABLE, mapHighsStatus } from './status.js';
export type { HighsStatusEntry } from './status.js';
export { loadHighs } from './load-highs.js';
export { estimateHighsMemory, HIGHS_MEMORY_LIMIT_BYTES } from './highs-memory.js';
export type { HighsProblemSize } from './highs-memory.js';

/**
 * The backend as a {@link SolverModule}, so that `resolveSolver('highs')` (and
 * `solver: 'highs'` in options) can create it from a name. Its one default export.
 */
const highsModule: SolverModule = {
  name: 'highs',
  createSolver: (options) => createHighsSolver((options ?? {}) as HighsSolverOptions),
};
export default highsModule;
