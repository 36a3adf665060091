export { describeConformance } from './describe-conformance.js';
export type { ConformanceSubject, ConformanceConfig } from './describe-conformance.js';
export { caseId } from './conformance-case.js';
export type { ConformanceCase } from './conformance-case.js';
export { planConformance, missingCapabilities } from './plan-conformance.js';
export type { ConformanceSkip, PlannedCase } from './plan-conformance.js';
