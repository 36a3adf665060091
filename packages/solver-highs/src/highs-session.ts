import type { Highs, Model } from 'highs';
import { LumixError, isMip, type Iis, type Ranging, type SessionDefinition, type StandardForm, type TerminationStatus } from '@lumix/core';
import { applyMipStart, applyOptions, asLumixError, disposeQuietly, runAndRead, type HighsSolveOptions, type HighsSolveResult } from './highs-run.js';
import { toRanging } from './highs-ranging.js';
import { computeIis } from './highs-iis.js';
import { toHighsOptions, type HighsOptionValue } from './highs-options.js';

// Garbage collection never frees a HiGHS model's Wasm memory; this frees a forgotten session's
// model when the session object is collected. A backstop only: dispose sessions explicitly.
const forgotten = new FinalizationRegistry<Model>((model) => disposeQuietly(model));

/**
 * The HiGHS side of a session (`open` of the HiGHS solver): a model kept loaded, changed in
 * place and re-run from its previous basis. Core's `defineSolver` wraps it in the public
 * `SolverSession`, which checks indices, bounds, costs and options and refuses work after
 * `dispose()`, so nothing here repeats those checks.
 */
export class HighsModelSession implements SessionDefinition<HighsSolveOptions, HighsSolveResult> {
  private model: Model | undefined;
  private readonly mip: boolean;
  private optionNames = new Set<string>();
  private lastStatus: TerminationStatus | undefined;

  /**
   * @param base the session's options (core merged the solver's defaults and `open`'s options);
   *   applied to an IIS search, which has no options of its own.
   * @param checkSolve checks the options of each solve beyond core's checks (the solver's limit options).
   */
  constructor(
    private readonly highs: Highs,
    model: Model,
    private readonly problem: StandardForm,
    private readonly base: HighsSolveOptions,
    private readonly checkSolve: (options: HighsSolveOptions) => void = () => {},
  ) {
    this.model = model;
    this.mip = isMip(problem);
    forgotten.register(this, model, this);
  }

  /** Solves the loaded model as it is now; `options` are the complete options of this solve. */
  async solve(options: HighsSolveOptions): Promise<HighsSolveResult> {
    const model = this.live();
    this.checkSolve(options);
    const highsOptions = toHighsOptions(options);
    const started = performance.now();
    try {
      this.resetOptions(model, highsOptions);
      applyOptions(model, highsOptions);
      model.zeroAllClocks();
      if (options.mipStart !== undefined) applyMipStart(model, options.mipStart);
      const result = runAndRead(this.highs, model, this.mip, options, started);
      this.lastStatus = result.status;
      return result;
    } catch (e) {
      this.lastStatus = undefined;
      throw asLumixError(e);
    }
  }

  setColBounds(j: number, lb: number, ub: number): void {
    this.change(() => this.live().changeColBounds(j, lb, ub));
  }

  setRowBounds(i: number, lb: number, ub: number): void {
    this.change(() => this.live().changeRowBounds(i, lb, ub));
  }

  setColCost(j: number, cost: number): void {
    this.change(() => this.live().changeColCost(j, cost));
  }

  /**
   * Cost and bound ranging of the last solve, which must have been an LP solved to optimality
   * with no change since.
   *
   * @throws LumixError `NO_SOLUTION` otherwise.
   */
  ranging(): Ranging {
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
      return toRanging(model.getRanging());
    } catch (e) {
      throw asLumixError(e);
    }
  }

  /**
   * An irreducible infeasible subsystem of the loaded model (for a MIP, of its LP relaxation),
   * under the session's options. Empty when the model is feasible.
   */
  computeIis(): Iis {
    const model = this.live();
    try {
      const highsOptions = toHighsOptions(this.base);
      this.resetOptions(model, highsOptions);
      applyOptions(model, highsOptions);
      this.lastStatus = undefined;
      return computeIis(this.highs, model, 'iis_strategy' in highsOptions);
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

  private live(): Model {
    if (this.model === undefined) {
      throw new LumixError('INVALID_STATE', `This HiGHS session of '${this.problem.name}' was disposed; open a new one with solver.open(problem).`);
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

  /** Puts options set by an earlier call but not by this one back to their defaults. */
  private resetOptions(model: Model, next: Readonly<Record<string, HighsOptionValue>>): void {
    for (const name of this.optionNames) {
      if (!(name in next)) model.options.set(name, model.options.describe(name).default);
    }
    this.optionNames = new Set(Object.keys(next));
  }
}
