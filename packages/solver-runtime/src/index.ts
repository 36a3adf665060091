export { resolveSolver, chooseSolverName, DEFAULT_SOLVER } from './resolve-solver.js';
export type { SolverChoice, ResolveSolverOptions, ChosenSolver, SolverNameOrigin } from './resolve-solver.js';
export { SOLVER_PACKAGES } from './solver-packages.js';
export type { SolverName } from './solver-packages.js';
export { readSolverConfig, CONFIG_FILE_NAME } from './solver-config.js';
export type { SolverConfig } from './solver-config.js';
export { createWorkerSolver } from './worker-solver.js';
export type { WorkerSolver, WorkerSolverOptions, WorkerBackend } from './worker-solver.js';
