// Tutorial step 7 (what-if), from seed to the what-if report, on the tutorial's literal model
// (--compat lumix, weighted: lumix-apps.md §1.7): Wood W1 +100 → 1,956,063.49 (Δ −285,714.29),
// Wood W1 −20 % → 3,281,777.78 (Δ +1,040,000), Cutting W1 +50 → Δ 0; the scan finds Wood weeks
// 1, 4, 2 only; the Cutting sweep 100..240 h leaves the objective at 2,241,777.78. Each number is
// also checked against a fresh build from changed data (not the warm re-solve that produced it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseSolver, createBufferedOutput } from '@lumix/app-kit';
import { fixturePath } from '@lumix/test-fixtures';
import { seedDatabase } from '../src/commands/seed-command.js';
import { solveCommand } from '../src/commands/solve-command.js';
import { whatIfCommand, type WhatIfArgs } from '../src/commands/whatif-command.js';
import { openProductionDb } from '../src/db/open-production-db.js';
import { loadMultiPeriodData, type OrmName } from '../src/db/production-db.js';
import { buildMultiPeriodModel, type MultiPeriodData } from '../src/model/multi-period-model.js';
import { snapshotDatabase } from './support/db-snapshot.js';
import { useTempDir } from './support/temp-dir.js';

const STEP4 = fixturePath('tutorial/production_step4.json');
const BASE = 2_241_777.7778;
const dir = useTempDir('golden-step7');

async function seeded(name: string, orm: OrmName): Promise<{ db: string; data: MultiPeriodData }> {
  const db = join(dir, `${name}.db`);
  await seedDatabase({ db, orm, data: STEP4 }, createBufferedOutput());
  const pd = await openProductionDb(db, 'sqlite');
  try {
    return { db, data: (await loadMultiPeriodData(pd))! };
  } finally {
    await pd.close();
  }
}

/** The weighted penalty with Wood in week 1 at `wood`: the model built afresh, that row's bound edited, solved cold. */
async function coldPenalty(data: MultiPeriodData, wood: number): Promise<number> {
  const built = buildMultiPeriodModel(data, 'lumix', { explicitGoals: true });
  const compiled = await built.model.compile();
  const rowUpper = Float64Array.from(compiled.problem.rowUpper);
  for (let i = 0; i < compiled.problem.numRows; i++) {
    const r = compiled.row(i);
    if (r.family === 'material_supply' && JSON.stringify(r.key) === '[1,1]') rowUpper[i] = wood;
  }
  const { solver } = await chooseSolver({ cwd: dir, name: 'highs' });
  const result = await solver.solve({ ...compiled.problem, rowUpper }, { mipGap: 0 });
  return result.objective!;
}

const run = async (args: Omit<WhatIfArgs, 'dbShown'>) => {
  const out = createBufferedOutput();
  const outcome = await whatIfCommand({ dbShown: args.db, compat: 'lumix', ...args }, out);
  return { out, summary: outcome.summary!, exitCode: outcome.exitCode };
};

describe('golden: tutorial step 7, seed to what-if report', () => {
  for (const [solver, orm, path] of [
    ['highs', 'sqlite', 'warm'],
    ['glpk', 'sequelize', 'rebuild'],
  ] as const) {
    it(`step7/lumix-${solver}-${orm}: Wood W1 +100 and −20 %, Cutting W1 +50, on the ${path} path`, async () => {
      const { db, data } = await seeded(`${solver}-${orm}`, orm === 'sqlite' ? 'sequelize' : 'sqlite');
      const before = await snapshotDatabase(db);
      const report = join(dir, `${solver}.html`);
      const up = await run({ db, solver, orm, material: 'Wood', week: 1, amount: '+100', report });
      expect(up.exitCode).toBe(0);
      expect(up.summary.path).toBe(path);
      expect(up.summary.baseline.objective).toBeCloseTo(BASE, 3);
      const l = up.summary.lines[0]!;
      expect(l.label).toBe('Wood (board feet) week 1 +100');
      expect(l.objective).toBeCloseTo(1_956_063.49, 1);
      expect(l.objective).toBeCloseTo(await coldPenalty(data, 1700), 4);
      expect(l.delta).toBeCloseTo(-285_714.29, 1);
      expect(l.deltaPct).toBeCloseTo(-12.745, 2);
      // The desks of week 1 (the P1 order short 14) take the extra wood: 100 / 35 more made, that much less short.
      const desk = l.changedDecisions.find((d) => d.family === 'prod' && JSON.stringify(d.key) === '[3,1]')!;
      expect(desk.delta).toBeCloseTo(100 / 35, 6);
      const short = l.changedDecisions.find((d) => d.family === 'short' && d.key === 1)!;
      expect(short.delta).toBeCloseTo(-100 / 35, 6);
      expect(up.out.text()).toMatch(/Desk, week 1 +made +6\.00 +8\.86 +\+2\.86/);
      expect(readFileSync(report, 'utf8')).toContain('Wood (board feet) week 1 +100');

      const down = await run({ db, solver, orm, material: '1', week: 1, amount: '-20%' });
      expect(down.summary.lines[0]!.objective).toBeCloseTo(3_281_777.78, 1);
      expect(down.summary.lines[0]!.objective).toBeCloseTo(await coldPenalty(data, 1280), 4);
      expect(down.summary.lines[0]!.delta).toBeCloseTo(1_040_000, 1);

      const cutting = await run({ db, solver, orm, machine: 'cutting', week: 1, hours: '+50' });
      expect(cutting.summary.lines[0]!.delta).toBeCloseTo(0, 4);
      expect(cutting.out.text()).toContain('No decision changed.');
      // Nothing is saved by a what-if.
      expect(await snapshotDatabase(db)).toEqual(before);
    });
  }

  it('step7/scan and sweep (highs): Wood weeks 1, 4, 2 are the only bottlenecks; Cutting W1 from 100 to 240 h changes nothing', async () => {
    const { db } = await seeded('scan', 'sqlite');
    const scan = await run({ db, solver: 'highs', orm: 'sqlite', scan: true });
    expect(scan.summary.lines).toHaveLength(60);
    expect(scan.summary.lines.slice(0, 3).map((l) => [l.label, l.rate])).toEqual([
      ['Wood (board feet) week 1 +10', expect.closeTo(-2857.1429, 3)],
      ['Wood (board feet) week 4 +10', expect.closeTo(-833.3333, 3)],
      ['Wood (board feet) week 2 +10', expect.closeTo(-22.2222, 3)],
    ]);
    for (const l of scan.summary.lines.slice(3)) expect(l.rate).toBeCloseTo(0, 4);
    expect(scan.out.text()).toContain('3 of 60 rows change the objective');
    const sweep = await run({ db, solver: 'highs', orm: 'sqlite', sweep: 'machine:Cutting:1', from: 100, to: 240, step: 20 });
    expect(sweep.summary.lines.map((l) => l.label)).toEqual([100, 120, 140, 160, 180, 200, 220, 240].map((v) => `Cutting Machine week 1 =${v}.00`));
    for (const l of sweep.summary.lines) expect(l.objective).toBeCloseTo(BASE, 3);
  });

  it('step7/investments and risks (--compare, highs): Wood +200 is the best investment, not Cutting +50 (the tutorial picked a Δ of 0); Wood −20 % the worst risk', async () => {
    const { db } = await seeded('compare', 'sqlite');
    const c = await run({
      db,
      solver: 'highs',
      orm: 'sqlite',
      compare: 'machine:Cutting:1:+50,machine:Cutting:1:+100,machine:Assembly:1:+50,material:Wood:1:+100,material:Wood:1:+200,machine:Cutting:1:-50,material:Wood:1:-20%',
    });
    expect(c.summary.kind).toBe('compare');
    expect(c.summary.lines.map((l) => [l.label, l.delta])).toEqual([
      ['Wood (board feet) week 1 +200', expect.closeTo(-571_428.57, 1)],
      ['Wood (board feet) week 1 +100', expect.closeTo(-285_714.29, 1)],
      ['Cutting Machine week 1 +50 h', expect.closeTo(0, 4)],
      ['Cutting Machine week 1 +100 h', expect.closeTo(0, 4)],
      ['Assembly Station week 1 +50 h', expect.closeTo(0, 4)],
      ['Cutting Machine week 1 -50 h', expect.closeTo(0, 4)],
      ['Wood (board feet) week 1 -20%', expect.closeTo(1_040_000, 1)],
    ]);
    expect(c.out.text()).toContain('COMPARISON (each from the baseline, best first)');
  });

  it('step7/correct model, Wood every week +200 %: the weighted warm what-if and the lexicographic one equal solve on data with that much more wood', async () => {
    // The data with 4,800 board feet a week (three times as much), seeded and solved by `solve`: the reference of both what-ifs.
    const data = JSON.parse(readFileSync(STEP4, 'utf8')) as { raw_materials: Record<string, unknown>[] };
    const more = join(dir, 'more-wood.json');
    writeFileSync(more, JSON.stringify({ ...data, raw_materials: data.raw_materials.map((r) => (r['id'] === 1 ? { ...r, available_quantity_per_period: 4800 } : r)) }));
    const reference = async (goalMode: 'weighted' | 'lexicographic') => {
      const db = join(dir, `more-wood-${goalMode}.db`);
      await seedDatabase({ db, orm: 'sqlite', data: more }, createBufferedOutput());
      const solved = await solveCommand({ db, dbShown: db, solver: 'highs', orm: 'sqlite', goalMode }, createBufferedOutput());
      return solved.multiPeriodPlan!;
    };
    const { db } = await seeded('correct', 'sqlite');
    // The correct model's big-M comes from the capacities: the warm what-if builds it for the raised wood, so no plan the raise allows is cut off.
    const weighted = await whatIfCommand({ db, dbShown: db, orm: 'sqlite', solver: 'highs', material: 'Wood', amount: '+200%' }, createBufferedOutput());
    const w = weighted.summary!.lines[0]!;
    expect(weighted.summary!.path).toBe('warm');
    expect(weighted.summary!.baseline.objective).toBeCloseTo(1_728_000, 3);
    expect(w.objective).toBeCloseTo((await reference('weighted')).goals!.penalty, 3);
    const lex = await whatIfCommand({ db, dbShown: db, orm: 'sqlite', solver: 'highs', material: 'Wood', amount: '+200%', goalMode: 'lexicographic' }, createBufferedOutput());
    const l = lex.summary!.lines[0]!;
    expect(lex.summary!.objectiveName).toBe('Net profit');
    expect(lex.summary!.baseline.objective).toBeCloseTo(35_880.83, 1);
    const ref = await reference('lexicographic');
    expect(l.objective).toBeCloseTo(ref.netProfit, 4);
    expect(l.goals!.map((g) => `${g.satisfied}/${g.total}`)).toEqual(ref.goals!.priorities.map((p) => `${p.satisfied}/${p.total}`));
    expect(l.delta).toBeCloseTo(ref.netProfit - 35_880.83, 1);
  });

  it('bad what-ifs are refused before anything is solved, saying how to write them', async () => {
    const { db } = await seeded('bad', 'sqlite');
    const cases: ReadonlyArray<[Omit<WhatIfArgs, 'dbShown' | 'db' | 'orm'>, string, RegExp]> = [
      [{ machine: 'Cutting', hours: '50' }, 'INVALID_ARGUMENT', /write \+50 to add, -50 to take away, -20% or \+10% for a share, =120 to set/],
      [{ machine: 'Drill', hours: '+5' }, 'UNKNOWN_KEY', /No machine "Drill"; the machines are 1 Cutting Machine, /],
      [{ machine: 'Cutting', week: 9, hours: '+5' }, 'UNKNOWN_KEY', /No week 9; the weeks are 1, 2, 3, 4/],
      [{ scan: true, machine: 'Cutting', hours: '+5' }, 'INVALID_ARGUMENT', /exactly one of/],
      [{ sweep: 'machine:Cutting', from: 1, to: 2, step: 1 }, 'INVALID_ARGUMENT', /write machine:NAME:WEEK/],
      [{ compare: 'machine:Cutting:+50' }, 'INVALID_ARGUMENT', /write machine:NAME:WEEK:AMOUNT/],
      [{ scan: true, week: 1 }, 'INVALID_ARGUMENT', /--week applies to a change/],
      [{ machine: 'Cutting', hours: '+5', step: 5 }, 'INVALID_ARGUMENT', /--step applies to --sweep and --scan only/],
      [{ material: 'Wood', amount: '-120%' }, 'INVALID_ARGUMENT', /a cut is at most -100%/],
    ];
    for (const [args, code, message] of cases) {
      const out = createBufferedOutput();
      await expect(whatIfCommand({ db, dbShown: db, orm: 'sqlite', solver: 'highs', ...args }, out)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
      expect(out.text()).toBe('');
    }
  });
});
