// A build leaves one small object of each class it makes alive until the next build (see
// keepShapes in src/model/model.ts): so that a full GC does not free those classes' hidden classes
// and throw away the optimised build code, and without keeping any of the user's model or data.
// Both halves are checked here with V8's own switches, set at run time in this test's process.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Expr, Model } from '../src/index.js';

setFlagsFromString('--expose-gc');
setFlagsFromString('--allow-natives-syntax');
const gc = runInNewContext('gc') as () => void;
// Parsed after the flag is on: V8's intrinsics, as functions.
const prepare = new Function('f', '%PrepareFunctionForOptimization(f)') as (f: unknown) => void;
const optimizeNext = new Function('f', '%OptimizeFunctionOnNextCall(f)') as (f: unknown) => void;
const status = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number;
/** Bit of %GetOptimizationStatus: the function runs optimised (TurboFan) code. */
const TURBOFANNED = 1 << 4;

interface Lecture { id: number; teacherId: number; size: number }

/** A small timetabling model: a filtered product, sums by one dimension and by a derived key. */
async function build(n: number): Promise<{ model: Model; data: Lecture[]; problem: { value: Float64Array } }> {
  const data: Lecture[] = Array.from({ length: n }, (_, i) => ({ id: i, teacherId: i % 3, size: 10 + (i % 7) }));
  const slots = [{ id: 0 }, { id: 1 }, { id: 2 }];
  const rooms = [{ id: 0, capacity: 14 }, { id: 1, capacity: 30 }];
  const model = new Model('kept');
  const assign = model.binary('assign', { lecture: data, slot: slots, room: rooms }, { where: ({ lecture, room }) => lecture.size <= room.capacity });
  model.constraints('once', data, (l) => assign.sum({ lecture: l }).eq(1));
  model.constraints('teacher', assign.groupBy(({ lecture, slot }) => [lecture.teacherId, slot.id]), (g) => g.sum().le(1));
  const compiled = await model.compile();
  return { model, data, problem: compiled.problem };
}

/** Lets the current job end, so that WeakRefs made in it may be cleared, then collects. */
async function collect(): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  gc();
  gc();
}

describe('what a build keeps between builds', () => {
  it('keeps none of the model, its data or its problem once the caller drops them', async () => {
    const refs = await (async () => {
      const { model, data, problem } = await build(60);
      expect(problem.value.length).toBeGreaterThan(0);
      return [new WeakRef(model), new WeakRef(data), new WeakRef(problem.value)];
    })();
    await collect();
    expect(refs.map((r) => r.deref() === undefined)).toEqual([true, true, true]);
  });

  it('keeps the optimised code of a row comparison through a full GC once every expression is gone', async () => {
    // Feedback from real builds, then optimised code for `le` (it inlines the expression's snapshot
    // and the Constraint constructor, so it embeds the hidden classes of both).
    const le = Expr.prototype.le;
    prepare(le);
    for (let i = 0; i < 5; i++) await build(30);
    optimizeNext(le);
    const e = new Expr().add(3);
    expect(e.le(4).hi).toBe(1);
    expect(status(le) & TURBOFANNED).toBe(TURBOFANNED);
    await build(30);
    await collect();
    // Without the kept objects the collection frees those hidden classes and V8 drops this code
    // ("deoptimization, reason: weak objects").
    expect(status(le) & TURBOFANNED).toBe(TURBOFANNED);
  });
});
