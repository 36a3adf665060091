import { LumixError } from '../errors.js';
import { defineSolver } from '../solver/define-solver.js';
import { isSolver, type SolveOptions, type SolveResult, type Solver } from '../solver/solver.js';
import { finishMergedForm, type ObjectiveSense, type StandardForm } from '../solver/standard-form.js';
import { RowBuffer, constraintFamilyAccess, rowShapeExemplar, type ConstraintFamily } from './constraint-family.js';
import { Constraint, Expr, Var, exprAccess } from './expr.js';
import type { Key } from './key-index.js';
import { mipStartOf, type MipStart } from './mip-start.js';
import { Solution } from './solution.js';
import { SourceCache, isSource, type Source } from './source.js';
import { familyAccess, groupShapeExemplars, type Dimension, type FamilyHost, type PerItem, type VarType, type VariableFamily } from './variable-family.js';
import { KeyIndex } from './key-index.js';
import { groupedColumns } from './variable-family.js';
import { withContext } from './with-context.js';
import { checkOptionKeys } from './check-options.js';
import { declareGoal, type GoalDeclaration, type GoalOptions, type GoalSolveOptions } from '../goals/goal.js';
import { solveGoalProgram } from '../goals/goal-solve.js';
import type { GoalReport } from '../goals/goal-report.js';

/** Options of a variable family over one source. */
export interface VariableOptions<I> {
  /** Key of an item; default `item.id`, or the item itself when it is a string or number. */
  readonly key?: (item: I) => Key;
  /** Keep only the items for which it returns true. */
  readonly where?: (item: I) => boolean;
  /** Lower bound; default 0. */
  readonly lb?: PerItem<I>;
  /** Upper bound; default +Infinity (binary: 1). */
  readonly ub?: PerItem<I>;
  /** In a continuous family, marks the items whose variables are integer (mixed families, e.g. imported files). */
  readonly integer?: (item: I) => boolean;
}

/** Named dimensions of a product family: each a source. */
export type Dimensions = Readonly<Record<string, Source<unknown>>>;

/** The item type of a source. */
type ItemOf<S> = S extends Source<infer T> ? T : never;

/** The item of a product family: one record per dimension, e.g. `{ lecture, slot, room }`. */
export type ProductItem<D extends Dimensions> = { readonly [K in keyof D]: ItemOf<D[K]> };

/** Options of a variable family over a product of named dimensions. */
export interface ProductOptions<D extends Dimensions> {
  /** Key function per dimension; default `item.id` or the item itself. */
  readonly keys?: { readonly [K in keyof D]?: (item: ItemOf<D[K]>) => Key };
  /** Filter per dimension, applied before the product is formed. */
  readonly filter?: { readonly [K in keyof D]?: (item: ItemOf<D[K]>) => boolean };
  /** Cross filter on the combination. */
  readonly where?: (item: ProductItem<D>) => boolean;
  /** Lower bound; default 0. */
  readonly lb?: PerItem<ProductItem<D>>;
  /** Upper bound; default +Infinity (binary: 1). */
  readonly ub?: PerItem<ProductItem<D>>;
}

/** Options of {@link Model.constraints}. */
export interface ConstraintOptions<R> {
  /** Key of a row's item; default `item.id`, the item itself when scalar, or a group's key. */
  readonly key?: (item: R) => Key;
}

/** An objective: an expression, a variable, or a function returning one (evaluated at build time). */
export type ObjectiveInput = Expr | Var | (() => Expr | Var);

/** Options of {@link Model.solve}: the solver choice plus every {@link SolveOptions} field. */
export interface ModelSolveOptions extends SolveOptions {
  /**
   * The solver: any {@link Solver} instance, e.g. `createHighsSolver()` from
   * `@lumix/solver-highs`, or `await resolveSolver()` from `@lumix/solver-runtime` to choose one
   * by name, `LUMIX_SOLVER` or the application's config file. Required: core loads no package.
   */
  readonly solver: Solver;
  /**
   * How to solve a model with goals (`model.goal(...)`): lexicographic (default) or weighted,
   * see {@link GoalSolveOptions}. Refused for a model without goals.
   */
  readonly goals?: GoalSolveOptions;
  /**
   * A MIP start by family and key: `[[assign, key, 1], [x, 3], ...]` ([family, key, value] or
   * [variable, value]) or a previous {@link Solution} (its integer columns, matched by family name
   * and key). Columns it does not set are left open (a partial start, completed by the backend).
   * Mapped to `mipStart`, so it needs a solver that claims `mipStart` (HiGHS); give one or the
   * other. Default: none.
   */
  readonly start?: MipStart;
}

/** A compiled model: the problem a solver gets, plus the way back from columns and rows to families. */
export interface CompiledModel {
  readonly problem: StandardForm;
  /** Milliseconds spent loading sources, expanding families and compiling. */
  readonly buildMs: number;
  /** The family, key and item of column `j`. */
  column(j: number): { family: string; key: Key; item: unknown };
  /** The family, key (undefined for a single constraint) and item of row `i`. */
  row(i: number): { family: string; key: Key | undefined; item: unknown };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * An optimisation model over your records: variable families declared over sources, constraint
 * families over row sources, one objective. Declaring is cheap and synchronous; `compile()` and
 * `solve()` load async sources (once each), expand every family and build the sparse problem in
 * O(non-zeros).
 *
 * @example
 * const m = new Model('production');
 * const make = m.continuous('make', products, { ub: (p) => p.maxDemand });
 * m.constraints('hours', machines, (mc) => make.sum((p) => hours.getOr(0, p.id, mc.id)).le(mc.availableHours));
 * m.maximize(() => make.sum((p) => p.profit));
 * const sol = await m.solve({ solver: createHighsSolver() }); // from @lumix/solver-highs
 */
export class Model {
  private readonly variableFamilies: VariableFamily<unknown>[] = [];
  private readonly columnOrder: VariableFamily<unknown>[] = [];
  private readonly constraintFamilies: ConstraintFamily[] = [];
  private readonly goalDecls: GoalDeclaration[] = [];
  private readonly names = new Set<string>();
  private readonly sources = new SourceCache();
  private numColumns = 0;
  private sense: ObjectiveSense = 'min';
  private objective: ObjectiveInput | undefined;
  private readonly host: FamilyHost;
  /** Builds under way (compile is async: two may overlap). */
  private compiling = 0;
  private builds = 0;

  constructor(
    /** Model name (free text, stored with every run). */
    readonly name = 'model',
  ) {
    this.host = new ModelHost(
      this.sources,
      () => this.compiling > 0,
      (family, count) => {
        const off = this.numColumns;
        this.numColumns += count;
        this.columnOrder.push(family as VariableFamily<unknown>);
        return off;
      },
    );
  }

  private claim(name: string, kind: string): void {
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new LumixError('INVALID_NAME', `${kind} name ${JSON.stringify(name)} is not valid: use letters, digits, '_', '.', '-', starting with a letter or '_'.`, {
        details: { name },
      });
    }
    if (this.names.has(name)) {
      throw new LumixError('INVALID_NAME', `Model '${this.name}' already has a family named '${name}'. Variable and constraint families share one namespace; pick another name.`, {
        details: { name },
      });
    }
    this.names.add(name);
  }

  /** A family of continuous variables (default bounds [0, +∞)). */
  continuous<D extends Dimensions>(name: string, dims: D, options?: ProductOptions<D>): VariableFamily<ProductItem<D>>;
  continuous<I>(name: string, source: Source<I>, options?: VariableOptions<I>): VariableFamily<I>;
  // biome-ignore lint/suspicious/noExplicitAny: the implementation of both overloads; a family is invariant in its item type
  continuous(name: string, source: unknown, options?: object): VariableFamily<any> {
    return this.family(name, 'continuous', source, (options ?? {}) as Record<string, unknown>);
  }

  /** A family of integer variables (default bounds [0, +∞)). */
  integer<D extends Dimensions>(name: string, dims: D, options?: ProductOptions<D>): VariableFamily<ProductItem<D>>;
  integer<I>(name: string, source: Source<I>, options?: VariableOptions<I>): VariableFamily<I>;
  // biome-ignore lint/suspicious/noExplicitAny: the implementation of both overloads; a family is invariant in its item type
  integer(name: string, source: unknown, options?: object): VariableFamily<any> {
    return this.family(name, 'integer', source, (options ?? {}) as Record<string, unknown>);
  }

  /** A family of binary variables (bounds [0, 1]). */
  binary<D extends Dimensions>(name: string, dims: D, options?: ProductOptions<D>): VariableFamily<ProductItem<D>>;
  binary<I>(name: string, source: Source<I>, options?: VariableOptions<I>): VariableFamily<I>;
  // biome-ignore lint/suspicious/noExplicitAny: the implementation of both overloads; a family is invariant in its item type
  binary(name: string, source: unknown, options?: object): VariableFamily<any> {
    return this.family(name, 'binary', source, (options ?? {}) as Record<string, unknown>);
  }

  /** One variable (a family of one, keyed by its name). */
  variable(name: string, options: { type?: VarType; lb?: number; ub?: number } = {}): Var {
    checkOptionKeys(`Variable '${name}'`, options, ['type', 'lb', 'ub']);
    const fam = this.family(name, options.type ?? 'continuous', [name], { lb: options.lb, ub: options.ub, key: (x: unknown) => x as Key });
    return fam.get(name);
  }

  private family(name: string, type: VarType, source: unknown, options: Record<string, unknown>): VariableFamily<unknown> {
    checkOptionKeys(`Variable family '${name}'`, options, isSource(source) ? VARIABLE_OPTION_KEYS : PRODUCT_OPTION_KEYS);
    this.claim(name, 'Variable family');
    let dims: Dimension[];
    let isProduct: boolean;
    let where = options['where'] as ((item: unknown) => boolean) | undefined;
    if (isSource(source)) {
      isProduct = false;
      dims = [newDimension(name, source, options['key'] as ((item: unknown) => Key) | undefined, where)];
      where = undefined;
    } else if (typeof source === 'object' && source !== null) {
      isProduct = true;
      const entries = Object.entries(source as Record<string, unknown>);
      if (entries.length === 0) {
        throw new LumixError('INVALID_ARGUMENT', `Variable family '${name}': a product needs at least one dimension, e.g. { lecture: lectures, slot: slots }.`);
      }
      const keys = (options['keys'] ?? {}) as Record<string, (item: unknown) => Key>;
      const filters = (options['filter'] ?? {}) as Record<string, (item: unknown) => boolean>;
      for (const k of [...Object.keys(keys), ...Object.keys(filters)]) {
        if (!(k in (source as object))) {
          throw new LumixError('INVALID_ARGUMENT', `Variable family '${name}': options name a dimension '${k}' that is not declared; dimensions are ${entries.map(([n]) => n).join(', ')}.`);
        }
      }
      dims = entries.map(([dimName, s]) => {
        if (!isSource(s)) {
          throw new LumixError('INVALID_ARGUMENT', `Variable family '${name}', dimension '${dimName}': expected an array, iterable, async iterable or IndexSource.`);
        }
        return newDimension(dimName, s, keys[dimName], filters[dimName]);
      });
    } else {
      throw new LumixError('INVALID_ARGUMENT', `Variable family '${name}': expected a source (array, iterable, async iterable, IndexSource) or named dimensions ({ a: source, b: source }).`);
    }
    const fam = familyAccess.create<unknown>(
      this.host,
      this,
      name,
      type,
      isProduct,
      dims,
      where,
      options['lb'] as PerItem<unknown> | undefined,
      options['ub'] as PerItem<unknown> | undefined,
      options['integer'] as ((item: unknown) => boolean) | undefined,
    );
    this.variableFamilies.push(fam);
    return fam;
  }

  /**
   * Adds one named constraint (a row): a Constraint, or a function returning one, called when
   * the model compiles (after its sources are loaded, so it can sum over families of async
   * sources and read data loaded for the build).
   *
   * @example
   * m.constraint('budget', () => buy.sum((i) => i.price).le(budget.amount));
   */
  constraint(name: string, c: Constraint | (() => Constraint)): ConstraintFamily {
    this.claim(name, 'Constraint');
    if (!(c instanceof Constraint) && typeof c !== 'function') {
      throw new LumixError('INVALID_ARGUMENT', `Constraint '${name}': expected a Constraint made with expr.le(...), .ge(...), .eq(...) or .between(...), or a function returning one.`);
    }
    const fam = constraintFamilyAccess.create(this, name, undefined, undefined, c, undefined);
    this.constraintFamilies.push(fam);
    return fam;
  }

  /**
   * Adds a family of constraints: `build(item)` is called for each item of `source` when the
   * model compiles and returns the row (or null/undefined to skip the item).
   */
  constraints<R>(name: string, source: Source<R>, build: (item: R) => Constraint | null | undefined, options: ConstraintOptions<R> = {}): ConstraintFamily<R> {
    checkOptionKeys(`Constraint family '${name}'`, options, ['key']);
    this.claim(name, 'Constraint family');
    if (!isSource(source)) {
      throw new LumixError('INVALID_ARGUMENT', `Constraint family '${name}': expected a row source (array, iterable, async iterable, IndexSource or a Grouping).`);
    }
    if (typeof build !== 'function') {
      throw new LumixError('INVALID_ARGUMENT', `Constraint family '${name}': the second argument must be a function item => constraint.`);
    }
    const fam = constraintFamilyAccess.create<R>(this, name, source, build, undefined, options.key);
    this.constraintFamilies.push(fam as ConstraintFamily);
    return fam;
  }

  /**
   * Declares a constraint family (or a single constraint) of this model a **goal**: its rows may
   * be violated, at a cost. The undesired deviation follows each row's sense: a `>=` row's
   * shortfall, a `<=` row's excess, both for `=` and for a `between` range (distance outside
   * it). `model.solve({ solver, goals })` then solves the goal program: lexicographic by priority
   * (default) or weighted (see {@link GoalSolveOptions}), and `solution.goals` reports target,
   * achieved value, deviation and satisfaction per row, and per priority.
   *
   * @example
   * const orders = m.constraints('orders', customerOrders, (o) => make.get(o.productId).ge(o.target));
   * m.goal(orders, { priority: (o) => o.priority, weight: 1 });
   *
   * @throws LumixError `INVALID_ARGUMENT` for a family of another model, one already a goal, a
   *   priority that is not a whole number >= 1, a negative weight or an unknown option;
   *   `INVALID_NUMBER` for a NaN or infinite weight.
   */
  goal<R>(family: ConstraintFamily<R>, options: GoalOptions<R>): ConstraintFamily<R> {
    if (!this.constraintFamilies.includes(family as ConstraintFamily)) {
      const name = typeof (family as { name?: unknown })?.name === 'string' ? `'${(family as ConstraintFamily<R>).name}'` : 'the argument';
      throw new LumixError('INVALID_ARGUMENT', `Model '${this.name}'.goal: ${name} is not a constraint family of this model; pass what this model's constraint(...) or constraints(...) returned.`);
    }
    if (this.goalDecls.some((g) => g.family === (family as ConstraintFamily))) {
      throw new LumixError('INVALID_ARGUMENT', `Constraint family '${family.name}' is already a goal; declare each family a goal once (priority and weight may be functions of the row's item).`);
    }
    this.goalDecls.push(declareGoal(family, options));
    return family;
  }

  /** Maximise an expression (or a function returning one, evaluated when the model is built). */
  maximize(objective: ObjectiveInput): void {
    this.sense = 'max';
    this.objective = objective;
  }

  /** Minimise an expression (or a function returning one, evaluated when the model is built). */
  minimize(objective: ObjectiveInput): void {
    this.sense = 'min';
    this.objective = objective;
  }

  /**
   * @internal The bounds and display name of column `j`, once its family has its variables: what
   * the linearisation helpers (`linearize.ts`) read to derive a big-M. Not for applications.
   */
  columnBounds(j: number): { readonly lb: number; readonly ub: number; readonly name: string } {
    const order = this.columnOrder;
    let lo = 0;
    let hi = order.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (familyAccess.offset(order[mid]!) <= j) lo = mid;
      else hi = mid - 1;
    }
    const f = order[lo];
    const c = f === undefined ? -1 : j - familyAccess.offset(f);
    if (f === undefined || c < 0 || c >= familyAccess.lower(f).length) {
      throw new LumixError('INVALID_STATE', `Model '${this.name}' has no column ${j} yet; bounds are known once the family is expanded.`);
    }
    // The name is made only when asked for (an error message): building it per term would dominate.
    return new ColumnBounds(familyAccess.lower(f)[c]!, familyAccess.upper(f)[c]!, f, j);
  }

  /** The variable family with this name, or undefined. */
  variableFamily(name: string): VariableFamily<unknown> | undefined {
    return this.variableFamilies.find((f) => f.name === name);
  }

  /** The constraint family with this name, or undefined. */
  constraintFamily(name: string): ConstraintFamily | undefined {
    return this.constraintFamilies.find((f) => f.name === name);
  }

  /**
   * Builds the problem: loads async sources (in parallel, once per build), expands variable
   * families, evaluates the objective, produces every constraint row, merges duplicate terms
   * and validates every number. O(non-zeros).
   *
   * Compiling again (a re-solve) reads the data as it is then and gives the same problem as a
   * fresh model declared the same way: families and rows are made again from arrays, re-readable
   * iterables and async sources (one-shot iterators such as generators are read once, at the first
   * build). Expressions built outside callbacks keep the columns they were built with, so a family
   * whose variables were taken at declaration time must come out the same; if its data changed,
   * the re-build fails with `INVALID_STATE`.
   *
   * @throws LumixError naming the family and key of any invalid number, bound or key.
   */
  async compile(): Promise<CompiledModel> {
    this.compiling++;
    try {
      return await this.build();
    } finally {
      this.compiling--;
    }
  }

  private async build(): Promise<CompiledModel> {
    const t0 = performance.now();
    const pending: unknown[] = [];
    const vf = familyAccess;
    const cf = constraintFamilyAccess;
    const rebuild = this.builds++ > 0;
    // A re-build reads the data as it is now, like a fresh model: async sources are loaded again.
    if (rebuild) this.sources.refresh();
    for (const f of this.variableFamilies) pending.push(...vf.sources(f));
    for (const f of this.constraintFamilies) if (cf.source(f) !== undefined) pending.push(cf.source(f));
    await this.sources.preload(pending);
    if (rebuild) {
      // Columns are laid out again in the order of the last build, so that the families whose
      // variables were taken at declaration time (always the first ones) keep their columns.
      const order = this.columnOrder.slice();
      this.columnOrder.length = 0;
      this.numColumns = 0;
      for (const f of order) vf.reexpand(f);
    }
    for (const f of this.variableFamilies) vf.expand(f);

    const n = this.numColumns;
    let colCost: Float64Array | undefined;
    // True when every cost is known finite: each written once, from a term known finite.
    let costsChecked = true;
    let offset = 0;
    if (this.objective !== undefined) {
      let obj: Expr | Var;
      try {
        obj = typeof this.objective === 'function' ? this.objective() : this.objective;
      } catch (e) {
        withContext(e, 'Objective');
      }
      const e = obj instanceof Var ? obj.toExpr() : obj;
      if (!(e instanceof Expr)) {
        throw new LumixError('INVALID_ARGUMENT', 'The objective must be an expression or a variable (or a function returning one).');
      }
      const owner = exprAccess.model(e);
      if (owner !== undefined && owner !== this) {
        throw new LumixError('FOREIGN_VARIABLE', 'The objective uses variables of another model.');
      }
      const cols = exprAccess.cols(e);
      const coefs = exprAccess.coefs(e);
      const clean = exprAccess.clean(e);
      if (clean && e.length === n && ownsWhole(coefs, n) && isRange(cols, n)) {
        // One sum over every column in order (a whole family, the only one): its coefficients are
        // the costs. Shared, not copied: the expression copies them before it next changes.
        exprAccess.share(e);
        colCost = coefs;
      } else {
        colCost = new Float64Array(n);
        addTerms(colCost, cols, coefs, e.length);
        costsChecked = clean;
      }
      offset = e.constant;
    }
    colCost ??= new Float64Array(n);

    // Row storage sized for the rows known in advance: a grouping's group sums hold each of its
    // family's columns once (the rest are guessed at one term per column), so that a model of
    // groupings fills it exactly instead of growing it (a copy of every term so far) as it goes.
    let grouped = 0;
    for (const f of this.constraintFamilies) grouped += groupedColumns(cf.source(f));
    const rows = new RowBuffer(grouped > 0 ? n + grouped : 2 * n);
    // While the rows are made, family sums put their terms straight into the row storage.
    exprAccess.useArena(rows);
    try {
      for (const f of this.constraintFamilies) {
        const source = cf.source(f);
        const items = source === undefined ? undefined : this.sources.items(source, `Constraint family '${f.name}'`);
        cf.emit(f, items, rows);
      }
    } finally {
      exprAccess.useArena(undefined);
    }

    // One family (many models): its bound arrays are the problem's; else they are copied.
    const only = this.columnOrder.length === 1 ? this.columnOrder[0]! : undefined;
    const colLower = only !== undefined ? vf.lower(only) : new Float64Array(n);
    const colUpper = only !== undefined ? vf.upper(only) : new Float64Array(n);
    const colIntegral = new Uint8Array(n);
    // Families whose bounds are one valid pair of numbers need no check per column.
    const checkedBounds: Array<[number, number]> = [];
    for (const f of this.columnOrder) {
      const at = vf.offset(f);
      const lower = vf.lower(f);
      if (vf.boundsChecked(f) && lower.length > 0) {
        const last = checkedBounds[checkedBounds.length - 1];
        if (last !== undefined && last[1] === at) last[1] = at + lower.length;
        else checkedBounds.push([at, at + lower.length]);
      }
      if (only === undefined) {
        colLower.set(lower, at);
        colUpper.set(vf.upper(f), at);
      }
      const integral = vf.integral(f);
      if (f.type !== 'continuous') colIntegral.fill(1, at, at + lower.length);
      else if (integral !== undefined) colIntegral.set(integral, at);
    }
    const columnOrder = this.columnOrder.slice();
    const familyOfColumn = (j: number): VariableFamily<unknown> => {
      let lo = 0;
      let hi = columnOrder.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (vf.offset(columnOrder[mid]!) <= j) lo = mid;
        else hi = mid - 1;
      }
      return columnOrder[lo]!;
    };
    const rowFamilies = this.constraintFamilies.filter((f) => cf.count(f) > 0);
    const familyOfRow = (i: number): ConstraintFamily => {
      let lo = 0;
      let hi = rowFamilies.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (cf.offset(rowFamilies[mid]!) <= i) lo = mid;
        else hi = mid - 1;
      }
      return rowFamilies[lo]!;
    };
    const names = {
      colName: (j: number) => familyOfColumn(j).columnName(j),
      rowName: (i: number) => {
        const f = familyOfRow(i);
        return cf.rowName(f, i - cf.offset(f));
      },
    };
    const bounds = rows.bounds();
    const problem = finishMergedForm(
      {
        name: this.name,
        sense: this.sense,
        objectiveOffset: offset,
        colCost,
        colLower,
        colUpper,
        colIntegral,
        rowLower: bounds.lower,
        rowUpper: bounds.upper,
        colName: names.colName,
        rowName: names.rowName,
      },
      // Bound, not an arrow: an arrow would put `rows` in the context that the name functions
      // share, and the problem would keep every row's expression alive through them.
      rows.finish.bind(rows, names),
      { costs: costsChecked, colBounds: checkedBounds },
    );
    for (const f of this.columnOrder) vf.settle(f, colLower, colUpper);
    keepShapes();
    const buildMs = performance.now() - t0;
    return {
      problem,
      buildMs,
      column: (j) => {
        const f = familyOfColumn(j);
        const c = j - vf.offset(f);
        return { family: f.name, key: vf.keyAt(f, c), item: vf.itemAt(f, c) };
      },
      row: (i) => {
        const f = familyOfRow(i);
        const local = i - cf.offset(f);
        return { family: f.name, key: cf.keyAt(f, local), item: cf.itemAt(f, local) };
      },
    };
  }

  /**
   * Compiles and solves. Infeasible and unbounded are results (see `solution.status`), not
   * exceptions; exceptions mean bad input or a broken solver.
   *
   * `timeLimit` counts from this call: the model's build (loading its sources, compiling) uses
   * part of it and the solver gets what is left (see `SolveOptions.timeLimit`). When the build has
   * used it all, the solver is still called, with a token limit, so that the problem and the
   * options are checked, and stops as soon as it has loaded the problem: status `time-limit`.
   * The run record keeps the limit you gave.
   */
  async solve(options: ModelSolveOptions): Promise<Solution> {
    const { solver, goals, start, ...solveOptions } = options ?? ({} as Partial<ModelSolveOptions>);
    if (!isSolver(solver)) {
      const got = solver === undefined ? 'no solver' : typeof solver === 'string' ? `the name '${solver}'` : `a ${typeof solver}`;
      throw new LumixError(
        'INVALID_ARGUMENT',
        `Model '${this.name}'.solve needs a Solver instance, got ${got}. Pass { solver: createHighsSolver() } from @lumix/solver-highs, ` +
          `or { solver: await resolveSolver(${typeof solver === 'string' ? `'${solver}'` : ''}) } from @lumix/solver-runtime to choose by name, LUMIX_SOLVER or lumix.config.json.`,
      );
    }
    // The front door checks the options against the solver (a hand-written solver gets one too).
    const front = defineSolver(solver);
    if (goals !== undefined && this.goalDecls.length === 0) {
      throw new LumixError('INVALID_STATE', `Model '${this.name}' declares no goals, so the 'goals' solve options have nothing to apply to; declare goals with model.goal(family, { priority }) or drop the option.`);
    }
    const startedAt = new Date();
    const compiled = await this.compile();
    const withStart = start === undefined ? solveOptions : withMipStart(this, compiled, start, solveOptions);
    let result: SolveResult;
    let goalReport: GoalReport | undefined;
    if (this.goalDecls.length > 0) {
      const outcome = await solveGoalProgram(compiled.problem, this.goalDecls, (name) => this.constraintFamily(name), front, afterBuild(withStart, compiled.buildMs), goals);
      result = outcome.result;
      goalReport = outcome.report;
    } else {
      result = await front.solve(compiled.problem, afterBuild(withStart, compiled.buildMs));
    }
    const recorded: Record<string, unknown> = start === undefined ? {} : { start: true };
    for (const [k, v] of Object.entries(solveOptions)) {
      // A MIP start is a point and a signal a live object: the record says only that one was given.
      if (typeof v !== 'function' && v !== undefined) recorded[k] = k === 'mipStart' || k === 'signal' ? true : v;
    }
    return new Solution(this, compiled, result, {
      modelName: this.name,
      solver: result.solver,
      status: result.status,
      objective: result.hasSolution ? result.objective : null,
      startedAt,
      finishedAt: new Date(),
      buildMs: compiled.buildMs,
      solveMs: result.stats.solveMs,
      numVariables: compiled.problem.numCols,
      numConstraints: compiled.problem.numRows,
      numNonzeros: compiled.problem.value.length,
      options: goalReport === undefined ? recorded : { ...recorded, goals: goalReport.mode },
    }, goalReport);
  }
}

/** True when `a` is the whole of its buffer and has `n` entries (not a view into a larger block). */
function ownsWhole(a: Float64Array, n: number): boolean {
  return a.length === n && a.byteOffset === 0 && a.buffer.byteLength === n * 8;
}

/** True when `cols[i] === i` for the first `n` entries. */
function isRange(cols: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (cols[i] !== i) return false;
  return true;
}

/**
 * Adds terms into a dense vector. A function of its own: a loop inside the (long, async, once per
 * build) build function would run in unoptimised code until on-stack replacement.
 */
function addTerms(into: Float64Array, cols: Int32Array, coefs: Float64Array, len: number): void {
  for (let i = 0; i < len; i++) into[cols[i]!] = into[cols[i]!]! + coefs[i]!;
}

/** What {@link keepShapes} keeps: small objects of every class a build makes, from the last build. */
const kept: { shapes: readonly object[] } = { shapes: [] };

/**
 * Keeps one small object of each class that a build makes (and drops when it is done) alive
 * until the next build. Why: the engine (V8) reaches the hidden class of such objects only
 * weakly once none of them is left, a full GC then frees it, and every optimised build function
 * that embedded it is thrown away ("deoptimization, reason: weak objects"; about 25 functions):
 * the next builds ran 3-10x slower until re-optimised. An object of each class keeps its hidden
 * class, so the optimised code survives full GCs. They are made afresh after every build, so
 * that they have the classes' current hidden classes (a field that widened, e.g. from small
 * integers to doubles, moves the class to a new one). A few hundred bytes and a 12 KiB row buffer.
 */
function keepShapes(): void {
  const model = new Model('shapes');
  const family = model.continuous('x', { d: [0] });
  model.constraints('c', [0], () => null);
  const expr = new Expr(0);
  kept.shapes = [model, expr, new Constraint(expr, 0, 0), new Var(family, 0), new KeyIndex(), rowShapeExemplar(), ...groupShapeExemplars(family, [0])];
}

/** Bounds of a column, its name made only when asked for (a class: one shape, not a literal with a new getter per call). */
class ColumnBounds {
  constructor(
    readonly lb: number,
    readonly ub: number,
    private readonly family: VariableFamily<unknown>,
    private readonly column: number,
  ) {}

  get name(): string {
    return this.family.columnName(this.column);
  }
}

/**
 * What a model's families see of it. A class, not an object literal with a getter: a literal's
 * getter is a new function per model, so every model's host would have a shape of its own and
 * the engine's optimised family code would see a new one (and drop its code when an old model
 * is collected).
 */
class ModelHost implements FamilyHost {
  constructor(
    readonly sources: SourceCache,
    private readonly isCompiling: () => boolean,
    // biome-ignore lint/suspicious/noExplicitAny: any family, whatever its item type (a family is invariant in it)
    readonly allocateColumns: (family: VariableFamily<any>, count: number) => number,
  ) {}

  get compiling(): boolean {
    return this.isCompiling();
  }
}

/** The options with `start` mapped to the column-indexed `mipStart` (both at once is refused). */
function withMipStart(model: Model, compiled: CompiledModel, start: MipStart, options: SolveOptions): SolveOptions {
  if (options.mipStart !== undefined) {
    throw new LumixError('INVALID_ARGUMENT', `Model '${model.name}'.solve got both start and mipStart; give the start by family and key (start) or by column (mipStart), not both.`);
  }
  return { ...options, mipStart: mipStartOf(model, compiled, start) };
}

/** The smallest time limit handed on when the build has used the whole limit (any positive value stops a solver at once). */
const TOKEN_TIME_LIMIT = 1e-6;

/** The options of the solve after a build of `buildMs`: a time limit counts the build. */
function afterBuild(options: SolveOptions, buildMs: number): SolveOptions {
  const limit = options.timeLimit;
  // A value that is not a positive number is left for the front door to refuse.
  if (typeof limit !== 'number' || !(limit > 0) || limit === Number.POSITIVE_INFINITY) return options;
  return { ...options, timeLimit: Math.max(TOKEN_TIME_LIMIT, limit - buildMs / 1000) };
}

function newDimension(
  name: string,
  source: unknown,
  keyFn: ((item: unknown) => Key) | undefined,
  filter: ((item: unknown) => boolean) | undefined,
): Dimension {
  return { name, source, keyFn, filter, items: [], keys: [], keyIndex: new KeyIndex(), byItem: undefined };
}

/** The valid options of a variable family over one source ({@link VariableOptions}). */
const VARIABLE_OPTION_KEYS: readonly string[] = ['key', 'where', 'lb', 'ub', 'integer'];
/** The valid options of a variable family over named dimensions ({@link ProductOptions}). */
const PRODUCT_OPTION_KEYS: readonly string[] = ['keys', 'filter', 'where', 'lb', 'ub'];
