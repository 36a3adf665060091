export { describeSolverConformance } from './describe-solver-conformance.js';
export type { ConformanceConfig, ConformanceSkip } from './describe-solver-conformance.js';
export { CONFORMANCE_CASES } from './conformance-cases.js';
export { caseId } from './conformance-case.js';
export type { ConformanceCase } from './conformance-case.js';
export { expectOptimal, expectFeasiblePoint, expectNoPoint, expectCloseArray, relativeError } from './expect-solution.js';
export { marketSplit } from './market-split.js';
export type { MarketSplitOptions } from './market-split.js';
export { productionProblem, smallKnapsack } from './cases/problems.js';
