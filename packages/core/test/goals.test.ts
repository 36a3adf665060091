// Goal programming in core, with the mock solver: declarations and their errors, the goal
// problem a solver receives (deviation columns per sense, names, costs, lock rows), the levels
// of a rebuilt lexicographic solve, and the report. Real solvers: tests/integration/goals-*.
import { describe, expect, it } from 'vitest';
import { Model, type StandardForm } from '../src/index.js';
import { createMockSolver } from '../src/testing/index.js';
import { expectCode } from './helpers/expect-code.js';


const orders = [
  { id: 'a', product: 1, target: 10, priority: 1, weight: 2 },
  { id: 'b', product: 2, target: 5, priority: 2, weight: 1 },
];

/** x[1], x[2] in [0, 8]; cap x1 + x2 <= 12; orders x[p] >= target as goals; a <= goal and a ranged goal; maximise x1 + 3 x2. */
function model() {
  const m = new Model('g');
  const x = m.continuous('x', [1, 2], { ub: 8 });
  m.constraint('cap', x.sum().le(12));
  const o = m.constraints('orders', orders, (r) => x.get(r.product).ge(r.target));
  m.goal(o, { priority: (r) => r.priority, weight: (r) => r.weight });
  const at = m.constraint('at_most', () => x.get(2).le(3));
  m.goal(at, { priority: 3 });
  const band = m.constraint('band', () => x.sum().between(9, 11));
  m.goal(band, { priority: 3, weight: 0.5 });
  m.maximize(x.sum((k) => (k === 1 ? 1 : 3)));
  return { m, x, o, at, band };
}

describe('goals: declarations', () => {
  it('refuses a family of another model, a second goal on one family, bad priorities and weights, unknown options', async () => {
    const { m, o } = model();
    const other = new Model('other');
    const y = other.continuous('y', [1]);
    const foreign = other.constraint('c', y.sum().le(1));
    await expectCode(() => m.goal(foreign, { priority: 1 }), 'INVALID_ARGUMENT', "'c' is not a constraint family of this model");
    await expectCode(() => m.goal(o, { priority: 1 }), 'INVALID_ARGUMENT', 'already a goal');
    const m2 = new Model();
    const z = m2.continuous('z', [1]);
    const c = m2.constraint('c', z.sum().ge(1));
    await expectCode(() => m2.goal(c, { priority: 0 }), 'INVALID_ARGUMENT', 'priority 0', 'whole numbers >= 1');
    await expectCode(() => m2.goal(c, { priority: 1.5 }), 'INVALID_ARGUMENT', 'priority 1.5');
    await expectCode(() => m2.goal(c, { priority: 1, weight: Number.NaN }), 'INVALID_NUMBER', 'weight NaN');
    await expectCode(() => m2.goal(c, { priority: 1, weight: -1 }), 'INVALID_ARGUMENT', 'negative');
    await expectCode(() => m2.goal(c, { priority: 1, cost: 3 } as never), 'INVALID_ARGUMENT', "unknown option 'cost'", "'priority', 'weight'");
    await expectCode(() => m2.goal(c, {} as never), 'INVALID_ARGUMENT', "'priority' is required");
  });

  it('checks per-row priorities and weights when the model compiles, naming family and key', async () => {
    const m = new Model();
    const x = m.continuous('x', [1, 2]);
    const rows = m.constraints('rows', [1, 2], (k) => x.get(k).ge(1));
    m.goal(rows, { priority: (k) => (k === 2 ? 0 : 1), weight: 1 });
    await expectCode(m.solve({ solver: createMockSolver({ fallback: {} }) }), 'INVALID_ARGUMENT', "Goal on 'rows', row 2", 'priority 0');
    const m2 = new Model();
    const x2 = m2.continuous('x', [1, 2]);
    const rows2 = m2.constraints('rows', [1, 2], (k) => x2.get(k).ge(1));
    m2.goal(rows2, { priority: 1, weight: (k) => (k === 1 ? Number.NaN : 1) });
    await expectCode(m2.solve({ solver: createMockSolver({ fallback: {} }) }), 'INVALID_NUMBER', "Goal on 'rows', row 1", 'weight NaN');
  });

  it('refuses goal solve options on a model without goals, and unknown or misplaced goal options', async () => {
    const m = new Model();
    const x = m.continuous('x', [1]);
    m.constraint('c', x.sum().le(1));
    await expectCode(m.solve({ solver: createMockSolver({ fallback: { colValues: [0] } }), goals: { mode: 'weighted' } }), 'INVALID_STATE', 'declares no goals');
    const { m: g } = model();
    const solver = createMockSolver({ fallback: { colValues: [0, 0, 0, 0, 0, 0, 0] } });
    await expectCode(g.solve({ solver, goals: { mode: 'weighted', method: 'native' } }), 'INVALID_ARGUMENT', "'method' applies to mode 'lexicographic'");
    await expectCode(g.solve({ solver, goals: { objectiveWeight: 1 } }), 'INVALID_ARGUMENT', "'objectiveWeight' applies to mode 'weighted'");
    await expectCode(g.solve({ solver, goals: { mode: 'weighted', scale: {} } as never }), 'INVALID_ARGUMENT', "unknown option 'scale'", "'scales'");
    await expectCode(g.solve({ solver, goals: { method: 'native' } }), 'UNSUPPORTED_FEATURE');
    await expectCode(g.solve({ solver: createMockSolver({ capabilities: { ranging: true }, fallback: {} }), ranging: true }), 'INVALID_ARGUMENT', 'Ranging is not available for a goal solve');
    // A solution of a model without goals has no report.
    const plain = await m.solve({ solver: createMockSolver({ fallback: { colValues: [0] } }) });
    await expectCode(() => plain.goals, 'INVALID_STATE', 'declares no goals');
  });
});

describe('goals: the goal problem', () => {
  it('adds d- for >=, d+ for <=, both for a range, named after family and key, costed scale·weight in weighted mode', async () => {
    const { m } = model();
    const solver = createMockSolver({ fallback: { colValues: [8, 4, 2, 1, 1, 0, 0] } });
    await m.solve({ solver, goals: { mode: 'weighted' } });
    const p: StandardForm = solver.calls[0]!.problem;
    expect(p.numCols).toBe(2 + 5);
    expect(Array.from({ length: 5 }, (_, k) => p.colName(2 + k))).toEqual(['orders.dev_under[a]', 'orders.dev_under[b]', 'at_most.dev_over', 'band.dev_under', 'band.dev_over']);
    expect(p.sense).toBe('min');
    // 10^(6-p)·weight; the model's own objective is left out (objectiveWeight 0, LumiX's weighted mode).
    expect(Array.from(p.colCost)).toEqual([0, 0, 1e5 * 2, 1e4, 1e3, 1e3 * 0.5, 1e3 * 0.5]);
    const row = (i: number) => Array.from({ length: p.rowStart[i + 1]! - p.rowStart[i]! }, (_, k) => [p.colIndex[p.rowStart[i]! + k], p.value[p.rowStart[i]! + k]]);
    expect(row(1)).toEqual([[0, 1], [2, 1]]); // x1 + d- >= 10
    expect(row(3)).toEqual([[1, 1], [4, -1]]); // x2 - d+ <= 3
    expect(row(4)).toEqual([[0, 1], [1, 1], [5, 1], [6, -1]]); // 9 <= x1 + x2 + d- - d+ <= 11
    expect(p.numRows).toBe(5); // no lock rows in weighted mode
  });

  it('objectiveWeight and scales: the model objective enters in min form, scales by priority', async () => {
    const { m } = model();
    const solver = createMockSolver({ fallback: { colValues: [0, 0, 0, 0, 0, 0, 0] } });
    await m.solve({ solver, goals: { mode: 'weighted', objectiveWeight: 2, scales: { 1: 100, 3: 1 } } });
    const p = solver.calls[0]!.problem;
    expect(Array.from(p.colCost)).toEqual([-2, -6, 200, 1e4, 1, 0.5, 0.5]);
  });

  it('reports per row and per priority, from the point (not the deviation columns)', async () => {
    const { m, x, o } = model();
    // x = (8, 4): order a short by 2, order b met, at_most over by 1, band over by 1 (12 > 11).
    // The deviation columns are deliberately wrong: the report recomputes from x.
    const solver = createMockSolver({ fallback: { colValues: [8, 4, 99, 99, 99, 99, 99], objective: 123 } });
    const sol = await m.solve({ solver, goals: { mode: 'weighted' } });
    expect(sol.objective).toBe(8 + 12); // the model's own objective at the point
    expect(sol.goals.weightedObjective).toBe(123); // what the solver minimised
    expect(sol.value(x, 1)).toBe(8);
    const a = sol.goals.row(o, 'a');
    expect(a).toMatchObject({ family: 'orders', key: 'a', priority: 1, weight: 2, sense: '>=', target: 10, achieved: 8, shortfall: 2, excess: 0, deviation: 2, satisfied: false });
    expect(sol.goals.row('orders', orders[1])).toMatchObject({ key: 'b', sense: '>=', achieved: 4, deviation: 1, satisfied: false });
    expect(sol.goals.row('at_most')).toMatchObject({ sense: '<=', target: 3, achieved: 4, excess: 1, deviation: 1 });
    expect(sol.goals.row('band')).toMatchObject({ sense: 'range', target: null, lower: 9, upper: 11, achieved: 12, excess: 1, deviation: 1 });
    expect(sol.goals.priorities).toEqual([
      { priority: 1, scale: 1e5, satisfied: 0, total: 1, deviation: 2, weightedDeviation: 4 },
      { priority: 2, scale: 1e4, satisfied: 0, total: 1, deviation: 1, weightedDeviation: 1 },
      { priority: 3, scale: 1e3, satisfied: 0, total: 2, deviation: 2, weightedDeviation: 1.5 },
    ]);
    expect(sol.goals.penalty).toBe(1e5 * 4 + 1e4 * 1 + 1e3 * 1.5);
    // Goal rows' activities are without deviations.
    expect(sol.activity(o, 'a')).toBe(8);
    await expectCode(() => sol.goals.row('cap'), 'UNKNOWN_KEY', "No goal row 'cap'");
    await expectCode(() => sol.goals.priority(7), 'UNKNOWN_KEY', 'priorities are 1, 2, 3');
  });

  it('lexicographic (rebuild on a solver without sessions): one solve per level, earlier levels locked at optimum + min(abs, rel·|optimum|)', async () => {
    const { m } = model();
    // Levels: P1 (optimum 2·2 = 4), P2 (1), P3 (1.5), then the objective (max).
    const points = [
      [8, 4, 2, 0, 1, 1, 0],
      [8, 4, 2, 1, 1, 0, 1],
      [8, 4, 2, 1, 1, 0, 1],
      [8, 4, 2, 1, 1, 0, 1],
    ];
    const solver = createMockSolver({ steps: points.map((colValues) => ({ colValues, stats: { solveMs: 5 } })) });
    const sol = await m.solve({ solver, goals: { levelTolerance: { absolute: 0.01, relative: 0.5 } } });
    expect(solver.calls).toHaveLength(4);
    const [p1, p2, p3, obj] = solver.calls.map((c) => c.problem);
    expect(p1!.numRows).toBe(5 + 3); // one lock row per priority
    expect(p1!.rowStart[p1!.numRows]).toBe(p1!.value.length);
    expect(p1!.colIndex.length).toBe(p1!.value.length);
    expect(p1!.rowName(5)).toBe('goals.priority_1');
    expect(Array.from(p1!.colCost)).toEqual([0, 0, 2, 0, 0, 0, 0]);
    expect(Array.from(p2!.colCost)).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(Array.from(p3!.colCost)).toEqual([0, 0, 0, 0, 1, 0.5, 0.5]);
    expect(Array.from(obj!.colCost)).toEqual([-1, -3, 0, 0, 0, 0, 0]); // max as min of the negation
    expect(p1!.rowUpper[5]).toBe(Number.POSITIVE_INFINITY);
    expect(p2!.rowUpper[5]).toBe(4 + Math.min(0.01, 0.5 * 4));
    expect(p3!.rowUpper[6]).toBe(1 + 0.01);
    expect(obj!.rowUpper[7]).toBe(1.5 + 0.01);
    expect(sol.goals.mode).toBe('lexicographic');
    expect(sol.goals.method).toBe('rebuild');
    expect(sol.goals.levels).toEqual([
      { name: 'priority 1', priority: 1, sense: 'min', optimum: 4, value: 4, solveMs: expect.any(Number) },
      { name: 'priority 2', priority: 2, sense: 'min', optimum: 1, value: 1, solveMs: expect.any(Number) },
      { name: 'priority 3', priority: 3, sense: 'min', optimum: 1.5, value: 1.5, solveMs: expect.any(Number) },
      { name: 'objective', priority: null, sense: 'max', optimum: 20, value: 20, solveMs: expect.any(Number) },
    ]);
    expect(sol.objective).toBe(20);
    expect(sol.result.rowDuals).toBeNull();
  });

  it('lexicographic stops at a level that is not optimal and reports its status', async () => {
    const { m } = model();
    const solver = createMockSolver({ steps: [{ colValues: [8, 4, 2, 0, 1, 1, 0] }, { status: 'time-limit', colValues: [8, 4, 2, 1, 1, 0, 1] }] });
    const sol = await m.solve({ solver, goals: { method: 'rebuild' } });
    expect(solver.calls).toHaveLength(2);
    expect(sol.status).toBe('time-limit');
    expect(sol.hasSolution).toBe(true);
    expect(sol.goals.levels.map((l) => l.optimum)).toEqual([4, null, null, null]);
    const infeasible = createMockSolver({ steps: [{ status: 'infeasible', hasSolution: false }] });
    const none = await model().m.solve({ solver: infeasible });
    expect(none.status).toBe('infeasible');
    expect(none.goals.penalty).toBeNull();
    expect(none.objective).toBeNull();
  });

  it('a MIP start over the model columns gets its deviations; later levels start from the previous level point', async () => {
    const m = new Model('g');
    const x = m.integer('x', [1, 2], { ub: 8 });
    const o = m.constraints('orders', orders, (r) => x.get(r.product).ge(r.target));
    m.goal(o, { priority: (r) => r.priority });
    m.maximize(x.sum());
    const solver = createMockSolver({ capabilities: { mipStart: true }, fallback: { colValues: [8, 5, 2, 0] } });
    await m.solve({ solver, mipStart: [7, 6], goals: { mode: 'weighted' } });
    expect(Array.from(solver.calls[0]!.options.mipStart!)).toEqual([7, 6, 3, 0]);
    const levels = createMockSolver({ capabilities: { mipStart: true }, fallback: { colValues: [8, 5, 2, 0] } });
    await m.solve({ solver: levels, mipStart: [7, 6], goals: { method: 'rebuild' } });
    expect(levels.calls.map((c) => Array.from(c.options.mipStart!))).toEqual([
      [7, 6, 3, 0],
      [8, 5, 2, 0],
      [8, 5, 2, 0],
    ]);
  });

  it('a goal of weight 0 gets its deviation column but no term in its lock row', async () => {
    const m = new Model();
    const x = m.continuous('x', [1, 2], { ub: 5 });
    const rows = m.constraints('rows', [1, 2], (k) => x.get(k).ge(3));
    m.goal(rows, { priority: 1, weight: (k) => (k === 1 ? 0 : 2) });
    const solver = createMockSolver({ fallback: { colValues: [0, 3, 3, 0] } });
    await m.solve({ solver, goals: { method: 'rebuild' } });
    const p = solver.calls[0]!.problem;
    expect(p.numCols).toBe(4);
    expect(p.rowStart[p.numRows]).toBe(p.value.length);
    const lock = p.numRows - 1;
    expect(Array.from(p.colIndex.subarray(p.rowStart[lock]!, p.rowStart[lock + 1]!))).toEqual([3]);
    expect(Array.from(p.value.subarray(p.rowStart[lock]!, p.rowStart[lock + 1]!))).toEqual([2]);
  });

  it('a later level reported infeasible (backend numerics: the previous point meets every lock) is retried once with the locks widened', async () => {
    const { m } = model();
    const ok = (colValues: number[]) => ({ colValues });
    const solver = createMockSolver({
      steps: [ok([8, 4, 2, 0, 1, 1, 0]), { status: 'infeasible', hasSolution: false }, ok([8, 4, 2, 1, 1, 0, 1]), ok([8, 4, 2, 1, 1, 0, 1]), ok([8, 4, 2, 1, 1, 0, 1])],
    });
    const sol = await m.solve({ solver, goals: { method: 'rebuild' } });
    expect(solver.calls).toHaveLength(5);
    const lock = 5;
    expect(solver.calls[1]!.problem.rowUpper[lock]).toBe(4 + 1e-6);
    expect(solver.calls[2]!.problem.rowUpper[lock]).toBe(4 + 1e-6 + 1e-6 * 4);
    expect(sol.status).toBe('optimal');
    expect(sol.goals.levels.map((l) => l.optimum)).toEqual([4, 1, 1.5, 20]);
    // A first level reported infeasible is the model's answer: no retry.
    const infeasible = createMockSolver({ steps: [{ status: 'infeasible', hasSolution: false }] });
    expect((await model().m.solve({ solver: infeasible })).status).toBe('infeasible');
    expect(infeasible.calls).toHaveLength(1);
  });

  it('goal families without rows: the model objective (or a feasibility solve) is the only level', async () => {
    const m = new Model();
    const x = m.continuous('x', [1], { ub: 2 });
    const none = m.constraints('none', [] as number[], () => x.sum().ge(1));
    m.goal(none, { priority: 1 });
    const sol = await m.solve({ solver: createMockSolver({ fallback: { colValues: [1] } }) });
    expect(sol.goals.levels.map((l) => l.name)).toEqual(['objective']);
    expect(sol.goals.rows).toEqual([]);
    expect(sol.goals.priorities).toEqual([]);
    expect(sol.goals.penalty).toBe(0);
  });
});
