// @lumix/core/io: CPLEX LP and MPS (free and fixed) readers and writers over the StandardForm.
export { readMps } from './read-mps.js';
export type { ReadMpsOptions, MpsFormat, ObjectiveRhsConvention } from './read-mps.js';
export { writeMps } from './write-mps.js';
export type { WriteMpsOptions } from './write-mps.js';
export { readLp } from './read-lp.js';
export type { ReadLpOptions } from './read-lp.js';
export { writeLp, isLegalLpName } from './write-lp.js';
export type { WriteLpOptions } from './write-lp.js';
