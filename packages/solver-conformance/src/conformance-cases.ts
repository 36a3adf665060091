import type { ConformanceCase } from './conformance-case.js';
import { DUAL_CASES, REDUCED_COST_CASES } from './cases/dual-cases.js';
import { LP_CASES } from './cases/lp-cases.js';
import { MILP_CASES } from './cases/milp-cases.js';
import { OPTION_CASES } from './cases/option-cases.js';
import { STATUS_CASES } from './cases/status-cases.js';

/** Every shared case of the suite, in run order. */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  ...LP_CASES,
  ...MILP_CASES,
  ...STATUS_CASES,
  ...DUAL_CASES,
  ...REDUCED_COST_CASES,
  ...OPTION_CASES,
];
