import type { Highs, Model } from 'highs';
import { LumixError, isMip, type StandardForm, type TerminationStatus } from '@lumix/core';
import { applyMipStart, applyOptions, asLumixError, disposeQuietly, runAndRead, type HighsSolveOptions, type HighsSolveResult } from './highs-run.js';
import { toHighsRanging, type HighsRanging } from './highs-ranging.js';
import { computeIis, type HighsIis } from './highs-iis.js';
import type { HighsOptionValue } from './highs-options.js';

/** Options of one session solve, checked and translated (see `HighsSolver`). */
type Prepare = (options: HighsSolveOptions) => {
  readonly opts: HighsSolveOptions;
  readonly highsOptions: Readonly<Record<string, HighsOptionValue>>;
};

// Garbage collection never frees a HiGHS model's Wasm memory; this frees a forgotten session's
// model when the session object is collected. A backstop only: dispose sessions explicitly.
const forgotten = new FinalizationRegistry<Model>((model) => disposeQuietly(model));

/**
 * A problem kept loaded in HiGHS for re-solves: change column bounds, row bounds or costs, and
 * `solve()` again from the previous basis (warm start: a few iterations instead of a cold solve).
 * Also ranging of the last optimal LP and an IIS. Made by `HighsSolver.open`; dispose it when
 * done (`using session = await solver.open(p)`, or `dispose()` in finally).
 *
 * Changes apply to the loaded model only; `problem` stays the problem as it was opened.
 */
export class HighsSession implements Disposable {
  /** The problem as opened (indices of changes and results refer to its columns and rows). */
  readonly problem: StandardForm;
  private model: Model | undefined;
  private readonly mip: boolean;
  private optionNames = new Set<string>();
  private lastStatus: TerminationStatus | undefined;

  /** Use `HighsSolver.open`. */
  constructor(
    private readonly highs: Highs,
    model: Model,
    problem: StandardForm,
    private readonly prepare: Prepare,
  ) {
    if (problem.numCols === 0) {
      disposeQuietly(model);
      throw new LumixError('INVALID_ARGUMENT', `Problem '${problem.name}' has no columns, so there is nothing to keep loaded; solve it with HighsSolver.solve.`);
    }
    this.model = model;
    this.problem = problem;
    this.mip = isMip(problem);
    forgotten.register(this, model, this);
  }

  /** True once {@link HighsSession.dispose} ran. */
  get disposed(): boolean {
    return this.model === undefined;
  }

  /**
   * Solves the loaded model as it is now. Options apply to this solve only (the session's
   * defaults underneath); the time limit counts from this call.
   *
   * @throws LumixError as `HighsSolver.solve`; `INVALID_STATE` after `dispose()`.
   */
  async solve(options: HighsSolveOptions = {}): Promise<HighsSolveResult> {
    const model = this.live();
    const { opts, highsOptions } = this.prepare(options);
    const started = performance.now();
    try {
      this.resetOptions(model, highsOptions);
      applyOptions(model, highsOptions);
      model.zeroAllClocks();
      if (opts.mipStart !== undefined) applyMipStart(model, this.problem.numCols, opts.mipStart);
      const result = runAndRead(this.highs, model, this.mip, opts, started);
      this.lastStatus = result.status;
      return result;
    } catch (e) {
      this.lastStatus = undefined;
      throw asLumixError(e);
    }
  }

  /**
   * Changes the bounds of column `j` (±Infinity for none).
   *
   * @throws LumixError `INVALID_ARGUMENT` for an index out of range, `INVALID_NUMBER` for NaN or a
   *   wrong-side infinity, `INVALID_BOUNDS` for lb > ub.
   */
  setColBounds(j: number, lb: number, ub: number): void {
    this.checkIndex('column', j, this.problem.numCols);
    checkBounds(`column ${this.problem.colName(j)}`, lb, ub);
    this.change(() => this.live().changeColBounds(j, lb, ub));
  }

  /**
   * Changes the bounds of row `i`: `lb <= a_i·x <= ub` (±Infinity for none).
   *
   * @throws LumixError as {@link HighsSession.setColBounds}.
   */
  setRowBounds(i: number, lb: number, ub: number): void {
    this.checkIndex('row', i, this.problem.numRows);
    checkBounds(`row ${this.problem.rowName(i)}`, lb, ub);
    this.change(() => this.live().changeRowBounds(i, lb, ub));
  }

  /**
   * Changes the objective coefficient of column `j`.
   *
   * @throws LumixError `INVALID_ARGUMENT` for an index out of range, `INVALID_NUMBER` for a non-finite cost.
   */
  setColCost(j: number, cost: number): void {
    this.checkIndex('column', j, this.problem.numCols);
    if (!Number.isFinite(cost)) {
      throw new LumixError('INVALID_NUMBER', `Cost of ${this.problem.colName(j)} must be a finite number, got ${cost}.`, { details: { column: j, cost } });
    }
    this.change(() => this.live().changeColCost(j, cost));
  }

  /**
   * Cost and bound ranging of the last solve, which must have been an LP solved to optimality
   * with no change since.
   *
   * @throws LumixError `NO_SOLUTION` otherwise.
   */
  ranging(): HighsRanging {
    const model = this.live();
    if (this.mip || this.lastStatus !== 'optimal') {
      throw new LumixError(
        'NO_SOLUTION',
        this.mip
          ? `Ranging is defined for LPs only; '${this.problem.name}' has integer columns.`
          : `Ranging needs an LP solved to optimality with no change since; call solve() first (last status: ${this.lastStatus ?? 'not solved since the last change'}).`,
      );
    }
    try {
      return toHighsRanging(model.getRanging());
    } catch (e) {
      throw asLumixError(e);
    }
  }

  /**
   * An irreducible infeasible subsystem of the loaded model (for a MIP, of its LP relaxation).
   * Empty when the model is feasible.
   */
  iis(): HighsIis {
    const model = this.live();
    try {
      return computeIis(this.highs, model, this.optionNames.has('iis_strategy'));
    } catch (e) {
      throw asLumixError(e);
    }
  }

  /** Frees the native model. Idempotent. */
  dispose(): void {
    const model = this.model;
    if (model === undefined) return;
    this.model = undefined;
    forgotten.unregister(this);
    disposeQuietly(model);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  private live(): Model {
    if (this.model === undefined) {
      throw new LumixError('INVALID_STATE', `This HiGHS session of '${this.problem.name}' was disposed; open a new one with HighsSolver.open.`);
    }
    return this.model;
  }

  private change(fn: () => unknown): void {
    this.lastStatus = undefined;
    try {
      fn();
    } catch (e) {
      throw asLumixError(e);
    }
  }

  /** Puts options set by an earlier solve but not by this one back to their defaults. */
  private resetOptions(model: Model, next: Readonly<Record<string, HighsOptionValue>>): void {
    for (const name of this.optionNames) {
      if (!(name in next)) model.options.set(name, model.options.describe(name).default);
    }
    this.optionNames = new Set(Object.keys(next));
  }

  private checkIndex(kind: 'column' | 'row', k: number, n: number): void {
    if (!(Number.isInteger(k) && k >= 0 && k < n)) {
      throw new LumixError('INVALID_ARGUMENT', `No ${kind} ${k} in '${this.problem.name}': ${kind}s are numbered 0..${n - 1}.`, { details: { [kind]: k } });
    }
  }
}

function checkBounds(what: string, lb: number, ub: number): void {
  if (Number.isNaN(lb) || Number.isNaN(ub) || lb === Number.POSITIVE_INFINITY || ub === Number.NEGATIVE_INFINITY) {
    throw new LumixError('INVALID_NUMBER', `Bounds of ${what} are [${lb}, ${ub}]; use finite numbers, -Infinity for no lower bound, Infinity for no upper bound.`, {
      details: { lb, ub },
    });
  }
  if (lb > ub) {
    throw new LumixError('INVALID_BOUNDS', `Lower bound ${lb} of ${what} is above its upper bound ${ub}.`, { details: { lb, ub } });
  }
}
