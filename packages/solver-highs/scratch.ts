import { loadHighs } from './src/index.js';
import { toModelData } from './src/highs-solver.js';
import { createStandardForm } from '@lumix/core';
import { lcg } from './test/problems.js';
const h = await loadHighs();
function planted(m: number, seed: number) {
  const n = 10 * (m - 1); const r = lcg(seed);
  const x = Array.from({ length: n }, () => (r() < 0.5 ? 1 : 0));
  const rows = [];
  for (let i = 0; i < m; i++) { const terms: [number, number][] = []; let rhs = 0; for (let j = 0; j < n; j++) { const a = Math.floor(r() * 100); terms.push([j, a]); rhs += a * x[j]!; } rows.push({ lb: rhs, ub: rhs, terms }); }
  return { p: createStandardForm({ columns: Array.from({ length: n }, (_, j) => ({ ub: 1, integer: true, cost: j % 7 })), rows }), x };
}
for (const [m, seed] of [[4, 1], [4, 2], [5, 1], [5,3]] as const) {
  const { p, x } = planted(m, seed);
  for (const start of [false, true]) {
    const t = performance.now();
    h.withModel(toModelData(h, p), (mod) => {
      mod.options.set({ output_flag: false, time_limit: 0.3 });
      if (start) console.log(mod.setSolution({ colValue: Float64Array.from(x) }));
      const r = mod.run();
      console.log(m, seed, start, r.modelStatus, mod.info.get('primal_solution_status'), mod.getObjectiveValue(), x.reduce((s, v, j) => s + v * (j % 7), 0), (performance.now() - t).toFixed(0));
    });
  }
}
