// The step-3/4 flags through the command line (parsing, defaults, paths): --data with the
// tutorial files, --goal-mode and --compat lumix, and show on a multi-period run.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '@lumix/test-fixtures';
import { runInProcess } from './support/run-app.js';
import { useTempDir } from './support/temp-dir.js';

const root = useTempDir('cli-steps34');

describe('cli: steps 3 and 4', () => {
  it('cli/step3-goal-mode-weighted-and-default-lexicographic', async () => {
    const dir = join(root, 's3');
    mkdirSync(dir);
    copyFileSync(fixturePath('tutorial/production_step3.json'), join(dir, 'step3.json'));
    const seeded = await runInProcess(['seed', '--data', 'step3.json'], dir);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('5 customers, 9 customer orders');
    const weighted = await runInProcess(['solve', '--goal-mode', 'weighted'], dir);
    expect(weighted.code, weighted.stderr).toBe(0);
    expect(weighted.stdout).toContain("Mode: weighted (LumiX's): minimise Σ 10^(6−priority) × shortfall = 4,058,000.00");
    expect(weighted.stdout).toMatch(/PRIORITY 1: 1\/4 orders satisfied[\s\S]*PRIORITY 2: 1\/3 orders satisfied[\s\S]*PRIORITY 3: 1\/2 orders satisfied/);
    const lex = await runInProcess(['solve'], dir);
    expect(lex.stdout).toContain('9 customer orders as goals (lexicographic)');
    expect(lex.stdout).toContain('Total profit: $2,821.43');
    const bad = await runInProcess(['solve', '--goal-mode', 'sequential'], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/goal-mode/);
  });

  it('cli/step4-compat-lumix-and-show', async () => {
    const dir = join(root, 's4');
    mkdirSync(dir);
    copyFileSync(fixturePath('tutorial/production_step4.json'), join(dir, 'step4.json'));
    expect((await runInProcess(['seed', '--data', 'step4.json', '--orm', 'sqlite'], dir)).code).toBe(0);
    const lumix = await runInProcess(['solve', '--compat', 'lumix', '--goal-mode', 'weighted'], dir);
    expect(lumix.code, lumix.stderr).toBe(0);
    expect(lumix.stdout).toContain('Model (tutorial-literal, --compat lumix): 108 variables, 147 constraints');
    expect(lumix.stdout).toContain('shortfall = 2,241,777.78');
    const ours = await runInProcess(['solve'], dir);
    expect(ours.stdout).toContain('Net profit: $35,880.83');
    const shown = await runInProcess(['show'], dir);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('step4=correct');
    expect(shown.stdout).toMatch(/Nightstand\s+0\.0 \/ 0\.0\s+0\.0 \/ 0\.0\s+50\.0\* \/ 50\.0\s+0\.0 \/ 0\.0/);
  });
});
