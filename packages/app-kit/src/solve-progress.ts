import type { Solution, SolveProgress, Solver } from '@lumix/core';
import { formatNumber } from './format-table.js';
import type { CliOutput } from './run-cli.js';

/** Options of {@link solveProgressOptions}. */
export interface SolveProgressPrintOptions {
  /** Seconds between two progress lines. Default 5. */
  readonly everySeconds?: number;
  /**
   * The clock, in seconds (only differences count). Default: `performance.now() / 1000`. The
   * lines show the time since {@link solveProgressOptions} was called, so one set of options
   * spread into the solves of a command that solves in stages counts across them.
   */
  readonly clock?: () => number;
}

/** The one progress line of a report: elapsed time (`seconds`, default the report's), incumbent, bound, gap and nodes. */
export function formatProgress(p: SolveProgress, seconds: number = p.seconds): string {
  const value = (x: number | null): string => (x === null ? '—' : formatNumber(x, 2));
  const gap = p.gap === null ? '—' : `${formatNumber(p.gap * 100, 2)}%`;
  return (
    `progress ${formatNumber(seconds, 1)} s: incumbent ${value(p.incumbent)}, bound ${value(p.bound)}, gap ${gap}, ` +
    `${formatNumber(p.nodes, 0)} nodes${p.kind === 'incumbent' ? ' (new incumbent)' : ''}`
  );
}

/**
 * The `onProgress` option of an app's solve, printing a line on stderr every few seconds of a
 * long MIP solve (`everySeconds`, and a new incumbent found after the first `everySeconds` at
 * once, at most one a second): time since this call, incumbent, bound, gap and nodes, as
 * {@link formatProgress}. Lines go to stderr so that `solve … | head` and a redirected stdout keep
 * only the results. A solve shorter than `everySeconds` prints nothing.
 *
 * Returns `{}` for a solver without the `progress` capability (GLPK), so that the spread
 * `model.solve({ solver, ...solveProgressOptions(solver, out) })` never asks a backend for what
 * it cannot do.
 */
export function solveProgressOptions(solver: Solver, out: CliOutput, options: SolveProgressPrintOptions = {}): { onProgress?: (p: SolveProgress) => void } {
  if (!solver.capabilities.progress) return {};
  const every = options.everySeconds ?? 5;
  const clock = options.clock ?? ((): number => performance.now() / 1000);
  const start = clock();
  let lastPrinted = 0;
  return {
    onProgress: (p) => {
      // Nothing in the first `every` seconds (a short solve stays quiet); then a line every
      // `every` seconds, and a new incumbent at once unless a line was printed in the last second.
      const elapsed = clock() - start;
      const due = elapsed - lastPrinted >= every;
      const incumbentWorthALine = p.kind === 'incumbent' && elapsed >= every && elapsed - lastPrinted >= Math.min(1, every);
      if (!due && !incumbentWorthALine) return;
      lastPrinted = elapsed;
      out.err(formatProgress(p, elapsed));
    },
  };
}

/**
 * The sentence for a solve the solver stopped before proving optimality but with a point (a
 * time limit, an iteration limit, an interruption), saying that the best point found is kept;
 * `undefined` for an optimal solve or one without a point. `timeLimit` (seconds) names the
 * `--time-limit` that stopped it.
 */
export function describeStoppedSolve(solution: Solution, timeLimit?: number): string | undefined {
  if (!solution.hasSolution || solution.status === 'optimal') return undefined;
  const why =
    solution.status === 'time-limit'
      ? `at the time limit${timeLimit === undefined ? '' : ` (--time-limit ${String(timeLimit)})`}`
      : solution.status === 'interrupted'
        ? 'when interrupted'
        : `with status '${solution.status}'`;
  const stats = solution.result.stats;
  const bound = stats.bestBound === undefined ? '' : `, best bound ${formatNumber(stats.bestBound, 2)}`;
  const gap = stats.gap === undefined ? '' : `, gap ${formatNumber(stats.gap * 100, 2)}%`;
  // With goals the solver's incumbent, bound and gap are those of the goal program, not of the model's own objective.
  let value = `objective ${formatNumber(solution.objective ?? 0, 2)}`;
  if (solution.run.options['goals'] !== undefined) {
    const g = solution.goals;
    value =
      g.weightedObjective !== null
        ? `weighted goal objective ${formatNumber(g.weightedObjective, 2)}, own objective ${formatNumber(solution.objective ?? 0, 2)}`
        : `goal penalty ${formatNumber(g.penalty ?? 0, 2)}, objective ${formatNumber(solution.objective ?? 0, 2)}`;
  }
  return `The solver stopped ${why}; the best solution it found is kept (${value}${bound}${gap}), not proven optimal.`;
}
