import type { ConformanceCase } from './conformance-case.js';
import { DUAL_CASES, REDUCED_COST_CASES } from './cases/dual-cases.js';
import { IIS_CASES } from './cases/iis-cases.js';
import { LEXICOGRAPHIC_CASES } from './cases/lexicographic-cases.js';
import { LIMIT_CASES } from './cases/limit-cases.js';
import { LP_CASES } from './cases/lp-cases.js';
import { MILP_CASES } from './cases/milp-cases.js';
import { MIP_START_CASES } from './cases/mip-start-cases.js';
import { OPTION_CASES } from './cases/option-cases.js';
import { PROGRESS_CASES } from './cases/progress-cases.js';
import { RANGING_CASES } from './cases/ranging-cases.js';
import { SESSION_CASES } from './cases/session-cases.js';
import { STATUS_CASES } from './cases/status-cases.js';
import { UNCLAIMED_CASES } from './cases/unclaimed-cases.js';

/** Every shared case of the suite, in run order. */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  ...LP_CASES,
  ...MILP_CASES,
  ...STATUS_CASES,
  ...DUAL_CASES,
  ...REDUCED_COST_CASES,
  ...OPTION_CASES,
  ...LIMIT_CASES,
  ...SESSION_CASES,
  ...IIS_CASES,
  ...MIP_START_CASES,
  ...PROGRESS_CASES,
  ...RANGING_CASES,
  ...LEXICOGRAPHIC_CASES,
  ...UNCLAIMED_CASES,
];
