import type { TerminationStatus } from '@lumix/core';

/** GLPK solution status codes as glpk.js returns them (`glp_get_status` for LPs, `glp_mip_status` for MIPs). */
const GLP_UNDEF = 1;
const GLP_FEAS = 2;
const GLP_INFEAS = 3;
const GLP_NOFEAS = 4;
const GLP_OPT = 5;
const GLP_UNBND = 6;

/**
 * What one native status says, before the context (a limit that was set, presolve) is applied:
 * - `final`: the status is the answer;
 * - `stopped`: the solver stopped early (a time limit, or GLPK's MIP gap); `hasSolution` says
 *   whether the returned point is feasible;
 * - `ambiguous`: GLPK could not say why it has no solution: with presolve on, glpk.js reports
 *   infeasible and unbounded LPs, and MIPs with an unbounded relaxation, as UNDEF. The caller
 *   re-solves to classify (or reports a limit when one was reached).
 */
export type GlpkReading =
  | { readonly kind: 'final'; readonly status: TerminationStatus; readonly hasSolution: boolean }
  | { readonly kind: 'stopped'; readonly hasSolution: boolean }
  | { readonly kind: 'ambiguous' };

/** Name of each native code, for messages. */
export const GLPK_STATUS_NAMES: Readonly<Record<number, string>> = {
  [GLP_UNDEF]: 'GLP_UNDEF',
  [GLP_FEAS]: 'GLP_FEAS',
  [GLP_INFEAS]: 'GLP_INFEAS',
  [GLP_NOFEAS]: 'GLP_NOFEAS',
  [GLP_OPT]: 'GLP_OPT',
  [GLP_UNBND]: 'GLP_UNBND',
};

const final = (status: TerminationStatus, hasSolution: boolean): GlpkReading => ({ kind: 'final', status, hasSolution });

/**
 * The one table from glpk.js's native status to a reading, keyed by problem kind and code.
 * LP codes come from `glp_get_status` after `glp_simplex`; MIP codes from `glp_mip_status` after
 * `glp_intopt`, which never reports INFEAS or UNBND.
 */
export const GLPK_STATUS_TABLE: Readonly<Record<'lp' | 'mip', Readonly<Record<number, GlpkReading>>>> = {
  lp: {
    [GLP_OPT]: final('optimal', true),
    [GLP_NOFEAS]: final('infeasible', false),
    [GLP_UNBND]: final('unbounded', false),
    // The simplex stopped early with a primal feasible (not yet optimal) basis.
    [GLP_FEAS]: { kind: 'stopped', hasSolution: true },
    // The simplex stopped early in phase 1.
    [GLP_INFEAS]: { kind: 'stopped', hasSolution: false },
    [GLP_UNDEF]: { kind: 'ambiguous' },
  },
  mip: {
    [GLP_OPT]: final('optimal', true),
    [GLP_NOFEAS]: final('infeasible', false),
    // An integer feasible point, optimality not proven: a time limit or the MIP gap stopped it.
    [GLP_FEAS]: { kind: 'stopped', hasSolution: true },
    [GLP_UNDEF]: { kind: 'ambiguous' },
  },
};

/** The reading of a native code; an unknown code reads as an error without a point. */
export function readGlpkStatus(kind: 'lp' | 'mip', code: number): GlpkReading {
  return GLPK_STATUS_TABLE[kind][code] ?? final('error', false);
}
