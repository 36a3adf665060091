// @lumix/core/testing: what tests of code built on LumiX need — a scripted mock solver that
// records what it was asked, and a seeded random generator for reproducible generated data.
export { createMockSolver } from './mock-solver.js';
export type { MockSolver, MockSolverScript, MockStep, MockAnswer, MockCall } from './mock-solver.js';
export { seededRandom } from './seeded-random.js';
