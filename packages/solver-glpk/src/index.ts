import type { SolverModule } from '@lumix/core';
import { createGlpkSolver, type GlpkSolverOptions } from './glpk-solver.js';

export { createGlpkSolver, GLPK_CAPABILITIES } from './glpk-solver.js';
export type { GlpkSolverOptions } from './glpk-solver.js';
export { GLPK_STATUS_TABLE, readGlpkStatus } from './status.js';
export type { GlpkReading } from './status.js';

/**
 * The backend as core's solver registry loads it (`solver: 'glpk'`): `createSolver(options)`
 * takes {@link GlpkSolverOptions}.
 */
const glpkModule: SolverModule = {
  name: 'glpk',
  createSolver: (options) => createGlpkSolver((options ?? {}) as GlpkSolverOptions),
};

export default glpkModule;
