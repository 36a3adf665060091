import { LumixError } from '../errors.js';
import type { Key } from '../model/key-index.js';
import type { CompiledModel } from '../model/model.js';
import type { DefinedSolver } from '../solver/define-solver.js';
import type { IisBound } from '../solver/iis.js';
import type { SolveOptions, TerminationStatus } from '../solver/solver.js';
import { isMip, type StandardForm } from '../solver/standard-form.js';

/** Options of `analysis.explain()`. */
export interface ExplainOptions {
  /**
   * `iis`: the solver's irreducible infeasible subsystem (capability `iis`, HiGHS); `elastic`:
   * an elastic filter then a deletion filter, on any solver; `auto` (default): `iis` when the
   * solver claims it, else `elastic`.
   */
  readonly method?: 'auto' | 'iis' | 'elastic';
  /** A row's elastic variable counts as used above this. Default 1e-7. */
  readonly tolerance?: number;
}

/** A row or a variable's bounds that take part in the infeasible set. */
export interface ExplainedMember {
  readonly family: string;
  readonly key: Key | undefined;
  readonly item: unknown;
  /** Row or column index in the compiled problem. */
  readonly index: number;
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  /** Which bound takes part: `lower`, `upper`, `boxed` (both), or `free` (a variable whose coefficients matter, not its bounds). */
  readonly bound: IisBound;
}

/** How far one row must be relaxed in the smallest total relaxation. */
export interface RowRelaxation {
  readonly family: string;
  readonly key: Key | undefined;
  readonly item: unknown;
  readonly index: number;
  readonly name: string;
  /** The bound to move: `lower` (lower it) or `upper` (raise it). */
  readonly side: 'lower' | 'upper';
  /** The bound now, the bound that would do, and how far apart (> 0). */
  readonly from: number;
  readonly to: number;
  readonly by: number;
}

/**
 * Why a problem has no feasible point, by family, key and item. For a MIP it explains the LP
 * relaxation; when only integrality makes it infeasible, `members` are empty and `message` says so.
 */
export interface InfeasibilityExplanation {
  /** False when the problem is feasible (or unbounded): nothing to explain, everything empty. */
  readonly infeasible: boolean;
  /** Status of the solve of the problem as it is. */
  readonly status: TerminationStatus;
  /** How the set was found: the solver's `iis`, the `elastic` filter, or `none`. */
  readonly method: 'iis' | 'elastic' | 'none';
  /**
   * The irreducible infeasible set: these rows (with the bounds named) and these variables'
   * bounds admit no point together, and dropping any one of them does.
   */
  readonly rows: readonly ExplainedMember[];
  readonly columns: readonly ExplainedMember[];
  /**
   * The smallest total relaxation of the rows (Σ of bound moves, variable bounds kept) that
   * makes the LP feasible: which rows to relax and by how much. Null when not infeasible.
   */
  readonly relaxation: { readonly total: number; readonly rows: readonly RowRelaxation[] } | null;
  /** Solves the explanation took. */
  readonly solves: number;
  /** One sentence for people. */
  readonly message: string;
}

const INF = Number.POSITIVE_INFINITY;

/**
 * A feasibility problem: the rows of `rows` (each with the bounds given), the columns with the
 * bounds given, zero objective, no integrality; plus, for the rows in `elastic`, one elastic
 * column per finite bound (cost 1, minimised).
 */
function subsystem(
  p: StandardForm,
  rows: readonly number[],
  rowLo: Float64Array,
  rowHi: Float64Array,
  colLo: Float64Array,
  colHi: Float64Array,
  elastic?: ReadonlySet<number>,
): { problem: StandardForm; elasticOf: Map<number, { lower: number; upper: number }> } {
  const n = p.numCols;
  const elasticOf = new Map<number, { lower: number; upper: number }>();
  let extra = 0;
  if (elastic !== undefined) {
    for (const i of rows) {
      if (!elastic.has(i)) continue;
      const e = { lower: -1, upper: -1 };
      if (rowLo[i] !== Number.NEGATIVE_INFINITY) e.lower = n + extra++;
      if (rowHi[i] !== INF) e.upper = n + extra++;
      elasticOf.set(i, e);
    }
  }
  let nnz = 0;
  for (const i of rows) nnz += p.rowStart[i + 1]! - p.rowStart[i]! + (elasticOf.has(i) ? 2 : 0);
  const rowStart = new Int32Array(rows.length + 1);
  const colIndex = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  const lower = new Float64Array(rows.length);
  const upper = new Float64Array(rows.length);
  let k = 0;
  rows.forEach((i, r) => {
    rowStart[r] = k;
    for (let q = p.rowStart[i]!; q < p.rowStart[i + 1]!; q++) {
      colIndex[k] = p.colIndex[q]!;
      value[k++] = p.value[q]!;
    }
    const e = elasticOf.get(i);
    if (e !== undefined) {
      // lower side: activity + e_lo >= lb; upper side: activity − e_up <= ub.
      if (e.lower >= 0) {
        colIndex[k] = e.lower;
        value[k++] = 1;
      }
      if (e.upper >= 0) {
        colIndex[k] = e.upper;
        value[k++] = -1;
      }
    }
    lower[r] = rowLo[i]!;
    upper[r] = rowHi[i]!;
  });
  rowStart[rows.length] = k;
  const cols = n + extra;
  const colCost = new Float64Array(cols);
  colCost.fill(1, n);
  const cl = new Float64Array(cols);
  const cu = new Float64Array(cols).fill(INF);
  cl.set(colLo);
  cu.set(colHi);
  return {
    problem: {
      name: `${p.name} (feasibility)`,
      sense: 'min',
      objectiveOffset: 0,
      numCols: cols,
      numRows: rows.length,
      colCost,
      colLower: cl,
      colUpper: cu,
      colIntegral: new Uint8Array(cols),
      rowLower: lower,
      rowUpper: upper,
      rowStart,
      colIndex: colIndex.subarray(0, k),
      value: value.subarray(0, k),
      colName: (j) => (j < n ? p.colName(j) : `elastic${j - n}`),
      rowName: (r) => p.rowName(rows[r]!),
    },
    elasticOf,
  };
}

/** @internal The explanation behind `analysis.explain()`. */
export async function explainInfeasibility(
  compiled: CompiledModel,
  problem: StandardForm,
  solver: DefinedSolver,
  solveOptions: SolveOptions,
  options: ExplainOptions,
): Promise<InfeasibilityExplanation> {
  const tol = options.tolerance ?? 1e-7;
  const method = options.method ?? 'auto';
  if (method !== 'auto' && method !== 'iis' && method !== 'elastic') {
    throw new LumixError('INVALID_ARGUMENT', `explain: method must be 'auto', 'iis' or 'elastic'; got ${String(method)}.`);
  }
  if (method === 'iis' && !solver.capabilities.iis) {
    throw new LumixError('UNSUPPORTED_FEATURE', `Solver '${solver.name}' computes no IIS (capability 'iis'); use method 'elastic' or 'auto'.`, {
      details: { solver: solver.name },
    });
  }
  // Feasibility tests never need the caller's MIP options (gap, start); a time limit still applies.
  const { mipStart: _start, mipGap: _gap, ...lpOptions } = solveOptions;
  let solves = 0;
  const m = problem.numRows;
  const allRows = Array.from({ length: m }, (_, i) => i);
  const feasible = async (rows: readonly number[], rl: Float64Array, ru: Float64Array, cl: Float64Array, cu: Float64Array): Promise<boolean> => {
    solves++;
    const r = await solver.solve(subsystem(problem, rows, rl, ru, cl, cu).problem, lpOptions);
    if (r.status === 'optimal') return true;
    if (r.status === 'infeasible') return false;
    throw new LumixError('SOLVER_FAILED', `A feasibility test of '${problem.name}' ended '${r.status}'; the explanation cannot go on.`, {
      details: { status: r.status },
    });
  };

  solves++;
  const first = await solver.solve(problem, solveOptions);
  let status = first.status;
  if (status !== 'infeasible' && status !== 'infeasible-or-unbounded') {
    return {
      infeasible: false,
      status,
      method: 'none',
      rows: [],
      columns: [],
      relaxation: null,
      solves,
      message: `Nothing to explain: the solve ended '${status}'.`,
    };
  }
  const rl = problem.rowLower;
  const ru = problem.rowUpper;
  if (await feasible(allRows, rl, ru, problem.colLower, problem.colUpper)) {
    if (status === 'infeasible-or-unbounded') status = 'unbounded';
    const infeasible = status === 'infeasible';
    return {
      infeasible,
      status,
      method: 'none',
      rows: [],
      columns: [],
      relaxation: null,
      solves,
      message: infeasible
        ? isMip(problem)
          ? 'The LP relaxation is feasible: the integrality of the integer variables makes the problem infeasible; no row or bound set explains it.'
          : 'The solver reported infeasible, but a feasibility solve found a point (a numerical borderline case).'
        : 'Nothing to explain: the rows and bounds admit a point, so the problem is unbounded.',
    };
  }
  status = 'infeasible';

  // The smallest total relaxation: every row elastic.
  const everyRow = new Set(allRows);
  const elasticRun = async (hard: ReadonlySet<number>) => {
    const soft = new Set(allRows.filter((i) => !hard.has(i)));
    const sys = subsystem(problem, allRows, rl, ru, problem.colLower, problem.colUpper, soft);
    solves++;
    const r = await solver.solve(sys.problem, lpOptions);
    return { r, elasticOf: sys.elasticOf };
  };
  const relaxRows: RowRelaxation[] = [];
  const firstElastic = await elasticRun(new Set());
  if (firstElastic.r.status !== 'optimal' || firstElastic.r.colValues === null) {
    throw new LumixError('SOLVER_FAILED', `The elastic relaxation of '${problem.name}' ended '${firstElastic.r.status}'; it should always be feasible.`);
  }
  let total = 0;
  for (const i of everyRow) {
    const e = firstElastic.elasticOf.get(i);
    if (e === undefined) continue;
    const x = firstElastic.r.colValues;
    const r = compiled.row(i);
    for (const side of ['lower', 'upper'] as const) {
      const col = e[side];
      if (col < 0) continue;
      const by = x[col]!;
      if (by <= tol) continue;
      total += by;
      const from = side === 'lower' ? rl[i]! : ru[i]!;
      relaxRows.push({
        family: r.family,
        key: r.key,
        item: r.item,
        index: i,
        name: problem.rowName(i),
        side,
        from,
        to: side === 'lower' ? from - by : from + by,
        by,
      });
    }
  }
  const relaxation = { total, rows: relaxRows };

  const rowMember = (i: number, bound: IisBound): ExplainedMember => {
    const r = compiled.row(i);
    return { family: r.family, key: r.key, item: r.item, index: i, name: problem.rowName(i), lower: rl[i]!, upper: ru[i]!, bound };
  };
  const colMember = (j: number, bound: IisBound): ExplainedMember => {
    const c = compiled.column(j);
    return { family: c.family, key: c.key, item: c.item, index: j, name: problem.colName(j), lower: problem.colLower[j]!, upper: problem.colUpper[j]!, bound };
  };

  if (method === 'iis' || (method === 'auto' && solver.capabilities.iis)) {
    solves++;
    // An IIS search takes neither progress nor cancel (the solver refuses them): the elastic path honours both.
    const { onProgress: _progress, signal: _signal, ...iisOptions } = lpOptions;
    const iis = await solver.computeIis(problem, iisOptions);
    const rows = Array.from(iis.rows, (i, k) => rowMember(i, iis.rowBounds[k] ?? 'boxed'));
    const columns = Array.from(iis.cols, (j, k) => colMember(j, iis.colBounds[k] ?? 'free'));
    return { infeasible: true, status, method: 'iis', rows, columns, relaxation, solves, message: summary(rows, columns, relaxation.rows) };
  }

  // Elastic filter: make the rows that the relaxation used hard until the elastic problem is infeasible.
  const hard = new Set<number>();
  let run = firstElastic;
  for (;;) {
    if (run.r.status === 'infeasible') break;
    if (run.r.status !== 'optimal' || run.r.colValues === null) {
      throw new LumixError('SOLVER_FAILED', `An elastic solve of '${problem.name}' ended '${run.r.status}'.`);
    }
    const added: number[] = [];
    for (const [i, e] of run.elasticOf) {
      const x = run.r.colValues;
      if ((e.lower >= 0 && x[e.lower]! > tol) || (e.upper >= 0 && x[e.upper]! > tol)) added.push(i);
    }
    if (added.length === 0) {
      throw new LumixError(
        'SOLVER_FAILED',
        `The elastic filter on '${problem.name}' stalled: no row needs relaxing, yet the problem was found infeasible (a numerical borderline case).`,
      );
    }
    for (const i of added) hard.add(i);
    run = await elasticRun(hard);
  }
  // Deletion filter on the rows: drop each row whose removal keeps the rest infeasible.
  let kept = [...hard].sort((a, b) => a - b);
  for (const i of [...kept]) {
    const without = kept.filter((r) => r !== i);
    if (!(await feasible(without, rl, ru, problem.colLower, problem.colUpper))) kept = without;
  }
  // Which side of each ranged or equality row takes part.
  const rowLo = rl.slice();
  const rowHi = ru.slice();
  const rowBound = new Map<number, IisBound>();
  for (const i of kept) {
    const hasLo = rl[i] !== Number.NEGATIVE_INFINITY;
    const hasHi = ru[i] !== INF;
    if (hasLo && hasHi) {
      rowLo[i] = Number.NEGATIVE_INFINITY;
      if (!(await feasible(kept, rowLo, rowHi, problem.colLower, problem.colUpper))) {
        rowBound.set(i, 'upper');
        continue;
      }
      rowLo[i] = rl[i]!;
      rowHi[i] = INF;
      if (!(await feasible(kept, rowLo, rowHi, problem.colLower, problem.colUpper))) {
        rowBound.set(i, 'lower');
        continue;
      }
      rowHi[i] = ru[i]!;
      rowBound.set(i, 'boxed');
    } else rowBound.set(i, hasLo ? 'lower' : 'upper');
  }
  // Deletion filter on the variables' bounds: free every bound the set does not need.
  const cl = problem.colLower.slice();
  const cu = problem.colUpper.slice();
  const inRows = new Set<number>();
  for (const i of kept) for (let q = problem.rowStart[i]!; q < problem.rowStart[i + 1]!; q++) inRows.add(problem.colIndex[q]!);
  for (let j = 0; j < problem.numCols; j++) {
    if (!inRows.has(j)) {
      cl[j] = Number.NEGATIVE_INFINITY;
      cu[j] = INF;
    }
  }
  const columns: ExplainedMember[] = [];
  for (const j of [...inRows].sort((a, b) => a - b)) {
    let keepLo = false;
    let keepHi = false;
    if (cl[j] !== Number.NEGATIVE_INFINITY) {
      cl[j] = Number.NEGATIVE_INFINITY;
      if (await feasible(kept, rowLo, rowHi, cl, cu)) {
        cl[j] = problem.colLower[j]!;
        keepLo = true;
      }
    }
    if (cu[j] !== INF) {
      cu[j] = INF;
      if (await feasible(kept, rowLo, rowHi, cl, cu)) {
        cu[j] = problem.colUpper[j]!;
        keepHi = true;
      }
    }
    columns.push(colMember(j, keepLo && keepHi ? 'boxed' : keepLo ? 'lower' : keepHi ? 'upper' : 'free'));
  }
  const rows = kept.map((i) => rowMember(i, rowBound.get(i)!));
  return { infeasible: true, status, method: 'elastic', rows, columns, relaxation, solves, message: summary(rows, columns, relaxation.rows) };
}

function summary(rows: readonly ExplainedMember[], columns: readonly ExplainedMember[], relax: readonly RowRelaxation[]): string {
  const bounded = columns.filter((c) => c.bound !== 'free').length;
  const names = rows
    .slice(0, 5)
    .map((r) => r.name)
    .join(', ');
  const cheapest =
    relax.length === 0
      ? ''
      : ` Smallest fix: ${relax
          .slice(0, 3)
          .map((r) => `${r.side === 'upper' ? 'raise' : 'lower'} ${r.name} by ${Number(r.by.toPrecision(6))}`)
          .join('; ')}${relax.length > 3 ? '; …' : ''}.`;
  return `Infeasible: ${rows.length} row(s) (${names}${rows.length > 5 ? ', …' : ''}) and ${bounded} variable bound(s) conflict; dropping any one of them resolves it.${cheapest}`;
}
