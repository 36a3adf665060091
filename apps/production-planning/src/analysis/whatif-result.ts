import type { DecisionChange } from '@lumix/core';

/** One what-if as the command reports it. */
export interface WhatIfLine {
  /** `Wood (board feet) week 1 +100`. */
  readonly label: string;
  readonly status: string;
  readonly objective: number | null;
  readonly delta: number | null;
  readonly deltaPct: number | null;
  /** Δ per unit of the change (scan), when it is one. */
  readonly rate?: number | null;
  readonly solveMs: number;
  readonly path: string;
  readonly changedDecisions: readonly DecisionChange[];
  /** Orders met and short per priority (lexicographic mode). */
  readonly goals?: readonly { readonly priority: number; readonly satisfied: number; readonly total: number; readonly shortfall: number }[];
}

/** What the what-if command computed, for the console, the report and tests. */
export interface WhatIfSummary {
  readonly variant: 'correct' | 'lumix';
  readonly kind: 'change' | 'scan' | 'sweep' | 'compare';
  readonly baseline: { readonly status: string; readonly objective: number | null };
  readonly lines: readonly WhatIfLine[];
  readonly solver: string;
  readonly path: string;
  /** `LumiX penalty` (weighted, lower is better) or `Net profit` (lexicographic, higher is better). */
  readonly objectiveName: string;
  /** The baseline's orders met per priority (lexicographic mode). */
  readonly goals?: WhatIfLine['goals'];
}
