// The goals example of packages/core/README.md, run as written, with the values its comments show.
import { Model } from '@lumix/core';
import { createHighsSolver } from '@lumix/solver-highs';
import { expect, it } from 'vitest';

it('README goals example', async () => {
  // --- README: Goals -------------------------------------------------------------------------
  const products = [
    { id: 'chair', profit: 45, hours: 1 },
    { id: 'desk', profit: 200, hours: 3.5 },
  ];
  const orders = [
    { id: 1, product: 'chair', qty: 40, priority: 1 },
    { id: 2, product: 'desk', qty: 20, priority: 2 },
  ];
  const m = new Model('orders');
  const make = m.continuous('make', products);
  m.constraint('assembly', () => make.sum((p) => p.hours).le(100));
  const fill = m.constraints('orders', orders, (o) => make.get(o.product).ge(o.qty));
  m.goal(fill, { priority: (o) => o.priority });
  m.maximize(() => make.sum((p) => p.profit));

  const solver = createHighsSolver();
  const sol = await m.solve({ solver }); // lexicographic: priority 1, then 2, then the profit
  // ---------------------------------------------------------------------------------------------
  expect(sol.objective).toBeCloseTo(1800 + (60 / 3.5) * 200, 3);
  expect(sol.goals.row(fill, 2)).toMatchObject({ sense: '>=', target: 20, satisfied: false });
  expect(sol.goals.row(fill, 2).achieved).toBeCloseTo(60 / 3.5, 4);
  expect(sol.goals.row(fill, 2).shortfall).toBeCloseTo(20 - 60 / 3.5, 4);
  expect(sol.goals.priority(1)).toMatchObject({ priority: 1, satisfied: 1, total: 1, deviation: 0, weightedDeviation: 0, scale: 1e5 });
  expect(sol.goals.levels.map((l) => l.name)).toEqual(['priority 1', 'priority 2', 'objective']);
  expect(sol.goals.levels[0]).toMatchObject({ optimum: 0, solveMs: null });

  const w = await m.solve({ solver, goals: { mode: 'weighted' } });
  expect(w.goals.weightedObjective).toBeCloseTo(1e4 * (20 - 60 / 3.5), 2);
});
