// Property test of lexicographic goal programming: random small goal programs (bounded columns,
// some integer; hard rows around a hidden feasible point; goal rows of every sense with random
// targets, priorities 1-3 and weights), solved through model.goal + model.solve by HiGHS (native,
// session, rebuild) and GLPK (rebuild), are checked level by level against independent solves of
// the same program written by hand with explicit deviation variables, one Model per level with
// the earlier levels as explicit constraints, solved by GLPK. Fixed seed: reproducible; fast-check prints the
// seed and the shrunk counterexample on failure.
import { Model, type Constraint, type Expr, type Solver, type VariableFamily } from '@lumix/core';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const SEED = 20261128;
const RUNS = 100;
/** The default level tolerance of a goal solve, used by the hand-written levels too. */
const LEVEL_TOL = (optimum: number): number => Math.min(1e-6, 1e-6 * Math.abs(optimum));
const highs = createHighsSolver();
const glpk = createGlpkSolver();

interface Row { coefs: number[]; sense: 'le' | 'ge' | 'eq' | 'range'; shift: number; width: number }
interface Program {
  cols: { lb: number; width: number; integer: boolean; cost: number; at: number }[];
  hard: Row[];
  goals: (Row & { priority: number; weight: number })[];
  sense: 'min' | 'max';
}

const rowArb = (n: number) =>
  fc.record({
    coefs: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: n, maxLength: n }),
    sense: fc.constantFrom<Row['sense']>('le', 'ge', 'eq', 'range'),
    shift: fc.integer({ min: -6, max: 6 }),
    width: fc.integer({ min: 0, max: 5 }),
  });

const programArb: fc.Arbitrary<Program> = fc
  .record({ n: fc.integer({ min: 1, max: 5 }), h: fc.integer({ min: 0, max: 3 }), g: fc.integer({ min: 1, max: 5 }) })
  .chain(({ n, h, g }) =>
    fc.record({
      cols: fc.array(
        fc.record({
          lb: fc.integer({ min: -5, max: 5 }),
          width: fc.integer({ min: 0, max: 8 }),
          integer: fc.boolean(),
          cost: fc.integer({ min: -5, max: 5 }),
          at: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: n, maxLength: n },
      ),
      hard: fc.array(rowArb(n), { minLength: h, maxLength: h }),
      goals: fc.array(
        fc.tuple(rowArb(n), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 3 })).map(([r, priority, weight]) => ({ ...r, priority, weight })),
        { minLength: g, maxLength: g },
      ),
      sense: fc.constantFrom<'min' | 'max'>('min', 'max'),
    }),
  );

/** The hidden point: integer where the column is, inside the bounds; hard rows admit it. */
function hidden(p: Program): number[] {
  return p.cols.map((c) => (c.integer ? c.lb + Math.round(c.at * c.width) : c.lb + c.at * c.width));
}

/** A row's constraint: hard rows keep the hidden point feasible (shift >= 0 towards slack); goal rows use the shift as given. */
function bounds(r: Row, activity: number, hard: boolean): [number, number] {
  const s = hard ? Math.abs(r.shift) : r.shift;
  switch (r.sense) {
    case 'le':
      return [Number.NEGATIVE_INFINITY, activity + s];
    case 'ge':
      return [activity - s, Number.POSITIVE_INFINITY];
    case 'eq':
      return hard ? [activity, activity] : [activity + s, activity + s];
    default:
      return hard ? [activity - s - r.width, activity + s + r.width] : [activity + s, activity + s + r.width];
  }
}

function constraintOf(e: Expr, lo: number, hi: number): Constraint {
  if (lo === hi) return e.eq(lo);
  if (hi === Number.POSITIVE_INFINITY) return e.ge(lo);
  if (lo === Number.NEGATIVE_INFINITY) return e.le(hi);
  return e.between(lo, hi);
}

type Column = Program['cols'][number] & { id: number };

function declare(p: Program, m: Model): { x: VariableFamily<Column>; rowExpr: (r: Row) => Expr; goalBounds: [number, number][] } {
  const x0 = hidden(p);
  const items: Column[] = p.cols.map((c, j) => ({ id: j, ...c }));
  const x = m.continuous('x', items, { lb: (c) => c.lb, ub: (c) => c.lb + c.width, integer: (c) => c.integer });
  const rowExpr = (r: Row): Expr => x.sum((c) => r.coefs[c.id]!);
  const act = (r: Row): number => r.coefs.reduce((a, c, j) => a + c * x0[j]!, 0);
  p.hard.forEach((r, i) => {
    const [lo, hi] = bounds(r, act(r), true);
    m.constraint(`hard_${i}`, () => constraintOf(rowExpr(r), lo, hi));
  });
  return { x, rowExpr, goalBounds: p.goals.map((r) => bounds(r, act(r), false)) };
}

/** Through the goal API. */
function goalModel(p: Program): Model {
  const m = new Model('goal-program');
  const { x, rowExpr, goalBounds } = declare(p, m);
  const goalRows = p.goals.map((r, i) => ({ id: i, r, b: goalBounds[i]! }));
  const g = m.constraints('g', goalRows, ({ r, b }) => constraintOf(rowExpr(r), b[0], b[1]));
  m.goal(g, { priority: ({ r }) => r.priority, weight: ({ r }) => r.weight });
  const obj = x.sum((c) => c.cost);
  if (p.sense === 'max') m.maximize(obj);
  else m.minimize(obj);
  return m;
}

/** By hand: level optima with explicit deviation variables and explicit locks. */
async function independentLevels(p: Program): Promise<number[] | 'infeasible'> {
  const priorities = [...new Set(p.goals.map((g) => g.priority))].sort();
  const optima: number[] = [];
  const levels = [...priorities.map((q) => ({ priority: q as number | null })), { priority: null }];
  const hasObjective = p.cols.some((c) => c.cost !== 0);
  for (let k = 0; k < levels.length; k++) {
    const level = levels[k]!;
    if (level.priority === null && !hasObjective) break;
    const m = new Model('by-hand');
    const { x, rowExpr, goalBounds } = declare(p, m);
    const ids = p.goals.map((_, i) => i);
    const under = m.continuous('under', ids);
    const over = m.continuous('over', ids);
    const penalty = (q: number): Expr => {
      const rows = ids.filter((i) => p.goals[i]!.priority === q);
      return under.sum((i) => (rows.includes(i) ? p.goals[i]!.weight : 0)).plus(over.sum((i) => (rows.includes(i) ? p.goals[i]!.weight : 0)));
    };
    m.constraints('g', ids, (i) => {
      const [lo, hi] = goalBounds[i]!;
      const e = rowExpr(p.goals[i]!).plus(under.get(i)).minus(over.get(i));
      // A side without a bound has no deviation of its own.
      if (lo === Number.NEGATIVE_INFINITY) return constraintOf(e.minus(under.get(i)), lo, hi);
      if (hi === Number.POSITIVE_INFINITY) return constraintOf(e.plus(over.get(i)), lo, hi);
      return constraintOf(e, lo, hi);
    });
    for (let j = 0; j < k; j++) m.constraint(`lock_${j}`, () => penalty(priorities[j]!).le(optima[j]! + LEVEL_TOL(optima[j]!)));
    if (level.priority === null) {
      const obj = x.sum((c) => c.cost);
      if (p.sense === 'max') m.maximize(obj);
      else m.minimize(obj);
    } else {
      m.minimize(penalty(level.priority));
    }
    // GLPK: HiGHS 1.15's MIP solve calls some of these hand-written levels infeasible although
    // the previous level's point meets every lock (seen at seed 20261128; the goal layer's own
    // HiGHS methods, with the locks as rows of one problem, solve the same programs).
    const sol = await m.solve({ solver: glpk, mipGap: 0 });
    if (sol.status === 'infeasible' && k === 0) return 'infeasible';
    expect(sol.status, `hand-written level ${k}`).toBe('optimal');
    optima.push(sol.objective!);
  }
  return optima;
}

const CASES: [string, Solver, 'native' | 'session' | 'rebuild'][] = [
  ['highs', highs, 'native'],
  ['highs', highs, 'session'],
  ['highs', highs, 'rebuild'],
  ['glpk', glpk, 'rebuild'],
];

describe('goals: lexicographic against hand-written level-by-level solves', () => {
  it('random goal programs: every method reaches each level optimum of the independent solves', async () => {
    await fc.assert(
      fc.asyncProperty(programArb, async (p) => {
        const expected = await independentLevels(p);
        for (const [name, solver, method] of CASES) {
          const sol = await goalModel(p).solve({ solver, mipGap: 0, goals: { method } });
          if (expected === 'infeasible') {
            expect(sol.status, `${name} ${method}`).toBe('infeasible');
            continue;
          }
          expect(sol.status, `${name} ${method}`).toBe('optimal');
          const levels = sol.goals.levels;
          expect(levels.length, `${name} ${method}`).toBe(expected.length);
          for (let k = 0; k < expected.length; k++) {
            const scale = 1 + Math.abs(expected[k]!);
            // Each level's value at the returned point is its optimum (within the tolerances the earlier levels gave).
            expect(Math.abs(levels[k]!.value! - expected[k]!) / scale, `${name} ${method} level ${levels[k]!.name}`).toBeLessThan(1e-4);
            if (levels[k]!.priority !== null) {
              // And matches the report's own per-priority total, computed from the point.
              expect(levels[k]!.value!).toBeCloseTo(sol.goals.priority(levels[k]!.priority!).weightedDeviation, 5);
            }
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);
});
