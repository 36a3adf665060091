import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferedOutput } from '@lumix/app-kit';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { seedDatabase } from '../src/commands/seed-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { generateProductionData } from '../src/data/generate-production-data.js';
import type { ProductionData } from '../src/data/production-data.js';
import { checkSavedPlan } from '../src/model/check-saved-plan.js';
import { snapshotDatabase } from './support/db-snapshot.js';
import { useTempDir } from './support/temp-dir.js';

const dir = useTempDir('generated');

async function recheck(db: string, runId: number): Promise<ReturnType<typeof checkSavedPlan>> {
  const a = await openSqliteAdapter(db);
  try {
    return await checkSavedPlan(a, runId);
  } finally {
    await a.close();
  }
}

describe('generated data sets', () => {
  const sizes = [
    { products: 5, machines: 2, materials: 2, seed: 3 },
    { products: 50, machines: 10, materials: 8, seed: 1 },
    { products: 300, machines: 25, materials: 20, seed: 2 },
  ];
  for (const size of sizes) {
    it(`generated/${size.products}x${size.machines}x${size.materials}-solvers-agree`, async () => {
      const db = join(dir, `gen-${size.products}.db`);
      const data = generateProductionData(size);
      await seedDatabase({ db, orm: 'sqlite', dataset: data }, createBufferedOutput());
      const objectives: number[] = [];
      for (const solver of ['highs', 'glpk'] as const) {
        const out = createBufferedOutput();
        const outcome = await solveCommand({ db, dbShown: db, solver, orm: 'sqlite' }, out);
        expect(outcome.exitCode, out.stderr.join('\n')).toBe(0);
        expect(outcome.plan!.status).toBe('optimal');
        expect(outcome.plan!.lines).toHaveLength(size.products);
        const check = await recheck(db, outcome.runId!);
        expect(check.problems).toEqual([]);
        objectives.push(outcome.plan!.objective!);
      }
      const [h, g] = objectives as [number, number];
      expect(Math.abs(h - g)).toBeLessThanOrEqual(1e-7 * Math.abs(h));
      // The generator makes some capacity bind, so the plan is not simply every maximum.
      const maxProfit = data.products.reduce((s, p) => s + p.profit_per_unit * p.max_demand, 0);
      expect(h).toBeLessThan(maxProfit);
    });
  }

  it('generated/infeasible-minimums-exit-3-and-name-the-resource', async () => {
    const db = join(dir, 'infeasible.db');
    const base = generateProductionData({ products: 20, machines: 4, materials: 3, seed: 5 });
    // Every product at its maximum as a minimum: more than the 35-80 % capacity the generator gives.
    const data: ProductionData = { ...base, products: base.products.map((p) => ({ ...p, min_demand: p.max_demand })) };
    await seedDatabase({ db, orm: 'sqlite', dataset: data }, createBufferedOutput());
    const before = await snapshotDatabase(db);
    for (const solver of ['highs', 'glpk'] as const) {
      const out = createBufferedOutput();
      const outcome = await solveCommand({ db, dbShown: db, solver, orm: 'sqlite' }, out);
      expect(outcome.exitCode).toBe(3);
      const text = out.stderr.join('\n');
      expect(text).toMatch(/^infeasible: no production plan meets every minimum demand/);
      expect(text).toMatch(/^These limits cannot all hold together; drop any one and the rest can/m);
      expect(text).toMatch(/^ {2}- (machine|material) [^:]+: at most [\d,.]+( h)? available$/m);
      expect(text).toMatch(/^ {2}- product [^:]+: at least [\d,.]+ units \(minimum demand\)$/m);
      expect(text).toMatch(/^ {2}- (machine|material) [^:]+: [\d,.]+ → [\d,.]+( h)? \(\+[\d,.]+\)$/m);
      expect(text).toMatch(/Nothing was saved/);
    }
    expect(await snapshotDatabase(db)).toBe(before);
  });
});
