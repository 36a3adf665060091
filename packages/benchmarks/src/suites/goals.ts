// Cost of the goal layer: a transportation model whose demand rows are goals (3 priorities),
// compiled alone vs solved through model.goal with core's mock solver (which answers at once),
// so the figures are the goal problem's build, the per-level problems and the report — not a
// solver. The baseline is the same model without goals solved by the mock. Weighted: one goal problem; lexicographic 'rebuild': one problem per level (3 + the
// objective). The layer is O(non-zeros): the ratio to the compile should stay flat as the size grows.
import { Model } from '@lumix/core';
import { createMockSolver, seededRandom } from '@lumix/core/testing';
import { median, type BenchRow, type BenchSuite } from '../bench-kit.js';

function declare(S: number, D: number, goals = true): Model {
  const r = seededRandom(11);
  const suppliers = Array.from({ length: S }, (_, i) => ({ id: i, supply: 100 + Math.floor(r() * 100) }));
  const customers = Array.from({ length: D }, (_, i) => ({ id: i, demand: 10 + Math.floor(r() * 50), priority: 1 + (i % 3) }));
  const cost = Float64Array.from({ length: S * D }, () => 1 + Math.floor(r() * 20));
  const m = new Model('transport-goals');
  const ship = m.continuous('ship', { s: suppliers, d: customers });
  m.constraints('supply', suppliers, (s) => ship.sum({ s }).le(s.supply));
  const demand = m.constraints('demand', customers, (d) => ship.sum({ d }).ge(d.demand));
  if (goals) m.goal(demand, { priority: (d) => d.priority });
  m.minimize(ship.sum(({ s, d }) => cost[s.id * D + d.id]!));
  return m;
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

const suite: BenchSuite = async ({ quick }) => {
  const rows: BenchRow[] = [];
  const sizes: [number, number][] = quick ? [[100, 100]] : [[100, 100], [300, 300], [700, 700]];
  for (const [S, D] of sizes) {
    const nnz = 2 * S * D;
    const runs = quick ? 3 : 5;
    const mock = createMockSolver({ fallback: (p) => ({ colValues: new Float64Array(p.numCols) }) });
    const compileMs = await time(() => declare(S, D).compile(), runs);
    // The same model without goals, solved by the mock: compile + core's front-door checks + the solution.
    const plainMs = await time(() => declare(S, D, false).solve({ solver: mock }), runs);
    const weightedMs = await time(() => declare(S, D).solve({ solver: mock, goals: { mode: 'weighted' } }), runs);
    const lexMs = await time(() => declare(S, D).solve({ solver: mock, goals: { method: 'rebuild' } }), runs);
    rows.push({
      suite: 'goals',
      case: `transport ${S}x${D}, ${D} goal rows, ${nnz} nnz`,
      figures: { compileMs, plainSolveMs: plainMs, weightedMs, lexicographicMs: lexMs, weightedRatio: weightedMs / plainMs, lexicographicRatio: lexMs / plainMs },
      note: 'mock solver; ratios to the plain solve (no goals), in one process',
    });
  }
  return rows;
};

export default suite;
