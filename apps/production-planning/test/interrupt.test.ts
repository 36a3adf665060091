// From the command line a multi-period solve (a MIP) runs in a worker thread, so that Ctrl-C can
// stop it and keep the best plan (app-kit's listenForInterrupt; the Ctrl-C path itself is tested on
// the timetabling app, whose large school takes HiGHS tens of seconds: every production instance
// we have solves in a few seconds, before the first progress line). Here: the worker path gives the
// golden step-4 numbers, and the saved run is re-checked from the database rows.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { fixturePath } from '@lumix/test-fixtures';
import { checkSavedMultiPeriodPlan } from '../src/model/multi-period-plan.js';
import { runApp } from './support/run-app.js';
import { useTempDir } from './support/temp-dir.js';

const root = useTempDir('interrupt');

describe('solve in a worker from the command line (step 4)', () => {
  it('worker/step4-golden-numbers-and-the-saved-rows-check', async () => {
    copyFileSync(fixturePath('tutorial/production_step4.json'), join(root, 'step4.json'));
    const seeded = await runApp(['seed', '--data', 'step4.json', '--orm', 'sqlite'], root, { LUMIX_SOLVER: undefined });
    expect(seeded.code, seeded.stderr).toBe(0);
    const ours = await runApp(['solve', '--orm', 'sqlite'], root, { LUMIX_SOLVER: undefined });
    expect(ours.code, ours.stderr).toBe(0);
    expect(ours.stdout).toContain('highs (default) optimal');
    expect(ours.stdout).toContain('Net profit: $35,880.83');
    const lumix = await runApp(['solve', '--orm', 'sqlite', '--compat', 'lumix', '--goal-mode', 'weighted'], root, { LUMIX_SOLVER: undefined });
    expect(lumix.code, lumix.stderr).toBe(0);
    expect(lumix.stdout).toContain('shortfall = 2,241,777.78');
    const db = await openSqliteAdapter(join(root, 'production.db'));
    try {
      const runs = await db.query<{ id: number; status: string; solver: string }>('SELECT id, status, solver FROM solve_runs ORDER BY id');
      expect(runs).toEqual([
        { id: 1, status: 'optimal', solver: 'highs' },
        { id: 2, status: 'optimal', solver: 'highs' },
      ]);
      const check = await checkSavedMultiPeriodPlan(db, 1, 'correct');
      expect(check.problems).toEqual([]);
      expect(check.recomputedNet).toBeCloseTo(35_880.83, 1);
    } finally {
      await db.close();
    }
  }, 180_000);
});
