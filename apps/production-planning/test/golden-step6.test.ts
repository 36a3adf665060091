// Tutorial step 6 (sensitivity), from seed to the sensitivity report. On the tutorial's literal
// model (--compat lumix) with the setups relaxed to [0, 1] (the tutorial's "LP relaxation"), HiGHS'
// shadow prices are lumix-apps.md §1.6's: Wood weeks 1, 2, 4 at −2857.1429, −22.2222, −833.3333,
// every machine row 0. Each is checked here against finite differences of fresh solves of the
// model built from changed data (not the analysis that produced it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseSolver, createBufferedOutput } from '@lumix/app-kit';
import { fixturePath } from '@lumix/test-fixtures';
import { seedDatabase } from '../src/commands/seed-command.js';
import { sensitivityCommand } from '../src/commands/sensitivity-command.js';
import { openProductionDb } from '../src/db/open-production-db.js';
import { loadMultiPeriodData } from '../src/db/production-db.js';
import { buildMultiPeriodModel, type MultiPeriodData } from '../src/model/multi-period-model.js';
import { useTempDir } from './support/temp-dir.js';

const STEP4 = fixturePath('tutorial/production_step4.json');
const WOOD = 1;
const dir = useTempDir('golden-step6');

/**
 * The relaxed weighted penalty with Wood in one week changed by `by`: the model compiled afresh,
 * that row's bound edited in the standard form, solved from scratch (not through the analysis).
 */
async function coldPenalty(data: MultiPeriodData, week: number, by: number): Promise<number> {
  const built = buildMultiPeriodModel(data, 'lumix', { explicitGoals: true, relaxSetups: true });
  const compiled = await built.model.compile();
  const periodId = data.periods.find((t) => t.week_number === week)!.id;
  const rowUpper = Float64Array.from(compiled.problem.rowUpper);
  let found = 0;
  for (let i = 0; i < compiled.problem.numRows; i++) {
    const r = compiled.row(i);
    if (r.family === 'material_supply' && JSON.stringify(r.key) === JSON.stringify([WOOD, periodId])) {
      rowUpper[i] = rowUpper[i]! + by;
      found++;
    }
  }
  expect(found).toBe(1);
  const { solver } = await chooseSolver({ cwd: dir, name: 'highs' });
  const result = await solver.solve({ ...compiled.problem, rowUpper }, {});
  expect(result.status).toBe('optimal');
  return result.objective!;
}

async function step4Data(db: string): Promise<MultiPeriodData> {
  const pd = await openProductionDb(db, 'sqlite');
  try {
    return (await loadMultiPeriodData(pd))!;
  } finally {
    await pd.close();
  }
}

describe('golden: tutorial step 6, seed to sensitivity report', () => {
  it('step6/lumix-relaxed-highs-sqlite: the tutorial duals with ranges, machines slack, goal rows apart', async () => {
    const db = join(dir, 'highs.db');
    await seedDatabase({ db, orm: 'sequelize', data: STEP4 }, createBufferedOutput());
    const report = join(dir, 'sens.html');
    const out = createBufferedOutput();
    const outcome = await sensitivityCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite', compat: 'lumix', report }, out);
    expect(outcome.exitCode, out.stderr.join('\n')).toBe(0);
    const s = outcome.summary!;
    expect(s.relaxed).toBe(true);
    expect(s.report.objective).toBeCloseTo(2_241_777.7778, 3);
    expect(s.report.ranging).toBe(true);
    const wood = (week: number) => s.resources.find((l) => l.type === 'material' && l.id === WOOD && l.week === week)!;
    const golden: ReadonlyArray<[number, number]> = [
      [1, -2857.1429],
      [2, -22.2222],
      [4, -833.3333],
    ];
    const data = await step4Data(db);
    for (const [week, dual] of golden) {
      expect(wood(week).row.dual).toBeCloseTo(dual, 3);
      expect(wood(week).row.binding).toBe(true);
      // Independent: a fresh solve with 10 more board feet that week moves the penalty by 10 × dual.
      expect(((await coldPenalty(data, week, 10)) - s.report.objective) / 10).toBeCloseTo(dual, 3);
      // The range holds the current supply, with the objective moving by the dual across it.
      const r = wood(week).row.rhsRange!;
      expect(r.lower).toBeLessThanOrEqual(1600);
      expect(r.upper).toBeGreaterThanOrEqual(1600);
      expect(r.objectiveAtUpper - r.objectiveAtLower).toBeCloseTo(wood(week).row.dual * (r.upper - r.lower), 4);
    }
    expect(wood(3).row.dual).toBeCloseTo(0, 6);
    const machines = s.resources.filter((l) => l.type === 'machine');
    expect(machines).toHaveLength(24);
    for (const l of machines) {
      expect(l.row.dual).toBeCloseTo(0, 6);
      expect(l.row.binding).toBe(false);
    }
    // The capacity ranking holds machine and material rows only: Wood weeks 1, 4, 2.
    expect(s.ranking.map((l) => `${l.type} ${l.id} W${l.week}`)).toEqual(['material 1 W1', 'material 1 W4', 'material 1 W2']);
    // The order rows are reported apart (order 1, the P1 desk short 14, at 100,000), never in the ranking.
    expect(s.orders).toHaveLength(15);
    expect(s.orders[0]!.row.dual).toBeCloseTo(100_000, 3);
    expect(s.orders[0]!.short).toBeCloseTo(14, 6);
    expect(s.orders[0]!.met).toBeCloseTo(6, 6);
    const text = out.text();
    expect(text).toContain('CAPACITY BOTTLENECKS (machine and material rows only');
    const ranking = text.slice(text.indexOf('CAPACITY BOTTLENECKS'), text.indexOf('ORDER ROWS'));
    expect(ranking).not.toMatch(/order/i);
    expect(text).toContain('BOTTLENECKS BY WEEK');
    expect(text).toMatch(/Week 1 +1\/15 +-2,857\.1429/);
    expect(text).toContain('highs gives ranging');
    const html = readFileSync(report, 'utf8');
    for (const t of ['Sensitivity analysis', 'Machine hours', 'Materials', 'Bottlenecks', 'Order rows (goals)', '-2,857.1429']) expect(html).toContain(t);
  });

  it('step6/lumix-relaxed-glpk-sequelize: duals only, and the output says so; each Wood dual lies between the one-sided slopes', async () => {
    const db = join(dir, 'glpk.db');
    await seedDatabase({ db, orm: 'sqlite', data: STEP4 }, createBufferedOutput());
    const out = createBufferedOutput();
    const outcome = await sensitivityCommand({ db, dbShown: db, solver: 'glpk', orm: 'sequelize', compat: 'lumix' }, out);
    const s = outcome.summary!;
    expect(s.report.ranging).toBe(false);
    expect(s.resources.every((l) => l.row.rhsRange === null)).toBe(true);
    expect(out.text()).toContain('glpk gives duals only (no ranging): the ranges are not shown; run with --solver highs to see them.');
    const data = await step4Data(db);
    // The LP is degenerate at its optimum (duals not unique): any valid one lies between the slopes of +10 and −10.
    for (const week of [1, 2, 4]) {
      const y = s.resources.find((l) => l.type === 'material' && l.id === WOOD && l.week === week)!.row.dual;
      const up = ((await coldPenalty(data, week, 10)) - s.report.objective) / 10;
      const down = ((await coldPenalty(data, week, -10)) - s.report.objective) / -10;
      expect(y).toBeGreaterThanOrEqual(Math.min(up, down) - 1e-6);
      expect(y).toBeLessThanOrEqual(Math.max(up, down) + 1e-6);
      expect(y).toBeLessThan(0);
    }
  });

  it('step6/correct --fix-setups (highs): the LP at the MIP optimum (penalty 1,728,000, step 4\'s weighted golden), capacities only in the ranking', async () => {
    const db = join(dir, 'fixed.db');
    await seedDatabase({ db, orm: 'sqlite', data: STEP4 }, createBufferedOutput());
    const out = createBufferedOutput();
    const outcome = await sensitivityCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite', fixSetups: true }, out);
    const s = outcome.summary!;
    expect(s.relaxed).toBe(false);
    expect(s.report.fixedIntegers).toBe(true);
    expect(s.report.objective).toBeCloseTo(1_728_000, 3);
    expect(out.text()).toContain('setups fixed at the MIP optimum');
    // Priced rows (if any) are capacities: machines or materials, never orders.
    for (const l of s.ranking) expect(['machine', 'material']).toContain(l.type);
  });

  it('a database without periods is refused with the seed command to run', async () => {
    const db = join(dir, 'step2.db');
    await seedDatabase({ db, orm: 'sqlite' }, createBufferedOutput());
    await expect(sensitivityCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite' }, createBufferedOutput())).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/has no periods\. Seed the step-4 data first: .* seed --db .* --data production_step4\.json/),
    });
  });
});
