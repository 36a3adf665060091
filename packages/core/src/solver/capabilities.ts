/**
 * What a solver backend can do. Data, not behaviour: core reads it before solving and throws
 * `UNSUPPORTED_FEATURE` naming what is missing. Every flag defaults to `false` except `lp`
 * (see {@link DEFAULT_CAPABILITIES}); build one with {@link defineCapabilities} so that a flag
 * added later with its default does not break a backend.
 */
export interface SolverCapabilities {
  /** Continuous linear programs. Default `true`. */
  readonly lp: boolean;
  /** Integer and binary columns (MILP). Default `false`. */
  readonly integer: boolean;
  /** Row duals (shadow prices) for LPs. Default `false`. */
  readonly rowDuals: boolean;
  /** Column reduced costs for LPs. Default `false`. */
  readonly reducedCosts: boolean;
  /** Basis status of columns and rows. Default `false`. */
  readonly basis: boolean;
  /** Cost and bound ranging (sensitivity). Default `false`. */
  readonly ranging: boolean;
  /** Irreducible infeasible subsystem. Default `false`. */
  readonly iis: boolean;
  /** A starting point for MIPs. Default `false`. */
  readonly mipStart: boolean;
  /** Re-solve a kept model after bound, rhs or cost changes. Default `false`. */
  readonly persistentResolve: boolean;
  /** Honours `timeLimit`. Default `false`. */
  readonly timeLimit: boolean;
  /** Honours `mipGap`. Default `false`. */
  readonly mipGap: boolean;
  /** Honours `presolve: false`. Default `false`. */
  readonly presolveToggle: boolean;
  /** Sends log lines to `log`. Default `false`. */
  readonly logCallback: boolean;
  /** Can run its solve in a worker thread. Default `false`. */
  readonly worker: boolean;
}

/** The defaults of every capability flag: LP only. */
export const DEFAULT_CAPABILITIES: SolverCapabilities = Object.freeze({
  lp: true,
  integer: false,
  rowDuals: false,
  reducedCosts: false,
  basis: false,
  ranging: false,
  iis: false,
  mipStart: false,
  persistentResolve: false,
  timeLimit: false,
  mipGap: false,
  presolveToggle: false,
  logCallback: false,
  worker: false,
});

/** Capabilities from the flags a backend sets; the rest keep their documented defaults. */
export function defineCapabilities(flags: Partial<SolverCapabilities>): SolverCapabilities {
  return Object.freeze({ ...DEFAULT_CAPABILITIES, ...flags });
}
