// An infeasible plan is explained through core's explain (HiGHS' IIS, GLPK's elastic filter) in
// the planner's words: the resources and the products' minimum demands that conflict, and the
// smallest change of the capacities that makes a plan possible. Both solvers; customer orders
// (goals) are never named, they may be missed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { readJsonFixture } from '@lumix/test-fixtures';
import type { ProductionData } from '../src/data/production-data.js';
import { seedDatabase } from '../src/commands/seed-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { TUTORIAL_DATA } from '../src/data/tutorial-data.js';
import { snapshotDatabase } from './support/db-snapshot.js';
import { useTempDir } from './support/temp-dir.js';

const dir = useTempDir('explain');

/** The `  - …` lines under the conflict heading, and those under the relaxation heading. */
function sections(text: string): { conflict: string[]; relaxation: string[] } {
  const lines = text.split('\n');
  const take = (heading: RegExp): string[] => {
    const at = lines.findIndex((l) => heading.test(l));
    if (at < 0) return [];
    const out: string[] = [];
    for (let i = at + 1; i < lines.length && lines[i]!.startsWith('  - '); i++) out.push(lines[i]!.slice(4));
    return out;
  };
  return { conflict: take(/^These limits cannot all hold together/), relaxation: take(/^The smallest change to the capacities/) };
}

describe('solve explains an infeasible plan with core explain', () => {
  for (const solver of ['highs', 'glpk'] as const) {
    it(`explain/minimum-demands-above-wood-and-metal-${solver}`, async () => {
      // Desks at least 20: at the minimums wood 8·10 + 25·5 + 35·20 = 905 > 500, metal 2·10 + 5·5 + 8·20 = 205 > 200; machines fit.
      const data: ProductionData = { ...TUTORIAL_DATA, products: TUTORIAL_DATA.products.map((p) => ({ ...p, min_demand: p.id === 3 ? 20 : p.min_demand })) };
      const db = join(dir, `tight-${solver}.db`);
      await seedDatabase({ db, orm: 'sqlite', dataset: data }, createBufferedOutput());
      const before = await snapshotDatabase(db);
      const out = createBufferedOutput();
      const outcome = await solveCommand({ db, dbShown: db, solver, orm: 'sqlite', env: {} }, out);
      expect(outcome.exitCode).toBe(3);
      const text = out.stderr.join('\n');
      expect(text).toMatch(/^infeasible: no production plan meets every minimum demand/);
      expect(text).toContain(solver === 'highs' ? 'the irreducible infeasible set (IIS) from highs on the LP relaxation' : 'an elastic filter with glpk on the LP relaxation');
      const { conflict, relaxation } = sections(text);
      // One short material with the minimum demands of the products that use it (dropping any one makes the rest feasible).
      const resources = conflict.filter((l) => l.startsWith('material ') || l.startsWith('machine '));
      expect(resources).toHaveLength(1);
      expect(['material Wood (board feet): at most 500.00 available', 'material Metal (pounds): at most 200.00 available']).toContain(resources[0]);
      const minimums = conflict.filter((l) => l.startsWith('product '));
      expect(minimums).toContain('product Desk: at least 20.00 units (minimum demand)');
      for (const l of minimums) expect(l).toMatch(/^product (Chair|Table|Desk): at least [\d.]+ units \(minimum demand\)$/);
      expect(conflict).toHaveLength(resources.length + minimums.length);
      // The smallest relaxation is unique here: each material up to what the minimums need.
      expect(relaxation).toEqual(['material Wood (board feet): 500.00 → 905.00 (+405.00)', 'material Metal (pounds): 200.00 → 205.00 (+5.00)']);
      expect(text).toMatch(/Nothing was saved\.$/);
      expect(await snapshotDatabase(db)).toBe(before);
    });
  }

  it('explain/orders-are-goals-and-never-named', async () => {
    // Step 3 data (orders as goals) with the chairs' minimum demand raised above what the assembly machine can do.
    const step3 = readJsonFixture<Record<string, unknown[]>>('tutorial/production_step3.json');
    const products = (step3['products'] as { name: string; min_demand: number; max_demand: number }[]).map((p) => (p.name === 'Chair' ? { ...p, min_demand: 400, max_demand: 400 } : p));
    const file = join(dir, 'step3-tight.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify({ ...step3, products }));
    const db = join(dir, 'step3-tight.db');
    await seedDatabase({ db, orm: 'sqlite', data: file }, createBufferedOutput());
    const out = createBufferedOutput();
    const outcome = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite', env: {} }, out);
    expect(outcome.exitCode).toBe(3);
    const { conflict, relaxation } = sections(out.stderr.join('\n'));
    expect(conflict).toContain('product Chair: at least 400.00 units (minimum demand)');
    expect(conflict.some((l) => /^(machine|material) /.test(l))).toBe(true);
    expect(conflict.join('\n')).not.toMatch(/order/i);
    expect(relaxation.length).toBeGreaterThan(0);
    for (const l of relaxation) expect(l).toMatch(/^(machine|material) .*: [\d,.]+ → [\d,.]+( h)? \(\+[\d,.]+\)$/);
  });
});
