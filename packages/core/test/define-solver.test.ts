import { describe, expect, it } from 'vitest';
import { Model, createStandardForm, defineSolver, isLumixError, type SessionDefinition, type SolveOptions, type SolveResult, type SolverDefinition, type StandardForm } from '../src/index.js';
import { createMockSolver } from '../src/testing/index.js';

const lp = createStandardForm({ name: 'lp', columns: [{ cost: 1 }, { cost: 2 }], rows: [{ name: 'r', lb: 1, terms: [[0, 1], [1, 1]] }] });
const mip = createStandardForm({ name: 'mip', columns: [{ ub: 1, cost: 1, integer: true }], rows: [] });

const answer = (p: StandardForm): SolveResult => ({
  solver: 't', status: 'optimal', hasSolution: true, objective: 0, colValues: new Float64Array(p.numCols), rowActivities: null, rowDuals: null, reducedCosts: null, stats: { solveMs: 0 },
});

/** A definition recording the options each solve received. */
function recording(capabilities: SolverDefinition['capabilities'] = {}, extra: Partial<SolverDefinition> = {}) {
  const seen: SolveOptions[] = [];
  const def: SolverDefinition = {
    name: 't',
    capabilities,
    solve: async (p, o) => {
      seen.push(o);
      return answer(p);
    },
    ...extra,
  };
  return { seen, solver: defineSolver(def) };
}

/** A session backend that records the changes it receives. */
function recordingSession(log: string[], extra: Partial<SessionDefinition> = {}): SessionDefinition {
  return {
    setColBounds: (j, lb, ub) => void log.push(`col ${j} ${lb} ${ub}`),
    setRowBounds: (i, lb, ub) => void log.push(`row ${i} ${lb} ${ub}`),
    setColCost: (j, c) => void log.push(`cost ${j} ${c}`),
    solve: async (o) => {
      log.push(`solve ${JSON.stringify(o)}`);
      return answer(lp);
    },
    dispose: () => void log.push('dispose'),
    ...extra,
  };
}

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (isLumixError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'none';
}

describe('defineSolver', () => {
  it('define/flag-without-member-and-member-without-flag-are-refused', () => {
    const solve = async (p: StandardForm) => answer(p);
    const open = async () => recordingSession([]);
    const computeIis = async () => ({ rows: new Int32Array(0), rowBounds: [], cols: new Int32Array(0), colBounds: [] });
    const solveLexicographic = async (p: StandardForm) => ({ ...answer(p), objectiveValues: null });
    for (const [flag, member, fn] of [['sessions', 'open', open], ['iis', 'computeIis', computeIis], ['multiObjective', 'solveLexicographic', solveLexicographic]] as const) {
      expect(() => defineSolver({ name: 'x', capabilities: { [flag]: true }, solve })).toThrow(new RegExp(`claims capability '${flag}' but has no ${member}\\(\\)`));
      expect(() => defineSolver({ name: 'x', capabilities: {}, solve, [member]: fn })).toThrow(new RegExp(`has a ${member}\\(\\) method but does not claim capability '${flag}'`));
      expect(() => defineSolver({ name: 'x', capabilities: { [flag]: true }, solve, [member]: fn })).not.toThrow();
    }
    expect(() => defineSolver({ name: '', capabilities: {}, solve })).toThrow(/non-empty name/);
    expect(() => defineSolver({ name: 'x', capabilities: {}, solve: undefined as never })).toThrow(/no solve/);
  });

  it('define/idempotent-and-hand-written-solvers-get-the-front-door', async () => {
    const mock = createMockSolver({ fallback: {} });
    expect(defineSolver(mock)).toBe(mock);
    // A hand-written Solver (no flags for members) is a definition; a copy of a defined one too:
    // its refusing stand-ins do not count as methods.
    const hand = defineSolver({ name: 'hand', capabilities: { lp: true }, solve: async (p) => answer(p) });
    expect(hand.capabilities.integer).toBe(false);
    expect(await codeOf(hand.solve(mip))).toMatch(/^UNSUPPORTED_FEATURE: Solver 'hand' does not support integer variables/);
    const copy = defineSolver({ ...hand, name: 'copy' });
    expect(await codeOf(copy.open(lp))).toMatch(/^UNSUPPORTED_FEATURE/);
    // Other own properties of a definition are copied.
    expect(mock.calls).toEqual([]);
  });

  it('define/unclaimed-members-and-options-are-refused-naming-a-solver-that-has-them', async () => {
    const { solver, seen } = recording({ integer: true });
    const asks: Array<[Promise<unknown>, RegExp]> = [
      [solver.open(lp), /sessions .*'highs'/],
      [solver.computeIis(lp), /irreducible infeasible subsystem.*'highs'/],
      [solver.solveLexicographic(lp, [{ sense: 'min', coefficients: [1, 1] }]), /several objectives.*'highs'/],
      [solver.solve(mip, { mipStart: [1] }), /MIP start.*'highs'/],
      [solver.solve(lp, { ranging: true }), /ranging.*'highs'/],
      [solver.solve(lp, { timeLimit: 1 }), /time limit/],
      [solver.solve(lp, { iterationLimit: 10 }), /iteration limit/],
      [solver.solve(lp, { threads: 2 }), /more than one thread \(threads: 2\).*createWorkerSolver/],
      [solver.solve(lp, { log: () => {} }), /log callback/],
      [solver.solve(lp, { presolve: false }), /presolve off/],
    ];
    for (const [ask, message] of asks) {
      const got = await codeOf(ask);
      expect(got, String(message)).toMatch(/^UNSUPPORTED_FEATURE: Solver 't' does not support /);
      expect(got).toMatch(message);
    }
    expect(seen).toHaveLength(0);
  });

  it('define/values-are-checked-once-before-the-backend', async () => {
    const { solver, seen } = recording({ integer: true, mipStart: true, timeLimit: true, mipGap: true, iterationLimit: true });
    const bad: SolveOptions[] = [{ timeLimit: 0 }, { timeLimit: Number.NaN }, { mipGap: -1 }, { threads: 1.5 }, { iterationLimit: -1 }, { mipStart: [1, 2] }, { mipStart: [Number.NaN] }];
    for (const o of bad) expect(await codeOf(solver.solve(mip, o)), JSON.stringify(o)).toMatch(/^INVALID_ARGUMENT/);
    expect(await codeOf(solver.solve(mip, { mipStart: [1, 2] }))).toContain('mipStart has 2 values but the problem has 1 columns');
    expect(seen).toHaveLength(0);
    await solver.solve(mip, { mipStart: [1], threads: 1 });
    expect(seen).toEqual([{ mipStart: [1], threads: 1 }]);
  });

  it('define/defaults-under-each-call-raw-merged-by-name', async () => {
    const { solver, seen } = recording({ timeLimit: true }, { defaults: { timeLimit: 5, raw: { a: 1, b: 2 } } });
    await solver.solve(lp);
    await solver.solve(lp, { timeLimit: 1, raw: { b: 3 } });
    expect(seen).toEqual([{ timeLimit: 5, raw: { a: 1, b: 2 } }, { timeLimit: 1, raw: { a: 1, b: 3 } }]);
    const bad = recording({}, { defaults: { timeLimit: 5 } });
    expect(await codeOf(bad.solver.solve(lp))).toMatch(/^UNSUPPORTED_FEATURE.*time limit/);
  });

  it('define/sessions-check-changes-and-refuse-after-dispose', async () => {
    const log: string[] = [];
    const solver = defineSolver({
      name: 's',
      capabilities: { sessions: true, timeLimit: true },
      defaults: { timeLimit: 9 },
      solve: async (p) => answer(p),
      open: async () => recordingSession(log),
    });
    const session = await solver.open(lp, { timeLimit: 3 });
    expect(session.problem).toBe(lp);
    expect(() => session.setColBounds(2, 0, 1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('numbered 0..1') }));
    expect(() => session.setRowBounds(0, 5, 4)).toThrow(expect.objectContaining({ code: 'INVALID_BOUNDS' }));
    expect(() => session.setColBounds(0, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER' }));
    expect(() => session.setColCost(1, Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER' }));
    session.setColBounds(1, 0, 4);
    session.setRowBounds(0, 2, Infinity);
    session.setColCost(0, 7);
    await session.solve();
    await session.solve({ timeLimit: 1 });
    expect(await codeOf(session.solve({ mipStart: [0, 0] }))).toMatch(/^UNSUPPORTED_FEATURE.*MIP start/);
    expect(await codeOf(session.ranging())).toMatch(/^UNSUPPORTED_FEATURE.*ranging/);
    expect(await codeOf(session.computeIis())).toMatch(/^UNSUPPORTED_FEATURE.*irreducible/);
    session[Symbol.dispose]();
    session.dispose();
    expect(session.disposed).toBe(true);
    expect(await codeOf(session.solve())).toMatch(/^INVALID_STATE.*was disposed/);
    expect(await codeOf(() => session.setColCost(0, 1))).toMatch(/^INVALID_STATE/);
    expect(log).toEqual(['col 1 0 4', 'row 0 2 Infinity', 'cost 0 7', 'solve {"timeLimit":3}', 'solve {"timeLimit":1}', 'dispose']);
  });

  it('define/a-session-must-match-the-flags', async () => {
    const log: string[] = [];
    const ranges = defineSolver({ name: 'r', capabilities: { sessions: true, ranging: true }, solve: async (p) => answer(p), open: async () => recordingSession(log) });
    expect(await codeOf(ranges.open(lp))).toMatch(/^INVALID_ARGUMENT: Solver 'r' claims capability 'ranging' but its session has no ranging\(\)/);
    const extra = defineSolver({
      name: 'e',
      capabilities: { sessions: true },
      solve: async (p) => answer(p),
      open: async () => recordingSession(log, { computeIis: () => ({ rows: new Int32Array(0), rowBounds: [], cols: new Int32Array(0), colBounds: [] }) }),
    });
    expect(await codeOf(extra.open(lp))).toMatch(/has a session computeIis\(\) method but does not claim capability 'iis'/);
    expect(log).toEqual(['dispose', 'dispose']);
  });

  it('define/objectives-are-checked', async () => {
    const got: unknown[] = [];
    const solver = defineSolver({
      name: 'm',
      capabilities: { multiObjective: true },
      solve: async (p) => answer(p),
      solveLexicographic: async (p, objectives) => {
        got.push(objectives.length);
        return { ...answer(p), objectiveValues: new Float64Array(objectives.length) };
      },
    });
    expect(await codeOf(solver.solveLexicographic(lp, []))).toMatch(/^INVALID_ARGUMENT.*at least one objective/);
    expect(await codeOf(solver.solveLexicographic(lp, [{ sense: 'min', coefficients: [1] }]))).toMatch(/coefficients of objective 0 has 1 values but the problem has 2/);
    expect(await codeOf(solver.solveLexicographic(lp, [{ sense: 'up' as 'min', coefficients: [1, 1] }]))).toMatch(/sense up/);
    expect(await codeOf(solver.solveLexicographic(lp, [{ name: 'cost', sense: 'min', coefficients: [1, 1], absoluteTolerance: -1 }]))).toMatch(/absoluteTolerance of cost/);
    expect(await codeOf(solver.solveLexicographic(lp, [{ sense: 'min', coefficients: [1, 1] }], { ranging: true }))).toMatch(/^INVALID_ARGUMENT.*ranging applies to solve/);
    const r = await solver.solveLexicographic(lp, [{ sense: 'min', coefficients: [1, 1] }, { sense: 'max', coefficients: [0, 1], relativeTolerance: 0.1 }]);
    expect(r.objectiveValues).toHaveLength(2);
    expect(got).toEqual([2]);
  });
});

describe('magnitude limits', () => {
  /** x (ub 1e25, cost c), row cap: a·x <= rhs. */
  const huge = (ub: number, cost: number, a: number, rhs: number) =>
    createStandardForm({ name: 'huge', sense: 'max', columns: [{ name: 'make[chair]', ub, cost }], rows: [{ name: 'cap[wood]', ub: rhs, terms: [[0, a]] }] });

  it('limits/default-to-infinity-and-must-be-positive-numbers', async () => {
    const { solver } = recording();
    expect(solver.capabilities).toMatchObject({ largestFiniteBound: Infinity, largestCoefficient: Infinity, largestCost: Infinity });
    await solver.solve(huge(1e300, -1e300, 1e300, 1e300));
    for (const bad of [0, -1, Number.NaN, '1e20' as unknown as number]) {
      expect(() => defineSolver({ name: 'x', capabilities: { largestCost: bad }, solve: async (p) => answer(p) }), String(bad)).toThrow(/capabilities\.largestCost.*number > 0/);
    }
  });

  it('limits/problem-numbers-at-or-above-a-limit-are-refused-naming-column-or-row', async () => {
    const { solver, seen } = recording({ largestFiniteBound: 1e20, largestCoefficient: 1e15, largestCost: 1e20 });
    const refusals: Array<[ReturnType<typeof huge>, RegExp]> = [
      [huge(1e25, 1, 1, 1), /^INVALID_NUMBER: Upper bound of make\[chair\] is 1e\+25.*'t'.*below 1e\+20.*largestFiniteBound.*Infinity/],
      [huge(1e20, 1, 1, 1), /Upper bound of make\[chair\] is 1e\+20/],
      [huge(1, 1, 1, -1e20), /Right-hand side \(upper bound\) of row cap\[wood\] is -1e\+20/],
      [huge(1, 1, 1e15, 1), /Coefficient of make\[chair\] in row cap\[wood\] is 1e\+15.*largestCoefficient.*[Rr]escale/],
      [huge(1, -1e308, 1, 1), /Objective coefficient of make\[chair\] is -1e\+308.*largestCost/],
    ];
    for (const [p, message] of refusals) expect(await codeOf(solver.solve(p))).toMatch(message);
    expect(seen).toHaveLength(0);
    // Just below every limit, and infinite bounds, reach the backend.
    await solver.solve(huge(1e20 * (1 - 1e-12), -1e20 * (1 - 1e-12), 1e15 * (1 - 1e-12), Number.POSITIVE_INFINITY));
    expect(seen).toHaveLength(1);
  });

  it('limits/details-name-the-value-and-the-limit', async () => {
    const { solver } = recording({ largestFiniteBound: 1e20 });
    const e = await solver.solve(huge(1e25, 1, 1, 1)).catch((x: unknown) => x);
    expect(isLumixError(e, 'INVALID_NUMBER')).toBe(true);
    expect((e as { details: unknown }).details).toEqual({ column: 'make[chair]', value: 1e25, solver: 't', limit: 'largestFiniteBound', max: 1e20 });
  });

  it('limits/every-member-and-session-change-is-checked', async () => {
    const log: string[] = [];
    const solver = defineSolver({
      name: 's',
      capabilities: { sessions: true, iis: true, multiObjective: true, largestFiniteBound: 1e20, largestCost: 1e20 },
      solve: async (p) => answer(p),
      open: async () => recordingSession(log, { computeIis: async () => ({ rows: new Int32Array(0), rowBounds: [], cols: new Int32Array(0), colBounds: [] }) }),
      computeIis: async () => ({ rows: new Int32Array(0), rowBounds: [], cols: new Int32Array(0), colBounds: [] }),
      solveLexicographic: async (p, objectives) => ({ ...answer(p), objectiveValues: new Float64Array(objectives.length) }),
    });
    const p = huge(1e25, 1, 1, 1);
    expect(await codeOf(solver.open(p))).toMatch(/^INVALID_NUMBER/);
    expect(await codeOf(solver.computeIis(p))).toMatch(/^INVALID_NUMBER/);
    expect(await codeOf(solver.solveLexicographic(p, [{ sense: 'min', coefficients: [1] }]))).toMatch(/^INVALID_NUMBER/);
    expect(await codeOf(solver.solveLexicographic(lp, [{ name: 'cost', sense: 'min', coefficients: [1, 1e21] }]))).toMatch(/^INVALID_NUMBER: Coefficient of x1 in cost is 1e\+21/);
    const session = await solver.open(lp);
    expect(() => session.setColBounds(0, 0, 1e20)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER', message: expect.stringContaining('column x0') }));
    expect(() => session.setRowBounds(0, -1e21, Infinity)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER', message: expect.stringContaining('row r') }));
    expect(() => session.setColCost(1, -1e20)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER', message: expect.stringContaining('largestCost') }));
    session.setColBounds(0, -Infinity, 1e19);
    expect(log).toEqual(['col 0 -Infinity 10000000000000000000']);
  });

  it('limits/an-objective-that-overflows-is-never-reported-as-a-number', async () => {
    // A backend whose costs are within its limits can still overflow: cost 1e308 at x = 10.
    for (const objective of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const solver = defineSolver({ name: 'o', capabilities: {}, solve: async (p) => ({ ...answer(p), objective }) });
      expect(await codeOf(solver.solve(lp))).toMatch(new RegExp(`^INVALID_NUMBER: Solver 'o' returned a point of 'lp' \\(status optimal\\) whose objective is ${objective}.*overflow.*[Rr]escale`));
    }
    const nan = defineSolver({ name: 'n', capabilities: {}, solve: async (p) => ({ ...answer(p), objective: Number.NaN }) });
    expect(await codeOf(nan.solve(lp))).toMatch(/^SOLVER_FAILED.*objective NaN/);
    // Through a model: no Solution says 'optimal' with -Infinity.
    const mock = createMockSolver({ steps: [{ colValues: [10, 0], objective: Number.NEGATIVE_INFINITY }] });
    const m = new Model('m');
    const x = m.continuous('x', [1, 2], { ub: 10 });
    m.minimize(x.sum());
    expect(await codeOf(m.solve({ solver: mock }))).toMatch(/^INVALID_NUMBER/);
  });
});
