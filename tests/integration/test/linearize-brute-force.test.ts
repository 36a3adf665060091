// The linearisation helpers of @lumix/core against brute-force enumeration: small random
// instances over integer variables with small bounds, a random objective (either sense, either
// sign on the helper's result, so nothing leans on "minimised abs is convex"), solved by HiGHS
// and by GLPK. The optimum must equal the best value found by enumerating every integer point,
// and the helper's reported result must equal the function evaluated at the solver's point.
// Fixed seeds: reproducible; fast-check prints the shrunk counterexample on failure.
import { Model, abs, and, indicator, max, min, or, piecewise, product, sum, type Solver, type Var, type VariableFamily } from '@lumix/core';
import { createGlpkSolver } from '@lumix/solver-glpk';
import { createHighsSolver } from '@lumix/solver-highs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const RUNS = 25;
const solvers: readonly Solver[] = [createHighsSolver(), createGlpkSolver()];
const TOL = 1e-6;

/** Every integer point of the box [lo, hi] (inclusive). */
function* points(lo: readonly number[], hi: readonly number[]): Generator<number[]> {
  const x = lo.slice();
  for (;;) {
    yield x.slice();
    let i = x.length - 1;
    while (i >= 0 && x[i] === hi[i]) {
      x[i] = lo[i]!;
      i--;
    }
    if (i < 0) return;
    x[i]!++;
  }
}

const dot = (a: readonly number[], x: readonly number[]): number => a.reduce((s, ai, i) => s + ai * x[i]!, 0);

/** A box of n integer variables with bounds within [-3, 3]. */
const boxArb = (n: number, lo = -3, hi = 3) =>
  fc.array(fc.tuple(fc.integer({ min: lo, max: 0 }), fc.integer({ min: 0, max: hi })), { minLength: n, maxLength: n });
const vecArb = (n: number, r = 3) => fc.array(fc.integer({ min: -r, max: r }), { minLength: n, maxLength: n });

/** Declares x[0..n-1] integer within the box. */
function box(m: Model, bounds: readonly (readonly [number, number])[]): VariableFamily<number> {
  return m.integer('x', bounds.map((_, i) => i), { lb: (i) => bounds[i]![0], ub: (i) => bounds[i]![1] });
}

interface Case {
  readonly sense: 'min' | 'max';
  /** Best objective by enumeration (null: no feasible point). */
  readonly best: number | null;
}

async function check(m: Model, expected: Case, solver: Solver, verify: (x: (v: Var) => number) => void): Promise<void> {
  const sol = await m.solve({ solver });
  if (expected.best === null) {
    expect(sol.status).toBe('infeasible');
    return;
  }
  expect(sol.status, `${solver.name}: ${m.name}`).toBe('optimal');
  expect(sol.objective!).toBeCloseTo(expected.best, 6);
  verify((v) => sol.value(v));
}

describe.each(solvers.map((s) => [s.name, s] as const))('linearize vs brute force (%s)', (_name, solver) => {
  it('abs: |a·x + b| per item, either objective sense and sign', async () => {
    await fc.assert(
      fc.asyncProperty(boxArb(2), fc.array(fc.record({ a: vecArb(2), b: fc.integer({ min: -4, max: 4 }), w: fc.integer({ min: -3, max: 3 }) }), { minLength: 1, maxLength: 2 }), vecArb(2), fc.constantFrom<'min' | 'max'>('min', 'max'), async (bounds, items, c, sense) => {
        const lo = bounds.map((b) => b[0]);
        const hi = bounds.map((b) => b[1]);
        const rows = items.map((it, i) => ({ id: `t${i}`, ...it }));
        const f = (x: number[]) => dot(c, x) + sum0(rows.map((r) => r.w * Math.abs(dot(r.a, x) + r.b)));
        const m = new Model('abs');
        const x = box(m, bounds);
        const t = abs(m, 'gap', rows, (r) => sum(r.a.map((ai, i) => x.get(i).times(ai))).plus(r.b));
        const objective = () => sum(c.map((ci, i) => x.get(i).times(ci))).plus(t.sum((r) => r.w));
        if (sense === 'min') m.minimize(objective);
        else m.maximize(objective);
        await check(m, { sense, best: bestOf(points(lo, hi), f, sense) }, solver, (val) => {
          const xs = [0, 1].map((i) => val(x.get(i)));
          for (const r of rows) expect(val(t.get(r.id))).toBeCloseTo(Math.abs(dot(r.a, xs) + r.b), 6);
        });
      }),
      { numRuns: RUNS, seed: 11_001 },
    );
  });

  it('min and max of expressions and a constant', async () => {
    await fc.assert(
      fc.asyncProperty(boxArb(2), vecArb(2), vecArb(2), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), vecArb(2), fc.constantFrom<'min' | 'max'>('min', 'max'), fc.constantFrom<'min' | 'max'>('min', 'max'), async (bounds, a1, a2, k, w, c, kind, sense) => {
        const lo = bounds.map((b) => b[0]);
        const hi = bounds.map((b) => b[1]);
        const g = (x: number[]) => (kind === 'min' ? Math.min : Math.max)(dot(a1, x), dot(a2, x) + 1, k);
        const m = new Model(kind);
        const x = box(m, bounds);
        const lin = (a: readonly number[]) => sum(a.map((ai, i) => x.get(i).times(ai)));
        const y = (kind === 'min' ? min : max)(m, 'y', () => [lin(a1), lin(a2).plus(1), k]);
        const objective = () => lin(c).plus(y.times(w));
        if (sense === 'min') m.minimize(objective);
        else m.maximize(objective);
        await check(m, { sense, best: bestOf(points(lo, hi), (xs) => dot(c, xs) + w * g(xs), sense) }, solver, (val) => {
          expect(val(y)).toBeCloseTo(g([val(x.get(0)), val(x.get(1))]), 6);
        });
      }),
      { numRuns: RUNS, seed: 11_002 },
    );
  });

  it('and / or of binaries, and binary · bounded integer', async () => {
    await fc.assert(
      fc.asyncProperty(vecArb(3), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), boxArb(1), vecArb(1, 2), fc.constantFrom<'min' | 'max'>('min', 'max'), async (c, wa, wo, wp, ybounds, ay, sense) => {
        // b: 3 binaries, y: one integer in a box; helpers: and(b0, b1, b2), or(b0, b1), b2 · (ay·y + 1).
        const m = new Model('logic');
        const b = m.binary('b', [0, 1, 2]);
        const yv = m.integer('y', [0], { lb: ybounds[0]![0], ub: ybounds[0]![1] });
        const all = and(m, 'all', () => [b.get(0), b.get(1), b.get(2)]);
        const any = or(m, 'any', [{ id: 'x' }], () => [b.get(0), b.get(1)]).get('x');
        const prod = product(m, 'prod', b.get(2), yv.get(0).times(ay[0]!).plus(1));
        const objective = () => b.sum((i) => c[i]!).plus(all.times(wa)).plus(any.times(wo)).plus(prod.times(wp));
        if (sense === 'min') m.minimize(objective);
        else m.maximize(objective);
        const f = (p: number[]) => {
          const [b0, b1, b2, y] = p as [number, number, number, number];
          return dot(c, [b0, b1, b2]) + wa * (b0 & b1 & b2) + wo * (b0 | b1) + wp * b2 * (ay[0]! * y + 1);
        };
        const best = bestOf(points([0, 0, 0, ybounds[0]![0]], [1, 1, 1, ybounds[0]![1]]), f, sense);
        await check(m, { sense, best }, solver, (val) => {
          const bs = [0, 1, 2].map((i) => Math.round(val(b.get(i))));
          expect(val(all)).toBeCloseTo(bs[0]! & bs[1]! & bs[2]!, 6);
          expect(val(any)).toBeCloseTo(bs[0]! | bs[1]!, 6);
          expect(val(prod)).toBeCloseTo(bs[2]! * (ay[0]! * val(yv.get(0)) + 1), 6);
        });
      }),
      { numRuns: RUNS, seed: 11_003 },
    );
  });

  it('indicator: when b = is, a·x (<=, >=, =) r holds; otherwise free', async () => {
    await fc.assert(
      fc.asyncProperty(boxArb(2), vecArb(2), fc.integer({ min: -4, max: 4 }), fc.constantFrom('le', 'ge', 'eq'), fc.constantFrom<0 | 1>(0, 1), vecArb(2), fc.integer({ min: -5, max: 5 }), fc.constantFrom<'min' | 'max'>('min', 'max'), async (bounds, a, r, rel, is, c, wb, sense) => {
        const m = new Model('indicator');
        const x = box(m, bounds);
        const b = m.binary('b', ['on']);
        const lin = sum(a.map((ai, i) => x.get(i).times(ai)));
        const enforce = rel === 'le' ? lin.le(r) : rel === 'ge' ? lin.ge(r) : lin.eq(r);
        indicator(m, 'cond', { when: b.get('on'), is, enforce });
        const objective = sum(c.map((ci, i) => x.get(i).times(ci))).plus(b.get('on').times(wb));
        if (sense === 'min') m.minimize(objective);
        else m.maximize(objective);
        const holds = (v: number) => (rel === 'le' ? v <= r : rel === 'ge' ? v >= r : v === r);
        const lo = [...bounds.map((q) => q[0]), 0];
        const hi = [...bounds.map((q) => q[1]), 1];
        const f = (p: number[]) => {
          const xs = p.slice(0, 2);
          if (p[2] === is && !holds(dot(a, xs))) return null;
          return dot(c, xs) + wb * p[2]!;
        };
        await check(m, { sense, best: bestOf(points(lo, hi), f, sense) }, solver, (val) => {
          const xs = [0, 1].map((i) => Math.round(val(x.get(i))));
          if (Math.round(val(b.get('on'))) === is) expect(holds(dot(a, xs))).toBe(true);
        });
      }),
      { numRuns: RUNS, seed: 11_004 },
    );
  });

  it('piecewise-linear, non-convex, per item breakpoints', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ inner: fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }), ys: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 5, maxLength: 5 }), w: fc.integer({ min: -2, max: 2 }) }), { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 4, max: 6 }),
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom<'min' | 'max'>('min', 'max'),
        async (specs, lo, hi, cx, sense) => {
          // x ∈ [lo, hi] ⊂ [0, 6]; breakpoints at 0, the inner ones and 6.
          const items = specs.map((s, i) => {
            const xs = [0, ...s.inner.sort((p, q) => p - q), 6];
            return { id: i, w: s.w, points: xs.map((xv, k) => [xv, s.ys[k]!] as [number, number]) };
          });
          const fOf = (pts: readonly (readonly [number, number])[], v: number) => {
            for (let k = 1; k < pts.length; k++) {
              const [x0, y0] = pts[k - 1]!;
              const [x1, y1] = pts[k]!;
              if (v <= x1) return y0 + ((y1 - y0) * (v - x0)) / (x1 - x0);
            }
            throw new Error('outside');
          };
          const m = new Model('pwl');
          const x = m.integer('x', ['x'], { lb: lo, ub: hi }).get('x');
          const y = piecewise(m, 'f', items, (it) => ({ x, points: it.points }));
          const objective = () => x.times(cx).plus(y.sum((it) => it.w));
          if (sense === 'min') m.minimize(objective);
          else m.maximize(objective);
          const g = (p: number[]) => cx * p[0]! + sum0(items.map((it) => it.w * fOf(it.points, p[0]!)));
          await check(m, { sense, best: bestOf(points([lo], [hi]), g, sense) }, solver, (val) => {
            for (const it of items) expect(val(y.get(it.id))).toBeCloseTo(fOf(it.points, val(x)), 6);
          });
        },
      ),
      { numRuns: RUNS, seed: 11_005 },
    );
  });
});

function sum0(xs: readonly number[]): number {
  return xs.reduce((s, v) => s + v, 0);
}

/** The best objective over `pts` (null values are infeasible points). */
function bestOf(pts: Iterable<number[]>, f: (p: number[]) => number | null, sense: 'min' | 'max'): number | null {
  let best: number | null = null;
  for (const p of pts) {
    const v = f(p);
    if (v === null) continue;
    if (best === null || (sense === 'min' ? v < best - TOL : v > best + TOL)) best = v;
  }
  return best;
}
